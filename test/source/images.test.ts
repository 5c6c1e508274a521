// Patch images scanned in place: zip, tar, tar.gz and WIM sources give what the folder gives, and refuse what is unsafe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadBundledManifest } from '../../src/manifest/loadManifest.js';
import { readPeVersionInfo } from '../../src/pe/readPeVersionInfo.js';
import { writePe } from '../../src/pe/writePe.js';
import { scan } from '../helpers/scan.js';
import { TargetError } from '../../src/source/directorySource.js';
import { openSource, type OpenSourceOptions } from '../../src/source/openSource.js';
import { wimSource, WimlibMissingError } from '../../src/source/wimSource.js';
import type { FileSource } from '../../src/source/types.js';
import type { ScanReport } from '../../src/model/report.js';
import { exchangeServer, makeTree, type TreeFile } from '../helpers/serverTree.js';
import { hasWimlib, NO_WIMLIB, tarTree, wimOf, writeTemp, zipTree } from '../helpers/imageBuilders.js';
import { rowDetail } from '../../src/report/messages.js';
import { tempDir } from '../helpers/tempDir.js';
import { run } from '../helpers/cli.js';

const WIMLIB = hasWimlib();

async function scanWith(source: FileSource): Promise<ScanReport> {
  try {
    return await scan({ manifests: [await loadBundledManifest()], source });
  } finally {
    await source.close?.();
  }
}

async function scanImage(file: string, options: OpenSourceOptions = {}): Promise<ScanReport> {
  return scanWith(await openSource(file, options));
}

/** What must be equal whatever the image's format: every row and copy, with versions and sizes. */
function rowsOf(report: ScanReport) {
  return report.manifests[0]!.rows.map((row) => ({
    name: row.name,
    status: row.status,
    reason: row.reason,
    copies: row.copies.map((copy) => ({
      path: copy.path,
      role: copy.role,
      status: copy.status,
      reason: copy.reason,
      fixedVersion: copy.fixedVersion,
      size: copy.size,
    })),
  }));
}

function row(report: ScanReport, name: string) {
  return report.manifests[0]!.rows.find((r) => r.name === name)!;
}

/** A half-patched server with an old stray copy, an old hotfix backup and a second, old Exchange root: every kind of row and copy. */
function mixedServer(): Record<string, TreeFile> {
  const files = exchangeServer({ 'Mtamsg.dll': '5.0.1462.9' }, { omit: ['Dcprods.cat'] });
  files['exchsrvr/bin.bak/EMSMTA.EXE'] = { pe: { fileVersion: '5.0.1460.8', dll: false } };
  files['winnt/$NtUninstallQ254943$/mtacheck.exe'] = { pe: { fileVersion: '5.0.1460.8', dll: false } };
  files['old/exchsrvr/bin/X400om.dll'] = { pe: { fileVersion: '5.0.1460.8' } };
  return files;
}

test('the same server as a folder, a zip (deflated and stored), a tar, a tar.gz and a WIM gives the same rows', async (t) => {
  const files = mixedServer();
  const folder = await makeTree(files);
  const expected = await scanWith(await openSource(folder));
  assert.equal(expected.verdict, 'falls-short');
  assert.deepEqual(
    expected.manifests[0]!.rows.filter((r) => r.status !== 'meets').map((r) => [r.name, r.status]),
    [
      ['Mtamsg.dll', 'outdated'],
      ['X400om.dll', 'outdated'],
      ['Dcprods.cat', 'missing'],
    ],
    'the stray and backup copies never decide; the second root does',
  );
  const images: [string, string][] = [
    ['zip', await writeTemp('server.zip', await zipTree(files))],
    ['stored zip', await writeTemp('server.zip', await zipTree(files, { store: true }))],
    ['tar', await writeTemp('server.tar', await tarTree(files))],
    ['tar.gz', await writeTemp('server.tar.gz', await tarTree(files, { gzip: true }))],
  ];
  if (WIMLIB) images.push(['wim', await wimOf([folder])]);
  else t.diagnostic(NO_WIMLIB);
  for (const [kind, file] of images) {
    const report = await scanImage(file);
    assert.deepEqual(rowsOf(report), rowsOf(expected), kind);
    assert.equal(report.verdict, expected.verdict, kind);
    assert.equal(report.complete, true, kind);
    assert.equal(report.target, kind === 'wim' ? `${file} (image 1)` : file, kind);
  }
});

