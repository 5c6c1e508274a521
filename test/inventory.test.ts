// Inventory of whole trees: which files, in what order, and how little of each is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, open, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hasPeExtension, inventory, inventoryBatches, type InventoryOptions, type InventoryRecord } from '../src/inspect/inventory.js';
import { fileHandleSource } from '../src/pe/byteSource.js';
import { readAheadSource } from '../src/pe/readAheadSource.js';
import { readPeVersionInfo, readPeVersionInfoSync } from '../src/pe/readPeVersionInfo.js';
import { bufferSource } from '../src/pe/byteSource.js';
import type { InspectRecord } from '../src/inspect/inspectFile.js';
import { inspectRecordText } from '../src/inspect/recordText.js';
import { inspectRecordJson } from '../src/report/inspectJson.js';
import { loadSeeds, makeCase } from './fuzz/peFuzzer.js';
import { writePe } from '../src/pe/writePe.js';
import { formatVersion } from '../src/version/windowsVersion.js';
import { makeTree, type TreeFile } from './helpers/serverTree.js';
import { tempDir } from './helpers/tempDir.js';

// Temporary trees (some hold 2 GB sparse files) are removed with every other test folder when the process exits (helpers/tempDir.ts).

const TWO_GB = 2 * 1024 * 1024 * 1024;

async function collect(roots: string[], options: InventoryOptions = {}): Promise<InventoryRecord[]> {
  const records: InventoryRecord[] = [];
  for await (const record of inventory(roots, options)) records.push(record);
  return records;
}

/** A PE file whose headers and version resource are at the front and whose overlay makes it 2 GB (sparse: no disk used). */
async function writeSparsePe(file: string, fileVersion: string): Promise<void> {
  const handle = await open(file, 'w');
  try {
    await handle.write(writePe({ fileVersion, machine: 'x64' }));
    await handle.truncate(TWO_GB);
  } finally {
    await handle.close();
  }
}

function codeOf(record: InventoryRecord): string | undefined {
  return record.error?.code ?? (record.result && !record.result.ok ? record.result.code : undefined);
}

function fileVersionOf(record: InventoryRecord): string | undefined {
  const result = record.result;
  if (!result?.ok) return undefined;
  const fixed = result.versions[0]?.fixed;
  return fixed ? formatVersion(fixed.fileVersion) : undefined;
}

test('a 2 GB PE file is read with a few KB, and its version is right', async () => {
  const dir = await tempDir('hv-big-');
  const file = path.join(dir, 'huge.dll');
  await writeSparsePe(file, '10.0.19041.1');
  const handle = await open(file, 'r');
  try {
    const bytes = fileHandleSource(handle, (await handle.stat()).size);
    assert.equal(bytes.size, TWO_GB);
    const result = await readPeVersionInfo(readAheadSource(bytes));
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(formatVersion(result.versions[0]!.fixed!.fileVersion), '10.0.19041.1');
    assert.ok(bytes.bytesRead <= 16 * 1024, `read ${bytes.bytesRead} bytes`);
  } finally {
    await handle.close();
  }
});

test('the read-ahead needs fewer reads than the reader alone, and reads the same result', async () => {
  const image = writePe({ fileVersion: '5.0.1462.10', overlayBytes: 100_000 });
  let plainReads = 0;
  let aheadReads = 0;
  const counted = (count: () => void) => ({
    size: image.byteLength,
    read: async (position: number, length: number) => {
      count();
      return image.subarray(position, Math.min(image.byteLength, position + length));
    },
  });
  const plain = await readPeVersionInfo(counted(() => plainReads++));
  const ahead = await readPeVersionInfo(readAheadSource(counted(() => aheadReads++)));
  assert.deepEqual(ahead, plain);
  assert.ok(aheadReads < plainReads, `${aheadReads} reads with read-ahead, ${plainReads} without`);
  assert.ok(aheadReads <= 3, `${aheadReads} reads`);
});

test('an inventory over a tree with a 2 GB file reads a few KB per file, on one thread or several', async () => {
  const files: Record<string, TreeFile> = {
    'Windows/System32/kernel32.dll': { pe: { fileVersion: '6.1.7601.24545', machine: 'x64' } },
    'Windows/System32/drivers/ntfs.sys': { pe: { fileVersion: '6.1.7601.24000', overlayBytes: 3_000_000 } },
    'Windows/System32/en-US/kernel32.dll.mui': { pe: { fileVersion: '6.1.7601.24545' } },
  };
  // Enough files for several batches, so that worker threads take part.
  for (let i = 0; i < 150; i++) files[`Windows/WinSxS/c${i % 7}/f${i}.dll`] = { pe: { fileVersion: `10.0.0.${i}` } };
  const root = await makeTree(files);
  await writeSparsePe(path.join(root, 'Windows', 'System32', 'huge.dll'), '6.1.7601.1');
  for (const threads of [1, 2]) {
    const records = await collect([root], { threads });
    assert.deepEqual(
      records.slice(0, 4).map((r) => [path.relative(root, r.path).split(path.sep).join('/'), fileVersionOf(r)]),
      [
        ['Windows/System32/drivers/ntfs.sys', '6.1.7601.24000'],
        ['Windows/System32/en-US/kernel32.dll.mui', '6.1.7601.24545'],
        ['Windows/System32/huge.dll', '6.1.7601.1'],
        ['Windows/System32/kernel32.dll', '6.1.7601.24545'],
      ],
    );
    assert.equal(records.length, 154);
    for (const record of records) assert.ok(record.bytesRead! <= 16 * 1024, `${record.path}: ${record.bytesRead} bytes read`);
    const huge = records.find((r) => r.path.endsWith('huge.dll'))!;
    assert.equal(huge.size, TWO_GB);
  }
});

