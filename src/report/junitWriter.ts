/**
 * JUnit XML, as CI servers read it (the Ant/Jenkins dialect): one testsuite per manifest,
 * one testcase per manifest row. outdated, missing and unexpected are failures,
 * unverifiable an error, not-applicable (but for another branch's file inside a fix that applies, a failure) and suppressed findings are
 * skipped,
 * and so is a row whose status the gate does not fail on: JUnit fails what the gate fails.
 * test/schemas/junit.xsd describes exactly what is written.
 */
import type { ManifestFinding, RowFinding, ScanReport, Status } from '../evaluate/types.js';
import { copySuppressed, findingFails, manifestGated, rowSuppressed } from '../gate/gate.js';
import { failOnOf, findingMessage, rowLabel } from './findings.js';
import type { ReportWriter } from './writer.js';
import { xmlAttr, xmlText } from './xml.js';

type Outcome = { kind: 'pass' } | { kind: 'failure' | 'error' | 'skipped'; type: string; message: string; body: string };

function outcome(manifest: ManifestFinding, row: RowFinding, failOn: ReadonlySet<Status>): Outcome {
  if (row.status === 'meets') return { kind: 'pass' };
  const short = row.copies.filter((copy) => copy.status !== 'meets');
  const body = short.length > 0 ? short.map((copy) => `${copy.path}: ${copy.detail}`).join('\n') : `${row.path ?? row.name}: ${row.detail}`;
  // The message names the copy that decides: the first of the row's status that no live entry hides.
  const first =
    short.find((copy) => copy.status === row.status && !copySuppressed(copy)) ??
    short.find((copy) => copy.status === row.status) ??
    short[0];
  const message = findingMessage(row, first);
  const where = first ? ` (${first.path})` : '';
  if (rowSuppressed(row)) {
    const reason = row.suppression && !row.suppression.expired ? row.suppression.reason : (first?.suppression?.reason ?? '');
    return { kind: 'skipped', type: 'suppressed', message: `suppressed: ${reason}: ${message}${where}`, body };
  }
  // A fix that does not apply: its rows are not failures unless the gate fails on not-applicable (as it decides, so JUnit says).
  if (!manifestGated(manifest, failOn)) {
    return {
      kind: 'skipped',
      type: manifest.reason ?? 'not-applicable',
      message: `not applicable: the fix does not apply${manifest.reason ? ` (${manifest.reason})` : ''}: ${message}${where}`,
      body,
    };
  }
  // A row whose status the gate does not fail on (--fail-on outdated and a missing data file) is not a failure either.
  if (!findingFails(manifest, row, failOn)) {
    return {
      kind: 'skipped',
      type: row.status === 'not-applicable' ? row.reason : 'not-gated',
      message:
        row.status === 'not-applicable'
          ? `not applicable: ${message}${where}`
          : `not gated (--fail-on ${[...failOn].join(',')}): ${row.status}: ${message}${where}`,
      body,
    };
  }
  const expired = row.suppression?.expired
    ? `\nignore entry ${row.suppression.entry} expired on ${row.suppression.expires}: ${row.suppression.reason}`
    : '';
  switch (row.status) {
    case 'unverifiable':
      return { kind: 'error', type: row.reason, message: `${message}${where}`, body: body + expired };
    case 'not-applicable':
      // Another branch's file inside a fix that applies, or --fail-on not-applicable: the gate fails it, so JUnit does.
      return { kind: 'failure', type: row.reason, message: `${message}${where}`, body };
    default:
      return { kind: 'failure', type: row.reason, message: `${message}${where}`, body: body + expired };
  }
}

function suite(
  manifest: ManifestFinding,
  failOn: ReadonlySet<Status>,
): { xml: string; counts: Record<'tests' | 'failures' | 'errors' | 'skipped', number> } {
  const counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const cases: string[] = [];
  for (const row of manifest.rows) {
    const result = outcome(manifest, row, failOn);
    counts.tests++;
    const open = `    <testcase name="${xmlAttr(rowLabel(row))}" classname="${xmlAttr(manifest.id)}"`;
    if (result.kind === 'pass') {
      cases.push(`${open}/>`);
      continue;
    }
    if (result.kind === 'failure') counts.failures++;
    else if (result.kind === 'error') counts.errors++;
    else counts.skipped++;
    const element =
      result.kind === 'skipped'
        ? `      <skipped message="${xmlAttr(result.message)}"/>`
        : `      <${result.kind} message="${xmlAttr(result.message)}" ` +
          `type="${xmlAttr(result.type)}">${xmlText(result.body)}</${result.kind}>`;
    cases.push(`${open}>`, element, '    </testcase>');
  }
  const properties = [
    ['title', manifest.title],
    ['product', manifest.product],
    ['branch', manifest.branch ?? ''],
    ['source', manifest.source],
    ['verdict', manifest.verdict],
  ].map(([name, value]) => `      <property name="${xmlAttr(name!)}" value="${xmlAttr(value!)}"/>`);
  const attrs =
    `name="${xmlAttr(manifest.id)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" ` +
    `skipped="${counts.skipped}"`;
  return {
    xml: [`  <testsuite ${attrs}>`, '    <properties>', ...properties, '    </properties>', ...cases, '  </testsuite>'].join('\n'),
    counts,
  };
}

/** Writes the report as JUnit XML. */
export const junitWriter: ReportWriter = {
  name: 'junit',
  description: 'JUnit XML: a testsuite per manifest, a testcase per row, for CI test views',
  write(report: ScanReport): string {
    const failOn = failOnOf(report);
    const suites = report.manifests.map((manifest) => suite(manifest, failOn));
    const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    for (const { counts } of suites) for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += counts[key];
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
      report.gate && !report.gate.pass && total.failures + total.errors === 0
        ? [
            '  <testsuite name="gate" tests="1" failures="1" errors="0" skipped="0">',
            `    <testcase name="gate" classname="gate"><failure message="${xmlAttr(`gate ${report.gate.summary}`)}" ` +
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
