// A modern Windows image through the whole pipeline (verify over an in-memory tree of real PE files): only live
// copies decide (System32, SysWOW64 for the x86 files of an x64 package); WinSxS copies are the component store;
// a file whose component the image lacks is "not installed", distinct from a live file removed from its component.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifest } from '../../src/manifest/loadManifest.js';
import type { ManifestFile } from '../../src/model/manifest.js';
import type { ScanReport } from '../../src/model/report.js';
import { writePe } from '../../src/pe/writePe.js';
import { verify } from '../../src/verify.js';
import { type MemoryFile, memorySource } from '../helpers/memorySource.js';

const FIXED = '10.0.30100.4768';
const OLDER = '10.0.30100.1000';
const NEWER = '10.0.30100.4800';
const TOKEN = '31bf3856ad364e35';

/** The folder WinSxS keeps one version of a component in. */
function sxs(arch: 'amd64' | 'wow64' | 'x86', component: string, version: string): string {
  return `Windows/WinSxS/${arch}_${component}_${TOKEN}_${version}_none_${version.replace(/\./g, '').padEnd(16, 'a').slice(0, 16)}`;
}

function pe(path: string, machine: 'i386' | 'x64', version: string): MemoryFile {
  return { path, bytes: writePe({ machine, fileVersion: version, dll: !path.endsWith('.exe') }) };
}

/** An x64 package's manifest: two x64 files, the WOW64 side of one, a feature's two files, a servicing file. */
const FILES: ManifestFile[] = [
  { name: 'Ntoswidget.exe', version: FIXED, platform: 'x64' },
  { name: 'Kernelwidget.dll', version: FIXED, platform: 'x64' },
  { name: 'Kernelwidget.dll', version: FIXED, platform: 'i386', serviceBranch: 'WOW' },
  { name: 'Hyperwidget.exe', version: FIXED, platform: 'x64' },
  { name: 'Hyperwidgetsvc.dll', version: FIXED, platform: 'x64' },
];

function manifest(files: ManifestFile[] = FILES, extra: Record<string, unknown> = {}) {
  return parseManifest(
    JSON.stringify({
      formatVersion: '1.2.0',
      id: 'KB5099990-x64',
      title: 'Cumulative update for Windows Server 2030',
      product: 'Windows Server 2030',
      rule: 'or-later',
      packagePlatform: 'x64',
      files,
      ...extra,
    }),
    'KB5099990-x64.json',
  );
}

/** A patched image: each file live at the fixed version, older and newer versions in WinSxS; Hyper-V not installed. */
function image(): Map<string, MemoryFile> {
  const files = [
    pe('Windows/System32/ntoswidget.exe', 'x64', FIXED),
    pe(`${sxs('amd64', 'microsoft-windows-ntoswidget', OLDER)}/ntoswidget.exe`, 'x64', OLDER),
    pe(`${sxs('amd64', 'microsoft-windows-ntoswidget', FIXED)}/ntoswidget.exe`, 'x64', FIXED),
    pe('Windows/System32/kernelwidget.dll', 'x64', FIXED),
    pe(`${sxs('amd64', 'microsoft-windows-kernelwidget', OLDER)}/kernelwidget.dll`, 'x64', OLDER),
    pe(`${sxs('amd64', 'microsoft-windows-kernelwidget', FIXED)}/kernelwidget.dll`, 'x64', FIXED),
    pe('Windows/SysWOW64/kernelwidget.dll', 'i386', FIXED),
    pe(`${sxs('wow64', 'microsoft-windows-kernelwidget', FIXED)}/kernelwidget.dll`, 'i386', FIXED),
  ];
  return new Map(files.map((file) => [file.path, file]));
}

async function scan(files: Map<string, MemoryFile>, loaded = manifest(), options: { platform?: 'x64' | 'i386' } = {}): Promise<ScanReport> {
  const { report } = await verify({
    manifests: [loaded],
    source: memorySource([...files.values()]),
    ...(options.platform !== undefined ? { platform: options.platform } : {}),
  });
  return report;
}

function row(report: ScanReport, name: string, platform = 'x64') {
  const found = report.manifests[0]?.rows.find((each) => each.name === name && each.platform === platform);
  assert.ok(found, `${name} (${platform})`);
  return found;
}

test('a live newer file in System32 meets, whatever older copies WinSxS keeps; the store copies never decide', async () => {
  const files = image();
  files.set('Windows/System32/ntoswidget.exe', pe('Windows/System32/ntoswidget.exe', 'x64', NEWER));
  const report = await scan(files);
  const ntos = row(report, 'Ntoswidget.exe');
  assert.equal(ntos.status, 'meets');
  assert.equal(ntos.decidedBy, 'Windows/System32/ntoswidget.exe');
  assert.deepEqual(
    ntos.copies.map((copy) => [copy.role, copy.fixedVersion]),
    [
      ['installed', NEWER],
      ['component-store', OLDER],
      ['component-store', FIXED],
    ].sort((a, b) => (a[0] === 'installed' ? -1 : b[0] === 'installed' ? 1 : 0)),
  );
  assert.equal(report.manifests[0]?.verdict, 'meets', 'Hyperwidget files are not installed: they do not apply');
  assert.equal(report.gate.pass, true);
});

