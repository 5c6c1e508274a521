/** `hotfix-verify scan [TARGET]`: the main job. */
import { loadManifestSelection } from '../manifest/loadCatalog.js';
import { openSource } from '../source/openSource.js';
import { scan } from '../scan/scan.js';
import type { FailOnStatus, ScanReport } from '../evaluate/types.js';
import { DEFAULT_FAIL_ON, gateExitCode } from '../gate/gate.js';
import { EXIT } from './errors.js';
import { colourAllowed, emit, type CliIO } from './output.js';
import { finishReport, writeExtraReports, type ExtraReport } from './reportOutputs.js';
import { startProgress } from './progress.js';

/** The options of `scan`, as parsed. */
export interface ScanArgs {
  readonly target: string;
  readonly manifest: readonly string[];
  readonly format: string;
  readonly output?: string;
  /** WIM image to scan (1-based). */
  readonly imageIndex?: number;
  /** Bytes an archive may expand to while scanned. */
  readonly maxExpand?: number;
  /** Check the bundled Exchange 5.0 catalog (with any --manifest given). */
  readonly catalog?: boolean;
  /** Table report with several manifests: show every manifest's per-file table, not only those that fall short. */
  readonly details?: boolean;
  /** Statuses that fail the gate; default DEFAULT_FAIL_ON. */
  readonly failOn?: readonly FailOnStatus[];
  /** Nothing on stdout; the exit code (and --report files) only. */
  readonly quiet?: boolean;
  /** More reports written in the same run (--report FORMAT=PATH). */
  readonly reports?: readonly ExtraReport[];
  /** Accepted findings (--ignore-file). */
  readonly ignoreFile?: string;
  /** Against snapshot manifests, also report newer files and files the snapshot lacks. */
  readonly exact?: boolean;
}

/** The exit code for a scan report: 0 only when the gate passes (see src/gate/gate.ts). */
export function exitCodeFor(report: ScanReport, failOn?: readonly FailOnStatus[]): number {
  return gateExitCode(report, failOn) === 0 ? EXIT.ok : EXIT.findings;
}

/** Runs a scan and writes the report; returns the exit code. */
export async function runScan(args: ScanArgs, io: CliIO): Promise<number> {
  // The writers (and cli-table3) load while the tree is walked, not before.
  const writers = import('../report/registry.js');
  writers.catch(() => undefined);
  const { manifests, catalog } = await loadManifestSelection({ catalog: args.catalog === true, manifest: args.manifest });
  const progress = startProgress(io, { quiet: args.quiet === true });
  const source = await openSource(args.target, {
    ...(args.imageIndex !== undefined ? { imageIndex: args.imageIndex } : {}),
    ...(args.maxExpand !== undefined ? { maxExpand: args.maxExpand } : {}),
    folder: {
      onProgress: (c) => progress.update(() => `listing: ${c.folders} folders, ${c.entries} entries, ${c.matched} named in the manifests`),
    },
  });
  try {
    const scanned = await scan({ manifests, source, catalog });
    progress.done();
    const report = await finishReport(
      scanned,
      { manifests, source, failOn: args.failOn ?? DEFAULT_FAIL_ON, ignoreFile: args.ignoreFile, exact: args.exact === true },
      args.quiet ? undefined : io,
    );
    if (!args.quiet || args.output) {
      const writer = (await writers).REPORT_WRITERS[args.format]!;
      await emit(
        io,
        writer.write(report, { color: colourAllowed(io, args.output !== undefined), details: args.details === true }),
        args.output,
      );
    }
    await writeExtraReports(report, args.reports ?? []);
    return exitCodeFor(report);
  } finally {
    progress.done();
    await source.close?.();
  }
}
