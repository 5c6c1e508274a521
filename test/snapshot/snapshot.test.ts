// Golden-image snapshots: snapshot a generated image, change it, scan it against the snapshot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseManifest } from '../../src/manifest/loadManifest.js';
import { writePe } from '../../src/pe/writePe.js';
import { scan } from '../helpers/scan.js';
import { snapshotManifest } from '../../src/snapshot/snapshot.js';
import { directorySource } from '../../src/source/directorySource.js';
import type { ScanReport } from '../../src/model/report.js';
import { exchangeServer, makeTree } from '../helpers/serverTree.js';
import { rowDetail } from '../../src/report/messages.js';
import { memorySource } from '../helpers/memorySource.js';

/** An image with two product branches, one name in two folders, and an x64 binary. */
function goldenImage() {
  return makeTree(
    {
      ...exchangeServer(),
      'exchsrvr/bin/emsmta.exe': { pe: { fileVersion: '5.0.1462.10', dll: false } },
      'exchsrvr/backup/emsmta.exe': { pe: { fileVersion: '5.0.1460.8', dll: false } },
      'winnt/system32/mapi32.dll': { pe: { fileVersion: '5.5.2653.23' } },
      'winnt/system64/mapi64.dll': { pe: { fileVersion: '6.1.7601.17514', machine: 'x64' } },
      'winnt/system32/noversion.dll': { pe: { versionResource: false } },
      'docs/readme.txt': { text: 'golden\r\n' },
    },
    'hv-golden-',
  );
}

async function scanAgainst(root: string, text: string, exact = false): Promise<ScanReport> {
  const loaded = parseManifest(text, 'snapshot.json');
  const source = await directorySource(root);
  return scan({ manifests: [loaded], source, exact });
}

const shortOf = (report: ScanReport) =>
  report.manifests[0]!.rows.filter((row) => row.status !== 'meets').map((row) => [row.path, row.status, row.reason]);

test('a snapshot records PE files by version, platform and SHA-256, other files by size and SHA-256', async () => {
  const root = await goldenImage();
  const { manifest, problems, skipped } = await snapshotManifest({ source: await directorySource(root), id: 'golden', date: '2026-11-25' });
  assert.deepEqual([problems, skipped], [[], []]);
  assert.equal(manifest.kind, 'snapshot');
  assert.equal(manifest.files.length, 16 + 5);
  const byPath = Object.fromEntries(manifest.files.map((row) => [row.path, row]));
  const backup = byPath['exchsrvr/backup/emsmta.exe']!;
  assert.match(backup.sha256!, /^[0-9a-f]{64}$/, 'every file is hashed, PE files too');
  assert.deepEqual(backup, {
    name: 'emsmta.exe',
    version: '5.0.1460.8',
    platform: 'i386',
    sha256: backup.sha256,
    path: 'exchsrvr/backup/emsmta.exe',
  });
  assert.equal(byPath['winnt/system64/mapi64.dll']!.platform, 'x64');
  assert.equal(byPath['docs/readme.txt']!.version, null);
  assert.equal(byPath['docs/readme.txt']!.size, 8);
  assert.match(byPath['docs/readme.txt']!.sha256!, /^[0-9a-f]{64}$/);
  assert.equal(byPath['winnt/system32/noversion.dll']!.version, null, 'a PE file without a version resource is pinned by its digest');
  // It is a valid manifest, and the image meets its own snapshot.
  const report = await scanAgainst(root, JSON.stringify(manifest));
  assert.equal(report.manifests[0]!.branch, null, 'no branch rule: 5.0, 5.5 and 6.1 files live side by side');
  assert.deepEqual(shortOf(report), []);
  assert.equal(report.verdict, 'meets');
});

test('--exact: a file replaced at the same version (other bytes, same 5.0.1462.10) fails; a newer one is unexpected', async () => {
  const root = await goldenImage();
  const { manifest } = await snapshotManifest({ source: await directorySource(root) });
  const text = JSON.stringify(manifest);
  // The same version, other bytes: a replaced Address.dll that still says 5.0.1462.10.
  await writeFile(
    path.join(root, 'exchsrvr/bin/address.dll'),
    writePe({ fileVersion: '5.0.1462.10', strings: { Comments: 'not the one' } }),
  );
  for (const exact of [false, true]) {
    const report = await scanAgainst(root, text, exact);
    assert.deepEqual(shortOf(report), [['exchsrvr/bin/address.dll', 'outdated', 'sha256-mismatch']], `exact ${exact}`);
    const row = report.manifests[0]!.rows.find((r) => r.path === 'exchsrvr/bin/address.dll')!;
    assert.match(rowDetail(row), /content changed at the same version 5\.0\.1462\.10/);
  }
});

test('round trip: downgrade one file, and exactly that file falls short', async () => {
  const root = await goldenImage();
  const { manifest } = await snapshotManifest({ source: await directorySource(root) });
  const text = JSON.stringify(manifest);
  await writeFile(path.join(root, 'exchsrvr/bin/mtacheck.exe'), writePe({ fileVersion: '5.0.1462.9', dll: false }));
  const report = await scanAgainst(root, text);
  assert.deepEqual(shortOf(report), [['exchsrvr/bin/mtacheck.exe', 'outdated', 'older']]);
  assert.equal(report.verdict, 'falls-short');
  // The older copy in backup/ is pinned to its own row: it neither fails the bin/ row nor is failed by it.
  assert.equal(report.manifests[0]!.rows.find((row) => row.path === 'exchsrvr/backup/emsmta.exe')!.status, 'meets');
});

test('changed, missing and unverifiable files fall short; --exact adds newer and unknown files', async () => {
  const root = await goldenImage();
  const { manifest } = await snapshotManifest({ source: await directorySource(root) });
  const text = JSON.stringify(manifest);
  await writeFile(path.join(root, 'docs/readme.txt'), 'GOLDEN\r\n'); // same size, other bytes
  await rm(path.join(root, 'exchsrvr/mtadata/p3.tpl'));
  await writeFile(path.join(root, 'winnt/system32/mapi32.dll'), 'not a PE file any more');
  await writeFile(path.join(root, 'exchsrvr/bin/emsmta.exe'), writePe({ fileVersion: '5.0.1462.11', dll: false }));
  await writeFile(path.join(root, 'docs/new.txt'), 'new');
  const expected = [
    ['exchsrvr/mtadata/p3.tpl', 'missing', 'not-found'],
    ['winnt/system32/mapi32.dll', 'unverifiable', 'not-pe'],
    ['docs/readme.txt', 'outdated', 'sha256-mismatch'],
  ];
  const plain = await scanAgainst(root, text);
  assert.deepEqual(shortOf(plain).sort(), [...expected].sort());
  const exact = await scanAgainst(root, text, true);
  assert.deepEqual(
    shortOf(exact).sort(),
    [...expected, ['exchsrvr/bin/emsmta.exe', 'unexpected', 'newer'], ['docs/new.txt', 'unexpected', 'not-in-snapshot']].sort(),
  );
  assert.equal(exact.manifests[0]!.counts.unexpected, 2);
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
