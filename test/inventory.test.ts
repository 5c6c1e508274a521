// Inventory of whole trees: which files, in what order, and how little of each is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, open, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hasPeExtension, inventory, type InventoryOptions, type InventoryRecord } from '../src/inspect/inventory.js';
import { fileHandleSource } from '../src/pe/byteSource.js';
import { readAheadSource } from '../src/pe/readAheadSource.js';
import { readPeVersionInfo } from '../src/pe/readPeVersionInfo.js';
import { writePe } from '../src/pe/writePe.js';
import { formatVersion } from '../src/version/windowsVersion.js';
import { makeTree } from './helpers/serverTree.js';
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

test('an inventory over a tree with a 2 GB file reads a few KB per file', async () => {
  const root = await makeTree({
    'Windows/System32/kernel32.dll': { pe: { fileVersion: '6.1.7601.24545', machine: 'x64' } },
    'Windows/System32/drivers/ntfs.sys': { pe: { fileVersion: '6.1.7601.24000', overlayBytes: 3_000_000 } },
    'Windows/System32/en-US/kernel32.dll.mui': { pe: { fileVersion: '6.1.7601.24545' } },
  });
  await writeSparsePe(path.join(root, 'Windows', 'System32', 'huge.dll'), '6.1.7601.1');
  const records = await collect([root]);
  assert.deepEqual(
    records.map((r) => [path.relative(root, r.path).split(path.sep).join('/'), fileVersionOf(r)]),
    [
      ['Windows/System32/drivers/ntfs.sys', '6.1.7601.24000'],
      ['Windows/System32/en-US/kernel32.dll.mui', '6.1.7601.24545'],
      ['Windows/System32/huge.dll', '6.1.7601.1'],
      ['Windows/System32/kernel32.dll', '6.1.7601.24545'],
    ],
  );
  for (const record of records) assert.ok(record.bytesRead! <= 16 * 1024, `${record.path}: ${record.bytesRead} bytes read`);
  const huge = records.find((r) => r.path.endsWith('huge.dll'))!;
  assert.equal(huge.size, TWO_GB);
});

test('inventory order is sorted by path and the same on every run, whatever the creation order', async () => {
  const names = ['b/z.dll', 'a.dll', 'a/b.dll', 'a-b.exe', 'B.sys', 'a/a/a.ocx', 'c.cpl', 'A.DLL', 'b.mui', 'a.exe'];
  const shuffled = [...names].sort(() => 0.5 - Math.random());
  const root = await makeTree(Object.fromEntries(shuffled.map((name, i) => [name, { pe: { fileVersion: `1.0.0.${i}` } }])));
  const runs = await Promise.all([
    collect([root], { concurrency: 1 }),
    collect([root], { concurrency: 7 }),
    collect([root], { io: 'pooled' }),
  ]);
  const relative = runs.map((records) => records.map((r) => path.relative(root, r.path).split(path.sep).join('/')));
  const sorted = [...names].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  for (const order of relative) assert.deepEqual(order, sorted);
  assert.deepEqual(JSON.stringify(runs[1]), JSON.stringify(runs[2]), 'direct and pooled reads give the same records');
});

test('candidates are chosen by extension, or with all by their MZ magic', async () => {
  assert.ok(hasPeExtension('KERNEL32.DLL') && hasPeExtension('x.mui') && hasPeExtension('a.b.efi'));
  assert.ok(!hasPeExtension('readme.txt') && !hasPeExtension('dll') && !hasPeExtension('x.dll.bak'));
  const root = await makeTree({
    'real.dll': { pe: { fileVersion: '1.2.3.4' } },
    'hidden.bin': { pe: { fileVersion: '5.6.7.8' } },
    'fake.dll': { text: 'not a program' },
    'readme.txt': { text: 'hello' },
    'dos.com': { text: 'MZ' },
  });
  const byExtension = await collect([root]);
  assert.deepEqual(
    byExtension.map((r) => [path.basename(r.path), codeOf(r) ?? 'ok']),
    [
      ['dos.com', 'truncated'],
      ['fake.dll', 'not-pe'],
      ['real.dll', 'ok'],
    ],
  );
  const everything = await collect([root], { all: true });
  assert.deepEqual(
    everything.map((r) => [path.basename(r.path), fileVersionOf(r) ?? codeOf(r)]),
    [
      ['dos.com', 'truncated'],
      ['hidden.bin', '5.6.7.8'],
      ['real.dll', '1.2.3.4'],
    ],
    'with all, files without MZ are left out; MZ files are kept, PE or not',
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