test('a patched server in a tar.gz meets the fix', async () => {
  const report = await scanImage(await writeTemp('patched.tgz', await tarTree(exchangeServer(), { gzip: true })));
  assert.equal(report.verdict, 'meets');
});

test('a stored zip entry is read in place: only the ranges the PE reader needs', async () => {
  const pe = Buffer.from(writePe({ fileVersion: '5.0.1462.10', dll: false }));
  const big = Buffer.concat([pe, Buffer.alloc(8 * 1024 * 1024, 0x5a)]); // an 8 MiB overlay after the image
  const source = await openSource(await writeTemp('stored.zip', await zipTree({}, { store: true, buffers: { 'bin/emsmta.exe': big } })));
  try {
    const { entries } = await source.find(new Set(['emsmta.exe']));
    const file = await source.open(entries[0]!);
    const result = await readPeVersionInfo(file);
    assert.ok(result.ok);
    assert.equal(file.size, big.length);
    assert.ok(file.bytesRead < 16 * 1024, `read ${file.bytesRead} bytes of ${file.size}`);
    await file.close();
  } finally {
    await source.close?.();
  }
});

test('zip entries that climb out of the root, are absolute or carry a drive letter are refused; backslashes are separators', async () => {
  const files = exchangeServer();
  delete files['exchsrvr/bin/address.dll'];
  const zip = await zipTree(files, {
    raw: {
      '../../emsmta.exe': { pe: { fileVersion: '5.0.1462.10' } },
      'C:/evil/mtamsg.dll': { pe: { fileVersion: '5.0.1462.10' } },
      '..\\..\\x400om.dll': { pe: { fileVersion: '5.0.1462.10' } },
      'exchsrvr\\bin\\address.dll': { pe: { fileVersion: '5.0.1462.10', dll: true } },
      '../../../etc/cron.d/evil': { text: 'not named by the manifest' },
    },
  });
  const report = await scanImage(await writeTemp('evil.zip', zip));
  assert.equal(report.verdict, 'falls-short');
  assert.equal(report.complete, false);
  assert.deepEqual(
    report.problems.map((p) => [p.path, p.code]),
    [['../../../etc/cron.d/evil', 'unsafe-path']],
  );
  const unsafe = (name: string) =>
    row(report, name)
      .copies.filter((c) => c.reason === 'unsafe-path')
      .map((c) => [c.path, c.status]);
  assert.deepEqual(unsafe('Emsmta.exe'), [['../../emsmta.exe', 'unverifiable']]);
  assert.deepEqual(unsafe('Mtamsg.dll'), [['C:/evil/mtamsg.dll', 'unverifiable']]);
  assert.deepEqual(unsafe('X400om.dll'), [['../../x400om.dll', 'unverifiable']]);
  assert.equal(row(report, 'Emsmta.exe').status, 'unverifiable');
  assert.deepEqual(
    row(report, 'Address.dll').copies.map((c) => [c.path, c.status]),
    [['exchsrvr/bin/address.dll', 'meets']],
  );
});

test('tar entries that climb out of the root or are absolute are refused', async () => {
  const tarball = await tarTree(exchangeServer(), {
    gzip: true,
    extras: {
      '../../emsmta.exe': { type: 'file', bytes: Buffer.from(writePe({ fileVersion: '5.0.1462.10' })) },
      '/etc/passwd': { type: 'file', bytes: Buffer.from('root') },
    },
  });
  const report = await scanImage(await writeTemp('evil.tgz', tarball));
  assert.equal(report.verdict, 'falls-short');
  assert.deepEqual(
    report.problems.map((p) => [p.path, p.code]),
    [['/etc/passwd', 'unsafe-path']],
  );
  assert.deepEqual(
    row(report, 'Emsmta.exe').copies.map((c) => [c.path, c.reason]),
    [
      ['../../emsmta.exe', 'unsafe-path'],
      ['exchsrvr/bin/emsmta.exe', 'version-ok'],
    ],
  );
});

