// aggregate(): the fleet meets only when every host's report meets; every report that cannot count is a failure of
// its host, named, never skipped. Tests assert states and problem codes; the words are the writers' (golden files).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { aggregate } from '../../src/fleet/aggregate.js';
import type { FleetReport, HostResult } from '../../src/model/fleet.js';
import { tempDir } from '../helpers/tempDir.js';
import { FLEET_NOW, hostReport, oldReport, SARIF_OF_ANOTHER_TOOL, writeFiles } from './fleetReports.js';

const judge = (reports: string[], extra: Partial<Parameters<typeof aggregate>[0]> = {}) => aggregate({ reports, now: FLEET_NOW, ...extra });

function host(fleet: FleetReport, name: string): HostResult {
  const found = fleet.hosts.find((h) => h.host === name);
  assert.ok(found, `host ${name} in ${fleet.hosts.map((h) => h.host).join(', ')}`);
  return found;
}

const states = (fleet: FleetReport) => Object.fromEntries(fleet.hosts.map((h) => [h.host, h.problem?.code ?? h.state]));

test('all hosts meet: the fleet meets', async () => {
  const dir = await tempDir('hv-fleet-meet-');
  await writeFiles(dir, { 'a.json': await hostReport('passes', 'EXCH01'), 'b.json': await hostReport('passes', 'EXCH02') });
  const fleet = await judge([dir]);
  assert.equal(fleet.pass, true);
  assert.deepEqual(states(fleet), { EXCH01: 'meets', EXCH02: 'meets' });
  assert.deepEqual(host(fleet, 'EXCH01').fixes, { meets: 1, fallsShort: 0, notApplicable: 0 });
  assert.equal(host(fleet, 'EXCH01').ageSeconds, 6 * 3600);
  assert.equal(host(fleet, 'EXCH01').worst, undefined);
});

test('one host falls short: the fleet falls short, and the host shows its worst finding', async () => {
  const dir = await tempDir('hv-fleet-short-');
  await writeFiles(dir, { 'a.json': await hostReport('passes', 'EXCH01'), 'b.json': await hostReport('fails', 'EXCH02') });
  const fleet = await judge([dir]);
  assert.equal(fleet.pass, false);
  assert.deepEqual(fleet.reasons, [{ code: 'hosts-fall-short', hosts: 1 }]);
  const short = host(fleet, 'EXCH02');
  assert.equal(short.state, 'falls-short');
  assert.deepEqual(short.fixes, { meets: 0, fallsShort: 1, notApplicable: 0 });
  // Blocking first, outdated before missing and unverifiable.
  assert.deepEqual(
    short.findings?.map((f) => [f.file, f.status, f.blocking]),
    [
      ['Mtacheck.exe', 'outdated', true],
      ['Mtamsg.dll', 'outdated', true],
      ['Dcprods.cat', 'missing', true],
      ['X400om.dll', 'unverifiable', true],
    ],
  );
  assert.equal(short.worst?.reason, 'older');
  assert.equal(short.worst?.path, 'exchsrvr/bin/mtacheck.exe');
  assert.equal(fleet.hosts[0]!.host, 'EXCH02', 'hosts that fail come first');
});

test('a truncated report, a report of another tool, an empty file and broken JSON fail their hosts, named by file', async () => {
  const dir = await tempDir('hv-fleet-bad-');
  const full = await hostReport('passes', 'EXCH03');
  await writeFiles(dir, {
    'EXCH03.json': full.slice(0, 2000),
    'trivy.json': SARIF_OF_ANOTHER_TOOL,
    'EMPTY.json': '',
    'BROKEN.json': '{"schemaVersion": "1.3.0",\n  "tool": {"name": "hotfix-verify"} "x": 1}',
    'ARRAY.json': '[1, 2]',
    'notes.txt': 'not a report: not read',
  });
  const fleet = await judge([dir]);
  assert.equal(fleet.pass, false);
  assert.deepEqual(states(fleet), { EXCH03: 'truncated', trivy: 'foreign', EMPTY: 'empty', BROKEN: 'not-json', ARRAY: 'foreign' });
  assert.equal(host(fleet, 'EXCH03').hostFrom, 'file-name');
  assert.deepEqual(host(fleet, 'trivy').problem?.args, { tool: 'Trivy' });
  assert.equal(host(fleet, 'BROKEN').problem?.args['where'], 'line 2, column 37');
  assert.deepEqual(fleet.reasons, [{ code: 'bad-reports', hosts: 5 }]);
  assert.equal(fleet.reportsRead, 5, 'only *.json files are read from a folder');
});