test('a live older file fails, even with a newer copy in WinSxS', async () => {
  const files = image();
  files.set('Windows/System32/ntoswidget.exe', pe('Windows/System32/ntoswidget.exe', 'x64', OLDER));
  files.set(
    `${sxs('amd64', 'microsoft-windows-ntoswidget', NEWER)}/ntoswidget.exe`,
    pe(`${sxs('amd64', 'microsoft-windows-ntoswidget', NEWER)}/ntoswidget.exe`, 'x64', NEWER),
  );
  const report = await scan(files);
  const ntos = row(report, 'Ntoswidget.exe');
  assert.equal(ntos.status, 'outdated');
  assert.equal(ntos.reason, 'older');
  assert.equal(report.manifests[0]?.verdict, 'falls-short');
  assert.equal(report.gate.pass, false);
});

test('the x86 row of an x64 package is found in SysWOW64, no wrong platform; the x64 row is judged by System32', async () => {
  const report = await scan(image());
  const wow = row(report, 'Kernelwidget.dll', 'i386');
  assert.equal(wow.status, 'meets');
  assert.equal(wow.decidedBy, 'Windows/SysWOW64/kernelwidget.dll');
  const native = row(report, 'Kernelwidget.dll', 'x64');
  assert.equal(native.status, 'meets');
  assert.equal(native.decidedBy, 'Windows/System32/kernelwidget.dll');
  assert.equal(native.copies.find((copy) => copy.path === 'Windows/SysWOW64/kernelwidget.dll')?.role, 'outside');

  // Without its SysWOW64 copy, an x86 build misplaced in System32 does not stand in for it.
  const files = image();
  files.delete('Windows/SysWOW64/kernelwidget.dll');
  files.set('Windows/System32/kernelwidget.dll', pe('Windows/System32/kernelwidget.dll', 'i386', FIXED));
  const misplaced = row(await scan(files), 'Kernelwidget.dll', 'i386');
  assert.equal(misplaced.status, 'missing');
  assert.equal(misplaced.reason, 'wrong-system-folder');
});

test('a feature that is not installed is not applicable; its file beside a live sibling of its component is missing', async () => {
  const report = await scan(image());
  for (const name of ['Hyperwidget.exe', 'Hyperwidgetsvc.dll']) {
    const absent = row(report, name);
    assert.equal(absent.status, 'not-applicable', name);
    assert.equal(absent.reason, 'not-installed', name);
    assert.equal(absent.outcome?.why, 'not-installed');
  }

  // Staged, not installed: both files only in the component store.
  const staged = image();
  for (const name of ['hyperwidget.exe', 'hyperwidgetsvc.dll']) {
    const path = `${sxs('amd64', 'microsoft-windows-hyper-v', FIXED)}/${name}`;
    staged.set(path, pe(path, 'x64', FIXED));
  }
  const stagedReport = await scan(staged);
  assert.equal(row(stagedReport, 'Hyperwidgetsvc.dll').reason, 'not-installed');
  assert.equal(stagedReport.gate.pass, true);

  // Installed, one file removed: its sibling is live, so it is missing, and the fix falls short.
  const installed = new Map(staged);
  installed.set('Windows/System32/hyperwidget.exe', pe('Windows/System32/hyperwidget.exe', 'x64', FIXED));
  const installedReport = await scan(installed);
  const removed = row(installedReport, 'Hyperwidgetsvc.dll');
  assert.equal(removed.status, 'missing');
  assert.equal(removed.reason, 'only-component-store');
  assert.equal(installedReport.gate.pass, false);
});

test('no "not installed" where the store does not service the package: a live file with no copy in WinSxS', async () => {
  const files = image();
  for (const path of [...files.keys()]) if (path.includes('ntoswidget') && path.includes('WinSxS')) files.delete(path);
  const report = await scan(files);
  assert.equal(row(report, 'Hyperwidget.exe').status, 'missing');
  assert.equal(row(report, 'Hyperwidget.exe').reason, 'not-found');
  assert.equal(report.gate.pass, false);
});

test('a removed live file with only WinSxS copies left is missing', async () => {
  const files = image();
  files.delete('Windows/System32/ntoswidget.exe');
  const report = await scan(files);
  const ntos = row(report, 'Ntoswidget.exe');
  assert.equal(ntos.status, 'missing');
  assert.equal(ntos.reason, 'only-component-store');
  assert.ok(ntos.copies.every((copy) => copy.role === 'component-store' && copy.outcome?.why === 'not-deciding'));
  assert.equal(report.gate.pass, false);
});

