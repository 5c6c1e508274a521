// The directory walk: lists everything, opens and stats nothing, and opens only what a manifest names.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsPromises from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { loadBundledManifest } from '../src/manifest/loadManifest.js';
import { scan } from './helpers/scan.js';
import { directorySource } from '../src/source/directorySource.js';
import type { FileSource, SourceEntry } from '../src/source/types.js';
import { nameMatcher, walkSorted, walkTree } from '../src/source/walkTree.js';
import { exchangeServer, makeTree as makeTreeIn, type TreeFile } from './helpers/serverTree.js';

/** Every temporary tree this file makes, removed when its tests end. */
const made: string[] = [];
after(() => Promise.all(made.map((dir) => fsPromises.rm(dir, { recursive: true, force: true }))));
const makeTree: typeof makeTreeIn = async (...args) => {
  const root = await makeTreeIn(...args);
  made.push(root);
  return root;
};

/** An Exchange server inside a Windows-like tree of decoys: names near the manifest's, a folder and a link named like its files. */
async function decoyTree(): Promise<{ root: string; outside: string }> {
  const files: Record<string, TreeFile> = { ...exchangeServer() };
  for (let d = 0; d < 20; d++) {
    for (let f = 0; f < 25; f++) files[`winnt/system32/d${d}/file${f}.dll`] = { text: 'x' };
  }
  Object.assign(files, {
    'winnt/system32/emsmta.exe.bak': { text: 'x' },
    'winnt/system32/EMSMTA.EX': { text: 'x' },
    'winnt/system32/xemsmta.exe': { text: 'x' },
    'winnt/emsmta.exe/inside.txt': { text: 'a folder named like a manifest file is walked, not opened' },
  });
  const root = await makeTree(files);
  const outside = await makeTree({
    'Mtamsg.dll': { pe: { fileVersion: '5.0.1462.10' } },
    'deep/Emsmta.exe': { pe: { fileVersion: '5.0.1462.10' } },
  });
  await fsPromises.symlink(outside, path.join(root, 'winnt', 'linked-folder'));
  return { root, outside };
}

/** Counts calls of fs functions (callback, sync and promise forms, as modules import them) while `body` runs. */
async function countingCalls<T>(names: string[], body: () => Promise<T>): Promise<{ result: T; calls: Record<string, string[]> }> {
  const calls: Record<string, string[]> = {};
  const restore: (() => void)[] = [];
  for (const [label, target] of [
    ['fs', fs],
    ['fs/promises', fsPromises],
  ] as const) {
    for (const name of names) {
      const table = target as unknown as Record<string, (...args: unknown[]) => unknown>;
      const original = table[name];
      if (typeof original !== 'function') continue;
      table[name] = function (this: unknown, ...args: unknown[]) {
        calls[`${label}.${name}`] ??= [];
        calls[`${label}.${name}`]!.push(String(args[0]));
        return original.apply(this, args);
      };
      restore.push(() => (table[name] = original));
    }
  }
  syncBuiltinESMExports();
  try {
    return { result: await body(), calls };
  } finally {
    for (const undo of restore) undo();
    syncBuiltinESMExports();
  }
}

const STAT_AND_OPEN = [
  'open',
  'openSync',
  'stat',
  'statSync',
  'lstat',
  'lstatSync',
  'realpath',
  'realpathSync',
  'opendir',
  'opendirSync',
  'readFile',
  'readFileSync',
];

test('listing a tree opens and stats nothing: one readdir per folder', async () => {
  const { root } = await decoyTree();
  const source = await directorySource(root);
  const { result, calls } = await countingCalls([...STAT_AND_OPEN, 'readdir', 'readdirSync'], () =>
    source.find(new Set(['emsmta.exe', 'p3.tpl'])),
  );
  assert.deepEqual(
    result.entries.map((e) => e.path),
    ['exchsrvr/bin/emsmta.exe', 'exchsrvr/mtadata/p3.tpl'],
  );
  const openOrStat = Object.entries(calls).filter(([name]) => !name.includes('readdir'));
  assert.deepEqual(openOrStat, [], 'no open, stat, realpath or read while listing');
  const listed = [...(calls['fs.readdir'] ?? []), ...(calls['fs.readdirSync'] ?? [])];
  assert.equal(new Set(listed).size, listed.length, 'each folder listed once');
  assert.ok(!listed.some((folder) => folder.includes('linked-folder')), 'a link to a folder is not walked');
  assert.ok(
    listed.some((folder) => folder.endsWith(path.join('winnt', 'emsmta.exe'))),
    'a folder named like a manifest file is walked',
  );
});

test('a scan opens only the files the manifest names, through the source and at the system-call level', async () => {
  const { root, outside } = await decoyTree();
  const source = await directorySource(root);
  const opened: string[] = [];
  const counting: FileSource = {
    description: source.description,
    find: (names) => source.find(names),
    open: (entry: SourceEntry) => {
      opened.push(entry.path);
      return source.open(entry);
    },
  };
  const { result: report, calls } = await countingCalls(['open', 'openSync'], async () =>
    scan({ manifests: [await loadBundledManifest()], source: counting }),
  );
  assert.equal(report.verdict, 'meets');
  assert.deepEqual(opened.sort(), Object.keys(exchangeServer()).sort());
  const openedFiles = [...(calls['fs.open'] ?? []), ...(calls['fs.openSync'] ?? []), ...(calls['fs/promises.open'] ?? [])].filter(
    (file) => file.startsWith(root) || file.startsWith(outside),
  );
  assert.deepEqual(
    openedFiles.map((file) => path.relative(root, file).split(path.sep).join('/')).sort(),
    Object.keys(exchangeServer()).sort(),
  );
});

