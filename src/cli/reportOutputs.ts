/** The scan's report options: --report FORMAT=PATH and --fail-on parsed, and the extra report files written. */
import path from 'node:path';
import type { FailOnStatus } from '../model/gate.js';
import type { ScanReport } from '../model/report.js';
import { REPORT_FORMATS } from '../report/formats.js';
import { OutputError, UsageError } from './errors.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { outputProblem } from './output.js';

/** One --report FORMAT=PATH. */
export interface ExtraReport {
  readonly format: string;
  readonly path: string;
}

/** Parses --report values ("junit=out/junit.xml") against the command's formats; throws UsageError naming the bad one. */
export function parseReportOptions(values: readonly string[], formats: readonly string[] = REPORT_FORMATS): ExtraReport[] {
  return values.map((value) => {
    const at = value.indexOf('=');
    const format = at > 0 ? value.slice(0, at) : '';
    const file = at > 0 ? value.slice(at + 1) : '';
    if (file === '-')
      throw new UsageError(`--report ${JSON.stringify(value)}: a --report is written to a file; use --format (and -o -) for stdout`);
    if (!format || !file) throw new UsageError(`--report ${JSON.stringify(value)}: expected FORMAT=PATH, e.g. junit=reports/hotfix.xml`);
    if (!formats.includes(format))
      throw new UsageError(`--report ${JSON.stringify(value)}: unknown format "${format}" (choices: ${formats.join(', ')})`);
    return { format, path: file };
  });
}

/** Two outputs of one run that name one file would overwrite each other: a usage error naming both. */
export function refuseSharedFiles(output: string | undefined, reports: readonly ExtraReport[]): void {
  const named = [
    ...(output !== undefined ? [{ option: `--output ${output}`, file: output }] : []),
    ...reports.map((report) => ({ option: `--report ${report.format}=${report.path}`, file: report.path })),
  ];
  const key = (file: string) => {
    const resolved = path.resolve(file);
    // Windows and macOS file systems ignore case: two spellings are one file there.
    return process.platform === 'win32' || process.platform === 'darwin' ? resolved.toLowerCase() : resolved;
  };
  const seen = new Map<string, string>();
  for (const { option, file } of named) {
    const first = seen.get(key(file));
    if (first !== undefined) {
      throw new UsageError(`${first} and ${option} name the same file; give each report a file of its own (nothing was written)`);
    }
    seen.set(key(file), option);
  }
}

/** Parses --fail-on values (each may be a comma list); throws UsageError on an unknown status or none at all. */
export function parseFailOn(values: readonly string[], choices: readonly FailOnStatus[]): FailOnStatus[] {
  const statuses = values
    .flatMap((value) => value.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = statuses.filter((s) => !choices.includes(s as FailOnStatus));
  if (unknown.length > 0)
    throw new UsageError(`--fail-on: unknown status ${unknown.map((s) => JSON.stringify(s)).join(', ')} (choices: ${choices.join(', ')})`);
  // An empty list (an unset variable, a lone comma) would make a gate that fails on nothing: refuse it.
  if (statuses.length === 0)
    throw new UsageError(
      `--fail-on names no status (got ${values.map((v) => JSON.stringify(v)).join(', ') || 'nothing'}); give one or more of: ` +
        `${choices.join(', ')}`,
    );
  return choices.filter((choice) => statuses.includes(choice));
}

/** Writes every --report file, each whole or not at all (a temporary file, then a rename). */
export async function writeExtraReports(report: ScanReport, reports: readonly ExtraReport[]): Promise<void> {
  // Loaded here, not at start-up: most scans write no extra report.
  const { REPORT_WRITERS } = await import('../report/registry.js');
  for (const extra of reports) {
    await writeOrExplain(extra.path, REPORT_WRITERS[extra.format]!.write(report, { color: false }));
  }
}

/** writeFileAtomic, with a failure turned into an OutputError that names the file (exit 2, no stack). */
export async function writeOrExplain(file: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(path.resolve(file), text);
  } catch (error) {
    throw new OutputError(file, outputProblem(error));
  }
}
