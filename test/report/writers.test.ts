// Every report writer over every gate situation (test/helpers/situations.ts), each run through the
// real pipeline: golden output per writer and situation, and schema validation for JUnit (xmllint +
// test/schemas/junit.xsd) and SARIF (the SARIF 2.1.0 JSON Schema).
// UPDATE_GOLDEN=1 npm test rewrites test/golden/ from the writers' current output; review the diff.
import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gateReport } from '../../src/gate/gate.js';
import type { RowFinding } from '../../src/model/finding.js';
import type { ScanReport } from '../../src/model/report.js';
import { csvField } from '../../src/report/csvWriter.js';
import { escapeData, escapeProperty } from '../../src/report/githubWriter.js';
import { MARKDOWN_MAX_BYTES, writeMarkdown } from '../../src/report/markdownWriter.js';
import { REPORT_FORMATS } from '../../src/report/formats.js';
import { REPORT_WRITERS } from '../../src/report/registry.js';
import { reportOf, sampleReport } from '../helpers/sampleReport.js';
import { SITUATIONS, situationReport } from '../helpers/situations.js';
import { tempDir } from '../helpers/tempDir.js';

const require = createRequire(import.meta.url);
const SOURCE_TEST_DIR = fileURLToPath(new URL('../../../test/', import.meta.url));
const GOLDEN_DIR = path.join(SOURCE_TEST_DIR, 'golden');
const EXTENSION: Record<string, string> = {
  table: 'txt',
  json: 'json',
  junit: 'xml',
  sarif: 'sarif.json',
  markdown: 'md',
  github: 'github.txt',
  csv: 'csv',
  html: 'html',
};

const reports = new Map<string, Promise<ScanReport>>();
/** Each situation's report, computed once. */
function reportFor(name: string): Promise<ScanReport> {
  let report = reports.get(name);
  if (!report) {
    report = situationReport(SITUATIONS.find((s) => s.name === name)!);
    reports.set(name, report);
  }
  return report;
}

/** The fixed hand-built report (every status, escaping characters) with the default gate. */
function fixedReport(): ScanReport {
  return gateReport(sampleReport());
}

test('formats.ts (the CLI choices) and the registry name the same writers', () => {
  assert.deepEqual([...REPORT_FORMATS].sort(), Object.keys(REPORT_WRITERS).sort());
  for (const [name, writer] of Object.entries(REPORT_WRITERS)) assert.equal(writer.name, name);
  for (const name of REPORT_FORMATS) assert.ok(EXTENSION[name], `golden file extension for ${name}`);
});

for (const situation of SITUATIONS) {
  describe(`golden: ${situation.name}`, () => {
    it(`the gate decides exit ${situation.exit}`, async () => {
      assert.equal((await reportFor(situation.name)).gate.pass ? 0 : 1, situation.exit);
    });
    for (const format of REPORT_FORMATS) {
      it(`${format} matches test/golden/${situation.name}/${format}.${EXTENSION[format]}`, async () => {
        const text = REPORT_WRITERS[format]!.write(await reportFor(situation.name), { color: false });
        const file = path.join(GOLDEN_DIR, situation.name, `${format}.${EXTENSION[format]}`);
        if (process.env['UPDATE_GOLDEN'] === '1') {
          await mkdir(path.dirname(file), { recursive: true });
          await writeFile(file, text);
        }
        assert.equal(text, await readFile(file, 'utf8'), `${file} differs; run UPDATE_GOLDEN=1 npm test and review the diff`);
      });
    }
  });
}

test('no writer prints a raw control character from the scanned data; JSON keeps the data exact', async () => {
  const report = await reportFor('hostile-names');
  for (const format of ['table', 'markdown', 'github', 'junit', 'sarif', 'html'] as const) {
    const text = REPORT_WRITERS[format]!.write(report, { color: false });
    assert.doesNotMatch(text, /\u001b/, `${format}: ESC`);
    assert.doesNotMatch(text, /\u202e/, `${format}: RIGHT-TO-LEFT OVERRIDE`);
  }
  const json = REPORT_WRITERS['json']!.write(report, { color: false });
  assert.ok(
    JSON.parse(json).manifests[0].rows.some((row: { copies: { path: string }[] }) => row.copies.some((c) => c.path.includes('\u001b[32m'))),
  );
});

function hasXmllint(): boolean {
  return spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).status === 0;
}

