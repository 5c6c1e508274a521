// The whole pipeline on manifests and an open source, for tests that look at the report only.
import type { ScanReport } from '../../src/model/report.js';
import { type VerifyOptions, verify } from '../../src/verify.js';

/** Runs verify() (evaluation, ignore file, gate) and returns the report. */
export async function scan(options: VerifyOptions): Promise<ScanReport> {
  return (await verify(options)).report;
}

/** The CLI's exit code for a report: 0 when the gate passes, 1 when it does not. */
export function exitCodeFor(report: ScanReport): 0 | 1 {
  return report.gate.pass ? 0 : 1;
}