test('symbolic and hard link entries named like manifest files are unverifiable and never followed', async () => {
  const files = exchangeServer();
  delete files['exchsrvr/bin/emsrid.dll'];
  const zipReport = await scanImage(
    await writeTemp('links.zip', await zipTree(files, { symlinks: { 'exchsrvr/bin/emsrid.dll': '/etc/passwd' } })),
  );
  assert.deepEqual([row(zipReport, 'Emsrid.dll').status, row(zipReport, 'Emsrid.dll').reason], ['unverifiable', 'archive-link']);
  assert.equal(zipReport.verdict, 'falls-short');

  delete files['exchsrvr/bin/mmiext.dll'];
  const tarball = await tarTree(files, {
    extras: {
      'exchsrvr/bin/emsrid.dll': { type: 'symlink', linkname: '../../../../etc/passwd' },
      'exchsrvr/bin/mmiext.dll': { type: 'link', linkname: 'exchsrvr/bin/emsmta.exe' },
    },
  });
  const tarReport = await scanImage(await writeTemp('links.tar', tarball));
  assert.deepEqual(
    ['Emsrid.dll', 'Mmiext.dll'].map((name) => [row(tarReport, name).status, row(tarReport, name).reason]),
    [
      ['unverifiable', 'archive-link'],
      ['unverifiable', 'archive-link'],
    ],
  );
  assert.match(rowDetail(row(tarReport, 'Mmiext.dll')), /hard link/);
});

test('a zip bomb entry (a high-ratio deflated entry) is not inflated and is unverifiable', async () => {
  const files = exchangeServer();
  delete files['exchsrvr/bin/emsmta.exe'];
  const zip = await zipTree(files, { buffers: { 'exchsrvr/bin/emsmta.exe': Buffer.alloc(32 * 1024 * 1024) } });
  assert.ok(zip.length < 200 * 1024, `the bomb is ${zip.length} bytes`);
  const report = await scanImage(await writeTemp('bomb.zip', zip));
  const emsmta = row(report, 'Emsmta.exe');
  assert.deepEqual([emsmta.status, emsmta.reason], ['unverifiable', 'expansion-limit']);
  assert.match(rowDetail(emsmta), /expands \d+:1 .* beyond the 200:1 limit/);
  assert.equal(report.verdict, 'falls-short');
});

test('--max-expand caps what a zip may inflate and what a tar.gz may expand to', async () => {
  const files = exchangeServer();
  const zipReport = await scanImage(await writeTemp('server.zip', await zipTree(files)), { maxExpand: 4000 });
  const refused = zipReport.manifests[0]!.rows.filter((r) => r.reason === 'expansion-limit');
  assert.ok(refused.length > 0 && refused.length < 16, `${refused.length} rows over the limit`);
  assert.match(rowDetail(refused[0]!), /--max-expand limit of 3\.9 KiB/);
  assert.equal(zipReport.verdict, 'falls-short');

  const tgzReport = await scanImage(await writeTemp('server.tgz', await tarTree(files, { gzip: true })), { maxExpand: 4000 });
  assert.equal(tgzReport.complete, false);
  assert.deepEqual(
    tgzReport.problems.map((p) => p.code),
    ['expansion-limit'],
  );
  assert.equal(tgzReport.verdict, 'falls-short');

  // A tar.gz whose gzip stream is a bomb stops as soon as the ratio shows it.
  const bomb = await tarTree(files, { gzip: true, extras: { 'filler.bin': { type: 'file', bytes: Buffer.alloc(64 * 1024 * 1024) } } });
  const bombReport = await scanImage(await writeTemp('bomb.tgz', bomb));
  assert.deepEqual(
    bombReport.problems.map((p) => p.code),
    ['expansion-limit'],
  );
  assert.match(bombReport.problems[0]!.message, /beyond the 200:1 limit/);
  assert.equal(bombReport.verdict, 'falls-short');
});

