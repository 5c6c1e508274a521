/**
 * The fleet as JUnit XML (the dialect of test/schemas/junit.xsd): one testsuite per host. Its
 * testcase "report" fails for a host that sent no usable report (error: bad report; failure: too
 * old, no report); each fix of its report is a testcase, failing when the fix fails the host's
 * gate; a gate that fails with no fix failing (an incomplete scan, nothing applies) fails a "gate" testcase.
 */
import type { FleetReport, HostResult } from '../../model/fleet.js';
import { fleetFindingText, fleetSummary, hostGateText, hostNotes, hostWhy, originText } from '../../report/messages.js';
import { escapeControls } from '../../report/escapeControls.js';
import { addCounts, junitTestcase, junitTestsuite, xmlAttr as xmlAttrRaw } from '../../report/xml.js';
import type { FleetWriter } from './writer.js';

// Data from the reports (host names, paths, version strings) is written with control and bidi characters visible, as in the table.
const xmlAttr = (text: string) => xmlAttrRaw(escapeControls(text));

type Case = { name: string; result?: { kind: 'failure' | 'error' | 'skipped'; type: string; message: string; body?: string } };

function cases(host: HostResult): Case[] {
  if (host.state === 'no-report' || host.state === 'bad-report' || host.state === 'too-old') {
    const kind = host.state === 'bad-report' ? 'error' : 'failure';
    return [{ name: 'report', result: { kind, type: host.problem?.code ?? host.state, message: hostWhy(host) } }];
  }
  const out: Case[] = [{ name: 'report' }];
  const findings = host.findings ?? [];
  let failing = 0;
  for (const fix of host.fixList ?? []) {
    const own = findings.filter((f) => f.manifest === fix.id);
    const blocking = own.filter((f) => f.blocking);
    // Reports of schema 1.2 and later stamp the gate's outcome on each fix; older ones are judged by their blocking findings.
    const fails = fix.outcome !== undefined ? fix.outcome === 'fails' || fix.outcome === 'proves-nothing' : blocking.length > 0;
    if (fails) {
      failing++;
      const first = blocking[0] ?? own[0];
      out.push({
        name: fix.id,
        result: {
          kind: 'failure',
          type: fix.outcome ?? fix.verdict,
          message: first ? fleetFindingText(first) : `${fix.id}: ${fix.verdict}`,
          body: own.map(fleetFindingText).join('\n'),
        },
      });
    } else if (fix.verdict === 'not-applicable') {
      out.push({ name: fix.id, result: { kind: 'skipped', type: 'not-applicable', message: `${fix.id}: not applicable` } });
    } else out.push({ name: fix.id });
  }
  if (host.state === 'falls-short' && failing === 0) {
    out.push({
      name: 'gate',
      result: { kind: 'failure', type: 'gate', message: host.gate ? `gate ${hostGateText(host.gate)}` : hostWhy(host) },
    });
  }
  return out;
}

function suite(host: HostResult): { xml: string; counts: Record<'tests' | 'failures' | 'errors' | 'skipped', number> } {
  const counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const lines: string[] = [];
  for (const testcase of cases(host)) {
    const result = testcase.result;
    const safe = result && {
      ...result,
      message: escapeControls(result.message),
      body: (result.body ?? '').split('\n').map(escapeControls).join('\n'),
    };
    lines.push(...junitTestcase(escapeControls(testcase.name), escapeControls(host.host), safe, counts));
  }
  const properties: [string, string][] = [
    ['state', host.state],
    ['report', host.origin !== undefined ? originText(host.origin) : ''],
    ['generatedAt', host.generatedAt ?? ''],
    ['target', host.target ?? ''],
    ...hostNotes(host).map((note): [string, string] => ['note', note]),
  ];
  // Host names and notes come from the reports: no control character reaches a CI view.
  const safe = properties.map(([name, value]): [string, string] => [name, escapeControls(value)]);
  return { xml: junitTestsuite(escapeControls(host.host), counts, safe, lines), counts };
}

/** Writes the fleet as JUnit XML. */
export const fleetJunitWriter: FleetWriter = {
  name: 'junit',
  description: 'JUnit XML: a testsuite per host, a testcase for its report and one per fix, for CI test views',
  write(fleet: FleetReport): string {
    const suites = fleet.hosts.map(suite);
    const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    for (const { counts } of suites) addCounts(total, counts);
    // No host at all proves nothing: a failure of its own, so the CI view is not green.
    const empty =
      fleet.hosts.length === 0
        ? [
            '  <testsuite name="fleet" tests="1" failures="1" errors="0" skipped="0">',
            `    <testcase name="fleet" classname="fleet"><failure message="${xmlAttr(fleetSummary(fleet))}" type="no-hosts"/></testcase>`,
            '  </testsuite>',
          ]
        : [];
    if (empty.length > 0) {
      total.tests++;
      total.failures++;
    }
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="hotfix-verify fleet" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" ` +
        `skipped="${total.skipped}">`,
      ...suites.map((s) => s.xml),
      ...empty,
      '</testsuites>',
      '',
    ].join('\n');
  },
};
