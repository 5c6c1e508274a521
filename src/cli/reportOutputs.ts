/** The CI steps after a scan: --exact, the ignore file, the gate, and the extra --report files. */
import path from 'node:path';
import type { FailOnStatus, ScanReport } from '../evaluate/types.js';
import { gateReport } from '../gate/gate.js';
import type { LoadedManifest } from '../manifest/types.js';
import { REPORT_FORMATS } from '../report/formats.js';
import type { FileSource } from '../source/types.js';
import { OutputError, UsageError } from './errors.js';
import type { CliIO } from './output.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { outputProblem } from './output.js';

/** One --report FORMAT=PATH. */
export interface ExtraReport {
  readonly format: string;
  readonly path: string;
}

/** Parses --report values ("junit=out/junit.xml"); throws UsageError naming the bad one. */
export function parseReportOptions(values: readonly string[]): ExtraReport[] {
  return values.map((value) => {
    const at = value.indexOf('=');
    const format = at > 0 ? value.slice(0, at) : '';
    const file = at > 0 ? value.slice(at + 1) : '';
    if (!format || !file) throw new UsageError(`--report ${JSON.stringify(value)}: expected FORMAT=PATH, e.g. junit=reports/hotfix.xml`);
    if (!REPORT_FORMATS.includes(format))
      throw new UsageError(`--report ${JSON.stringify(value)}: unknown format "${format}" (choices: ${REPORT_FORMATS.join(', ')})`);
    return { format, path: file };
  });
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

/** What finishReport needs besides the report. */
export interface FinishOptions {
  readonly manifests: readonly LoadedManifest[];
  readonly source: FileSource;
  readonly failOn: readonly FailOnStatus[];
  readonly ignoreFile?: string | undefined;
  readonly exact: boolean;
  /** "Today" for ignore-entry expiry (YYYY-MM-DD); default the current UTC date. */
  readonly today?: string;
}

/**
 * Applies --exact, the ignore file and the gate to a scan report; warns on stderr about expired and unused entries unless `io` is
 * undefined.
 */
export async function finishReport(scanned: ScanReport, options: FinishOptions, io: CliIO | undefined): Promise<ScanReport> {
  if (options.exact && !options.manifests.some((loaded) => loaded.manifest.kind === 'snapshot')) {
    throw new UsageError(
      '--exact compares with a snapshot: give a manifest written by `hotfix-verify snapshot` (kind "snapshot") with --manifest',
    );
  }
  // --exact and --ignore-file load their modules (and yaml) only when given.
  let report = options.exact
    ? await (await import('../snapshot/exactCheck.js')).exactCheck(scanned, options.manifests, options.source)
    : scanned;
  if (options.ignoreFile !== undefined) {
    const { loadIgnoreFile } = await import('../gate/ignoreFile.js');
    const { applyIgnores, todayUtc } = await import('../gate/applyIgnores.js');
    const entries = await loadIgnoreFile(options.ignoreFile);
    const applied = applyIgnores(report, entries, options.today ?? io?.env['HOTFIX_VERIFY_TODAY'] ?? todayUtc());
    report = {
      ...applied.report,
      ignoreEntries: applied.uses.map(({ entry, expired, matched }) => ({
        id: entry.id,
        manifest: entry.manifest,
        file: entry.file,
        ...(entry.path ? { path: entry.path } : {}),
        reason: entry.reason,
        ...(entry.expires ? { expires: entry.expires } : {}),
        expired,
        matched,
      })),
    };
    for (const use of applied.uses) {
      if (use.expired && use.matched > 0)
        io?.stderr.write(
          `hotfix-verify: ${use.entry.id} (${use.entry.where}): expired on ${use.entry.expires}; ${use.entry.file} is reported again\n`,
        );
      else if (use.matched === 0)
        io?.stderr.write(
          `hotfix-verify: ${use.entry.id} (${use.entry.where}): matches no finding of ${use.entry.manifest} ` +
            `${use.entry.file}${use.entry.path ? ` at ${use.entry.path}` : ''}\n`,
        );
    }
  }
  return { ...report, gate: gateReport(report, options.failOn) };
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
