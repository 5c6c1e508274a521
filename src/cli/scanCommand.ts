/** `hotfix-verify scan [TARGET]`: the main job. */
import { loadBundledManifest, loadManifest } from '../manifest/loadManifest.js';
import { REPORT_WRITERS } from '../report/registry.js';
import { directorySource } from '../source/directorySource.js';
import { scan } from '../scan/scan.js';
import type { FailOnStatus, ScanReport } from '../evaluate/types.js';
import { gateExitCode } from '../gate/gate.js';
import { EXIT } from './errors.js';
import { colourAllowed, emit, type CliIO } from './output.js';

/** The options of `scan`, as parsed. */
export interface ScanArgs {
  readonly target: string;
  readonly manifest: readonly string[];
  readonly format: string;
  readonly output?: string;
}

/** The exit code for a scan report: 0 only when the gate passes (see src/gate/gate.ts). */
export function exitCodeFor(report: ScanReport, failOn?: readonly FailOnStatus[]): number {
  return gateExitCode(report, failOn) === 0 ? EXIT.ok : EXIT.findings;
}

/** Runs a scan and writes the report; returns the exit code. */
export async function runScan(args: ScanArgs, io: CliIO): Promise<number> {
  const manifests = args.manifest.length > 0 ? await Promise.all(args.manifest.map((file) => loadManifest(file))) : [await loadBundledManifest()];
  const source = await directorySource(args.target);
  try {
    const report = await scan({ manifests, source });
    const writer = REPORT_WRITERS[args.format]!;
    await emit(io, writer.write(report, { color: colourAllowed(io, args.output !== undefined) }), args.output);
    return exitCodeFor(report);
  } finally {
    await source.close?.();
  }
}
