/** `hotfix-verify scan [TARGET]`: the main job. */
import { loadBundledManifest, loadManifest } from '../manifest/loadManifest.js';
import { directorySource } from '../source/directorySource.js';
import { scan } from '../scan/scan.js';
import type { ScanReport } from '../evaluate/types.js';
import { EXIT } from './errors.js';
import { colourAllowed, emit, type CliIO } from './output.js';
import { startProgress } from './progress.js';

/** The options of `scan`, as parsed. */
export interface ScanArgs {
  readonly target: string;
  readonly manifest: readonly string[];
  readonly format: string;
  readonly output?: string;
  /** No progress line on stderr. */
  readonly quiet?: boolean;
}

/** The exit code for a scan report: 0 only when the target is proven to meet. */
export function exitCodeFor(report: ScanReport): number {
  return report.verdict === 'meets' ? EXIT.ok : EXIT.findings;
}

/** Runs a scan and writes the report; returns the exit code. */
export async function runScan(args: ScanArgs, io: CliIO): Promise<number> {
  // The writers (and cli-table3) load while the tree is walked, not before.
  const writers = import('../report/registry.js');
  writers.catch(() => undefined);
  const manifests = args.manifest.length > 0 ? await Promise.all(args.manifest.map((file) => loadManifest(file))) : [await loadBundledManifest()];
  const progress = startProgress(io, { quiet: args.quiet === true });
  const source = await directorySource(args.target, {
    onProgress: (c) => progress.update(() => `listing: ${c.folders} folders, ${c.entries} entries, ${c.matched} named in the manifests`),
  });
  try {
    const report = await scan({ manifests, source });
    progress.done();
    const writer = (await writers).REPORT_WRITERS[args.format]!;
    await emit(io, writer.write(report, { color: colourAllowed(io, args.output !== undefined) }), args.output);
    return exitCodeFor(report);
  } finally {
    progress.done();
    await source.close?.();
  }
}
