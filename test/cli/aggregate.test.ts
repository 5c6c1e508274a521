// `hotfix-verify scan --host` and `hotfix-verify aggregate`, run as a user does (the built CLI as a child process):
// the report names its host and time; aggregate exits 0 when the fleet meets, 1 when a host does not, 2 for usage errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { BIN, run } from '../helpers/cli.js';
import { exchangeServer } from '../helpers/serverTree.js';
import { makeTree } from '../helpers/serverTree.js';
import { tempDir } from '../helpers/tempDir.js';
import { hostReport, oldReport, SARIF_OF_ANOTHER_TOOL, writeFiles } from '../fleet/fleetReports.js';

/** A report written now (so --max-age sees it as fresh). */
const fresh = (situation: string, host: string) => hostReport(situation, host, new Date().toISOString());

test('scan writes the host (default: this machine) and when, in UTC ISO 8601; --host names another', async () => {
  const root = await makeTree(exchangeServer());
  const before = Date.now();
  const own = JSON.parse(run(['scan', root, '-f', 'json']).stdout);
  assert.equal(own.schemaVersion, '1.3.0');
  assert.equal(own.host, hostname());
  assert.match(own.generatedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  assert.ok(Date.parse(own.generatedAt) >= before - 1000 && Date.parse(own.generatedAt) <= Date.now());
  const other = JSON.parse(run(['scan', root, '-f', 'json', '--host', 'EXCH01']).stdout);
  assert.equal(other.host, 'EXCH01');
  for (const bad of ['', ' ', 'a\u001bb']) {
    const result = run(['scan', root, '--host', bad]);
    assert.equal(result.code, 2, JSON.stringify(bad));
    assert.match(result.stderr, /--host/);
  }
});

test('aggregate: exit 0 when every host meets, 1 when one falls short; the table names each host', async () => {
  const dir = await tempDir('hv-agg-cli-');
  await writeFiles(dir, { 'EXCH01.json': await fresh('passes', 'EXCH01'), 'EXCH02.json': await fresh('passes', 'EXCH02') });
  const ok = run(['aggregate', dir]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /│ EXCH01 +│ meets/);
  assert.match(ok.stdout, /Fleet meets: all 2 hosts meet\./);
  await writeFile(path.join(dir, 'EXCH03.json'), await fresh('fails', 'EXCH03'));
  const short = run(['aggregate', dir, '--max-age', '7d']);
  assert.equal(short.code, 1);
  assert.match(short.stdout, /│ EXCH03 +│ FALLS SHORT │ 0 +│ 1 /);
  assert.match(short.stdout, /Fleet falls short: 2 of 3 hosts meet; 1 host falls short\./);
});

test("aggregate: a truncated report, another tool's, a 1.1 report, --expect-hosts and --max-age, all named", async () => {
  const dir = await tempDir('hv-agg-cli-bad-');
  const hosts = path.join(await tempDir('hv-agg-cli-hosts-'), 'hosts.txt');
  await writeFile(hosts, '# the fleet\nEXCH01\nEXCH02 ansible_host=192.0.2.2\n\nEXCH03\nEXCH09\n');
  await writeFiles(dir, {
    'EXCH01.json': (await fresh('passes', 'EXCH01')).slice(0, 900),
    'EXCH02.json': SARIF_OF_ANOTHER_TOOL,
    'EXCH03.json': await oldReport('passes'),
  });
  const result = run(['aggregate', dir, '--expect-hosts', hosts, '-f', 'json']);
  assert.equal(result.code, 1);
  const fleet = JSON.parse(result.stdout);
  assert.deepEqual(
    fleet.hosts.map((h: { host: string; state: string; problem?: { code: string } }) => [h.host, h.state, h.problem?.code]),
    [
      ['EXCH09', 'no-report', undefined],
      ['EXCH01', 'bad-report', 'truncated'],
      ['EXCH02', 'bad-report', 'foreign'],
      ['EXCH03', 'meets', undefined],
    ],
  );
  assert.equal(fleet.schemaVersion, '1.0.0');
  assert.equal(fleet.kind, 'fleet');
  const aged = JSON.parse(run(['aggregate', dir, '--max-age', '1d', '-f', 'json']).stdout);
  assert.equal(aged.hosts.find((h: { host: string }) => h.host === 'EXCH03').problem.code, 'age-unknown');
});

test('aggregate: duplicate reports of a host: the newest counts and the table says so', async () => {
  const dir = await tempDir('hv-agg-cli-dup-');
  await writeFiles(dir, {
    'EXCH01-monday.json': await hostReport('fails', 'EXCH01', '2026-06-01T01:00:00.000Z'),
    'EXCH01-tuesday.json': await hostReport('passes', 'EXCH01', '2026-06-02T01:00:00.000Z'),
  });
  const result = run(['aggregate', dir]);
  assert.equal(result.code, 0, result.stdout);
  assert.match(result.stdout, /note: 2 reports for this host: the newest/);
  const fleet = JSON.parse(run(['aggregate', dir, '-f', 'json']).stdout);
  assert.equal(fleet.hosts.length, 1);
  assert.match(
    fleet.hosts[0].notes[0],
    /^2 reports for this host: the newest \(2026-06-02T01:00:00\.000Z\) counts; not counted: .*EXCH01-monday\.json/,
  );
});

test('aggregate -: JSON lines on standard input, one report a line', async () => {
  const lines = [await fresh('passes', 'EXCH01'), await fresh('fails', 'EXCH02')]
    .map((text) => JSON.stringify(JSON.parse(text)))
    .join('\n');
  const result = spawnSync(process.execPath, [BIN, 'aggregate', '-', '-f', 'csv'], {
    input: `${lines}\n`,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.equal(result.status, 1, result.stderr);
  const records = result.stdout.trim().split('\r\n');
  assert.equal(records.length, 3);
  assert.match(records[1]!, /^EXCH02,falls-short,false,/);
  assert.match(records[2]!, /^EXCH01,meets,true,/);
});

test('aggregate -o and --report write whole files, nothing on stdout', async () => {
  const dir = await tempDir('hv-agg-cli-out-');
  const out = await tempDir('hv-agg-cli-files-');
  await writeFiles(dir, { 'EXCH01.json': await fresh('passes', 'EXCH01') });
  const result = run([
    'aggregate',
    dir,
    '-o',
    path.join(out, 'fleet.json'),
    '-f',
    'json',
    '--report',
    `html=${path.join(out, 'fleet.html')}`,
    '--report',
    `junit=${path.join(out, 'fleet.xml')}`,
    '--report',
    `markdown=${path.join(out, 'fleet.md')}`,
  ]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, '');
  assert.deepEqual((await readdir(out)).sort(), ['fleet.html', 'fleet.json', 'fleet.md', 'fleet.xml']);
  assert.equal(JSON.parse(await readFile(path.join(out, 'fleet.json'), 'utf8')).pass, true);
  assert.match(await readFile(path.join(out, 'fleet.html'), 'utf8'), /<p class="badge">FLEET MEETS<\/p>/);
});

test('aggregate usage errors exit 2 with one clear line: no reports, an unreadable host list, a bad --max-age or --report', async () => {
  const dir = await tempDir('hv-agg-cli-usage-');
  await writeFiles(dir, { 'EXCH01.json': await fresh('passes', 'EXCH01'), 'empty.txt': '# nothing\n' });
  const cases: [string[], RegExp][] = [
    [['aggregate'], /Not enough non-option arguments/],
    [['aggregate', dir, '--expect-hosts', path.join(dir, 'missing.txt')], /missing\.txt: cannot be read: no such file or folder/],
    [['aggregate', dir, '--expect-hosts', path.join(dir, 'empty.txt')], /empty\.txt: names no host/],
    [['aggregate', dir, '--expect-hosts', dir], /is a folder, not a file/],
    [['aggregate', dir, '--max-age', 'a week'], /--max-age "a week": give a duration such as 7d/],
    [['aggregate', dir, '--max-age', '0d'], /--max-age "0d"/],
    [['aggregate', dir, '--report', 'sarif=x.sarif'], /unknown format "sarif" \(choices: table, json, junit, markdown, csv, html\)/],
    [['aggregate', dir, '-f', 'github'], /Invalid values/],
    [['aggregate', '-', '-'], /standard input\) is named more than once/],
  ];
  for (const [args, message] of cases) {
    const result = run(args);
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message, args.join(' '));
    assert.equal(result.stdout, '', args.join(' '));
  }
});
