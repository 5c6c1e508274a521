/** The human report: one cli-table3 table per manifest, a line per copy found, and a verdict line. */
import { fitColumns, newTable, wrapPath } from './cliTable.js';
import type { CopyFinding, RowFinding, Suppression } from '../model/finding.js';
import { DEFAULT_FAIL_ON } from '../model/gate.js';
import type { ScanReport } from '../model/report.js';
import { colourOf, paint } from './ansi.js';
import { escapeControls as safe } from './escapeControls.js';
import { catalogSummary } from './catalogSummary.js';
import { foundOf } from './findings.js';
import {
  copyDetail,
  fixCountLine,
  gateSummary,
  incompleteBanner,
  manifestSummary,
  noteText,
  reportSummary,
  roleText,
  rowDetail,
} from './messages.js';
import type { ReportWriter, WriterOptions } from './writer.js';

function found(copy: CopyFinding): string {
  const { shown, differingString } = foundOf(copy);
  return differingString !== undefined ? `${shown} (string "${safe(differingString)}")` : shown;
}

function suppressionNote(suppression: Suppression | undefined): string {
  if (!suppression) return '';
  return suppression.expired
    ? `\nnote: ignore entry ${safe(suppression.entry)} expired on ${suppression.expires}: shown again`
    : `\nsuppressed by ${safe(suppression.entry)}: ${safe(suppression.reason)}`;
}

function lines(row: RowFinding, options: WriterOptions): string[][] {
  const required = row.required ?? 'N/A';
  const name = safe(row.platform ? `${row.name} (${row.platform})` : row.name);
  const status = (text: string, of: RowFinding['status']) => paint(text, colourOf(of), options.color);
  if (row.copies.length === 0) {
    return [[name, required, '-', '-', status(row.status, row.status), `${safe(rowDetail(row))}${suppressionNote(row.suppression)}`]];
  }
  // A row whose copies do not decide (all outside the install folders, or backups) says so first.
  const head: string[][] =
    row.status === 'missing'
      ? [[name, required, '-', '-', status(row.status, row.status), `${safe(rowDetail(row))}${suppressionNote(row.suppression)}`]]
      : [];
  return [
    ...head,
    ...row.copies.map((copy: CopyFinding, index) => {
      const role = roleText(copy.role);
      const notes =
        (role ? `\n${role}` : '') +
        (copy.notes.length > 0 ? `\n${copy.notes.map((note) => `note: ${safe(noteText(note))}`).join('\n')}` : '') +
        (copy.status !== 'meets' && copy.role === 'installed' ? suppressionNote(copy.suppression ?? row.suppression) : '');
      const first = index === 0 && head.length === 0;
      return [
        first ? name : '',
        first ? required : '',
        found(copy),
        safe(copy.path),
        status(
          copy.role === 'installed' ? copy.status : `${copy.status} (${copy.role})`,
          copy.role === 'installed' ? copy.status : 'not-applicable',
        ),
        `${safe(copyDetail(copy))}${notes}`,
      ];
    }),
  ];
}

/** One manifest's per-file table, headed by its id and title and closed by its summary line. */
function manifestBlock(manifest: ScanReport['manifests'][number], complete: boolean, options: WriterOptions): string[] {
  const head = ['File', 'Required', 'Found', 'Where', 'Status', 'Reason'];
  const natural = manifest.rows.flatMap((row) => lines(row, options));
  // On a terminal narrower than the table the Reason column wraps, then Where (at "/"); elsewhere Reason is 60 wide.
  const widths = fitColumns(head, natural, options.columns, [
    { index: 5, preferred: 60, minimum: 24 },
    { index: 3, minimum: 16 },
  ]);
  const where = widths[3];
  const rows = where == null ? natural : natural.map((row) => row.map((cell, i) => (i === 3 ? wrapPath(cell, where) : cell)));
  const table = newTable({
    head,
    style: { head: options.color ? ['cyan'] : [], border: options.color ? ['gray'] : [] },
    // Compact: no rule between rows, so a 16-row KB table fits a screen.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    wordWrap: true,
    colWidths: widths as unknown as number[],
  });
  table.push(...rows);
  return [
    paint(safe(`${manifest.id}: ${manifest.title}`), 'bold', options.color),
    table.toString(),
    paint(manifestSummary(manifest, complete), complete ? colourOf(manifest.verdict) : 'yellow', options.color),
    '',
  ];
}

/**
 * Writes the report as tables for a person at a terminal. One manifest: its
 * per-file table. Several (a catalog): a line per fix, then the per-file
 * tables of the fixes that fall short (of every fix with `details`).
 */
export const tableWriter: ReportWriter = {
  name: 'table',
  description: 'a table per manifest (a line per fix for several) and a verdict line, for people',
  write(report: ScanReport, options: WriterOptions): string {
    const out: string[] = [];
    // An incomplete scan says so before anything that could read as a pass.
    const banner = incompleteBanner(report);
    if (banner) out.push(paint(safe(banner), 'yellow', options.color), '');
    const several = report.manifests.length > 1;
    for (const manifest of report.manifests) {
      if (several && !options.details && manifest.verdict !== 'falls-short') continue;
      out.push(...manifestBlock(manifest, report.complete, options));
    }
    if (several) out.push(catalogSummary(report, options), fixCountLine(report));
    for (const note of report.notes ?? []) out.push(paint(safe(`note: ${note}`), 'yellow', options.color));
    for (const problem of report.problems)
      out.push(paint(safe(`incomplete: ${problem.path}: ${problem.message}`), 'yellow', options.color));
    out.push(paint(safe(reportSummary(report)), colourOf(report.verdict), options.color));
    const gate = report.gate;
    // The gate line shows only when it can tell something the verdict does not.
    const defaultGate =
      gate &&
      gate.failOn.join() === DEFAULT_FAIL_ON.join() &&
      gate.suppressed === 0 &&
      gate.expired === 0 &&
      gate.pass === (report.verdict === 'meets');
    if (gate && !defaultGate)
      out.push(paint(`Gate (fails on ${gate.failOn.join(', ')}): ${gateSummary(gate)}.`, gate.pass ? 'green' : 'red', options.color));
    return `${out.join('\n')}\n`;
  },
};
