// `hotfix-verify import`, run as a child process on invented KB articles (test/fixtures-kb/articles.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { access, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateManifest } from '../src/manifest/validateManifest.js';
import { BAD_ROW, BOXED, MULTI_SECTION, NAME_VERSION, NO_TABLE, PLATFORM_SPLIT, lineOf } from './fixtures-kb/articles.js';
import { makeTree } from './helpers/serverTree.js';
import { tempDir } from './helpers/tempDir.js';

const BIN = fileURLToPath(new URL('../../bin/hotfix-verify.js', import.meta.url));

function run(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh folder for articles. */
async function mkdirArticles(): Promise<string> {
  return tempDir('hv-kb-');
}

/** Writes articles (file name → text) to a fresh folder; returns the folder. */
async function articles(files: Record<string, string>): Promise<string> {
  const dir = await tempDir('hv-kb-');
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

test('import prints one manifest as an object that scan --manifest reads', async () => {
  const dir = await articles({ 'Q900101.TXT': BOXED });
  const result = run(['import', path.join(dir, 'Q900101.TXT')]);
  assert.equal(result.code, 0, result.stderr);
  const manifest = JSON.parse(result.stdout);
  assert.deepEqual(validateManifest(manifest), []);
  assert.equal(manifest.id, 'Q900101');
  assert.equal(manifest.$schema, undefined, 'no $schema on stdout: there is no folder to point from');
  assert.deepEqual(
    manifest.files.map((f: { name: string; version: string | null; aliases?: string[] }) => [f.name, f.version, f.aliases ?? []]),
    [
      ['Emsmta.exe', '5.0.1463.4', []],
      ['Emsrid.dll', '5.0.1463.4', ['Ems_rid.dll']],
      ['Routes.sch', null, []],
      ['Mtaperf.cfg', null, []],
      ['Mtaext.dll', null, []],
    ],
  );
  // One row per line, as a reviewer reads the KB table.
  assert.match(result.stdout, /^ {4}\{ "name": "Emsmta\.exe", "version": "5\.0\.1463\.4" \},$/m);

  const file = path.join(dir, 'Q900101.json');
  await writeFile(file, result.stdout);
  const scan = run(['scan', dir, '--manifest', file, '--format', 'json']);
  assert.equal(scan.code, 1, scan.stderr);
  assert.equal(JSON.parse(scan.stdout).manifests[0].id, 'Q900101');
});

test('import prints several manifests as a JSON array', async () => {
  const dir = await articles({ 'Q900108.TXT': MULTI_SECTION });
  const result = run(['import', path.join(dir, 'Q900108.TXT')]);
  assert.equal(result.code, 0, result.stderr);
  const list = JSON.parse(result.stdout);
  assert.ok(Array.isArray(list));
  assert.deepEqual(
    list.map((m: { id: string; branch: string }) => [m.id, m.branch]),
    [
      ['Q900108-5.0', '5.0'],
      ['Q900108-5.5', '5.5'],
    ],
  );
  for (const manifest of list) assert.deepEqual(validateManifest(manifest), []);

  // scan reads one manifest per file, and says so when given the array.
  const file = path.join(dir, 'both.json');
  await writeFile(file, result.stdout);
  const scan = run(['scan', dir, '--manifest', file]);
  assert.equal(scan.code, 2);
  assert.match(
    scan.stderr,
    new RegExp(
      String.raw`both\.json: \$: expected an object, found a JSON array: a manifest file holds one manifest ` +
        String.raw`\(\x60hotfix-verify import --out DIR\x60 writes one file per manifest\)`,
    ),
  );
});

test('import --out writes one <id>.json per manifest, with $schema, that scan --manifest DIR reads', async () => {
  const dir = await articles({ 'Q900101.TXT': BOXED, 'Q900108.TXT': MULTI_SECTION });
  const out = path.join(dir, 'made', 'manifests');
  const result = run(['import', path.join(dir, 'Q900101.TXT'), path.join(dir, 'Q900108.TXT'), '--out', out]);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual((await readdir(out)).sort(), ['Q900101.json', 'Q900108-5.0.json', 'Q900108-5.5.json']);
  assert.match(result.stdout, /Q900108-5\.5\.json: Q900108-5\.5, 3 files, Microsoft Exchange Server 5\.5/);
  for (const name of await readdir(out)) {
    const doc = JSON.parse(await readFile(path.join(out, name), 'utf8'));
    assert.equal(`${doc.id}.json`, name);
    assert.deepEqual(validateManifest(doc), [], name);
    // $schema is relative to the folder and names the bundled schema.
    assert.match(doc.$schema, /manifest\.schema\.json$/);
    await access(path.resolve(out, doc.$schema));
  }
  const scan = run(['scan', dir, '--manifest', out, '--format', 'json']);
  assert.equal(scan.code, 1, scan.stderr);
  assert.deepEqual(
    JSON.parse(scan.stdout).manifests.map((m: { id: string }) => m.id),
    ['Q900101', 'Q900108-5.0', 'Q900108-5.5'],
  );
});

test('exit 0: every row read, nothing on stderr', async () => {
  const dir = await articles({ 'Q900101.TXT': BOXED });
  const result = run(['import', path.join(dir, 'Q900101.TXT'), '--out', path.join(dir, 'out')]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr, '');
});

test('exit 1: a row it cannot read is left out, named with its article, line and cell, and the rest is written', async () => {
  const dir = await articles({ 'Q900101.TXT': BOXED, 'Q900115.TXT': BAD_ROW });
  const out = path.join(dir, 'out');
  const bad = path.join(dir, 'Q900115.TXT');
  const result = run(['import', path.join(dir, 'Q900101.TXT'), bad, '--out', out]);
  assert.equal(result.code, 1, result.stderr);
  const line = lineOf(BAD_ROW, 'Tstmsg.dll?');
  assert.match(
    result.stderr,
    new RegExp(
      `^hotfix-verify: warning: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, line ${line}, File name "Tstmsg\\.dll\\?": .*left out`,
    ),
  );
  const written = JSON.parse(await readFile(path.join(out, 'Q900115.json'), 'utf8'));
  assert.deepEqual(
    written.files.map((file: { name: string }) => file.name),
    ['Tstmta.exe', 'Tstaddr.dll'],
  );
});

test('--strict: a row left out is exit 2 and nothing is written', async () => {
  const dir = await articles({ 'Q900101.TXT': BOXED, 'Q900115.TXT': BAD_ROW });
  const out = path.join(dir, 'out');
  const result = run(['import', path.join(dir, 'Q900101.TXT'), path.join(dir, 'Q900115.TXT'), '--out', out, '--strict']);
  assert.equal(result.code, 2);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /warning: .*Q900115\.TXT, line \d+, File name/);
  assert.match(result.stderr, /--strict: 1 row was left out; nothing written/);
  await assert.rejects(access(out), 'a strict run with a row left out writes nothing');
  // Every row read: --strict changes nothing.
  assert.equal(run(['import', path.join(dir, 'Q900101.TXT'), '--strict']).code, 0);
});

test('exit 2: nothing written when one article cannot be imported at all', async () => {
  const dir = await articles({ 'Q900101.TXT': BOXED, 'Q900116.TXT': NO_TABLE });
  const out = path.join(dir, 'out');
  const result = run(['import', path.join(dir, 'Q900101.TXT'), path.join(dir, 'Q900116.TXT'), '--out', out]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /Q900116\.TXT, line \d+: reached the end of the article without finding a file table/);
  await assert.rejects(access(out), 'a run with an article that cannot be imported writes nothing');
});

test('reads an article saved as UTF-16 with a byte-order mark, and one in Windows-1252 with LF line ends', async () => {
  const dir = await mkdirArticles();
  const utf16 = path.join(dir, 'Q900101.TXT');
  await writeFile(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(BOXED, 'utf16le')]));
  const first = run(['import', utf16]);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(JSON.parse(first.stdout).files.length, 5);
  const cp1252 = path.join(dir, 'Q900102.TXT');
  await writeFile(cp1252, Buffer.from(NAME_VERSION.replace('Invented', 'Invent\u00e9d').replace(/\r\n/g, '\n'), 'latin1'));
  const second = run(['import', cp1252]);
  assert.equal(second.code, 0, second.stderr);
  assert.match(JSON.parse(second.stdout).title, /Invent\u00e9d/);
});

