// Pure pieces of the image sources: format detection by magic bytes, entry path rules, size parsing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectImageFormat, isTarHeader } from '../../src/source/imageFormat.js';
import { normaliseEntryPath } from '../../src/source/entryPath.js';
import { formatSize, parseSize, ratioProblem, DEFAULT_LIMITS, ExpandBudget, MemoryGate } from '../../src/source/expandLimits.js';
import { tarTree } from '../helpers/imageBuilders.js';

test('formats are told by their magic bytes', async () => {
  const bytes = (...values: number[]) => Uint8Array.from(values);
  assert.equal(detectImageFormat(bytes(0x50, 0x4b, 0x03, 0x04, 0x14)), 'zip');
  assert.equal(detectImageFormat(bytes(0x50, 0x4b, 0x05, 0x06, 0, 0)), 'zip', 'an empty zip is only its end record');
  assert.equal(detectImageFormat(bytes(0x1f, 0x8b, 0x08, 0)), 'gzip');
  assert.equal(detectImageFormat(Buffer.from('MSWIM\0\0\0\xd0\0\0\0', 'latin1')), 'wim');
  assert.equal(detectImageFormat(await tarTree({ 'a.txt': { text: 'a' } })), 'tar');
  assert.equal(detectImageFormat(Buffer.from('MZ\x90\0')), undefined);
  assert.equal(detectImageFormat(new Uint8Array(0)), undefined);
  assert.equal(detectImageFormat(new Uint8Array(1024)), undefined, 'zeros are not a tar header');
});

test('an old V7 tar header (no "ustar" magic) is told by its checksum', async () => {
  const header = Buffer.from((await tarTree({ 'emsmta.exe': { text: 'x' } })).subarray(0, 512));
  header.fill(0, 257, 265); // drop magic and version, as V7 tar wrote them
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  assert.equal(isTarHeader(header), true);
  header[0] = header[0]! + 1; // now the checksum no longer matches
  assert.equal(isTarHeader(header), false);
});

test('entry paths: backslashes are separators; escapes, absolute paths and drive letters are refused', () => {
  assert.deepEqual(normaliseEntryPath('exchsrvr\\bin\\emsmta.exe'), { ok: true, path: 'exchsrvr/bin/emsmta.exe', name: 'emsmta.exe' });
  assert.deepEqual(normaliseEntryPath('./a//b/./c.dll'), { ok: true, path: 'a/b/c.dll', name: 'c.dll' });
  const refused = (raw: string) => {
    const result = normaliseEntryPath(raw);
    return result.ok ? undefined : [result.path, result.reason];
  };
  assert.deepEqual(refused('../../emsmta.exe'), ['../../emsmta.exe', 'its path climbs out of the image root ("..")']);
  assert.deepEqual(refused('a/../../b.dll'), ['a/../../b.dll', 'its path climbs out of the image root ("..")']);
  assert.deepEqual(refused('..\\..\\b.dll'), ['../../b.dll', 'its path climbs out of the image root ("..")']);
  assert.deepEqual(refused('/etc/passwd'), ['/etc/passwd', 'its path is absolute']);
  assert.deepEqual(refused('\\\\server\\share\\a.dll'), ['//server/share/a.dll', 'its path is absolute']);
  assert.deepEqual(refused('C:\\winnt\\a.dll'), ['C:/winnt/a.dll', 'its path starts with a drive letter']);
  assert.deepEqual(refused('c:a.dll'), ['c:a.dll', 'its path starts with a drive letter']);
  assert.deepEqual(refused('a\0.dll'), ['a?.dll', 'its name contains a NUL character']);
  assert.deepEqual(refused('./'), ['./', 'its name is empty']);
  assert.equal(refused('a/..b/c..dll'), undefined, '".." inside a name is harmless');
});

test('sizes for --max-expand', () => {
  assert.equal(parseSize('4GiB'), 4 * 1024 ** 3);
  assert.equal(parseSize('512M'), 512 * 1024 ** 2);
  assert.equal(parseSize('1.5k'), 1536);
  assert.equal(parseSize('1048576'), 1048576);
  for (const bad of ['', 'lots', '-1', '0', '4 GB please', '1e9']) assert.equal(parseSize(bad), undefined, bad);
  assert.equal(formatSize(4 * 1024 ** 3), '4 GiB');
  assert.equal(formatSize(100), '100 bytes');
});

test('the ratio limit applies only above the floor, the budget is shared', () => {
  assert.equal(ratioProblem(1000 * 1024, 1, DEFAULT_LIMITS), undefined, 'below 1 MiB a ratio proves nothing');
  assert.match(ratioProblem(32 * 1024 ** 2, 32 * 1024, DEFAULT_LIMITS)!, /expands 1024:1 \(32 KiB to 32 MiB\), beyond the 200:1 limit/);
  assert.equal(ratioProblem(32 * 1024 ** 2, 8 * 1024 ** 2, DEFAULT_LIMITS), undefined);
  const budget = new ExpandBudget({ maxExpand: 100, maxRatio: 200 });
  assert.equal(budget.take(60), undefined);
  assert.match(budget.take(60)!, /would pass the --max-expand limit of 100 bytes for this image \(60 bytes already used\)/);
  assert.equal(budget.take(40), undefined);
});

test('the memory gate lets readers in while they fit, one oversized reader alone, in order', async () => {
  const gate = new MemoryGate(100);
  const order: string[] = [];
  await gate.acquire(60);
  const b = gate.acquire(60).then(() => order.push('b'));
  const c = gate.acquire(10).then(() => order.push('c')); // fits, but waits its turn behind b
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(order, []);
  gate.release(60);
  await Promise.all([b, c]);
  assert.deepEqual(order, ['b', 'c']);
  gate.release(70);
  await gate.acquire(500); // larger than the gate: let in when nothing else is held
  gate.release(500);
});
