/** The per-fix summary of a scan over several manifests (a catalog): one line per KB, and the files that fall short. */
import { newTable } from './cliTable.js';
import type { ManifestFinding, Verdict } from '../model/finding.js';
import type { ScanReport } from '../model/report.js';
import { escapeControls as safe } from './escapeControls.js';
import { rowDetail } from './messages.js';
import { colourOf, paint } from './ansi.js';
import type { WriterOptions } from './writer.js';

/** A manifest verdict as a person reads it about a fix. */
export const FIX_WORDS: Readonly<Record<Verdict, string>> = {
  meets: 'installed',
  'falls-short': 'NOT INSTALLED',
  'not-applicable': 'not applicable',
};

/** Why a fix does not apply, or which of its files fall short, one line each. */
function why(manifest: ManifestFinding): string[] {
  if (manifest.verdict === 'meets')
    return [`${manifest.counts.meets} file${manifest.counts.meets === 1 ? '' : 's'} meet${manifest.counts.meets === 1 ? 's' : ''} the fix`];
  if (manifest.verdict === 'not-applicable') {
    const found = manifest.rows.flatMap((row) => row.copies).find((copy) => copy.status === 'not-applicable');
    switch (manifest.reason) {
      case 'not-present':
        return ['component not installed: none of its files is on the target'];
      case 'other-platform':
        return [`for another platform${found ? `: ${safe(found.path)} is ${found.machine ?? 'of another platform'}` : ''}`];
      default:
        return [`for ${manifest.branch ?? 'another branch'}${found?.fixedVersion ? `: ${safe(found.path)} is ${found.fixedVersion}` : ''}`];
    }
  }
  return (
    manifest.rows
      .filter((row) => row.status !== 'meets' && row.status !== 'not-applicable')
      // The version is the evidence the summary needs; "fixed file version" is said in the per-file table.
      .map((row) => safe(`${row.name} ${row.status}: ${rowDetail(row).replace(/^fixed file version /, '')}`))
  );
}

/** "29 fixes: 16 installed, 1 not installed, 12 not applicable". */
export function fixCountLine(report: ScanReport): string {
  const count = (verdict: Verdict) => report.manifests.filter((m) => m.verdict === verdict).length;
  const total = report.manifests.length;
  return (
    `${total} fix${total === 1 ? '' : 'es'}: ${count('meets')} installed, ${count('falls-short')} not installed, ` +
    `${count('not-applicable')} not applicable`
  );
}

/** The summary table: a line per fix (KB, status, branch, component) and why, with the files that fall short. */
export function catalogSummary(report: ScanReport, options: WriterOptions): string {
  const table = newTable({
    head: ['KB', 'Status', 'Branch', 'Component', 'Why'],
    style: { head: options.color ? ['cyan'] : [], border: options.color ? ['gray'] : [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    wordWrap: true,
    colWidths: [null, null, null, 30, 72] as unknown as number[],
  });
  for (const manifest of report.manifests) {
    table.push([
      safe(manifest.id),
      paint(FIX_WORDS[manifest.verdict], colourOf(manifest.verdict), options.color),
      manifest.branch ?? '-',
      componentOf(manifest),
      why(manifest).join('\n'),
    ]);
  }
  return table.toString();
}

/** The component a fix is for, as its article heads the table, else its title. */
function componentOf(manifest: ManifestFinding): string {
  return manifest.component ?? manifest.title;
}