test('JUnit output is valid against the JUnit XSD (xmllint)', async (t) => {
  if (!hasXmllint()) {
    // CI installs libxml2-utils (.ci/run); there a missing xmllint is a failure, not a skip.
    assert.notEqual(process.env['CI'], 'true', 'xmllint is required in CI: .ci/run installs libxml2-utils');
    t.skip('xmllint not installed (apt-get install libxml2-utils); JUnit XSD validation skipped locally');
    return;
  }
  const dir = await tempDir('hv-junit-');
  const xsd = path.join(SOURCE_TEST_DIR, 'schemas', 'junit.xsd');
  const incomplete = {
    ...reportOf([]),
    complete: false,
    problems: [{ path: 'locked & <dir>', code: 'unreadable-folder', message: 'folder cannot be listed: permission denied' }],
  };
  const nasty = reportOf([
    {
      name: 'a\u0001b"<&>.dll',
      required: '1.0.0.0',
      status: 'unverifiable',
      reason: 'corrupt',
      args: { message: 'bad\u0000bytes \uD800 ]]> "quoted"' },
      copies: [],
    } as RowFinding,
  ]);
  const situations = await Promise.all(SITUATIONS.map(async (s) => [s.name, await reportFor(s.name)] as const));
  for (const [label, report] of [
    ['fixed', fixedReport()],
    ['incomplete', gateReport(incomplete)],
    ['control characters', gateReport(nasty)],
    ...situations,
  ] as const) {
    const file = path.join(dir, `${label.replace(/ /g, '-')}.xml`);
    await writeFile(file, REPORT_WRITERS['junit']!.write(report, { color: false }));
    const result = spawnSync('xmllint', ['--noout', '--schema', xsd, file], { encoding: 'utf8' });
    assert.equal(result.status, 0, `${label}: ${result.stderr}`);
  }
  // The XSD is not a rubber stamp: it refuses a testcase with no classname.
  const broken = path.join(dir, 'broken.xml');
  await writeFile(broken, '<?xml version="1.0"?><testsuites><testsuite name="x" tests="1"><testcase name="y"/></testsuite></testsuites>');
  assert.notEqual(spawnSync('xmllint', ['--noout', '--schema', xsd, broken], { encoding: 'utf8' }).status, 0);
});

