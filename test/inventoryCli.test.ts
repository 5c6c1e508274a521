// `hotfix-verify inspect --recursive` run as a child process, as a user or a pipeline runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTree, type TreeFile } from './helpers/serverTree.js';
import { tempDir } from './helpers/tempDir.js';

// Temporary trees (some hold 2 GB sparse files) are removed with every other test folder when the process exits (helpers/tempDir.ts).

const BIN = fileURLToPath(new URL('../../bin/hotfix-verify.js', import.meta.url));

function run(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const TREE: Record<string, TreeFile> = {
  'Windows/System32/kernel32.dll': { pe: { fileVersion: '6.1.7601.24545', machine: 'x64' } },
  'Windows/System32/drivers/ntfs.sys': { pe: { fileVersion: '6.1.7601.24000', overlayBytes: 200_000 } },
  'Windows/System32/notepad.exe': { pe: { fileVersion: '6.1.7600.16385', dll: false } },
  'Windows/System32/en-US/notepad.exe.mui': { pe: { fileVersion: '6.1.7600.16385' } },
  'Windows/System32/oddly-named.bin': { pe: { fileVersion: '1.2.3.4' } },
  'Windows/win.ini': { text: '[fonts]\r\n' },
};

test('inspect --recursive --format jsonl writes one record per PE file whatever its name, sorted, the same bytes every run', async () => {
  const root = await makeTree(TREE);
  const first = run(['inspect', '--recursive', root, '--format', 'jsonl']);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(first.stderr, '', 'no progress line when stderr is not a terminal');
  const records = first.stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.deepEqual(
    records.map((r) => [path.relative(root, r.path).split(path.sep).join('/'), r.versions[0].fixed.fileVersion]),
    [
      ['Windows/System32/drivers/ntfs.sys', '6.1.7601.24000'],
      ['Windows/System32/en-US/notepad.exe.mui', '6.1.7600.16385'],
      ['Windows/System32/kernel32.dll', '6.1.7601.24545'],
      ['Windows/System32/notepad.exe', '6.1.7600.16385'],
      ['Windows/System32/oddly-named.bin', '1.2.3.4'],
    ],
  );
  assert.equal(records[2].format, 'PE32+');
  assert.equal(run(['inspect', '--recursive', root, '--format', 'jsonl']).stdout, first.stdout);
});

test('inspect -r --format json is one JSON document with the inspect schema; --all adds the files that are not PE', async () => {
  const root = await makeTree(TREE);
  const result = run(['inspect', '-r', root, '-f', 'json']);
  assert.equal(result.code, 0, result.stderr);
  const document = JSON.parse(result.stdout);
  assert.equal(document.schemaVersion, '1.0.0');
  assert.equal(document.tool.name, 'hotfix-verify');
  assert.deepEqual(
    document.files.map((f: { path: string }) => path.basename(f.path)),
    ['ntfs.sys', 'notepad.exe.mui', 'kernel32.dll', 'notepad.exe', 'oddly-named.bin'],
  );
  const all = run(['inspect', '-r', root, '-f', 'json', '--all']);
  assert.equal(all.code, 1, 'a file that is not PE is a finding once it is listed');
  assert.deepEqual(
    JSON.parse(all.stdout).files.map((f: { path: string; code?: string }) => [path.basename(f.path), f.code ?? 'ok']),
    [
      ['ntfs.sys', 'ok'],
      ['notepad.exe.mui', 'ok'],
      ['kernel32.dll', 'ok'],
      ['notepad.exe', 'ok'],
      ['oddly-named.bin', 'ok'],
      ['win.ini', 'not-pe'],
    ],
  );
  const empty = await tempDir('hv-empty-');
  const none = run(['inspect', '-r', empty, '-f', 'json']);
  assert.equal(none.code, 0);
  assert.deepEqual(JSON.parse(none.stdout).files, []);
});

test('inspect --recursive as tables, to a file with --output, and exit 1 when a PE-named file is not PE', async () => {
  const root = await makeTree({ ...TREE, 'Windows/System32/broken.dll': { text: 'not a program' } });
  const table = run(['inspect', '--recursive', root, '--quiet']);
  assert.equal(table.code, 1);
  assert.match(table.stdout, /kernel32\.dll\n┌/);
  assert.match(table.stdout, /broken\.dll\n┌[\s\S]*not-pe/);
  const outDir = await tempDir('hv-inv-out-');
  const out = path.join(outDir, 'inventory.jsonl');
  const toFile = run(['inspect', '--recursive', root, '-f', 'jsonl', '-o', out]);
  assert.equal(toFile.code, 1);
  assert.equal(toFile.stdout, '');
  assert.equal((await readFile(out, 'utf8')).trimEnd().split('\n').length, 6);
  assert.deepEqual(await readdir(outDir), ['inventory.jsonl'], 'no temporary file left behind');
});

test('inspect --recursive on a missing folder reports it and exits 1; a bad --format is a usage error', async () => {
  const missing = path.join(tmpdir(), 'hv-no-such-tree');
  const result = run(['inspect', '--recursive', missing, '-f', 'jsonl']);
  assert.equal(result.code, 1);
  assert.deepEqual(JSON.parse(result.stdout), { path: missing, ok: false, code: 'not-found', message: 'no such file or folder' });
  const usage = run(['inspect', '--recursive', missing, '-f', 'xml']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /Invalid values/);
});

test('a reader that goes away early (| head) ends the inventory quietly with exit 2', async () => {
  const files: Record<string, TreeFile> = {};
  for (let i = 0; i < 400; i++) files[`d${i % 10}/f${i}.dll`] = { pe: { fileVersion: `1.0.0.${i}` } };
  const root = await makeTree(files);
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [BIN, 'inspect', '--recursive', root, '-f', 'jsonl'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(stderr, '');
  assert.ok(code === 2 || code === 0, `exit ${code}`);
});
