/**
 * Four-part Windows file versions (major.minor.build.revision), each part a
 * 16-bit number, compared numerically: 5.0.1462.10 > 5.0.1462.9.
 */

import type { WindowsVersion } from '../model/version.js';

export type { WindowsVersion } from '../model/version.js';

/** Raised when a version string given by a user (manifest, CLI) is not a valid Windows version. */
export class VersionSyntaxError extends Error {
  readonly code = 'bad-version';
  constructor(
    readonly value: string,
    readonly problem: string,
  ) {
    super(`${JSON.stringify(value)} is not a Windows version (major.minor.build.revision, each 0-65535): ${problem}`);
    this.name = 'VersionSyntaxError';
  }
}

const PART_MAX = 0xffff;

/**
 * Parses a strict dotted version "5.0.1462.10". Missing trailing parts are
 * not allowed: a manifest must say exactly which build it requires.
 */
export function parseVersion(text: string): WindowsVersion {
  const parts = text.split('.');
  if (parts.length !== 4) {
    throw new VersionSyntaxError(text, `expected 4 dot-separated parts, found ${parts.length}`);
  }
  const numbers = parts.map((part, index) => {
    if (!/^\d{1,5}$/.test(part)) {
      throw new VersionSyntaxError(text, `part ${index + 1} (${JSON.stringify(part)}) is not a whole number`);
    }
    if (part.length > 1 && part.startsWith('0')) {
      throw new VersionSyntaxError(text, `part ${index + 1} (${JSON.stringify(part)}) has a leading zero`);
    }
    const value = Number(part);
    if (value > PART_MAX) {
      throw new VersionSyntaxError(text, `part ${index + 1} is ${value}, above 65535`);
    }
    return value;
  });
  return numbers as unknown as WindowsVersion;
}

/** Returns the problem with a version string, or undefined when it is valid. */
export function versionProblem(text: string): string | undefined {
  try {
    parseVersion(text);
    return undefined;
  } catch (error) {
    return (error as VersionSyntaxError).problem;
  }
}

/**
 * Reads a version out of a free-form StringFileInfo value such as
 * "5, 0, 1462, 10", "5.0.1462.10 (SP4.040602-1200)" or "5.00.1462.10".
 * Returns undefined when the text does not start with a recognisable version.
 * Fewer than four parts are padded with zeros, as Windows' own tools show them.
 */
export function parseLooseVersion(text: string): WindowsVersion | undefined {
  const match = /^\s*v?(\d{1,5})(?:\s*[.,]\s*(\d{1,5}))?(?:\s*[.,]\s*(\d{1,5}))?(?:\s*[.,]\s*(\d{1,5}))?/i.exec(text);
  if (!match) return undefined;
  const numbers = [match[1], match[2], match[3], match[4]].map((part) => (part === undefined ? 0 : Number(part)));
  if (numbers.some((value) => value > PART_MAX)) return undefined;
  return numbers as unknown as WindowsVersion;
}

/** Builds a version from the two 32-bit halves of VS_FIXEDFILEINFO (dwFileVersionMS, dwFileVersionLS). */
export function versionFromFixed(ms: number, ls: number): WindowsVersion {
  return [(ms >>> 16) & PART_MAX, ms & PART_MAX, (ls >>> 16) & PART_MAX, ls & PART_MAX];
}

/** Compares two versions part by part: negative when a < b, 0 when equal, positive when a > b. */
export function compareVersions(a: WindowsVersion, b: WindowsVersion): number {
  for (let i = 0; i < 4; i++) {
    const diff = (a[i] as number) - (b[i] as number);
    if (diff !== 0) return diff < 0 ? -1 : 1;
  }
  return 0;
}

/** Formats a version as "major.minor.build.revision". */
export function formatVersion(version: WindowsVersion): string {
  return version.join('.');
}

/** The product branch of a version: its "major.minor", e.g. "5.0" for 5.0.1462.10. */
export function branchOf(version: WindowsVersion): string {
  return `${version[0]}.${version[1]}`;
}

/**
 * True when a version belongs to a branch: "major.minor" ("5.0"), or, from manifest format 1.2,
 * "major.minor.build" ("15.2.792": an Exchange cumulative update, whose security updates raise
 * only the revision). Parts compare as numbers.
 */
export function inBranch(version: WindowsVersion, branch: string): boolean {
  const parts = branch.split('.').map(Number);
  return parts.every((part, index) => version[index] === part);
}

/** The branch of a version to the depth of `like` ("15.2.792" for 15.2.792.10 beside a three-part branch). */
export function branchLike(version: WindowsVersion, like: string): string {
  return version.slice(0, Math.min(3, Math.max(2, like.split('.').length))).join('.');
}