test('an article with no file table, a missing file and a duplicate id are exit 2', async () => {
  const dir = await articles({ 'Q900116.TXT': NO_TABLE, 'Q900101.TXT': BOXED, 'copy.TXT': BOXED });
  const none = run(['import', path.join(dir, 'Q900116.TXT')]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^hotfix-verify: .*Q900116\.TXT, line \d+: /);
  assert.doesNotMatch(none.stderr, /internal error| {4}at /);

  const missing = run(['import', path.join(dir, 'Q000000.TXT')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /Q000000\.TXT: cannot be read: no such file/);

  const twice = run(['import', path.join(dir, 'Q900101.TXT'), path.join(dir, 'copy.TXT')]);
  assert.equal(twice.code, 2);
  assert.match(twice.stderr, /copy\.TXT: gives the manifest Q900101, which .*Q900101\.TXT gives too/);

  assert.equal(run(['import']).code, 2, 'no article is a usage error');
});

test('an imported table split per platform is met by an Intel server with the Intel files', async () => {
  const dir = await articles({ 'Q900103.TXT': PLATFORM_SPLIT });
  const out = path.join(dir, 'out');
  assert.equal(run(['import', path.join(dir, 'Q900103.TXT'), '--out', out]).code, 0);
  const root = await makeTree({
    'sms/bin/i386/tsteval.dll': { pe: { fileVersion: '2.0.1493.3300' } },
    'sms/bin/i386/tstmgr.dll': { pe: { fileVersion: '2.0.1493.3300' } },
  });
  const result = run(['scan', root, '--manifest', path.join(out, 'Q900103.json'), '--format', 'json']);
  assert.equal(result.code, 0, result.stdout);
  const rows = JSON.parse(result.stdout).manifests[0].rows;
  assert.deepEqual(
    rows.map((r: { name: string; platform: string; status: string }) => `${r.name}@${r.platform}: ${r.status}`),
    ['Tsteval.dll@alpha: not-applicable', 'Tsteval.dll@i386: meets', 'Tstmgr.dll@alpha: not-applicable', 'Tstmgr.dll@i386: meets'],
  );
});
