/** The per-fix summary of a scan over several manifests (a catalog): one line per KB, and the files that fall short. */
import { fitColumns, newTable } from './cliTable.js';
import type { ManifestFinding, Verdict } from '../model/finding.js';
import type { ScanReport } from '../model/report.js';
import { escapeControls as safe } from './escapeControls.js';
import { catalogWhy } from './messages.js';
import { colourOf, paint } from './ansi.js';
import type { WriterOptions } from './writer.js';

/** A manifest verdict as a person reads it about a fix. */
export const FIX_WORDS: Readonly<Record<Verdict, string>> = {
  meets: 'installed',
  'falls-short': 'NOT INSTALLED',
  'not-applicable': 'not applicable',
};

/** The summary table: a line per fix (KB, status, branch, component) and why, with the files that fall short. */
export function catalogSummary(report: ScanReport, options: WriterOptions): string {
  const head = ['KB', 'Status', 'Branch', 'Component', 'Why'];
  const rows = report.manifests.map((manifest) => [
    safe(manifest.id),
    paint(
      manifest.verdict === 'meets' && !report.complete ? 'not proven' : FIX_WORDS[manifest.verdict],
      colourOf(manifest.verdict === 'meets' && !report.complete ? 'falls-short' : manifest.verdict),
      options.color,
    ),
    manifest.branch ?? '-',
    safe(componentOf(manifest)),
    catalogWhy(manifest).map(safe).join('\n'),
  ]);
  const table = newTable({
    head,
    style: { head: options.color ? ['cyan'] : [], border: options.color ? ['gray'] : [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    wordWrap: true,
    colWidths: fitColumns(head, rows, options.columns, [
      { index: 4, preferred: 72, minimum: 24 },
      { index: 3, preferred: 30, minimum: 12 },
    ]) as unknown as number[],
  });
  table.push(...rows);
  return table.toString();
}

/** The component a fix is for, as its article heads the table, else its title. */
function componentOf(manifest: ManifestFinding): string {
  return manifest.component ?? manifest.title;
}