test('a truncated zip, tar or tar.gz is an error naming the archive', async () => {
  const files = exchangeServer();
  const zip = await zipTree(files);
  const zipFile = await writeTemp('cut.zip', zip.subarray(0, zip.length >> 1));
  await assert.rejects(
    openSource(zipFile).then((s) => s.find(new Set(['emsmta.exe']))),
    (error: Error) => {
      assert.ok(error instanceof TargetError);
      assert.match(error.message, new RegExp(`^${zipFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: corrupt or truncated zip archive: `));
      return true;
    },
  );
  const tarball = await tarTree(files);
  const tarFile = await writeTemp('cut.tar', tarball.subarray(0, 5000));
  await assert.rejects(scanImage(tarFile), /cut\.tar: corrupt or truncated tar archive: /);
  const tgz = await tarTree(files, { gzip: true });
  const tgzFile = await writeTemp('cut.tar.gz', tgz.subarray(0, tgz.length - 100));
  await assert.rejects(scanImage(tgzFile), /cut\.tar\.gz: corrupt or truncated tar\.gz archive: /);
});

test('a damaged deflated entry is unverifiable (CRC or inflate error), the rest of the zip is still read', async () => {
  const files = exchangeServer();
  const zip = await zipTree(files);
  // The first entry is exchsrvr/bin/emsmta.exe; spoil bytes in the middle of its compressed data.
  const dataStart = 30 + zip.readUInt16LE(26) + zip.readUInt16LE(28);
  const compressedSize = zip.readUInt32LE(18);
  for (let i = 0; i < 8; i++) zip[dataStart + (compressedSize >> 1) + i]! ^= 0xff;
  const report = await scanImage(await writeTemp('damaged.zip', zip));
  const emsmta = row(report, 'Emsmta.exe');
  assert.deepEqual([emsmta.status, emsmta.reason], ['unverifiable', 'corrupt-entry']);
  assert.equal(report.manifests[0]!.rows.filter((r) => r.status === 'meets').length, 15);
});

test('the format is told by content, not by name', async () => {
  const files = exchangeServer();
  const asBin = await scanImage(await writeTemp('payload.bin', await zipTree(files)));
  assert.equal(asBin.verdict, 'meets');
  const tgzAsZip = await scanImage(await writeTemp('payload.zip', await tarTree(files, { gzip: true })));
  assert.equal(tgzAsZip.verdict, 'meets');
  const text = await writeTemp('notes.zip', Buffer.from('not an archive at all'));
  await assert.rejects(openSource(text), /notes\.zip: is neither a folder nor a zip, tar, tar\.gz or WIM image/);
  const gzipped = await writeTemp('notes.gz', (await import('node:zlib')).gzipSync('plain text, no tar inside'));
  await assert.rejects(openSource(gzipped), /is gzip-compressed, but does not begin with a tar archive/);
  await assert.rejects(openSource(path.join(path.dirname(text), 'absent.zip')), TargetError);
  const folder = await makeTree(files);
  await assert.rejects(openSource(folder, { imageIndex: 2 }), /--image-index applies to WIM images only; this is a folder/);
});

test('without wimlib-imagex, a WIM is an error that says what to install', async () => {
  await assert.rejects(wimSource('/nowhere/server.wim', { wimlib: '/nonexistent/wimlib-imagex' }), (error: Error) => {
    assert.ok(error instanceof WimlibMissingError && error instanceof TargetError);
    assert.match(error.message, /wimlib-imagex was not found on the PATH; install wimlib: `apt-get install wimtools` \(Debian\/Ubuntu\)/);
    return true;
  });
});

