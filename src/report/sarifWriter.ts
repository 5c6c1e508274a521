/**
 * SARIF 2.1.0 (OASIS), the format code-scanning services import: one rule per manifest
 * row, one result per finding, located relative to the scanned root through the uriBaseId
 * TARGET. Suppressed findings carry a SARIF suppression with the ignore entry's reason.
 */
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import type { ScanReport } from '../model/report.js';
import { gateSummary } from './messages.js';
import { findingsOf, rowLabel, type Finding } from './findings.js';
import type { ReportWriter } from './writer.js';

/** The uriBaseId results are relative to: the scanned root. */
export const TARGET_BASE_ID = 'TARGET';

/** A "/"-separated relative path as a relative URI reference (each segment percent-encoded). */
export function relativeUri(relative: string): string {
  return relative.split('/').map(encodeURIComponent).join('/');
}

function level(finding: Finding): 'error' | 'warning' | 'note' {
  if (finding.blocking) return 'error';
  return finding.status === 'not-applicable' ? 'note' : 'warning';
}

function ruleId(manifestId: string, label: string): string {
  return `${manifestId}/${label}`;
}

/** Writes the report as a SARIF 2.1.0 log with one run. */
export const sarifWriter: ReportWriter = {
  name: 'sarif',
  description: 'SARIF 2.1.0: a rule per manifest row, a result per finding, for code-scanning services',
  write(report: ScanReport): string {
    const rules: { id: string }[] = [];
    const used = new Set<string>();
    const rowRule = new Map<object, number>();
    for (const manifest of report.manifests) {
      for (const row of manifest.rows) {
        let id = ruleId(manifest.id, rowLabel(row));
        // Two manifests may share an id (one KB loaded twice): keep rule ids unique.
        for (let n = 2; used.has(id); n++) id = `${ruleId(manifest.id, rowLabel(row))}#${n}`;
        used.add(id);
        rowRule.set(row, rules.length);
        const wanted = row.required !== null ? `fixed file version ${row.required} or later` : 'present';
        rules.push({
          id,
          name: row.name,
          shortDescription: { text: `${row.name} must be ${wanted} (${manifest.id})` },
          fullDescription: {
            text:
              `${manifest.id}: ${manifest.title}. ${row.path ? `The file at ${row.path}` : `Every copy of ${row.name}`} must be ` +
              `${wanted}.`,
          },
          defaultConfiguration: { level: 'error' },
          properties: { manifest: manifest.id, required: row.required, ...(row.platform ? { platform: row.platform } : {}) },
        } as { id: string });
      }
    }

    const results = findingsOf(report).map((finding) => {
      const ruleIndex = rowRule.get(finding.row)!;
      const rule = rules[ruleIndex]!;
      const suppression = finding.suppression;
      return {
        ruleId: rule.id,
        ruleIndex,
        level: level(finding),
        message: { text: `${finding.row.name}: ${finding.message}` },
        // Every result has a location (code-scanning services refuse one without): the copy, or where a missing file should be.
        locations: [
          {
            physicalLocation: { artifactLocation: { uri: relativeUri(finding.path ?? finding.row.name), uriBaseId: TARGET_BASE_ID } },
            ...(finding.path === undefined ? { message: { text: `where ${finding.row.name} should be: it was not found there` } } : {}),
          },
        ],
        ...(suppression && !suppression.expired
          ? {
              suppressions: [
                {
                  kind: 'external',
                  status: 'accepted',
                  justification: suppression.reason,
                  properties: { entry: suppression.entry, ...(suppression.expires ? { expires: suppression.expires } : {}) },
                },
              ],
            }
          : {}),
        properties: {
          status: finding.status,
          reason: finding.copy?.reason ?? finding.row.reason,
          ...(finding.copy?.fixedVersion ? { fixedVersion: finding.copy.fixedVersion } : {}),
          ...(suppression?.expired
            ? { expiredSuppression: { reason: suppression.reason, expires: suppression.expires, entry: suppression.entry } }
            : {}),
        },
      };
    });

    const root = path.isAbsolute(report.target)
      ? pathToFileURL(report.target.endsWith(path.sep) ? report.target : `${report.target}${path.sep}`).href
      : undefined;
    const log = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'hotfix-verify', version: report.tool.version, semanticVersion: report.tool.version, rules } },
          ...(root ? { originalUriBaseIds: { [TARGET_BASE_ID]: { uri: root, description: { text: 'The scanned target' } } } } : {}),
          invocations: [
            {
              executionSuccessful: true,
              toolExecutionNotifications: [
                ...report.problems.map((problem) => ({
                  level: 'error',
                  message: { text: `${problem.path}: ${problem.message}` },
                  descriptor: { id: problem.code },
                })),
                // A gate that fails with no error above (nothing applies, nothing meets) must not read as clean.
                ...(!report.gate.pass && report.problems.length === 0 && !results.some((result) => result.level === 'error')
                  ? [{ level: 'error', message: { text: `gate ${gateSummary(report.gate)}` }, descriptor: { id: 'gate' } }]
                  : []),
              ],
            },
          ],
          results,
          properties: { verdict: report.verdict, complete: report.complete, gate: { ...report.gate, summary: gateSummary(report.gate) } },
        },
      ],
    };
    return `${JSON.stringify(log, null, 2)}\n`;
  },
};