test('a report that names its host keeps it, whatever the file is called; a missing file fails the host its name names', async () => {
  const dir = await tempDir('hv-fleet-name-');
  await writeFiles(dir, { 'report-1.json': await hostReport('passes', 'EXCH01') });
  const fleet = await judge([path.join(dir, 'report-1.json'), path.join(dir, 'EXCH09.json')]);
  assert.deepEqual(states(fleet), { EXCH01: 'meets', EXCH09: 'unreadable' });
  assert.match(String(host(fleet, 'EXCH09').problem?.args['message']), /no such file or folder/);
});

test('reports of another major schema, a fleet report and invalid fields are bad reports, with the place named', async () => {
  const dir = await tempDir('hv-fleet-schema-');
  const json = JSON.parse(await hostReport('passes', 'EXCH01'));
  await writeFiles(dir, {
    'v2.json': JSON.stringify({ ...json, host: 'V2', schemaVersion: '2.0.0' }),
    'fleet.json': JSON.stringify({ schemaVersion: '1.0.0', kind: 'fleet', tool: { name: 'hotfix-verify' }, hosts: [] }),
    'verdict.json': JSON.stringify({ ...json, host: 'VERDICT', verdict: 'fine' }),
    'when.json': JSON.stringify({ ...json, host: 'WHEN', generatedAt: '2026-06-01 02:00' }),
    'newer.json': JSON.stringify({ ...json, host: 'NEWER', schemaVersion: '1.9.0' }),
  });
  const fleet = await judge([dir]);
  // A report of another major is not read further: its host is taken from its file name.
  assert.deepEqual(states(fleet), { v2: 'unknown-major', fleet: 'not-scan-report', VERDICT: 'invalid', WHEN: 'invalid', NEWER: 'meets' });
  assert.equal(host(fleet, 'VERDICT').problem?.args['where'], '$.verdict');
  assert.equal(host(fleet, 'WHEN').problem?.args['where'], '$.generatedAt');
});

test('a 1.1.x report without host is named by its file and judged by its own gate', async () => {
  const dir = await tempDir('hv-fleet-old-');
  await writeFiles(dir, { 'EXCH05.json': await oldReport('passes'), 'EXCH06.json': await oldReport('fails') });
  const fleet = await judge([dir]);
  assert.deepEqual(states(fleet), { EXCH06: 'falls-short', EXCH05: 'meets' });
  const old = host(fleet, 'EXCH06');
  assert.equal(old.hostFrom, 'file-name');
  assert.equal(old.schemaVersion, '1.1.0');
  assert.equal(old.generatedAt, undefined);
  // No outcomes in 1.1: blocking follows the gate's failOn; no args: the report's own words are kept.
  assert.equal(old.worst?.file, 'Mtacheck.exe');
  assert.equal(old.worst?.blocking, true);
  assert.equal(old.worst?.args, undefined);
  assert.match(old.worst?.detail ?? '', /older than 5\.0\.1462\.10/);
});

test('--expect-hosts: a host with no report fails ("no report"); a host not in the list is named as such', async () => {
  const dir = await tempDir('hv-fleet-expect-');
  await writeFiles(dir, { 'a.json': await hostReport('passes', 'exch01'), 'b.json': await hostReport('passes', 'EXTRA') });
  const fleet = await judge([dir], { expectHosts: ['EXCH01', 'EXCH02'], expectHostsFile: 'hosts.txt' });
  assert.equal(fleet.pass, false);
  assert.deepEqual(states(fleet), { EXCH02: 'no-report', EXTRA: 'meets', exch01: 'meets' });
  assert.equal(host(fleet, 'exch01').expected, true, 'host names match case-insensitively');
  assert.equal(host(fleet, 'EXTRA').expected, false);
  assert.deepEqual(fleet.reasons, [{ code: 'no-report', hosts: 1 }]);
});

test('duplicate host reports: the newest counts, and the others are listed', async () => {
  const dir = await tempDir('hv-fleet-dup-');
  await mkdir(path.join(dir, 'monday'));
  await mkdir(path.join(dir, 'tuesday'));
  await writeFile(path.join(dir, 'tuesday', 'EXCH01.json'), await hostReport('passes', 'EXCH01', '2026-06-01T01:00:00.000Z'));
  await writeFile(path.join(dir, 'monday', 'EXCH01.json'), await hostReport('fails', 'EXCH01', '2026-05-31T01:00:00.000Z'));
  // Given newest first and oldest last: the order given does not matter, the time stamp does.
  let fleet = await judge([path.join(dir, 'tuesday'), path.join(dir, 'monday')]);
  assert.deepEqual(states(fleet), { EXCH01: 'meets' });
  assert.deepEqual(
    host(fleet, 'EXCH01').superseded?.map((s) => [path.basename(path.dirname(s.source)), s.generatedAt, s.state]),
    [['monday', '2026-05-31T01:00:00.000Z', 'falls-short']],
  );
  // A newer report that falls short counts over an older one that meets.
  await writeFile(path.join(dir, 'monday', 'EXCH01.json'), await hostReport('fails', 'EXCH01', '2026-06-01T01:30:00.000Z'));
  fleet = await judge([path.join(dir, 'tuesday'), path.join(dir, 'monday')]);
  assert.deepEqual(states(fleet), { EXCH01: 'falls-short' });
  // A report that cannot be read cannot be proven older: it counts (fail closed).
  await writeFile(path.join(dir, 'monday', 'EXCH01.json'), '{"schemaVersion": "1.3.0", "host": "EXC');
  fleet = await judge([path.join(dir, 'tuesday'), path.join(dir, 'monday')]);
  assert.deepEqual(states(fleet), { EXCH01: 'truncated' });
  // An undated report (schema 1.1) is older than a dated one.
  await writeFile(path.join(dir, 'monday', 'EXCH01.json'), await oldReport('fails'));
  fleet = await judge([path.join(dir, 'monday'), path.join(dir, 'tuesday')]);
  assert.deepEqual(states(fleet), { EXCH01: 'meets' });
  assert.equal(fleet.reportsRead, 2);
});