test('JUnit: one testsuite per manifest, a testcase per row, outcomes by status', () => {
  const xml = REPORT_WRITERS['junit']!.write(fixedReport(), { color: false });
  assert.match(xml, /<testsuite name="Q254943" tests="8" failures="4" errors="1" skipped="1">/);
  // A 5.5 file inside the 5.0 fix is a failure, as the gate says, not a skip.
  assert.match(
    xml,
    new RegExp(
      String.raw`<testcase name="Address\.dll" classname="Q254943">\n\s*<failure message="fixed file version 5\.5\.2653\.23 ` +
        String.raw`belongs to branch 5\.5; this fix is for 5\.0 \(exchsrvr\/bin\/address\.dll\)" type="other-branch">`,
    ),
  );
  assert.match(
    xml,
    /<failure message="found 5\.0\.1462\.9, required 5\.0\.1462\.10 or later \(exchsrvr\/bin\/mtacheck\.exe\)" type="older">/,
  );
  assert.match(xml, /<testcase name="Dcprods\.cat" classname="Q254943">\n\s*<failure message="not found anywhere under the target"/);
  assert.match(xml, /<skipped message="suppressed: backup folder/);
  // A fix that does not apply fails nothing (as the gate decides): its missing P2.xv2 is skipped.
  assert.match(xml, /<testsuite name="Q254943-5\.5" tests="2" failures="0" errors="0" skipped="2">/);
});

function sarifValidator() {
  // The SARIF 2.1.0 schema as shipped by @microsoft/jest-sarif (sarif-2.1.0-rtm.5, JSON Schema draft-04);
  // its language pattern is not valid as a Unicode regular expression, hence unicodeRegExp: false.
  const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const AjvDraft04 = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
  const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
  const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

test('SARIF output is valid against the SARIF 2.1.0 JSON Schema, and every result has a location', async () => {
  const validate = sarifValidator();
  for (const report of [
    fixedReport(),
    gateReport({ ...reportOf([]), complete: false, problems: [{ path: 'x', code: 'unreadable-folder', message: 'm' }] }),
    ...(await Promise.all(SITUATIONS.map((s) => reportFor(s.name)))),
  ]) {
    const log = JSON.parse(REPORT_WRITERS['sarif']!.write(report, { color: false })) as {
      runs: { results: { ruleId: string; locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[] }[] }[];
    };
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    for (const result of log.runs[0]!.results) assert.ok(result.locations?.[0]?.physicalLocation?.artifactLocation?.uri, result.ruleId);
  }
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false, 'the schema refuses a driver with no name');
});

test('SARIF: a rule per row, a result per finding, located relative to the target', () => {
  const log = JSON.parse(REPORT_WRITERS['sarif']!.write(fixedReport(), { color: false }));
  const run = log.runs[0];
  assert.equal(run.tool.driver.rules.length, 10);
  assert.equal(run.originalUriBaseIds.TARGET.uri, 'file:///srv/exchange/');
  const mtacheck = run.results.find((r: { ruleId: string }) => r.ruleId === 'Q254943/Mtacheck.exe');
  assert.deepEqual(mtacheck.locations[0].physicalLocation.artifactLocation, { uri: 'exchsrvr/bin/mtacheck.exe', uriBaseId: 'TARGET' });
  assert.equal(mtacheck.level, 'error');
  const odd = run.results.find((r: { ruleId: string }) => r.ruleId === 'Q254943/Mtamsg.dll');
  assert.equal(odd.locations[0].physicalLocation.artifactLocation.uri, 'backup/old%2C%20100%25%3A%20%22mtamsg%22.dll');
  assert.equal(odd.suppressions[0].justification, 'backup folder, removed at the next rebuild');
  assert.equal(run.results.length, 8);
});

test('markdown stays under 1 MiB and says where it was cut', () => {
  const detail = 'x'.repeat(400);
  const rows: RowFinding[] = Array.from({ length: 5000 }, (_, i) => ({
    name: `f${i}.dll`,
    required: '5.0.1.1',
    status: 'outdated',
    reason: 'older',
    args: { found: detail, required: '5.0.1.1' },
    copies: [
      {
        path: `dir/f${i}.dll`,
        role: 'installed',
        status: 'outdated',
        reason: 'older',
        args: { found: '5.0.1.0', required: '5.0.1.1' },
        evidence: 'fixed-version',
        fixedVersion: '5.0.1.0',
        notes: [],
      },
    ],
  }));
  const text = writeMarkdown(gateReport(reportOf(rows)));
  const bytes = Buffer.byteLength(text, 'utf8');
  assert.ok(bytes <= MARKDOWN_MAX_BYTES && bytes < 1024 * 1024, `${bytes} bytes`);
  assert.match(text, /✂️ Cut here: \d+ more lines not shown/);
  assert.ok(text.lastIndexOf('<details>') < text.lastIndexOf('</details>'), 'a collapsed section cut open is closed');
  assert.doesNotMatch(writeMarkdown(fixedReport()), /Cut here/);
});

test('workflow-command and CSV escaping follow their rules', () => {
  assert.equal(escapeData('50% done\r\nnext'), '50%25 done%0D%0Anext');
  assert.equal(escapeProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\r\nlines'), '"two\r\nlines"');
  assert.equal(csvField(undefined), '');
  const csv = REPORT_WRITERS['csv']!.write(fixedReport(), { color: false });
  const records = csv.split('\r\n').filter(Boolean);
  assert.ok(records[0]!.startsWith('manifest,file,required'));
  // One line per copy: 8 + 2 rows, Mtamsg.dll has two copies, Dcprods.cat and P2.xv2 none.
  assert.equal(csv.match(/^Q254943/gm)!.length, 11);
});

test('JUnit names the unsuppressed copy when only some copies of a row are accepted', () => {
  const hidden = { reason: 'old backup', expired: false, entry: 'i.yml[0]' };
  const row: RowFinding = {
    name: 'a.dll',
    required: '5.0.1.1',
    status: 'outdated',
    reason: 'older',
    args: { found: '5.0.0.9', required: '5.0.1.1' },
    copies: [
      {
        path: 'backup/a.dll',
        role: 'installed',
        status: 'outdated',
        reason: 'older',
        args: { found: '5.0.1.0', required: '5.0.1.1' },
        evidence: 'fixed-version',
        fixedVersion: '5.0.1.0',
        notes: [],
        suppression: hidden,
      },
      {
        path: 'bin/a.dll',
        role: 'installed',
        status: 'outdated',
        reason: 'older',
        args: { found: '5.0.0.9', required: '5.0.1.1' },
        evidence: 'fixed-version',
        fixedVersion: '5.0.0.9',
        notes: [],
      },
    ],
  };
  const xml = REPORT_WRITERS['junit']!.write(gateReport(reportOf([row])), { color: false });
  assert.match(xml, /<failure message="found 5\.0\.0\.9, required 5\.0\.1\.1 or later \(bin\/a\.dll\)"/);
});

test('every writer handles an empty, an incomplete and an every-status report', () => {
  const statuses = ['meets', 'outdated', 'missing', 'unverifiable', 'not-applicable', 'unexpected'] as const;
  const rows: RowFinding[] = statuses.flatMap((status) => [
    { name: `${status}.dll`, required: '1.0.0.0', status, reason: 'older', args: {}, copies: [] } as RowFinding,
    {
      name: `${status}.cfg`,
      required: null,
      path: `pinned/${status}.cfg`,
      status,
      reason: 'present',
      args: { by: 'presence' },
      copies: [{ path: `pinned/${status}.cfg`, role: 'installed', status, reason: 'present', args: {}, evidence: 'presence', notes: [] }],
    } as RowFinding,
  ]);
  const reports = [
    reportOf([]),
    reportOf(rows),
    { ...reportOf(rows), complete: false, problems: [{ path: 'p', code: 'unreadable-folder', message: 'm' }] },
    { ...sampleReport(), manifests: [] },
  ];
  for (const report of reports) {
    for (const name of REPORT_FORMATS)
      assert.equal(typeof REPORT_WRITERS[name]!.write(gateReport(report), { color: false }), 'string', name);
  }
});
