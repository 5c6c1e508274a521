// A newcomer's first hour, through the real CLI: each surprise found following the README, with the exit code
// and the words a user sees.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, symlinkSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { BUNDLED_MANIFEST_DIR } from '../../src/manifest/loadManifest.js';
import { BIN, run } from '../helpers/cli.js';
import { tarTree, writeTemp } from '../helpers/imageBuilders.js';
import { exchangeServer, makeTree } from '../helpers/serverTree.js';
import { tempDir } from '../helpers/tempDir.js';

/** A patched server with a path too long to list (a child walks down with relative chdir calls): an incomplete scan, as root too. */
async function incompleteServer(): Promise<string> {
  const root = await makeTree(exchangeServer());
  const script =
    `const fs = require('fs'); process.chdir(process.argv[1]); for (let i = 0; i < 24; i++) { ` +
    `fs.mkdirSync('d'.repeat(200)); process.chdir('d'.repeat(200)); } fs.writeFileSync('Emsmta.exe', 'MZ');`;
  assert.equal(spawnSync(process.execPath, ['-e', script, root]).status, 0);
  return root;
}

describe('messages and wording', () => {
  it('an incomplete scan says so on its first line, and nothing says MEETS THE FIX', async () => {
    const result = run(['scan', await incompleteServer()]);
    assert.equal(result.code, 1);
    const [first] = result.stdout.split('\n');
    assert.match(first!, /^SCAN INCOMPLETE, NOT A PASS: 1 part of the target could not be listed \(.*\); nothing below is proven\.$/);
    assert.doesNotMatch(result.stdout, /MEETS THE FIX/);
    assert.match(result.stdout, /NOT PROVEN \(scan incomplete\): 16 meet/);
  });

  it('a catalog verdict counts what it says, singular and plural right', async () => {
    const half = await makeTree(exchangeServer({ 'Mtacheck.exe': '5.0.1462.9' }));
    const short = run(['scan', half, '--catalog']);
    assert.equal(short.code, 1);
    const verdict = short.stdout.trim().split('\n').pop()!;
    const shortCount = Number(/falls short of (\d+) of the (\d+) fixes that apply \((\d+) of 29 do not apply\)\.$/.exec(verdict)?.[1]);
    const counts = /^29 fixes: (\d+) installed, (\d+) not installed, (\d+) not applicable$/m.exec(short.stdout)!;
    assert.equal(shortCount, Number(counts[2]), `${verdict} / ${counts[0]}`);
    const empty = await tempDir('hv-empty-');
    const none = run(['scan', empty, '--catalog']);
    assert.match(none.stdout, new RegExp(`Verdict: none of the 29 fixes applies to ${empty.replace(/[/\\]/g, '.')}\\.`));
    assert.doesNotMatch(none.stdout, /manifests does not apply/);
  });

  it("the catalog's Why column reads as sentences", async () => {
    const half = await makeTree(exchangeServer({ 'Mtacheck.exe': '5.0.1462.9' }));
    const { stdout } = run(['scan', half, '--catalog']);
    assert.match(stdout, /Mtacheck\.exe is 5\.0\.1462\.9, older than the 5\.0\.1462\.10 this fix needs\./);
    assert.match(stdout, /It is for branch 5\.5; the target's files are 5\.0 /);
    assert.match(stdout, /Its component is not installed: none of its files is on the target\./);
    assert.doesNotMatch(stdout, /for 5\.5: exchsrvr/);
  });

  it('missing rows say when a link to a folder, not followed, is the likely reason', async () => {
    const real = await makeTree(exchangeServer());
    const root = await tempDir('hv-link-');
    symlinkSync(path.join(real, 'exchsrvr'), path.join(root, 'exchsrvr'));
    const result = run(['scan', root, '-f', 'json']);
    assert.equal(result.code, 1);
    const row = JSON.parse(result.stdout).manifests[0].rows[0];
    assert.equal(row.status, 'missing');
    assert.match(row.detail, /exchsrvr is a link to a folder, and links are not followed: scan the folder it points to/);
  });

  it('a catalog fix whose programs are absent but whose data files are there falls short, saying what was found', async () => {
    const files = exchangeServer();
    for (const name of Object.keys(files)) if (name.startsWith('exchsrvr/bin/')) delete files[name];
    const result = run(['scan', await makeTree(files), '--catalog', '-f', 'json']);
    const q254943 = JSON.parse(result.stdout).manifests.find((m: { id: string }) => m.id === 'Q254943');
    assert.equal(q254943.verdict, 'falls-short');
    const table = run(['scan', await makeTree(files), '--catalog']).stdout;
    const why = table.replace(/[│\s]+/g, ' ');
    assert.match(why, /Its programs are not installed \(Emsmta\.exe, Address\.dll,/);
    assert.match(why, /but 8 data files are \(Dbserver\.sch, Dcprods\.cat,.*\): the fix is half there\./);
  });

  it("'hotfix-verify bogus' names the command and lists the commands; --image-index abc asks for a positive whole number", () => {
    const bogus = run(['bogus']);
    assert.equal(bogus.code, 2);
    assert.match(
      bogus.stderr,
      /^hotfix-verify: unknown command 'bogus'; the commands are scan, inspect, import, snapshot, aggregate, demo/,
    );
    const index = run(['scan', '.', '--image-index', 'abc']);
    assert.equal(index.code, 2);
    assert.match(index.stderr, /--image-index wants a positive whole number.*got "abc"/);
    assert.doesNotMatch(index.stderr, /NaN/);
  });
});

describe('inputs and outputs', () => {
  it('-o - means stdout, not a file named -', async () => {
    const root = await makeTree(exchangeServer());
    const cwd = await tempDir('hv-dash-');
    const result = spawnSync(process.execPath, [BIN, 'scan', root, '-f', 'json', '-o', '-'], { cwd, encoding: 'utf8' });
    assert.equal(result.status, 0);
    assert.equal(JSON.parse(result.stdout).verdict, 'meets');
    assert.deepEqual(readdirSync(cwd), []);
  });

  it('two outputs naming one file are a usage error, not a silent overwrite', async () => {
    const root = await makeTree(exchangeServer());
    const dir = await tempDir('hv-same-');
    const file = path.join(dir, 'r.xml');
    const both = run(['scan', root, '-o', file, '--report', `junit=${file}`]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--output .*r\.xml and --report junit=.*r\.xml name the same file/);
    const reports = run(['scan', root, '--report', `junit=${file}`, '--report', `sarif=${path.join(dir, '.', 'r.xml')}`]);
    assert.equal(reports.code, 2);
    assert.deepEqual(readdirSync(dir), [], 'nothing was written');
  });

  it('--catalog with -m naming a bundled manifest it holds checks that manifest once', async () => {
    const root = await makeTree(exchangeServer());
    const result = run(['scan', root, '--catalog', '-m', path.join(BUNDLED_MANIFEST_DIR, 'Q254943.json'), '-f', 'json']);
    assert.equal(result.stderr, '');
    const ids = JSON.parse(result.stdout).manifests.map((m: { id: string }) => m.id);
    assert.equal(ids.filter((id: string) => id === 'Q254943').length, 1);
  });

  it('inspect of a folder says to use --recursive; of a missing file, exit 2 in one line; -o into a missing folder names it', async () => {
    const dir = await tempDir('hv-inspect-');
    const folder = run(['inspect', dir]);
    assert.equal(folder.code, 2);
    assert.match(folder.stderr, /is a folder: use --recursive/);
    const missing = run(['inspect', path.join(dir, 'nope.dll')]);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, `hotfix-verify: ${path.join(dir, 'nope.dll')}: does not exist\n`);
    const out = run(['inspect', BIN, '-o', '/no/such/dir/x.txt']);
    assert.equal(out.code, 2);
    assert.equal(out.stderr, 'hotfix-verify: cannot write to /no/such/dir/x.txt: folder /no/such/dir does not exist\n');
    assert.doesNotMatch(out.stderr, /\.tmp/);
  });

  it('a tar.gz with zero blocks or garbage after its end-of-archive marker is read as GNU tar reads it, with a note', async () => {
    const tar = await tarTree(exchangeServer());
    const padded = await writeTemp('padded.tar.gz', gzipSync(Buffer.concat([tar, Buffer.alloc(20 * 512)])));
    const ok = run(['scan', padded]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.doesNotMatch(ok.stdout, /note:/, 'zeros after the end are padding, nothing to say');
    const junk = await writeTemp('junk.tar.gz', gzipSync(Buffer.concat([tar, Buffer.from('appended by a careless copy\n'.repeat(40))])));
    const read = run(['scan', junk]);
    assert.equal(read.code, 0, read.stderr);
    assert.match(read.stdout, /note: \d+ bytes after the tar\.gz archive's end-of-archive marker were ignored, as GNU tar ignores them/);
    const json = JSON.parse(run(['scan', junk, '-f', 'json']).stdout);
    assert.equal(json.notes.length, 1);
  });

  it('the table fits the terminal: on a narrow one the Reason column wraps; off a terminal nothing changes', async (t) => {
    if (spawnSync('script', ['--version']).status !== 0) {
      t.skip('util-linux script is not installed: no pseudo-terminal to test with');
      return;
    }
    const root = await makeTree(exchangeServer({ 'Mtacheck.exe': '5.0.1462.9' }));
    const command = `stty cols 100; ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} scan ${JSON.stringify(root)}`;
    const tty = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const widths = tty.stdout.split(/\r?\n/).map((line) => [...line].length);
    assert.ok(Math.max(...widths) <= 100, `widest line ${Math.max(...widths)} on a 100-column terminal`);
    const piped = run(['scan', root]);
    assert.ok(Math.max(...piped.stdout.split('\n').map((line) => [...line].length)) > 100, 'off a terminal the Reason column is 60 wide');
  });
});

describe('inspect shows what its JSON has', () => {
  it('every string, the link time, file flags, OS and type', async () => {
    const dir = await tempDir('hv-fields-');
    const file = path.join(dir, 'a.dll');
    const { writePe } = await import('../../src/pe/writePe.js');
    await writeFile(
      file,
      writePe({ fileVersion: '5.0.1462.10', strings: { LegalCopyright: 'Copyright (C) 2002', InternalName: 'ADDRESS' } }),
    );
    const table = run(['inspect', file]).stdout;
    for (const field of ['InternalName', 'LegalCopyright', 'Link time (TimeDateStamp)', 'File flags', 'File OS', 'File type / subtype']) {
      assert.match(table, new RegExp(field.replace(/[()/]/g, '\\$&')), field);
    }
    const json = JSON.parse(run(['inspect', file, '-f', 'json']).stdout).files[0];
    for (const key of Object.keys(json.versions[0].stringTables[0].strings)) assert.match(table, new RegExp(`${key} \\[`), key);
  });
});
