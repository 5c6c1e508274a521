// The gate: one pure rule from (report, --fail-on) to pass/fail, under every --fail-on choice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RowFinding, Status } from '../../src/model/finding.js';
import { DEFAULT_FAIL_ON, FAIL_ON_CHOICES, type FailOnStatus } from '../../src/model/gate.js';
import type { UngatedReport } from '../../src/model/report.js';
import { gateReport } from '../../src/gate/gate.js';
import { gateSummary } from '../../src/report/messages.js';
import { reportOf, sampleReport } from '../helpers/sampleReport.js';

const gateOf = (report: UngatedReport, failOn?: readonly FailOnStatus[]) => gateReport(report, failOn).gate;
const gateExitCode = (report: UngatedReport, failOn?: readonly FailOnStatus[]) => (gateOf(report, failOn).pass ? 0 : 1);
const summaryOf = (report: UngatedReport, failOn?: readonly FailOnStatus[]) => gateSummary(gateOf(report, failOn));

const row = (status: Status, extra: Partial<RowFinding> = {}): RowFinding => ({
  name: `${status}.dll`,
  required: '5.0.1.1',
  status,
  reason:
    status === 'meets'
      ? 'version-ok'
      : status === 'missing'
        ? 'not-found'
        : status === 'not-applicable'
          ? 'other-branch'
          : status === 'unexpected'
            ? 'not-in-snapshot'
            : status === 'unverifiable'
              ? 'truncated'
              : 'older',
  args: {},
  copies: [],
  ...extra,
});

test('default --fail-on is outdated, missing, unverifiable (and unexpected, which only --exact reports)', () => {
  assert.deepEqual([...DEFAULT_FAIL_ON], ['outdated', 'missing', 'unverifiable', 'unexpected']);
  assert.deepEqual([...FAIL_ON_CHOICES], ['outdated', 'missing', 'unverifiable', 'not-applicable', 'unexpected']);
});

test('a status fails the gate exactly when it is in --fail-on, for every choice', () => {
  for (const status of FAIL_ON_CHOICES) {
    // One row meets, so the manifest applies and something is proven; the other has `status`
    // (not-applicable here for the other platform of a split table: other-branch is the next test).
    const report = reportOf([row('meets'), row(status, status === 'not-applicable' ? { reason: 'other-platform' } : {})], {
      verdict: 'falls-short',
    });
    for (const failOn of FAIL_ON_CHOICES) {
      const expected = status === failOn ? 1 : 0;
      assert.equal(gateExitCode(report, [failOn]), expected, `row ${status}, --fail-on ${failOn}`);
    }
    assert.equal(gateExitCode(report, FAIL_ON_CHOICES), 1, `row ${status}, --fail-on all`);
  }
});

test('a file of another branch inside a manifest that applies fails under every --fail-on', () => {
  const report = reportOf([row('meets'), row('not-applicable')], { verdict: 'falls-short' });
  for (const failOn of FAIL_ON_CHOICES) assert.equal(gateExitCode(report, [failOn]), 1, failOn);
  assert.match(summaryOf(report), /1 row fails \(1 not-applicable\)/);
});

test('exit 0 needs a complete scan and at least one manifest that applies and meets', () => {
  assert.equal(gateExitCode(reportOf([row('meets')])), 0);
  const incomplete = gateOf(reportOf([row('meets')], { complete: false }));
  assert.equal(incomplete.pass, false);
  assert.match(gateSummary(incomplete), /scan was incomplete/);
  // Nothing applies: nothing is proven, whatever --fail-on says.
  const nothing = reportOf([row('not-applicable'), row('meets', { required: null })], { verdict: 'not-applicable' });
  for (const failOn of FAIL_ON_CHOICES) assert.equal(gateExitCode(nothing, [failOn]), 1, failOn);
  assert.match(summaryOf(nothing), /no manifest applies/);
});

test('rows of a manifest that does not apply count only when not-applicable is in --fail-on', () => {
  const report = sampleReport(); // Q254943 applies, Q254943-5.5 does not (and has a missing row)
  const onlyApplying = {
    ...report,
    manifests: [
      { ...report.manifests[0]!, rows: report.manifests[0]!.rows.filter((r) => r.status === 'meets'), verdict: 'meets' as const },
      report.manifests[1]!,
    ],
  };
  assert.equal(gateExitCode(onlyApplying, ['missing']), 0, "the not-applicable manifest's missing P2.xv2 does not count");
  assert.equal(gateExitCode(onlyApplying, ['missing', 'not-applicable']), 1, 'with not-applicable in --fail-on it does');
  assert.equal(gateOf(onlyApplying, ['missing', 'not-applicable']).blocking, 2, 'both rows of Q254943-5.5');
});

test('live suppressions hide a row from the gate; expired ones do not', () => {
  const report = sampleReport();
  const result = gateOf(report, ['outdated']);
  // Mtacheck.exe and Infoplog.cfg (its entry expired) block, and so does Address.dll (a 5.5 file in
  // the 5.0 fix, whatever --fail-on says); Mtamsg.dll's only short copy is suppressed.
  assert.deepEqual([result.pass, result.blocking, result.suppressed, result.expired], [false, 3, 1, 1]);
  assert.match(
    gateSummary(result),
    /failed: 3 rows fail \(2 outdated, 1 not-applicable\) \(1 row suppressed by the ignore file, 1 ignore entry expired\)/,
  );
  const onlySuppressed = reportOf([row('meets'), report.manifests[0]!.rows[2]!]);
  assert.equal(gateExitCode(onlySuppressed), 0);
  assert.equal(gateOf(onlySuppressed).suppressed, 1);
});

test('the gate stamps an outcome on every manifest, row and copy; writers read only those', () => {
  const { manifests } = gateReport(sampleReport(), ['outdated', 'missing']);
  const [q50, q55] = manifests;
  const outcome = (name: string) => q50!.rows.find((r) => r.name === name)!.outcome;
  assert.equal(q50!.outcome, 'fails');
  assert.equal(q55!.outcome, 'not-applicable');
  assert.deepEqual(outcome('Emsmta.exe'), { kind: 'passes', why: 'meets' });
  assert.deepEqual(outcome('Mtacheck.exe'), { kind: 'blocking', why: 'fail-on' });
  assert.deepEqual(outcome('Mtamsg.dll'), { kind: 'suppressed', why: 'ignore-entry', entry: 'ignore.yml[0]' });
  assert.deepEqual(outcome('X400om.dll'), { kind: 'not-gated', why: 'status-not-gated' }, 'unverifiable is not in this --fail-on');
  assert.deepEqual(outcome('Address.dll'), { kind: 'blocking', why: 'other-branch-inside' });
  assert.deepEqual(outcome('Infoplog.cfg'), { kind: 'blocking', why: 'fail-on' }, 'its ignore entry expired');
  for (const row of q55!.rows) assert.deepEqual(row.outcome, { kind: 'not-applicable', why: 'fix-not-applicable' });
  for (const manifest of manifests) for (const row of manifest.rows) for (const copy of row.copies) assert.ok(copy.outcome, copy.path);
});
