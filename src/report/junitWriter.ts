/**
 * JUnit XML, as CI servers read it (the Ant/Jenkins dialect): one testsuite per manifest,
 * one testcase per manifest row. outdated, missing and unexpected are failures,
 * unverifiable an error, not-applicable (but for another branch's file inside a fix that applies, a failure) and suppressed findings are
 * skipped,
 * and so is a row whose status the gate does not fail on: JUnit fails what the gate fails.
 * test/schemas/junit.xsd describes exactly what is written.
 */
import type { ManifestFinding, RowFinding } from '../model/finding.js';
import type { ScanReport } from '../model/report.js';
import { findingMessage, outcomeOf, rowLabel } from './findings.js';
import { copyDetail, gateSummary, rowDetail } from './messages.js';
import type { ReportWriter } from './writer.js';
import { addCounts, junitTestcase, junitTestsuite, xmlAttr } from './xml.js';

type Outcome = { kind: 'pass' } | { kind: 'failure' | 'error' | 'skipped'; type: string; message: string; body: string };

/** The testcase of a row, from the gate's outcome stamped on it. */
function outcome(manifest: ManifestFinding, row: RowFinding, failOn: readonly string[]): Outcome {
  const gate = outcomeOf(row);
  if (gate.kind === 'passes') return { kind: 'pass' };
  const short = row.copies.filter((copy) => copy.role === 'installed' && copy.status !== 'meets');
  const body =
    short.length > 0 ? short.map((copy) => `${copy.path}: ${copyDetail(copy)}`).join('\n') : `${row.path ?? row.name}: ${rowDetail(row)}`;
  // The message names the copy that decides: the first of the row's status that the gate does not hide.
  const first =
    short.find((copy) => copy.status === row.status && outcomeOf(copy).kind !== 'suppressed') ??
    short.find((copy) => copy.status === row.status) ??
    short[0];
  const message = findingMessage(row, first);
  const where = first ? ` (${first.path})` : '';
  switch (gate.kind) {
    case 'suppressed': {
      const reason = row.suppression && !row.suppression.expired ? row.suppression.reason : (first?.suppression?.reason ?? '');
      return { kind: 'skipped', type: 'suppressed', message: `suppressed: ${reason}: ${message}${where}`, body };
    }
    case 'not-applicable':
      if (gate.why === 'fix-not-applicable') {
        return {
          kind: 'skipped',
          type: manifest.reason ?? 'not-applicable',
          message: `not applicable: the fix does not apply${manifest.reason ? ` (${manifest.reason})` : ''}: ${message}${where}`,
          body,
        };
      }
      return { kind: 'skipped', type: row.reason, message: `not applicable: ${message}${where}`, body };
    case 'not-gated':
      return {
        kind: 'skipped',
        type: 'not-gated',
        message: `not gated (--fail-on ${failOn.join(',')}): ${row.status}: ${message}${where}`,
        body,
      };
    default: {
      const expired = row.suppression?.expired
        ? `\nignore entry ${row.suppression.entry} expired on ${row.suppression.expires}: ${row.suppression.reason}`
        : '';
      if (row.status === 'unverifiable') return { kind: 'error', type: row.reason, message: `${message}${where}`, body: body + expired };
      return { kind: 'failure', type: row.reason, message: `${message}${where}`, body: body + expired };
    }
  }
}

function suite(
  manifest: ManifestFinding,
  failOn: readonly string[],
): { xml: string; counts: Record<'tests' | 'failures' | 'errors' | 'skipped', number> } {
  const counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const cases: string[] = [];
  for (const row of manifest.rows) {
    const result = outcome(manifest, row, failOn);
    cases.push(...junitTestcase(rowLabel(row), manifest.id, result.kind === 'pass' ? undefined : result, counts));
  }
  const properties = [
    ['title', manifest.title],
    ['product', manifest.product],
    ['branch', manifest.branch ?? ''],
    ['source', manifest.source],
    ['verdict', manifest.verdict],
  ] as const;
  return { xml: junitTestsuite(manifest.id, counts, properties, cases), counts };
}

/** Writes the report as JUnit XML. */
export const junitWriter: ReportWriter = {
  name: 'junit',
  description: 'JUnit XML: a testsuite per manifest, a testcase per row, for CI test views',
  write(report: ScanReport): string {
    const failOn = report.gate.failOn;
    const suites = report.manifests.map((manifest) => suite(manifest, failOn));
    const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    for (const { counts } of suites) addCounts(total, counts);
    // An incomplete scan proves nothing: say so as an error of its own, so the CI view shows red.
    const problems = report.problems.map(
      (problem) =>
        `    <testcase name="${xmlAttr(problem.path)}" classname="scan"><error message="${xmlAttr(problem.message)}" ` +
        `type="${xmlAttr(problem.code)}"/></testcase>`,
    );
    const scanSuite =
      problems.length > 0
        ? [
            `  <testsuite name="scan" tests="${problems.length}" failures="0" errors="${problems.length}" skipped="0">`,
            ...problems,
            '  </testsuite>',
          ]
        : [];
    total.tests += problems.length;
    total.errors += problems.length;
    // A gate that fails with no row failing (nothing applies, nothing meets) must not look green: say so as a failure of its own.
    const gateSuite =
      !report.gate.pass && total.failures + total.errors === 0
        ? [
            '  <testsuite name="gate" tests="1" failures="1" errors="0" skipped="0">',
            `    <testcase name="gate" classname="gate"><failure message="${xmlAttr(`gate ${gateSummary(report.gate)}`)}" ` +
              `type="gate"/></testcase>`,
            '  </testsuite>',
          ]
        : [];
    if (gateSuite.length > 0) {
      total.tests++;
      total.failures++;
    }
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="hotfix-verify ${xmlAttr(report.target)}" tests="${total.tests}" failures="${total.failures}" ` +
        `errors="${total.errors}" skipped="${total.skipped}">`,
      ...suites.map((s) => s.xml),
      ...scanSuite,
      ...gateSuite,
      '</testsuites>',
      '',
    ].join('\n');
  },
};