test('a FIFO named like a manifest file is listed as "other" and never opened', async (t) => {
  const root = await makeTree(exchangeServer({}, { omit: ['P3.tpl'] }));
  const fifo = path.join(root, 'exchsrvr', 'mtadata', 'p3.tpl');
  if (spawnSync('mkfifo', [fifo]).status !== 0) {
    t.skip('mkfifo is not available');
    return;
  }
  const { result } = await walkTree(root, nameMatcher(new Set(['p3.tpl']))).then((r) => ({ result: r }));
  assert.deepEqual(result.entries, [{ path: 'exchsrvr/mtadata/p3.tpl', name: 'p3.tpl', type: 'other' }]);
  const report = await scan({ manifests: [await loadBundledManifest()], source: await directorySource(root) });
  const row = report.manifests[0]!.rows.find((r) => r.name === 'P3.tpl')!;
  assert.equal(row.copies[0]!.reason, 'not-regular-file');
});

test('a large tree is listed whole and in sorted order', async () => {
  const files: Record<string, TreeFile> = {};
  for (let d = 0; d < 40; d++) for (let f = 0; f < 50; f++) files[`d${(d * 7) % 40}/s${d % 3}/f${f}.dll`] = { text: '' };
  const root = await makeTree(files);
  const { entries, problems } = await walkTree(root, () => true);
  assert.deepEqual(problems, []);
  const expected = Object.keys(files).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  assert.deepEqual(
    entries.map((e) => e.path),
    expected,
  );
});

test('the name matcher is case-insensitive and exact', () => {
  const match = nameMatcher(new Set(['emsmta.exe', 'p3.tpl']));
  assert.ok(match('EMSMTA.EXE') && match('Emsmta.exe') && match('P3.TPL'));
  assert.ok(!match('emsmta.ex') && !match('xemsmta.exe') && !match('emsmta.exe.bak') && !match(''));
  assert.ok(nameMatcher(new Set(['i\u0307.dll']))('\u0130.dll'), 'İ lower-cases to two code units and still matches');
});

test('the streaming walk yields the same entries, in the same order, as the whole-tree walk', async () => {
  // A folder "a" next to files "a.txt", "a-b", "a0"; an astral character (surrogates) next to U+FF21: code-unit order throughout.
  const names = ['a.txt', 'a-b/x', 'a/b', 'a/b.c/d', 'a/bb/c', 'a0', 'A/z', 'b/\u00e9t\u00e9.dll', 'b/\u{1f600}.dll', 'b/\uff21.dll', 'z'];
  const root = await makeTree(Object.fromEntries(names.map((n) => [`t/${n}`, { text: '' }])));
  const whole = await walkTree(path.join(root, 't'), () => true);
  const streamed = [...walkSorted(path.join(root, 't'), () => true)].map((item) => item.entry!);
  assert.deepEqual(streamed, whole.entries);
  const missing = [...walkSorted(path.join(root, 'no-such'), () => true)];
  assert.equal(missing.length, 1);
  assert.equal(missing[0]!.problem?.code, 'unreadable-folder');
});

test('on a slow file system the walk lists folders on the thread pool, and finds the same entries', async () => {
  const files: Record<string, TreeFile> = {};
  for (let d = 0; d < 30; d++) for (let f = 0; f < 5; f++) files[`d${d}/s${d % 4}/f${f}.dll`] = { text: '' };
  const root = await makeTree(files);
  const fast = await walkTree(root, () => true);
  // Every listing waits 2 ms first, as over a network share (the main thread's listings block, the thread pool's do not).
  const table = fs as unknown as Record<string, (...args: unknown[]) => unknown>;
  const { readdir, readdirSync } = table as { readdir: (...args: unknown[]) => void; readdirSync: (...args: unknown[]) => unknown };
  const calls = { sync: 0, pooled: 0 };
  table['readdirSync'] = (...args: unknown[]) => {
    calls.sync++;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
    return readdirSync(...args);
  };
  table['readdir'] = (...args: unknown[]) => {
    calls.pooled++;
    setTimeout(() => readdir(...args), 2);
  };
  syncBuiltinESMExports();
  let slow: Awaited<ReturnType<typeof walkTree>>;
  try {
    slow = await walkTree(root, () => true);
  } finally {
    table['readdirSync'] = readdirSync;
    table['readdir'] = readdir;
    syncBuiltinESMExports();
  }
  assert.deepEqual(slow, fast);
  assert.equal(calls.sync + calls.pooled, 1 + 30 + 30 * 1, 'one listing per folder');
  assert.ok(calls.sync <= 12, `${calls.sync} folders listed on the main thread, ${calls.pooled} on the thread pool`);
});