test('a WIM with two images: --image-index picks one, and is required', { skip: WIMLIB ? false : NO_WIMLIB }, async () => {
  const before = await makeTree(exchangeServer({ 'Emsmta.exe': '5.0.1462.9' }));
  const after = await makeTree(exchangeServer());
  const wim = await wimOf([before, after]);
  const first = await scanImage(wim, { imageIndex: 1 });
  assert.deepEqual([first.verdict, first.target, row(first, 'Emsmta.exe').status], ['falls-short', `${wim} (image 1)`, 'outdated']);
  const second = await scanImage(wim, { imageIndex: 2 });
  assert.deepEqual([second.verdict, second.target], ['meets', `${wim} (image 2)`]);
  await assert.rejects(openSource(wim), /WIM holds 2 images \(1 "image 1", 2 "image 2"\); choose one with --image-index N/);
  await assert.rejects(openSource(wim, { imageIndex: 3 }), /WIM has no image 3; it holds 2/);
});

test('a WIM link named like a manifest file is unverifiable; a truncated WIM is an error', {
  skip: WIMLIB ? false : NO_WIMLIB,
}, async () => {
  const files = exchangeServer();
  delete files['exchsrvr/bin/emsmta.exe'];
  const folder = await makeTree(files);
  await symlink('/etc/passwd', path.join(folder, 'exchsrvr/bin/emsmta.exe'));
  await mkdir(path.join(folder, 'junk'));
  const wim = await wimOf([folder]);
  const report = await scanImage(wim);
  assert.deepEqual([row(report, 'Emsmta.exe').status, row(report, 'Emsmta.exe').reason], ['unverifiable', 'archive-link']);
  assert.equal(report.manifests[0]!.rows.filter((r) => r.status === 'meets').length, 15);

  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(wim);
  const cut = await writeTemp('cut.wim', bytes.subarray(0, bytes.length >> 1));
  await assert.rejects(scanImage(cut), /cut\.wim: corrupt or unreadable WIM image: /);
});

test('an image source can be listed again, and each listing can be read', async (t) => {
  const files = exchangeServer();
  const images = [await writeTemp('a.zip', await zipTree(files)), await writeTemp('a.tgz', await tarTree(files, { gzip: true }))];
  if (WIMLIB) images.push(await wimOf([await makeTree(files)]));
  else t.diagnostic(NO_WIMLIB);
  for (const image of images) {
    const source = await openSource(image);
    try {
      const first = await source.find(new Set(['emsmta.exe']));
      const second = await source.find(new Set(['emsmta.exe', 'p3.tpl']));
      assert.deepEqual(
        first.entries.map((e) => e.path),
        ['exchsrvr/bin/emsmta.exe'],
        image,
      );
      assert.deepEqual(
        second.entries.map((e) => e.path),
        ['exchsrvr/bin/emsmta.exe', 'exchsrvr/mtadata/p3.tpl'],
        image,
      );
      for (const entry of second.entries) {
        const file = await source.open(entry);
        assert.ok(file.size > 0, image);
        await file.close();
      }
    } finally {
      await source.close?.();
    }
  }
});

test('truncated and mutated zips and tars give a report or a TargetError, never another error, never a hang', async () => {
  const files = exchangeServer();
  const originals: [string, Buffer][] = [
    ['zip', await zipTree(files)],
    ['stored.zip', await zipTree(files, { store: true })],
    ['tar', await tarTree(files)],
    ['tgz', await tarTree(files, { gzip: true })],
  ];
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const outcomes: Record<string, number> = { report: 0, 'target-error': 0 };
  for (const [name, bytes] of originals) {
    const variants: Buffer[] = [];
    for (let i = 1; i < 40; i++) variants.push(bytes.subarray(0, Math.floor((bytes.length * i) / 40)));
    for (let i = 0; i < 60; i++) {
      const copy = Buffer.from(bytes);
      for (let j = 0; j < 1 + (i % 4); j++) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
      variants.push(copy);
    }
    for (const variant of variants) {
      const file = await writeTemp(name, variant);
      try {
        const report = await scanImage(file);
        assert.ok(['meets', 'falls-short', 'not-applicable'].includes(report.verdict));
        outcomes['report']!++;
      } catch (error) {
        assert.ok(error instanceof TargetError, `${name}: ${(error as Error).stack}`);
        outcomes['target-error']!++;
      }
    }
  }
  assert.ok(outcomes['report']! > 0 && outcomes['target-error']! > 0, JSON.stringify(outcomes));
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
