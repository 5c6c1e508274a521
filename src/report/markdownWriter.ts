/**
 * Markdown for a GitHub Actions step summary ($GITHUB_STEP_SUMMARY): the verdict and gate,
 * a summary line per manifest, the findings, then every row in a collapsed section. GitHub
 * refuses a step summary over 1 MiB, so the text is cut at a line below that, with a note.
 */
import type { CopyFinding, RowFinding } from '../model/finding.js';
import type { ScanReport } from '../model/report.js';
import { escapeControls } from './escapeControls.js';
import { findingsOf, rowLabel } from './findings.js';
import { copyDetail, gateSummary, incompleteBanner, manifestSummary, reportSummary, roleText, rowDetail } from './messages.js';
import type { ReportWriter } from './writer.js';

/** The most bytes the writer produces: under GitHub's 1 MiB step-summary limit, with room to spare. */
export const MARKDOWN_MAX_BYTES = 1024 * 1024 - 16 * 1024;

const ICON: Record<string, string> = {
  meets: '✅',
  outdated: '❌',
  missing: '❌',
  unverifiable: '⚠️',
  'not-applicable': '➖',
  unexpected: '❗',
};

/** A table cell: pipes escaped, line breaks as <br>, HTML that GitHub would render made inert. */
export function cell(text: string): string {
  // Line breaks the writer puts between notes become <br>; any other control character is written visibly.
  return text
    .split(/\r?\n/)
    .map((line) => escapeControls(line).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|'))
    .join('<br>');
}

/** Inline code in a table cell: survives backticks, and pipes are escaped (GFM applies that even inside code). */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const inner = escapeControls(text.replace(/\r?\n/g, ' ')).replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  return fence.length > 1 ? `${fence} ${inner} ${fence}` : `${fence}${inner}${fence}`;
}

function found(copy: CopyFinding | undefined): string {
  if (!copy) return '-';
  return copy.fixedVersion ?? (copy.sha256 ? `sha256 ${copy.sha256.slice(0, 12)}…` : copy.size !== undefined ? `${copy.size} bytes` : '-');
}

function rowLines(row: RowFinding): string[] {
  const required = row.required ?? 'N/A';
  if (row.copies.length === 0)
    return [`| ${cell(rowLabel(row))} | ${required} | - | - | ${ICON[row.status]} ${row.status} | ${cell(rowDetail(row))} |`];
  return row.copies.map(
    (copy, i) =>
      `| ${i === 0 ? cell(rowLabel(row)) : ''} | ${i === 0 ? required : ''} | ${cell(found(copy))} | ${cell(copy.path)} | ` +
      `${ICON[copy.status]} ${copy.status}${copy.role === 'installed' ? '' : ` (${copy.role})`} | ` +
      `${cell(copyDetail(copy) + (roleText(copy.role) ? ` (${roleText(copy.role)})` : ''))} |`,
  );
}

/** Collects lines up to a byte budget; once a line does not fit, everything after is dropped. */
class Budget {
  readonly lines: string[] = [];
  private bytes = 0;
  cut = 0;
  constructor(private readonly max: number) {}
  push(...lines: string[]): void {
    for (const line of lines) {
      const size = Buffer.byteLength(line, 'utf8') + 1;
      if (this.cut > 0 || this.bytes + size > this.max) {
        this.cut++;
        continue;
      }
      this.lines.push(line);
      this.bytes += size;
    }
  }
}

/** Writes the report as GitHub-flavoured Markdown, at most MARKDOWN_MAX_BYTES. */
export function writeMarkdown(report: ScanReport, maxBytes = MARKDOWN_MAX_BYTES): string {
  const head: string[] = [];
  const gate = report.gate;
  const passed = gate.pass;
  head.push(`## ${passed ? '✅' : '❌'} hotfix-verify: ${passed ? 'passed' : 'failed'}`, '');
  const banner = incompleteBanner(report);
  if (banner) head.push(`**${cell(banner)}**`, '');
  head.push(`${cell(reportSummary(report))}`, '');
  head.push(`**Gate** (fails on ${gate.failOn.join(', ')}): ${cell(gateSummary(gate))}`, '');

  // Leave room for the closing tags and the note, whatever is cut.
  const note = (n: number) =>
    `\n> ✂️ Cut here: ${n} more line${n === 1 ? '' : 's'} not shown, ` +
    "to stay under GitHub's 1 MiB step-summary limit. The JSON report has everything.";
  const budget = new Budget(maxBytes - Buffer.byteLength(head.join('\n'), 'utf8') - 512);
  // A line per manifest and per unlisted part of the target: a catalog or an image can have many, so they count against the budget too.
  for (const manifest of report.manifests) budget.push(`- ${cell(manifestSummary(manifest, report.complete))}`);
  budget.push('');
  for (const problem of report.problems) budget.push(`> ⚠️ incomplete: ${code(problem.path)}: ${cell(problem.message)}`);
  if (report.problems.length > 0) budget.push('');
  const findings = findingsOf(report);
  if (findings.length > 0) {
    budget.push('### Findings', '', '| | Manifest | File | Where | Finding |', '| --- | --- | --- | --- | --- |');
    for (const f of findings) {
      const mark = f.suppressed
        ? `🔇 suppressed: ${f.suppression?.reason ?? ''}`
        : f.suppression?.expired
          ? `ignore entry expired ${f.suppression.expires}: `
          : '';
      const what = f.suppressed ? `${f.message} (${mark})` : `${mark}${f.message}`;
      budget.push(
        `| ${ICON[f.status]} ${f.blocking ? `**${f.status}**` : f.status} | ${cell(f.manifest.id)} | ${cell(rowLabel(f.row))} | ` +
          `${f.path ? code(f.path) : '-'} | ${cell(what)} |`,
      );
    }
    budget.push('');
  }
  for (const manifest of report.manifests) {
    budget.push(
      '<details>',
      `<summary>${cell(manifest.id)}: all ${manifest.rows.length} rows</summary>`,
      '',
      '| File | Required | Found | Where | Status | Detail |',
      '| --- | --- | --- | --- | --- | --- |',
    );
    for (const row of manifest.rows) budget.push(...rowLines(row));
    budget.push('', '</details>', '');
  }
  let body = budget.lines.join('\n');
  if (budget.cut > 0) {
    // Close a collapsed section left open by the cut, so the rest of the page renders.
    const open = budget.lines.filter((l) => l === '<details>').length - budget.lines.filter((l) => l === '</details>').length;
    body += `${open > 0 ? '\n\n</details>' : ''}\n${note(budget.cut)}\n`;
  }
  return `${head.join('\n')}\n${body}`;
}

/** The Markdown writer for the registry. */
export const markdownWriter: ReportWriter = {
  name: 'markdown',
  description: 'Markdown for a GitHub step summary (kept under 1 MiB)',
  write: (report) => writeMarkdown(report),
};
