// The scanner on generated server trees, through the directory source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBundledManifest } from '../../src/manifest/loadManifest.js';
import { scan } from '../helpers/scan.js';
import { directorySource } from '../../src/source/directorySource.js';
import type { ScanReport } from '../../src/model/report.js';
import { exchangeServer, makeTree, type TreeFile } from '../helpers/serverTree.js';
import { rowDetail } from '../../src/report/messages.js';

async function scanTree(files: Record<string, TreeFile>): Promise<ScanReport> {
  const root = await makeTree(files);
  return scan({ manifests: [await loadBundledManifest()], source: await directorySource(root) });
}

function statuses(report: ScanReport): Record<string, string> {
  return Object.fromEntries(report.manifests[0]!.rows.map((row) => [row.name, row.status]));
}

test('a fully patched server meets the fix', async () => {
  const report = await scanTree(exchangeServer());
  assert.equal(report.verdict, 'meets');
  assert.equal(report.manifests[0]!.verdict, 'meets');
  assert.ok(Object.values(statuses(report)).every((s) => s === 'meets'));
  const emsmta = report.manifests[0]!.rows.find((r) => r.name === 'Emsmta.exe')!;
  assert.deepEqual(
    {
      path: emsmta.copies[0]!.path,
      fixed: emsmta.copies[0]!.fixedVersion,
      machine: emsmta.copies[0]!.machine,
      languages: emsmta.copies[0]!.languages,
    },
    { path: 'exchsrvr/bin/emsmta.exe', fixed: '5.0.1462.10', machine: 'i386', languages: ['0x0409'] },
  );
});

test('one file at 5.0.1462.9 falls short', async () => {
  const report = await scanTree(exchangeServer({ 'Mtamsg.dll': '5.0.1462.9' }));
  assert.equal(report.verdict, 'falls-short');
  const rows = statuses(report);
  assert.equal(rows['Mtamsg.dll'], 'outdated');
  assert.equal(Object.values(rows).filter((s) => s !== 'meets').length, 1);
});

test('a missing binary and a missing data file are each reported missing', async () => {
  const report = await scanTree(exchangeServer({}, { omit: ['X400om.dll', 'Dcprods.cat'] }));
  const rows = statuses(report);
  assert.equal(rows['X400om.dll'], 'missing');
  assert.equal(rows['Dcprods.cat'], 'missing');
  assert.equal(report.manifests[0]!.counts.missing, 2);
  assert.equal(report.verdict, 'falls-short');
});

test('a 5.5 server is not applicable to the 5.0 fix, not newer', async () => {
  const versions = Object.fromEntries(
    ['Emsmta.exe', 'Address.dll', 'Emsrid.dll', 'Mmiext.dll', 'Mtacheck.exe', 'Mtamsg.dll', 'X400om.dll', 'X400omv1.dll'].map((n) => [
      n,
      '5.5.2653.23',
    ]),
  );
  const report = await scanTree(exchangeServer(versions));
  assert.equal(report.manifests[0]!.verdict, 'not-applicable');
  assert.equal(statuses(report)['Emsmta.exe'], 'not-applicable');
  assert.equal(report.verdict, 'not-applicable');
});

test('one 5.5 file on a 5.0 server makes the fix fall short', async () => {
  const report = await scanTree(exchangeServer({ 'Emsmta.exe': '5.5.2653.23' }));
  assert.equal(statuses(report)['Emsmta.exe'], 'not-applicable');
  assert.equal(report.verdict, 'falls-short');
});

test('names and install folders match case-insensitively', async () => {
  const files = exchangeServer();
  delete files['exchsrvr/bin/emsmta.exe'];
  files['EXCHSRVR/BIN/EMSMTA.EXE'] = { pe: { fileVersion: '5.0.1462.10', dll: false } };
  delete files['exchsrvr/mtadata/p2.xv2'];
  files['ExchSrvr/MtaData/P2.XV2'] = { text: 'p2' };
  const report = await scanTree(files);
  assert.equal(report.verdict, 'meets');
  const row = report.manifests[0]!.rows.find((r) => r.name === 'Emsmta.exe')!;
  assert.deepEqual([row.copies[0]!.path, row.copies[0]!.role], ['EXCHSRVR/BIN/EMSMTA.EXE', 'installed']);
});

test('a copy outside the install folders is listed with its version and never decides', async () => {
  const files = exchangeServer();
  files['exchsrvr/bin.bak/EMSMTA.EXE'] = { pe: { fileVersion: '5.0.1460.8', dll: false } };
  const report = await scanTree(files);
  const row = report.manifests[0]!.rows.find((r) => r.name === 'Emsmta.exe')!;
  assert.equal(row.status, 'meets');
  assert.deepEqual(
    row.copies.map((c) => [c.path, c.role, c.status, c.fixedVersion]),
    [
      ['exchsrvr/bin.bak/EMSMTA.EXE', 'outside', 'outdated', '5.0.1460.8'],
      ['exchsrvr/bin/emsmta.exe', 'installed', 'meets', '5.0.1462.10'],
    ],
  );
  assert.equal(report.verdict, 'meets');
});

