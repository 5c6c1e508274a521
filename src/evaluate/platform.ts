/**
 * Which platform the installed copies are built for. An installed copy built for another machine
 * than the server's (stated with --platform, or shown by the other installed copies of the fix)
 * does not meet, nor does one built for a platform the product never shipped.
 */
import type { CopyFinding } from '../model/finding.js';
import { PLATFORMS, type Platform } from '../model/manifest.js';

/** The usual names of each platform, as admins and articles write them. */
const PLATFORM_ALIASES: Readonly<Record<string, Platform>> = {
  i386: 'i386',
  x86: 'i386',
  intel: 'i386',
  ia32: 'i386',
  alpha: 'alpha',
  axp: 'alpha',
  x64: 'x64',
  amd64: 'x64',
  'x86-64': 'x64',
  x86_64: 'x64',
  ia64: 'ia64',
  itanium: 'ia64',
  arm64: 'arm64',
  aarch64: 'arm64',
};

/** The platform a name stands for (case-insensitive, usual aliases), or undefined. */
export function parsePlatform(name: string): Platform | undefined {
  return PLATFORM_ALIASES[name.trim().toLowerCase()];
}

/** Every accepted platform name, for messages. */
export const PLATFORM_NAMES: readonly string[] = Object.keys(PLATFORM_ALIASES);

/** True for a PE machine name that is one of the platforms a manifest can name. */
export function isPlatform(machine: string | undefined): machine is Platform {
  return machine !== undefined && (PLATFORMS as readonly string[]).includes(machine);
}

/** What the installed copies of one fix say about the server's platform. */
export interface PlatformReading {
  /** The server's platform: stated, or the one the installed copies agree on (or most of them). */
  readonly platform?: Platform;
  /** True when it was stated with --platform. */
  readonly stated: boolean;
  /** Machines of the installed copies when they disagree with no majority. */
  readonly mixed?: readonly Platform[];
}

/** Reads the server's platform from --platform, else from the installed copies' machines. */
export function readPlatform(copies: readonly CopyFinding[], stated: Platform | undefined): PlatformReading {
  if (stated !== undefined) return { platform: stated, stated: true };
  const counts = new Map<Platform, number>();
  for (const copy of copies)
    if (copy.role === 'installed' && isPlatform(copy.machine)) counts.set(copy.machine, (counts.get(copy.machine) ?? 0) + 1);
  if (counts.size === 0) return { stated: false };
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  if (ranked.length > 1 && ranked[0]![1] === ranked[1]![1]) return { stated: false, mixed: ranked.map(([machine]) => machine) };
  return { platform: ranked[0]![0], stated: false };
}

/** A copy's finding after the platform checks: unchanged, or outdated for a build the server cannot run. */
export function checkCopyPlatform(copy: CopyFinding, reading: PlatformReading, productPlatforms?: readonly Platform[]): CopyFinding {
  if (copy.role !== 'installed' || copy.machine === undefined) return copy;
  // An unreadable copy stays unverifiable; another branch's file keeps its own reason.
  if (copy.status === 'unverifiable' || copy.reason === 'other-branch') return copy;
  const machine = copy.machine;
  if (productPlatforms !== undefined && productPlatforms.length > 0 && !(productPlatforms as readonly string[]).includes(machine)) {
    return { ...copy, status: 'outdated', reason: 'wrong-platform', args: { machine, platforms: productPlatforms } };
  }
  if (reading.mixed !== undefined) {
    return { ...copy, status: 'outdated', reason: 'mixed-platform', args: { machine, machines: reading.mixed } };
  }
  if (reading.platform !== undefined && machine !== reading.platform) {
    return { ...copy, status: 'outdated', reason: 'wrong-platform', args: { machine, platform: reading.platform, stated: reading.stated } };
  }
  return copy;
}
