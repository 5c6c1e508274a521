/** `hotfix-verify scan [TARGET]`: the main job. */
import { loadManifestSelection } from '../manifest/loadCatalog.js';
import { REPORT_WRITERS } from '../report/registry.js';
import { openSource } from '../source/openSource.js';
import { scan } from '../scan/scan.js';
import type { ScanReport } from '../evaluate/types.js';
import { EXIT } from './errors.js';
import { colourAllowed, emit, type CliIO } from './output.js';

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
}

/** The exit code for a scan report: 0 only when the target is proven to meet. */
export function exitCodeFor(report: ScanReport): number {
  return report.verdict === 'meets' ? EXIT.ok : EXIT.findings;
}

/** Runs a scan and writes the report; returns the exit code. */
export async function runScan(args: ScanArgs, io: CliIO): Promise<number> {
  const { manifests, catalog } = await loadManifestSelection({ catalog: args.catalog === true, manifest: args.manifest });
  const source = await openSource(args.target, {
    ...(args.imageIndex !== undefined ? { imageIndex: args.imageIndex } : {}),
    ...(args.maxExpand !== undefined ? { maxExpand: args.maxExpand } : {}),
  });
  try {
    const report = await scan({ manifests, source, catalog });
    const writer = REPORT_WRITERS[args.format]!;
    await emit(io, writer.write(report, { color: colourAllowed(io, args.output !== undefined), details: args.details === true }), args.output);
    return exitCodeFor(report);
  } finally {
    await source.close?.();
  }
}
