/**
 * GitHub Actions workflow commands: one annotation per finding
 * (`::error file=PATH,title=TITLE::MESSAGE`). Blocking findings are errors, others
 * warnings, not-applicable and suppressed ones notices. Values are escaped as the
 * workflow-command rules ask: in the message %, CR and LF; in properties also ":" and ",".
 */
import type { ScanReport } from '../model/report.js';
import { escapeControls } from './escapeControls.js';
import { gateSummary } from './messages.js';
import { findingsOf, rowLabel, type Finding } from './findings.js';
import type { ReportWriter } from './writer.js';

/** Escapes a workflow command's message (the data after "::"). */
export function escapeData(text: string): string {
  // CR and LF are the command's own escapes; any other control character (ESC from a file name) is written visibly.
  return escapeControls(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Escapes a workflow command's property value (file=, title=). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(finding: Finding): 'error' | 'warning' | 'notice' {
  if (finding.blocking) return 'error';
  return finding.suppressed || finding.status === 'not-applicable' ? 'notice' : 'warning';
}

/**
 * Writes one annotation line per finding, one error per part of the target not listed, and an error for a gate that fails with no error
 * above.
 */
export const githubWriter: ReportWriter = {
  name: 'github',
  description: 'GitHub Actions annotations (::error file=...::...), one per finding',
  write(report: ScanReport): string {
    const lines = findingsOf(report).map((finding) => {
      const title = `${finding.manifest.id} ${rowLabel(finding.row)}: ${finding.status}${finding.suppressed ? ' (suppressed)' : ''}`;
      const properties = [
        ...(finding.path !== undefined ? [`file=${escapeProperty(finding.path)}`] : []),
        `title=${escapeProperty(title)}`,
      ].join(',');
      const suppression = finding.suppression
        ? finding.suppressed
          ? ` (suppressed by ${finding.suppression.entry}: ${finding.suppression.reason})`
          : ` (ignore entry ${finding.suppression.entry} expired on ${finding.suppression.expires})`
        : '';
      return `::${command(finding)} ${properties}::${escapeData(`${finding.message}${suppression}`)}`;
    });
    for (const problem of report.problems)
      lines.push(`::error title=${escapeProperty('scan incomplete')}::${escapeData(`${problem.path}: ${problem.message}`)}`);
    // A gate that fails with no error above (nothing applies, nothing meets) must still show as an error.
    if (!report.gate.pass && !lines.some((line) => line.startsWith('::error '))) {
      lines.push(`::error title=${escapeProperty('hotfix-verify gate')}::${escapeData(`gate ${gateSummary(report.gate)}`)}`);
    }
    return lines.length > 0 ? `${lines.join('\n')}\n` : '';
  },
};