test('inventory order is sorted by path and the same on every run, whatever the creation order', async () => {
  const names = ['b/z.dll', 'a.dll', 'a/b.dll', 'a-b.exe', 'B.sys', 'a/a/a.ocx', 'c.cpl', 'A.DLL', 'b.mui', 'a.exe'];
  const shuffled = [...names].sort(() => 0.5 - Math.random());
  const root = await makeTree(Object.fromEntries(shuffled.map((name, i) => [name, { pe: { fileVersion: `1.0.0.${i}` } }])));
  const runs = await Promise.all([collect([root], { threads: 1 }), collect([root], { threads: 3 })]);
  const relative = runs.map((records) => records.map((r) => path.relative(root, r.path).split(path.sep).join('/')));
  const sorted = [...names].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  for (const order of relative) assert.deepEqual(order, sorted);
  assert.deepEqual(JSON.stringify(runs[0]), JSON.stringify(runs[1]), 'one thread and several give the same records');
});

/** The jsonl text of an inventory, batch by batch, and the threads that read the batches (0: the calling thread). */
async function inventoryText(root: string, threads: number): Promise<{ text: string; readers: Set<number> }> {
  let text = '';
  const readers = new Set<number>();
  for await (const batch of inventoryBatches([root], { threads }, 'jsonl')) {
    text += batch.text;
    readers.add(batch.thread);
  }
  return { text, readers };
}

test('one thread and several give byte-identical output in the same order', async () => {
  const files: Record<string, TreeFile> = {};
  for (let i = 0; i < 400; i++) {
    const name = `d${i % 13}/${i % 3 === 0 ? 'sub/' : ''}f${i}${['.dll', '.exe', '.mui', '', '.bin'][i % 5]}`;
    files[name] =
      i % 11 === 0 ? { text: `not a program ${i}` } : { pe: { fileVersion: `1.0.${i % 7}.${i}`, machine: i % 2 ? 'x64' : 'i386' } };
  }
  const root = await makeTree(files);
  const one = await inventoryText(root, 1);
  const several = await inventoryText(root, 2);
  assert.deepEqual([...one.readers], [0], 'threads: 1 reads on the calling thread only');
  assert.ok(
    [...several.readers].some((thread) => thread !== 0),
    'threads: 2 hands batches to a worker thread',
  );
  assert.equal(several.text, one.text);
  assert.ok(one.text.split('\n').length > 300);
});

