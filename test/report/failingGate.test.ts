// Writers show the gate's decision as it was stamped: a failing gate is never green in any CI format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScanReport } from '../../src/model/report.js';
import type { FailOnStatus } from '../../src/model/gate.js';
import { parseManifest } from '../../src/manifest/loadManifest.js';
import type { LoadedManifest } from '../../src/manifest/types.js';
import { writePe } from '../../src/pe/writePe.js';
import { REPORT_WRITERS } from '../../src/report/registry.js';
import { gateSummary } from '../../src/report/messages.js';
import { scan } from '../helpers/scan.js';
import { memorySource, type MemoryFile } from '../helpers/memorySource.js';

function manifestOf(files: object[], extra: object = {}): LoadedManifest {
  return parseManifest(
    JSON.stringify({ formatVersion: '1.0.0', id: 'QTEST', title: 't', product: 'p', rule: 'or-later', files, ...extra }),
    'test.json',
  );
}

async function gated(manifest: LoadedManifest, files: MemoryFile[], failOn?: readonly FailOnStatus[]): Promise<ScanReport> {
  return scan({ manifests: [manifest], source: memorySource(files), ...(failOn ? { failOn } : {}) });
}

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

test('the Markdown summary stays under its limit when the target has very many problems', async () => {
  const { writeMarkdown } = await import('../../src/report/markdownWriter.js');
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
