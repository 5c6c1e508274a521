/** `hotfix-verify snapshot ROOT`: a manifest of a known-good image. */
import path from 'node:path';
import { snapshotManifest } from '../snapshot/snapshot.js';
import { directorySource } from '../source/directorySource.js';
import { EXIT, UsageError } from './errors.js';
import { emit, type CliIO } from './output.js';
import { writeOrExplain } from './reportOutputs.js';

/** The options of `snapshot`, as parsed. */
export interface SnapshotArgs {
  readonly root: string;
  readonly output?: string;
  readonly id?: string;
  readonly title?: string;
  readonly product?: string;
}

/** A manifest id from a folder name: "snapshot-<name>", reduced to the characters an id may hold. */
export function defaultSnapshotId(root: string): string {
  const name = path
    .basename(path.resolve(root))
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '');
  return name ? `snapshot-${name}` : 'snapshot';
}

/**
 * Writes the snapshot manifest. Exit 0 when every file was listed and read; 1 when some were
 * not (the manifest is still written, without them, and each is named on stderr).
 */
export async function runSnapshot(args: SnapshotArgs, io: CliIO): Promise<number> {
  if (args.id !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(args.id))
    throw new UsageError(`--id ${JSON.stringify(args.id)}: use letters, digits, ".", "_" or "-"`);
  const source = await directorySource(args.root);
  try {
    const result = await snapshotManifest({
      source,
      id: args.id ?? defaultSnapshotId(args.root),
      ...(args.title ? { title: args.title } : {}),
      ...(args.product ? { product: args.product } : {}),
    });
    const text = `${JSON.stringify(result.manifest, null, 2)}\n`;
    if (args.output) await writeOrExplain(args.output, text);
    else await emit(io, text, undefined);
    for (const problem of result.problems) io.stderr.write(`hotfix-verify: snapshot incomplete: ${problem.path}: ${problem.message}\n`);
    for (const skip of result.skipped) io.stderr.write(`hotfix-verify: left out of the snapshot: ${skip.path}: ${skip.message}\n`);
    if (args.output) io.stderr.write(`hotfix-verify: wrote ${args.output}: ${result.manifest.files.length} files\n`);
    return result.problems.length > 0 || result.skipped.length > 0 ? EXIT.findings : EXIT.ok;
  } finally {
    await source.close?.();
  }
}