test('a manifest with no install folders keeps the strict rule: every copy outside backup folders decides', async () => {
  const { manifest } = await loadBundledManifest();
  const { install: _layout, ...strict } = manifest;
  const files = exchangeServer();
  files['exchsrvr/bin.bak/EMSMTA.EXE'] = { pe: { fileVersion: '5.0.1460.8', dll: false } };
  files['$NtUninstallQ254943$/emsmta.exe'] = { pe: { fileVersion: '5.0.1460.8', dll: false } };
  const root = await makeTree(files);
  const report = await scan({
    manifests: [{ manifest: strict, source: 'strict.json', branch: '5.0' }],
    source: await directorySource(root),
  });
  const row = report.manifests[0]!.rows.find((r) => r.name === 'Emsmta.exe')!;
  assert.equal(row.status, 'outdated', rowDetail(row));
  assert.deepEqual(
    row.copies.map((c) => [c.path, c.role]),
    [
      ['$NtUninstallQ254943$/emsmta.exe', 'backup'],
      ['exchsrvr/bin.bak/EMSMTA.EXE', 'installed'],
      ['exchsrvr/bin/emsmta.exe', 'installed'],
    ],
  );
});

test('a manifest file that is not PE, or has no version resource, is unverifiable', async () => {
  const files = exchangeServer();
  files['exchsrvr/bin/emsmta.exe'] = { text: 'this is not a program' };
  files['exchsrvr/bin/address.dll'] = { pe: { versionResource: false } };
  const report = await scanTree(files);
  const rows = report.manifests[0]!.rows;
  const emsmta = rows.find((r) => r.name === 'Emsmta.exe')!;
  assert.equal(emsmta.status, 'unverifiable');
  assert.equal(emsmta.reason, 'not-pe');
  assert.equal(rows.find((r) => r.name === 'Address.dll')!.reason, 'no-version-resource');
  assert.equal(report.verdict, 'falls-short');
});

test('files the manifest does not name are never opened', async () => {
  const root = await makeTree({ ...exchangeServer(), 'winnt/system32/kernel32.dll': { pe: { fileVersion: '4.0.1381.133' } } });
  const source = await directorySource(root);
  const opened: string[] = [];
  const counting = {
    ...source,
    description: source.description,
    find: source.find.bind(source),
    open: (entry: Parameters<typeof source.open>[0]) => {
      opened.push(entry.path);
      return source.open(entry);
    },
  };
  await scan({ manifests: [await loadBundledManifest()], source: counting });
  assert.equal(opened.length, 16);
  assert.ok(!opened.some((p) => p.includes('kernel32')));
});

test('a data file that shrinks while it is hashed is unverifiable, not a digest mismatch', async () => {
  const { parseManifest } = await import('../../src/manifest/loadManifest.js');
  const manifest = parseManifest(
    JSON.stringify({
      formatVersion: '1.0.0',
      id: 'Q1',
      title: 'T',
      product: 'P',
      rule: 'or-later',
      files: [{ name: 'p2.xv2', version: null, sha256: 'ab'.repeat(32) }],
    }),
    'm.json',
  );
  const source = {
    description: 'memory',
    find: async () => ({ entries: [{ path: 'p2.xv2', name: 'p2.xv2', type: 'file' as const }], problems: [] }),
    open: async () => ({ size: 100, mtimeMs: 0, bytesRead: 0, read: async () => new Uint8Array(0), close: async () => undefined }),
  };
  const report = await scan({ manifests: [manifest], source });
  const row = report.manifests[0]!.rows[0]!;
  assert.equal(row.status, 'unverifiable');
  assert.match(rowDetail(row), /shrank while it was read/);
});

test('a missing row says so when part of the target could not be listed', async () => {
  const manifest = await loadBundledManifest();
  const source = {
    description: 'memory',
    find: async () => ({
      entries: [],
      problems: [{ path: 'exchsrvr/locked', code: 'unreadable-folder', message: 'folder cannot be listed: permission denied' }],
    }),
    open: async () => {
      throw new Error('nothing to open');
    },
  };
  const report = await scan({ manifests: [manifest], source });
  assert.equal(report.complete, false);
  const row = report.manifests[0]!.rows[0]!;
  assert.equal(row.status, 'missing');
  assert.match(
    rowDetail(row),
    /not found anywhere under the target; 1 part of the target could not be listed \(exchsrvr\/locked\), so it may be there/,
  );
});
