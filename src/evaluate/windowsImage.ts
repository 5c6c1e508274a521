/**
 * What a modern Windows image says about a copy: whether it sits in the native system folder (System32) or
 * the WOW64 one (SysWOW64), and which component of the store (WinSxS) holds it. Windows keeps the live file
 * in System32 (SysWOW64 for the x86 files of an x64 system) and every version of each component in WinSxS,
 * superseded ones too until cleanup; only live copies decide a row.
 */
import type { ManifestFile, Platform } from '../model/manifest.js';
import type { WindowsVersion } from '../model/version.js';

/** The platforms each platform runs under WOW64 (x86 files in an x64 package are normal; Arm64 also runs x64 code). */
export const WOW64_GUESTS: Readonly<Partial<Record<Platform, readonly Platform[]>>> = {
  x64: ['i386'],
  ia64: ['i386'],
  arm64: ['i386', 'x64'],
};

/** True when `guest` runs under WOW64 on `host`. */
export function runsUnderWow64(guest: Platform | undefined, host: Platform | undefined): boolean {
  return guest !== undefined && host !== undefined && (WOW64_GUESTS[host]?.includes(guest) ?? false);
}

/**
 * True for a row of a package's WOW64 side: its own platform runs under WOW64 on the package's
 * (an x86 row of an x64 package), so its live copy is in SysWOW64.
 */
export function isWow64Row(row: ManifestFile, packagePlatform: Platform | undefined): boolean {
  return runsUnderWow64(row.platform, packagePlatform);
}

/** Which system folder a path is in: `native` (System32), `wow64` (SysWOW64), or undefined (anywhere else). */
export function systemFolderOf(path: string): 'native' | 'wow64' | undefined {
  const segments = path.toLowerCase().split('/').slice(0, -1);
  if (segments.includes('winsxs')) return undefined;
  if (segments.includes('syswow64')) return 'wow64';
  if (segments.includes('system32')) return 'native';
  return undefined;
}

/**
 * The component of the store a copy belongs to, from its WinSxS folder: the folder's name without the version
 * and the hash (`amd64_microsoft-windows-lsa_31bf3856ad364e35_6.1.7600.20667_none_02e0bd6c8f87d3c1` →
 * `amd64_microsoft-windows-lsa_31bf3856ad364e35_none`), so every version of one component is one component.
 * Undefined for a copy outside the store or in one of its own folders (Manifests, Backup, Catalogs).
 */
export function storeComponentOf(path: string): string | undefined {
  const segments = path.toLowerCase().split('/');
  const store = segments.indexOf('winsxs');
  if (store < 0 || store + 2 > segments.length - 1) return undefined;
  const parts = (segments[store + 1] as string).split('_');
  if (parts.length < 6 || !/^\d+(\.\d+){3}$/.test(parts[parts.length - 3] as string)) return undefined;
  return [...parts.slice(0, -3), parts[parts.length - 2]].join('_');
}

/** WinSxS folder names' first part, as a PE header's machine names it (wow64: the x86 half of an x64 system). */
const STORE_ARCHES: Readonly<Record<string, string>> = {
  x86: 'i386',
  wow64: 'i386',
  amd64: 'x64',
  arm64: 'arm64',
  ia64: 'ia64',
  arm: 'arm',
};

/**
 * The version and platform a component-store copy's folder name states
 * (`amd64_microsoft-windows-lsa_31bf3856ad364e35_6.1.7600.20667_none_…` → 6.1.7600.20667, x64), or undefined
 * for a path outside a component folder of the store, or one whose name does not follow the pattern.
 */
export function storeFolderFacts(path: string): { version: WindowsVersion; machine?: string } | undefined {
  if (storeComponentOf(path) === undefined) return undefined;
  const segments = path.toLowerCase().split('/');
  const parts = (segments[segments.indexOf('winsxs') + 1] as string).split('_');
  const numbers = (parts[parts.length - 3] as string).split('.').map(Number);
  if (numbers.length !== 4 || numbers.some((n) => !Number.isInteger(n) || n > 0xffff)) return undefined;
  const machine = STORE_ARCHES[parts[0] as string];
  return { version: numbers as unknown as WindowsVersion, ...(machine ? { machine } : {}) };
}

/** True when a path is in the component store (WinSxS), its own folders included. */
export function inComponentStore(path: string): boolean {
  return path.toLowerCase().split('/').slice(0, -1).includes('winsxs');
}
