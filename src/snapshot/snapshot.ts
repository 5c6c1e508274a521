/**
 * Golden-image snapshots: a manifest of kind "snapshot" written from a known-good image.
 * Every PE file with a version resource becomes a row with its fixed file version (and
 * platform); every other file a row with its size and SHA-256; each row pinned to its path.
 */
import path from 'node:path';
import type { Manifest, ManifestFile, Platform } from '../manifest/types.js';
import { MANIFEST_FORMAT_VERSION } from '../manifest/types.js';
import { validateManifest } from '../manifest/validateManifest.js';
import { mapLimit } from '../scan/scan.js';
import { observe } from '../scan/observe.js';
import type { FileSource, SourceProblem } from '../source/types.js';
import { compareVersions, formatVersion, type WindowsVersion } from '../version/windowsVersion.js';
import { EVERY_NAME } from '../source/everyName.js';

/** What to snapshot and how to name the manifest. */
export interface SnapshotOptions {
  readonly source: FileSource;
  /** Manifest id; default "snapshot". */
  readonly id?: string;
  /** Default "Snapshot of <source description>". */
  readonly title?: string;
  /** Default "golden image". */
  readonly product?: string;
  /** The manifest's date (YYYY-MM-DD); default today (UTC). */
  readonly date?: string;
  /** Files read at once (default 8). */
  readonly concurrency?: number;
}

/** A file left out of the snapshot, and why. */
export interface SnapshotSkip {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** The snapshot manifest, and what could not be listed or read (then the snapshot is incomplete). */
export interface SnapshotResult {
  readonly manifest: Manifest;
  readonly problems: readonly SourceProblem[];
  readonly skipped: readonly SnapshotSkip[];
}

const PLATFORMS: readonly string[] = ['i386', 'alpha', 'x64', 'ia64'];
// Names a manifest row cannot hold (see validateManifest): legal on Linux, not on Windows.
const UNREPRESENTABLE = /[\\/:*?"<>|\u0000]/;

/** Builds a snapshot manifest of every file in `source`. Never throws for one bad file: it is skipped and listed. */
export async function snapshotManifest(options: SnapshotOptions): Promise<SnapshotResult> {
  const { source } = options;
  const { entries, problems } = await source.find(EVERY_NAME);
  const skipped: SnapshotSkip[] = [];
  const rows = await mapLimit(entries, options.concurrency ?? 8, async (entry): Promise<ManifestFile | undefined> => {
    if (UNREPRESENTABLE.test(entry.name)) {
      skipped.push({
        path: entry.path,
        code: 'unrepresentable-name',
        message: 'the name holds a character a manifest row cannot (\\ / : * ? " < > |)',
      });
      return undefined;
    }
    const seen = await observe(source, entry, { pe: true, sha256: false });
    if (seen.error) {
      skipped.push({ path: entry.path, code: seen.error.code, message: seen.error.message });
      return undefined;
    }
    const fixed = seen.pe?.ok ? seen.pe.versions.map((v) => v.fixed?.fileVersion).filter((v): v is WindowsVersion => v !== undefined) : [];
    if (seen.pe?.ok && fixed.length > 0) {
      // Several version resources that disagree: record the lowest, as a scan judges by the lowest.
      const lowest = fixed.sort(compareVersions)[0]!;
      const machine = seen.pe.image.machine;
      return {
        name: entry.name,
        version: formatVersion(lowest),
        ...(PLATFORMS.includes(machine) ? { platform: machine as Platform } : {}),
        path: entry.path,
      };
    }
    const hashed = await observe(source, entry, { pe: false, sha256: true });
    if (hashed.error || hashed.sha256 === undefined || hashed.size === undefined) {
      skipped.push({ path: entry.path, code: hashed.error?.code ?? 'read-error', message: hashed.error?.message ?? 'could not be hashed' });
      return undefined;
    }
    return { name: entry.name, version: null, size: hashed.size, sha256: hashed.sha256, path: entry.path };
  });
  const files = rows.filter((row): row is ManifestFile => row !== undefined);
  const manifest: Manifest = {
    formatVersion: MANIFEST_FORMAT_VERSION,
    id: options.id ?? 'snapshot',
    title: options.title ?? `Snapshot of ${source.description}`,
    product: options.product ?? 'golden image',
    kind: 'snapshot',
    rule: 'or-later',
    date: options.date ?? new Date().toISOString().slice(0, 10),
    notes: [
      `Written by hotfix-verify snapshot from ${path.basename(source.description) || source.description}: ${files.length} files; ` +
        'PE files by fixed file version (or later), other files by size and SHA-256.',
    ],
    files,
  };
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const invalid = validateManifest(manifest);
  // A bug if it happens: every row above is built to be valid.
  if (invalid.length > 0) throw new Error(`snapshot produced an invalid manifest: ${invalid[0]!.path}: ${invalid[0]!.problem}`);
  return { manifest, problems, skipped };
}
