// Evaluation of platform rows and date rows through the pipeline, over in-memory servers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScanReport } from '../../src/model/report.js';
import type { FailOnStatus } from '../../src/model/gate.js';
import { parseManifest } from '../../src/manifest/loadManifest.js';
import type { LoadedManifest } from '../../src/manifest/types.js';
import { writePe } from '../../src/pe/writePe.js';
import { REPORT_WRITERS } from '../../src/report/registry.js';
import { gateSummary, rowDetail } from '../../src/report/messages.js';
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