test('every PE file is listed whatever its name; other files only when named like PE files, or with all', async () => {
  assert.ok(hasPeExtension('KERNEL32.DLL') && hasPeExtension('x.mui') && hasPeExtension('a.b.efi'));
  assert.ok(!hasPeExtension('readme.txt') && !hasPeExtension('dll') && !hasPeExtension('x.dll.bak'));
  const root = await makeTree({
    'real.dll': { pe: { fileVersion: '1.2.3.4' } },
    'light.msstyles': { pe: { fileVersion: '1.0.0.1' } },
    'en-US/notepad.exe.mui': { pe: { fileVersion: '10.0.0.1' } },
    'shell32.dll.mun': { pe: { fileVersion: '10.0.0.2' } },
    'grubx64.efi.signed': { pe: { fileVersion: '2.6.0.0', machine: 'x64' } },
    'avifile.dll16': { pe: { fileVersion: '1.0.0.16' } },
    vmlinuz: { pe: { fileVersion: '6.1.0.0', machine: 'x64' } },
    'hidden.bin': { pe: { fileVersion: '5.6.7.8' } },
    'fake.dll': { text: 'not a program' },
    'readme.txt': { text: 'hello' },
    'dos.com': { text: 'MZ' },
    'dosonly.bin': { text: `MZ${'\0'.repeat(100)}` },
    empty: { text: '' },
  });
  const byContent = await collect([root]);
  assert.deepEqual(
    byContent.map((r) => [path.relative(root, r.path).split(path.sep).join('/'), fileVersionOf(r) ?? codeOf(r)]),
    [
      ['avifile.dll16', '1.0.0.16'],
      ['dos.com', 'truncated'],
      ['en-US/notepad.exe.mui', '10.0.0.1'],
      ['fake.dll', 'not-pe'],
      ['grubx64.efi.signed', '2.6.0.0'],
      ['hidden.bin', '5.6.7.8'],
      ['light.msstyles', '1.0.0.1'],
      ['real.dll', '1.2.3.4'],
      ['shell32.dll.mun', '10.0.0.2'],
      ['vmlinuz', '6.1.0.0'],
    ],
    'PE files by content, and files named like PE files; no text file, no DOS-only MZ file, no empty file',
  );
  const everything = await collect([root], { all: true });
  assert.deepEqual(
    everything.map((r) => [path.relative(root, r.path).split(path.sep).join('/'), fileVersionOf(r) ?? codeOf(r)]),
    [
      ['avifile.dll16', '1.0.0.16'],
      ['dos.com', 'truncated'],
      ['dosonly.bin', 'not-pe'],
      ['empty', 'not-pe'],
      ['en-US/notepad.exe.mui', '10.0.0.1'],
      ['fake.dll', 'not-pe'],
      ['grubx64.efi.signed', '2.6.0.0'],
      ['hidden.bin', '5.6.7.8'],
      ['light.msstyles', '1.0.0.1'],
      ['readme.txt', 'not-pe'],
      ['real.dll', '1.2.3.4'],
      ['shell32.dll.mun', '10.0.0.2'],
      ['vmlinuz', '6.1.0.0'],
    ],
    'with all, every file is listed',
  );
});

test('links are listed, not followed; folder links are not walked; a file root is its own record', async () => {
  const outside = await makeTree({ 'secret.dll': { pe: { fileVersion: '9.9.9.9' } } });
  const root = await makeTree({ 'sub/in.dll': { pe: { fileVersion: '1.0.0.0' } } });
  await symlink(path.join(outside, 'secret.dll'), path.join(root, 'link.dll'));
  await symlink(outside, path.join(root, 'linkdir'));
  await mkdir(path.join(root, 'folder.dll'));
  await writeFile(path.join(root, 'folder.dll', 'x.txt'), 'x');
  const records = await collect([root, path.join(root, 'sub', 'in.dll')]);
  assert.deepEqual(
    records.map((r) => [path.relative(root, r.path), r.error?.code ?? fileVersionOf(r)]),
    [
      ['link.dll', 'symlink'],
      [path.join('sub', 'in.dll'), '1.0.0.0'],
      [path.join('sub', 'in.dll'), '1.0.0.0'],
    ],
  );
});

test('a root that does not exist is a record, not a crash', async () => {
  const records = await collect([path.join(tmpdir(), 'hv-no-such-root-ever')]);
  assert.equal(records.length, 1);
  assert.equal(records[0]!.error?.code, 'not-found');
});

test('the JSON text the inventory writes is the inspect JSON object, byte for byte', async () => {
  const seeds = loadSeeds();
  const records: InspectRecord[] = [
    { path: '/a/"quoted"\\name\u0001.dll', error: { code: 'unreadable', message: 'cannot be opened: permission denied' } },
    { path: '/b.dll', size: 3, result: { ok: false, code: 'not-pe', message: 'file is 3 bytes, too small', offset: 0, anomalies: [] } },
    { path: '/c.dll', size: 9, result: { ok: false, code: 'read-error', message: 'gone', anomalies: [{ offset: 1, message: 'odd' }] } },
  ];
  for (let i = 0; i < 3000; i++) {
    const { bytes } = makeCase(seeds, 9, i);
    records.push({ path: `/fuzz/${i}.dll`, size: bytes.byteLength, result: readPeVersionInfoSync(bufferSource(bytes)) });
  }
  // Keys JSON.stringify orders in its own way: integer-like keys first, "__proto__" as data.
  const strings: Record<string, string> = { Zeta: 'z', '10': 'ten', '2': 'two', 'Tab\tKey': 'line\nbreak \ud800 lone' };
  Object.defineProperty(strings, '__proto__', { value: 'data', enumerable: true, writable: true, configurable: true });
  const withStrings = writePe({ fileVersion: '1.2.3.4' });
  const parsed = readPeVersionInfoSync(bufferSource(withStrings));
  assert.ok(parsed.ok);
  parsed.versions[0]!.stringTables[0]!.strings = strings;
  records.push({ path: '/strings.dll', size: withStrings.byteLength, result: parsed });
  let versions = 0;
  for (const record of records) {
    if (record.result?.ok) versions += record.result.versions.length;
    assert.equal(inspectRecordText(record), JSON.stringify(inspectRecordJson(record)), record.path);
  }
  assert.ok(versions > 1000, `${versions} version resources compared`);
});