test('--max-age: an older report fails its host; so does one of unknown age, and one from the future always', async () => {
  const dir = await tempDir('hv-fleet-age-');
  await writeFiles(dir, {
    'fresh.json': await hostReport('passes', 'FRESH', '2026-05-31T08:00:00.000Z'),
    'stale.json': await hostReport('passes', 'STALE', '2026-05-20T08:00:00.000Z'),
    'UNDATED.json': await oldReport('passes'),
    'future.json': await hostReport('passes', 'FUTURE', '2026-06-02T08:00:00.000Z'),
  });
  const fleet = await judge([dir], { maxAgeSeconds: 7 * 86_400, maxAgeText: '7d' });
  assert.deepEqual(states(fleet), { FUTURE: 'from-the-future', STALE: 'too-old', UNDATED: 'age-unknown', FRESH: 'meets' });
  assert.equal(host(fleet, 'STALE').state, 'too-old');
  assert.deepEqual(host(fleet, 'STALE').problem?.args, { seconds: 12 * 86_400, maxAge: '7d' });
  assert.deepEqual(fleet.maxAge, { text: '7d', seconds: 604_800 });
  // Without --max-age, age does not fail a host (a report from the future still does).
  assert.deepEqual(states(await judge([dir])), { FUTURE: 'from-the-future', FRESH: 'meets', STALE: 'meets', UNDATED: 'meets' });
});

test('"-" reads JSON lines from standard input: one report a line; a bad line fails, named by its line', async () => {
  const line = (text: string) => JSON.stringify(JSON.parse(text));
  const stdin = Readable.from([
    `${line(await hostReport('passes', 'EXCH01'))}\n\n{"truncated":`,
    `\r\n${line(await oldReport('passes'))}\n${line(await hostReport('fails', 'EXCH02'))}`,
  ]);
  const fleet = await judge(['-'], { stdin });
  assert.deepEqual(states(fleet), { '(stdin line 3)': 'truncated', '(stdin line 4)': 'no-host', EXCH02: 'falls-short', EXCH01: 'meets' });
  assert.deepEqual(host(fleet, 'EXCH02').origin, { source: '-', line: 5 });
});

test('no host at all is not a fleet that meets', async () => {
  const dir = await tempDir('hv-fleet-empty-');
  const fleet = await judge([dir]);
  assert.equal(fleet.pass, false);
  assert.deepEqual(fleet.reasons, [{ code: 'no-hosts' }]);
});

test('a folder that cannot be listed or a FIFO named like a report fails, never hangs or is skipped', {
  skip: process.getuid?.() !== 0 && 'needs root',
}, async () => {
  const dir = await tempDir('hv-fleet-fifo-');
  const { spawnSync } = await import('node:child_process');
  spawnSync('mkfifo', [path.join(dir, 'PIPE.json')]);
  const fleet = await judge([dir]);
  assert.deepEqual(states(fleet), { PIPE: 'unreadable' });
  assert.match(String(host(fleet, 'PIPE').problem?.args['message']), /not a regular file/);
});

test('a 1.0 report (no gate) meets only when it says it was complete; UTF-16 reports (PowerShell 5 Out-File) are read', async () => {
  const dir = await tempDir('hv-fleet-v10-');
  const json = JSON.parse(await oldReport('passes'));
  delete json.gate;
  json.schemaVersion = '1.0.0';
  const unsaid = { ...json };
  delete unsaid.complete;
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(await hostReport('passes', 'WIDE'), 'utf16le')]);
  await writeFiles(dir, { 'DONE.json': JSON.stringify(json), 'UNSAID.json': JSON.stringify(unsaid) });
  await writeFile(path.join(dir, 'wide.json'), utf16);
  assert.deepEqual(states(await judge([dir])), { UNSAID: 'falls-short', DONE: 'meets', WIDE: 'meets' });
});
