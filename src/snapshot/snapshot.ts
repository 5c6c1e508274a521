/**
 * Golden-image snapshots: a manifest of kind "snapshot" written from a known-good image.
 * Every PE file with a version resource becomes a row with its fixed file version (and
 * platform); every other file a row with its size and SHA-256; each row pinned to its path.
 */
import path from 'node:path';
import { HotfixError } from '../errors.js';
import { MANIFEST_FORMAT_VERSION, PLATFORMS, type Manifest, type ManifestFile, type Platform } from '../model/manifest.js';
import { validateManifest } from '../manifest/validateManifest.js';
import { mapLimit } from '../scan/mapLimit.js';
import { observe } from '../scan/observe.js';
import type { FileSource, SourceProblem } from '../source/types.js';
import { compareVersions, formatVersion, type WindowsVersion } from '../version/windowsVersion.js';
import { EVERY_NAME } from '../source/everyName.js';

/** A snapshot that cannot be written: the folder holds nothing to record. */
export class SnapshotError extends HotfixError {
  constructor(root: string, problem: string) {
    super('empty-snapshot', root, undefined, problem);
  }
}

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
    // Every file is hashed, PE files too: a replaced file that still claims its version is then caught by scan --exact.
    const seen = await observe(source, entry, { pe: true, sha256: true });
    if (seen.error || seen.sha256 === undefined || seen.size === undefined) {
      skipped.push({ path: entry.path, code: seen.error?.code ?? 'read-error', message: seen.error?.message ?? 'could not be hashed' });
      return undefined;
    }
    const fixed = seen.pe?.ok ? seen.pe.versions.map((v) => v.fileVersion).filter((v): v is WindowsVersion => v !== undefined) : [];
    if (seen.pe?.ok && fixed.length > 0) {
      // Several version resources that disagree: record the lowest, as a scan judges by the lowest.
      const lowest = [...fixed].sort(compareVersions)[0]!;
      const machine = seen.pe.machine;
      return {
        name: entry.name,
        version: formatVersion(lowest),
        ...((PLATFORMS as readonly string[]).includes(machine) ? { platform: machine as Platform } : {}),
        sha256: seen.sha256,
        path: entry.path,
      };
    }
    return { name: entry.name, version: null, size: seen.size, sha256: seen.sha256, path: entry.path };
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
        'PE files by fixed file version (or later) and, at that same version, SHA-256; other files by size and SHA-256.',
    ],
    files,
  };
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (files.length === 0) {
    const why =
      entries.length === 0
        ? `holds no file${problems.length > 0 ? ` that could be listed (${problems.length} folder(s) could not be)` : ''}`
        : `holds ${entries.length} file(s), and none could be read (first: ${skipped[0]?.path}: ${skipped[0]?.message})`;
    throw new SnapshotError(source.description, `${why}: a snapshot needs at least one file`);
  }
  const invalid = validateManifest(manifest);
  // A bug if it happens: every row above is built to be valid.
  if (invalid.length > 0) throw new Error(`snapshot produced an invalid manifest: ${invalid[0]!.path}: ${invalid[0]!.problem}`);
  return { manifest, problems, skipped };
}