test('fail closed: a fix of which nothing is installed does not apply, and never passes the gate', async () => {
  const staged = image();
  for (const name of ['hyperwidget.exe', 'hyperwidgetsvc.dll']) {
    const path = `${sxs('amd64', 'microsoft-windows-hyper-v', FIXED)}/${name}`;
    staged.set(path, pe(path, 'x64', FIXED));
  }
  const report = await scan(staged, manifest([FILES[3] as ManifestFile, FILES[4] as ManifestFile]));
  assert.ok(report.manifests[0]?.rows.every((each) => each.reason === 'not-installed'));
  assert.equal(report.manifests[0]?.verdict, 'not-applicable');
  assert.equal(report.gate.pass, false);
  assert.deepEqual(
    report.gate.reasons.map((reason) => reason.code),
    ['nothing-applies'],
  );
  // Nothing of the fix in the store either: no evidence of a component store, so its files are missing, not "not installed".
  const alone = await scan(image(), manifest([FILES[3] as ManifestFile, FILES[4] as ManifestFile]));
  assert.ok(alone.manifests[0]?.rows.every((each) => each.status === 'missing'));
  assert.equal(alone.gate.pass, false);
  const empty = await scan(new Map(), manifest());
  assert.ok(empty.manifests[0]?.rows.every((each) => each.status === 'missing'));
});

test('a row whose only copy is a build for another platform fails; it never passes as "for another platform"', async () => {
  const files = image();
  files.set('Windows/System32/ntoswidget.exe', pe('Windows/System32/ntoswidget.exe', 'i386', FIXED));
  const report = await scan(files, manifest(), { platform: 'x64' });
  const ntos = row(report, 'Ntoswidget.exe');
  assert.equal(ntos.status, 'outdated');
  assert.equal(ntos.reason, 'wrong-platform');
  assert.equal(report.gate.pass, false);
  // With the server's platform unknown and the copies split one to one, every copy fails (mixed platform).
  const unstated = row(await scan(files), 'Ntoswidget.exe');
  assert.notEqual(unstated.status, 'meets');
  assert.notEqual(unstated.status, 'not-applicable');
});

test("an x64 package's manifest on an x86 server does not apply", async () => {
  const files = new Map(
    [pe('Windows/System32/ntoswidget.exe', 'i386', FIXED), pe('Windows/System32/kernelwidget.dll', 'i386', FIXED)].map((file) => [
      file.path,
      file,
    ]),
  );
  const report = await scan(files);
  assert.equal(report.manifests[0]?.verdict, 'not-applicable');
  assert.equal(report.manifests[0]?.reason, 'other-platform');
  assert.equal(row(report, 'Ntoswidget.exe').args['server'], 'i386');
  assert.equal(report.gate.pass, false);
});

test('servicing files are judged where they live: the component store', async () => {
  const files = image();
  const mum = 'Windows/WinSxS/Manifests/amd64_microsoft-windows-ntoswidget_31bf3856ad364e35_10.0.30100.4768_none_0123.manifest';
  files.set(mum, { path: mum, bytes: new TextEncoder().encode('<assembly/>') });
  const name = mum.split('/').pop() as string;
  const report = await scan(files, manifest([...FILES, { name, version: null, servicing: true }]));
  const servicing = report.manifests[0]?.rows.find((each) => each.name === name);
  assert.equal(servicing?.status, 'meets');
  assert.equal(servicing?.copies[0]?.role, 'installed');
});

test('rowBranches: each row is judged against the branch of its own version', async () => {
  const files = image();
  files.set('Program Files/Widget/widgetclient.dll', pe('Program Files/Widget/widgetclient.dll', 'x64', '2.127.700.0'));
  files.set('Program Files/Widget/otherclient.dll', pe('Program Files/Widget/otherclient.dll', 'x64', '3.0.0.0'));
  const loaded = manifest(
    [
      ...FILES.slice(0, 3),
      { name: 'Widgetclient.dll', version: '2.127.602.0', platform: 'x64' },
      { name: 'Otherclient.dll', version: '2.127.602.0', platform: 'x64' },
    ],
    { rowBranches: true },
  );
  assert.equal(loaded.branch, undefined);
  const report = await scan(files, loaded);
  assert.equal(row(report, 'Ntoswidget.exe').status, 'meets', '10.0 against 10.0');
  assert.equal(row(report, 'Widgetclient.dll').status, 'meets', '2.127 against 2.127');
  assert.equal(row(report, 'Otherclient.dll').reason, 'other-branch', '3.0 is another product line than 2.127');
});

test('component-store copies are not read: their folder names their version and platform, and they never decide', async () => {
  const files = image();
  const source = memorySource([...files.values()]);
  const opened: string[] = [];
  const counting = {
    ...source,
    find: source.find.bind(source),
    open: (entry: Parameters<typeof source.open>[0]) => {
      opened.push(entry.path);
      return source.open(entry);
    },
  };
  const { report } = await verify({ manifests: [manifest()], source: counting, today: '2026-06-01' });
  assert.deepEqual(
    opened.filter((path) => path.includes('/WinSxS/')),
    [],
    'no WinSxS copy was opened',
  );
  const store = report.manifests[0]!.rows[0]!.copies.find((copy) => copy.role === 'component-store')!;
  assert.equal(store.fixedVersion, OLDER);
  assert.equal(store.machine, 'x64');
  assert.deepEqual(
    store.notes.map((note) => note.code),
    ['store-folder'],
  );
  assert.equal(report.gate.pass, true, 'the live copies decide as before');
});
