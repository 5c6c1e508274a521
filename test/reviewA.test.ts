// Review A: false passes and writer/gate disagreements found in review, one test each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScanReport } from '../src/model/report.js';
import type { FailOnStatus } from '../src/model/gate.js';
import { parseManifest } from '../src/manifest/loadManifest.js';
import type { LoadedManifest } from '../src/manifest/types.js';
import { writePe } from '../src/pe/writePe.js';
import { REPORT_WRITERS } from '../src/report/registry.js';
import { scan } from './helpers/scan.js';
import { memorySource, type MemoryFile } from './helpers/memorySource.js';
import { tarTree, writeTemp, zipTree } from './helpers/imageBuilders.js';
import { tempDir } from './helpers/tempDir.js';
import { gateSummary, rowDetail } from '../src/report/messages.js';

const BIN = fileURLToPath(new URL('../../bin/hotfix-verify.js', import.meta.url));

function run(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function manifestOf(files: object[], extra: object = {}): LoadedManifest {
  return parseManifest(
    JSON.stringify({ formatVersion: '1.0.0', id: 'QTEST', title: 't', product: 'p', rule: 'or-later', files, ...extra }),
    'test.json',
  );
}

async function gated(manifest: LoadedManifest, files: MemoryFile[], failOn?: readonly FailOnStatus[]): Promise<ScanReport> {
  return scan({ manifests: [manifest], source: memorySource(files), ...(failOn ? { failOn } : {}) });
}

test('an empty target never passes, whatever --fail-on names (no row is proven)', async () => {
  const manifest = manifestOf([
    { name: 'A.dll', version: '5.0.1.1' },
    { name: 'B.cfg', version: null },
  ]);
  for (const failOn of [['outdated'], ['unverifiable'], ['outdated', 'unverifiable']] as const) {
    const report = await gated(manifest, [], failOn);
    assert.equal(report.gate!.pass, false, `--fail-on ${failOn.join(',')}: ${gateSummary(report.gate)}`);
  }
  const root = await tempDir('hv-ra-empty-');
  assert.equal(run(['scan', root, '--fail-on', 'outdated', '-q']).code, 1);
});

test('an ignore file that hides every row of an empty target does not make it pass', async () => {
  const root = await tempDir('hv-ra-ign-');
  const dir = await tempDir('hv-ra-ignf-');
  const manifest = path.join(dir, 'm.json');
  await writeFile(
    manifest,
    JSON.stringify({
      formatVersion: '1.0.0',
      id: 'QTEST',
      title: 't',
      product: 'p',
      rule: 'or-later',
      files: [{ name: 'A.dll', version: '5.0.1.1' }],
    }),
  );
  const ignore = path.join(dir, 'ignore.yml');
  await writeFile(ignore, '- manifest: QTEST\n  file: A.dll\n  reason: accepted\n');
  await mkdir(path.join(root, 'x'));
  const result = run(['scan', root, '-m', manifest, '--ignore-file', ignore, '-f', 'json']);
  assert.equal(result.code, 1, result.stdout);
  assert.equal(JSON.parse(result.stdout).gate.pass, false);
});

test('a date row is not met by the modification time of a PE file that could not be read', async () => {
  const manifest = manifestOf([{ name: 'A.dll', version: null, date: '2000-06-14' }]);
  const good = writePe({ fileVersion: '4.0.1.1' });
  const truncated = good.subarray(0, 300);
  const report = await gated(manifest, [{ path: 'a.dll', bytes: truncated, mtimeMs: Date.parse('2020-01-01T00:00:00Z') }]);
  assert.equal(report.manifests[0]!.rows[0]!.status, 'unverifiable', rowDetail(report.manifests[0]!.rows[0]!));
  assert.equal(report.gate!.pass, false);
  // A file that is not PE at all is still judged by its modification time, as documented.
  const text = await gated(manifest, [
    { path: 'a.dll', bytes: new TextEncoder().encode('plain text'), mtimeMs: Date.parse('2020-01-01T00:00:00Z') },
  ]);
  assert.equal(text.manifests[0]!.rows[0]!.status, 'meets');
});

test('a row for one platform whose only copy is built for another is not met when no row of that name is for that platform', async () => {
  // A.dll and B.dll are both i386 rows; B.dll on the target is an Alpha build: the i386 B.dll is not there.
  const manifest = manifestOf([
    { name: 'A.dll', version: '5.0.1.1', platform: 'i386' },
    { name: 'B.dll', version: '5.0.1.1', platform: 'i386' },
  ]);
  const report = await gated(manifest, [
    { path: 'bin/a.dll', bytes: writePe({ fileVersion: '5.0.1.1', machine: 'i386' }) },
    { path: 'bin/b.dll', bytes: writePe({ fileVersion: '5.0.1.1', machine: 'alpha' }) },
  ]);
  assert.notEqual(report.manifests[0]!.verdict, 'meets');
  assert.equal(report.gate!.pass, false, gateSummary(report.gate));
  // One i386 and one Alpha build, half and half: the server cannot be both, so both rows fail (mixed-platform).
  const junit = REPORT_WRITERS.junit!.write(report, { color: false });
  assert.match(junit, /failures="2"/);
  assert.match(junit, /type="mixed-platform"/);

  // A table split per platform (an Alpha row and an i386 row of the same file) still meets on an i386 machine.
  const split = manifestOf([
    { name: 'A.dll', version: '5.0.1.1', platform: 'i386' },
    { name: 'A.dll', version: '5.0.1.1', platform: 'alpha' },
  ]);
  const ok = await gated(split, [{ path: 'bin/a.dll', bytes: writePe({ fileVersion: '5.0.1.1', machine: 'i386' }) }]);
  assert.equal(ok.manifests[0]!.verdict, 'meets');
  assert.equal(ok.gate!.pass, true, gateSummary(ok.gate));
});

test('JUnit and GitHub show a failing gate even when no single row fails (nothing applies, nothing meets)', async () => {
  // Every versioned file is of another branch: the fix does not apply, the gate fails (nothing proven).
  const manifest = manifestOf([{ name: 'A.dll', version: '5.0.1.1' }]);
  const na = await gated(manifest, [{ path: 'a.dll', bytes: writePe({ fileVersion: '5.5.1.1' }) }]);
  // --fail-on outdated over an empty target: no row fails, and nothing meets.
  const empty = await gated(manifest, [], ['outdated']);
  for (const report of [na, empty]) {
    assert.equal(report.gate!.pass, false);
    const junit = REPORT_WRITERS.junit!.write(report, { color: false });
    const totals = /<testsuites [^>]*failures="(\d+)" errors="(\d+)"/.exec(junit)!;
    assert.ok(Number(totals[1]) + Number(totals[2]) > 0, `JUnit shows no failure for a failing gate:\n${junit}`);
    const github = REPORT_WRITERS.github!.write(report, { color: false });
    assert.match(github, /^::error /m, `no ::error for a failing gate:\n${github}`);
  }
});

test('JUnit does not fail rows the gate lets pass (--fail-on without their status)', async () => {
  const manifest = manifestOf([
    { name: 'A.dll', version: '5.0.1.1' },
    { name: 'B.cfg', version: null },
    { name: 'C.dll', version: '5.0.1.1' },
  ]);
  const report = await gated(
    manifest,
    [
      { path: 'a.dll', bytes: writePe({ fileVersion: '5.0.1.1' }) },
      { path: 'c.dll', bytes: new TextEncoder().encode('not a PE file') },
    ],
    ['outdated'],
  );
  assert.equal(report.gate!.pass, true, gateSummary(report.gate));
  const junit = REPORT_WRITERS.junit!.write(report, { color: false });
  assert.match(junit, /<testsuites [^>]*failures="0" errors="0" skipped="2"/, junit);
});

test('JUnit fails a row of another platform when --fail-on names not-applicable, as the gate does', async () => {
  const manifest = manifestOf([
    { name: 'A.dll', version: '5.0.1.1', platform: 'i386' },
    { name: 'A.dll', version: '5.0.1.1', platform: 'alpha' },
  ]);
  const report = await gated(
    manifest,
    [{ path: 'a.dll', bytes: writePe({ fileVersion: '5.0.1.1' }) }],
    ['outdated', 'missing', 'unverifiable', 'not-applicable'],
  );
  assert.equal(report.gate!.pass, false, gateSummary(report.gate));
  const junit = REPORT_WRITERS.junit!.write(report, { color: false });
  assert.match(junit, /<testsuites [^>]*failures="1"/, junit);
});

test('a tar holding one path twice is judged by both entries (extraction keeps the last, an old one)', async () => {
  const dir = await tempDir('hv-ra-dup-');
  const manifest = path.join(dir, 'm.json');
  await writeFile(
    manifest,
    JSON.stringify({
      formatVersion: '1.0.0',
      id: 'QTEST',
      title: 't',
      product: 'p',
      rule: 'or-later',
      files: [{ name: 'A.dll', version: '5.0.1.10' }],
    }),
  );
  const image = await tarTree(
    { 'bin/a.dll': { pe: { fileVersion: '5.0.1.10' } } },
    { extras: { 'bin/a.dll': { type: 'file', bytes: Buffer.from(writePe({ fileVersion: '5.0.1.9' })) } } },
  );
  const file = await writeTemp('dup.tar', image);
  const result = run(['scan', file, '-m', manifest, '-f', 'json']);
  assert.equal(result.code, 1, result.stdout);
  const row = JSON.parse(result.stdout).manifests[0].rows[0];
  assert.equal(row.status, 'outdated');
  assert.equal(row.copies.length, 2);
  // The same for a zip whose central directory names one path twice.
  const zip = await writeTemp(
    'dup.zip',
    await zipTree(
      { 'bin/a.dll': { pe: { fileVersion: '5.0.1.10' } } },
      { buffers: { 'bin/a.dll': Buffer.from(writePe({ fileVersion: '5.0.1.9' })) } },
    ),
  );
  assert.equal(run(['scan', zip, '-m', manifest, '-q']).code, 1);
});

test('an empty --fail-on (an unset variable, a lone comma) is a usage error, not a gate that fails on nothing', async () => {
  const root = await tempDir('hv-ra-failon-');
  await mkdir(path.join(root, 'bin'));
  await writeFile(path.join(root, 'bin', 'emsmta.exe'), writePe({ fileVersion: '5.0.1462.9' }));
  for (const value of [['--fail-on', ''], ['--fail-on', ','], ['--fail-on=']]) {
    const result = run(['scan', root, ...value, '-q']);
    assert.equal(result.code, 2, `${value.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, /--fail-on/);
  }
});

test('--exact re-judges a snapshot manifest with its reason: a verdict and a reason never disagree', async () => {
  const snapshot = parseManifest(
    JSON.stringify({
      formatVersion: '1.0.0',
      id: 'SNAP',
      title: 't',
      product: 'p',
      rule: 'or-later',
      kind: 'snapshot',
      files: [{ name: 'a.dll', path: 'bin/a.dll', version: '5.0.1.1' }],
    }),
    'snap.json',
  );
  const source = memorySource([{ path: 'other/b.txt', bytes: new Uint8Array([1]) }]);
  const scanned = await scan({ manifests: [snapshot], source, catalog: true });
  assert.equal(scanned.manifests[0]!.reason, 'not-present');
  const exact = await scan({ manifests: [snapshot], source, catalog: true, exact: true });
  const finding = exact.manifests[0]!;
  assert.equal(finding.verdict, 'falls-short');
  assert.equal(finding.reason, undefined, 'a reason is given only when the manifest does not apply');
});

test('the Markdown summary stays under its limit when the target has very many problems', async () => {
  const { writeMarkdown } = await import('../src/report/markdownWriter.js');
  const manifest = manifestOf([{ name: 'A.dll', version: '5.0.1.1' }]);
  const problems = Array.from({ length: 40_000 }, (_, i) => ({
    path: `../escape/${'x'.repeat(20)}/${i}.bin`,
    code: 'unsafe-path',
    message: 'entry skipped: the path escapes the image',
  }));
  const base = await scan({ manifests: [manifest], source: memorySource([], problems) });
  const text = writeMarkdown(base, 64 * 1024);
  assert.ok(Buffer.byteLength(text, 'utf8') <= 64 * 1024, `${Buffer.byteLength(text, 'utf8')} bytes`);
  assert.match(text, /^## ❌ hotfix-verify: failed/);
  assert.match(text, /Cut here/);
});

test('SARIF says so when the gate fails with no error-level result (nothing applies)', async () => {
  const manifest = manifestOf([{ name: 'A.dll', version: '5.0.1.1' }]);
  const report = await gated(manifest, [{ path: 'a.dll', bytes: writePe({ fileVersion: '5.5.1.1' }) }]);
  assert.equal(report.gate!.pass, false);
  const run0 = JSON.parse(REPORT_WRITERS.sarif!.write(report, { color: false })).runs[0];
  const errors = [
    ...run0.results.filter((r: { level: string }) => r.level === 'error'),
    ...run0.invocations[0].toolExecutionNotifications.filter((n: { level: string }) => n.level === 'error'),
  ];
  assert.ok(errors.length > 0, JSON.stringify(run0.invocations));
});

test('a file the split table lists only for another platform is not missing on this platform', async () => {
  // Colleval.dll for both platforms, Alphaonly.dll for Alpha only: an i386 server has no Alphaonly.dll, and should not.
  const manifest = manifestOf([
    { name: 'Colleval.dll', version: '5.0.1.1', platform: 'i386' },
    { name: 'Colleval.dll', version: '5.0.1.1', platform: 'alpha' },
    { name: 'Alphaonly.dll', version: '5.0.1.1', platform: 'alpha' },
  ]);
  const intel = await gated(manifest, [{ path: 'bin/colleval.dll', bytes: writePe({ fileVersion: '5.0.1.1', machine: 'i386' }) }]);
  const row = intel.manifests[0]!.rows[2]!;
  assert.deepEqual([row.status, row.reason], ['not-applicable', 'other-platform'], rowDetail(row));
  assert.match(rowDetail(row), /this row is for alpha; the server is i386/);
  assert.equal(intel.manifests[0]!.verdict, 'meets');
  assert.equal(intel.gate!.pass, true, gateSummary(intel.gate));
  // On an Alpha server the same file is missing: it is that platform's file.
  const alpha = await gated(manifest, [{ path: 'bin/colleval.dll', bytes: writePe({ fileVersion: '5.0.1.1', machine: 'alpha' }) }]);
  assert.equal(alpha.manifests[0]!.rows[2]!.status, 'missing');
  assert.equal(alpha.gate!.pass, false);
  // And with nothing on the target at all, nothing is excused.
  const empty = await gated(manifest, []);
  assert.ok(empty.manifests[0]!.rows.every((r) => r.status === 'missing'));
});
