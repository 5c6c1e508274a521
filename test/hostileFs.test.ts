// Hostile file systems: each case is a fully patched server plus one odd thing, scanned by the real
// CLI (a child process with a time limit) or, for races, through a wrapping FileSource. Every case
// must complete, name the odd thing with a clear reason, and never exit 0.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { chmod, open, truncate, unlink } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitCodeFor } from './helpers/scan.js';
import { loadBundledManifest } from '../src/manifest/loadManifest.js';
import { writePe } from '../src/pe/writePe.js';
import { scan } from './helpers/scan.js';
import { directorySource } from '../src/source/directorySource.js';
import type { FileSource, SourceEntry } from '../src/source/types.js';
import { exchangeServer, makeTree } from './helpers/serverTree.js';
import { unprivileged } from './helpers/unprivileged.js';
import { copyDetail } from '../src/report/messages.js';

const BIN = fileURLToPath(new URL('../../bin/hotfix-verify.js', import.meta.url));
const isRoot = process.getuid?.() === 0;
const cleanup: string[] = [];
after(() => {
  for (const dir of cleanup) spawnSync('rm', ['-rf', dir]); // rm copes with paths longer than PATH_MAX
});

interface JsonCopy {
  path: string;
  status: string;
  reason: string;
  detail: string;
}
interface JsonRow {
  name: string;
  status: string;
  reason: string;
  detail: string;
  copies: JsonCopy[];
}
interface JsonReport {
  verdict: string;
  complete: boolean;
  problems: { path: string; code: string; message: string }[];
  manifests: { rows: JsonRow[] }[];
}

/**
 * Runs `hotfix-verify scan ROOT --format json` in a child process, with a time limit so a hang
 * fails the test instead of blocking it. `unprivileged`: as nobody (root reads everything).
 */
function scanCli(root: string, options: { unprivileged?: boolean } = {}): { code: number | null; report: JsonReport; stderr: string } {
  const command = [process.execPath, BIN, 'scan', root, '--format', 'json'];
  const argv = options.unprivileged ? unprivileged(command) : command;
  assert.ok(argv, 'callers skip when no unprivileged run is possible');
  const result = spawnSync(argv[0] as string, argv.slice(1), { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(result.signal, null, `the scan was killed (${result.signal}): it hung`);
  assert.equal(result.stderr.includes('    at '), false, `no stack trace: ${result.stderr}`);
  let report: JsonReport;
  try {
    report = JSON.parse(result.stdout) as JsonReport;
  } catch {
    assert.fail(`no JSON report (exit ${result.status}): ${result.stdout}${result.stderr}`);
  }
  return { code: result.status, report, stderr: result.stderr };
}

/** A fully patched Q254943 server in a fresh folder that nobody may read and walk. */
async function patchedServer(): Promise<string> {
  const root = await makeTree(exchangeServer(), 'hv-hostile-fs-');
  cleanup.push(root);
  spawnSync('chmod', ['-R', 'a+rX', root]);
  return root;
}

function row(report: JsonReport, name: string): JsonRow {
  const found = report.manifests[0]?.rows.find((r) => r.name === name);
  assert.ok(found, `row ${name}`);
  return found;
}

/** The copy at `relative` of row `name`, asserted unverifiable with `reason` and a detail matching `detail`. */
function assertCopy(report: JsonReport, name: string, relative: string, status: string, reason: string, detail: RegExp): void {
  const r = row(report, name);
  const copy = r.copies.find((c) => c.path === relative);
  assert.ok(copy, `copy ${relative} of ${name}: ${JSON.stringify(r.copies.map((c) => c.path))}`);
  assert.deepEqual([copy.status, copy.reason], [status, reason], copy.detail);
  assert.match(copy.detail, detail);
  assert.notEqual(r.status, 'meets', `row ${name} must not meet`);
  assert.ok(r.reason && r.detail, 'the row says why');
}

describe('hostile file systems (the real CLI)', () => {
  it('baseline: the patched server alone exits 0', async () => {
    const { code, report } = scanCli(await patchedServer());
    assert.equal(code, 0);
    assert.equal(report.verdict, 'meets');
  });

  const noDrop = unprivileged(['true'])
    ? false
    : 'running as root without setpriv: root reads files without permission, so this cannot be tested here';
  it('permission denied on a file: unverifiable (unreadable), exit 1', { skip: noDrop }, async () => {
    const root = await patchedServer();
    await chmod(path.join(root, 'exchsrvr/bin/emsmta.exe'), 0o000);
    const { code, report } = scanCli(root, { unprivileged: true });
    assert.equal(code, 1);
    assertCopy(report, 'Emsmta.exe', 'exchsrvr/bin/emsmta.exe', 'unverifiable', 'unreadable', /permission denied/);
  });

  it('permission denied on a folder: the scan is incomplete (unreadable-folder), exit 1', { skip: noDrop }, async () => {
    const root = await patchedServer();
    const locked = path.join(root, 'exchsrvr/backup');
    mkdirSync(locked);
    writeFileSync(path.join(locked, 'Emsmta.exe'), writePe({ fileVersion: '5.0.1460.8' }));
    chmodSync(locked, 0o000);
    const { code, report } = scanCli(root, { unprivileged: true });
    assert.equal(code, 1);
    assert.equal(report.complete, false);
    assert.equal(report.verdict, 'falls-short');
    assert.deepEqual(
      report.problems.map((p) => [p.path, p.code]),
      [['exchsrvr/backup', 'unreadable-folder']],
    );
    assert.match(report.problems[0]!.message, /permission denied/);
  });

  it('symbolic-link loops: a folder link back up is not walked, a file link to itself is a broken link', async () => {
    const root = await patchedServer();
    symlinkSync('..', path.join(root, 'exchsrvr/bin/up'));
    symlinkSync('loop-b', path.join(root, 'exchsrvr/bin/loop-a'));
    symlinkSync('loop-a', path.join(root, 'exchsrvr/bin/loop-b'));
    symlinkSync('Mtamsg.dll', path.join(root, 'exchsrvr/bin/Mtamsg.dll'));
    const { code, report } = scanCli(root);
    assert.equal(code, 1);
    assertCopy(report, 'Mtamsg.dll', 'exchsrvr/bin/Mtamsg.dll', 'unverifiable', 'broken-link', /too many levels of symbolic links/);
    assert.equal(row(report, 'Emsmta.exe').copies.length, 1, 'the loop through "up" is not followed');
  });

  it('a link pointing out of the target is not followed, even to a patched file', async () => {
    const root = await patchedServer();
    const outside = await makeTree(
      { 'Emsmta.exe': { pe: { fileVersion: '5.0.1462.10', dll: false } }, 'bin/Address.dll': { pe: { fileVersion: '5.0.1462.10' } } },
      'hv-outside-',
    );
    cleanup.push(outside);
    symlinkSync(path.join(outside, 'Emsmta.exe'), path.join(root, 'exchsrvr/bin/Emsmta.exe'));
    symlinkSync(path.join(outside, 'bin'), path.join(root, 'exchsrvr/bin/outbin'));
    const { code, report } = scanCli(root);
    assert.equal(code, 1);
    assertCopy(report, 'Emsmta.exe', 'exchsrvr/bin/Emsmta.exe', 'unverifiable', 'link-outside-target', /points outside the target/);
    assert.equal(row(report, 'Address.dll').copies.length, 1, 'a folder link out of the target is not walked');
  });

  it('a FIFO, a socket and a device named like manifest files are never opened; a link to a FIFO is opened non-blocking', async (t) => {
    const root = await patchedServer();
    const fifo = spawnSync('mkfifo', [path.join(root, 'exchsrvr/mtadata/P2.xv2')]);
    assert.equal(fifo.status, 0, 'mkfifo');
    spawnSync('mkfifo', [path.join(root, 'exchsrvr/bin/real-fifo')]);
    symlinkSync('../bin/real-fifo', path.join(root, 'exchsrvr/mtadata/P3.tpl'));
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(root, 'exchsrvr/bin/Mmiext.dll'), resolve));
    const device = isRoot ? spawnSync('mknod', [path.join(root, 'exchsrvr/bin/X400om.dll'), 'c', '1', '3']).status === 0 : false;
    try {
      const { code, report } = scanCli(root);
      assert.equal(code, 1);
      assertCopy(report, 'P2.xv2', 'exchsrvr/mtadata/P2.xv2', 'unverifiable', 'not-regular-file', /not a regular file/);
      assertCopy(report, 'P3.tpl', 'exchsrvr/mtadata/P3.tpl', 'unverifiable', 'not-regular-file', /not a regular file/);
      assertCopy(report, 'Mmiext.dll', 'exchsrvr/bin/Mmiext.dll', 'unverifiable', 'not-regular-file', /not a regular file/);
      if (device) assertCopy(report, 'X400om.dll', 'exchsrvr/bin/X400om.dll', 'unverifiable', 'not-regular-file', /not a regular file/);
      else t.diagnostic('mknod is not permitted here: the device case was not run');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('a 4 GB sparse file named like a manifest file: read in a few KB; not PE is unverifiable, a PE at its front is read', async () => {
    const root = await patchedServer();
    const plain = path.join(root, 'exchsrvr/bin/Emsmta.exe');
    writeFileSync(plain, '');
    await truncate(plain, 4 * 1024 ** 3);
    const started = Date.now();
    const noPe = scanCli(root);
    assert.ok(Date.now() - started < 30_000);
    assert.equal(noPe.code, 1);
    assertCopy(noPe.report, 'Emsmta.exe', 'exchsrvr/bin/Emsmta.exe', 'unverifiable', 'not-pe', /no MZ signature/);

    // The same with an old PE at the front: read, and judged by its version.
    const handle = await open(plain, 'r+');
    await handle.write(writePe({ fileVersion: '5.0.1462.9', dll: false }), 0, undefined, 0);
    await handle.close();
    const old = scanCli(root);
    assert.equal(old.code, 1);
    assertCopy(old.report, 'Emsmta.exe', 'exchsrvr/bin/Emsmta.exe', 'outdated', 'older', /5\.0\.1462\.9 is older/);
  });

  it('a folder whose name is not valid UTF-8 is walked, and the files in it are read', async () => {
    const root = await patchedServer();
    // A second Exchange root under a folder whose name is not UTF-8: its copies are installed copies too.
    const bad = Buffer.concat([Buffer.from(path.join(root, 'bak')), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from('-\u00e9')]);
    mkdirSync(Buffer.concat([bad, Buffer.from('/exchsrvr/bin')]), { recursive: true });
    writeFileSync(Buffer.concat([bad, Buffer.from('/exchsrvr/bin/EMSMTA.EXE')]), writePe({ fileVersion: '5.0.1460.8', dll: false }));
    const { code, report } = scanCli(root);
    assert.equal(code, 1, 'the old copy in the oddly named folder is found: exit 1');
    // Bytes that are not UTF-8 are shown as lone surrogates U+DC80..U+DCFF (lossless); valid characters as they are.
    assertCopy(report, 'Emsmta.exe', 'bak\udcff\udcfe\udc80-\u00e9/exchsrvr/bin/EMSMTA.EXE', 'outdated', 'older', /5\.0\.1460\.8 is older/);
  });

  it('a path longer than 4,096 bytes: the scan completes and says it is incomplete (path-too-long), exit 1', async () => {
    const root = await patchedServer();
    // Built by a child that moves down with relative chdir calls: no absolute path that long can be used.
    const script =
      `const fs = require('fs'); process.chdir(process.argv[1]); for (let i = 0; i < 24; i++) { ` +
      `fs.mkdirSync('d'.repeat(200)); process.chdir('d'.repeat(200)); } fs.writeFileSync('Emsmta.exe', 'MZ');`;
    const made = spawnSync(process.execPath, ['-e', script, root]);
    assert.equal(made.status, 0, made.stderr.toString());
    const { code, report } = scanCli(root);
    assert.equal(code, 1);
    assert.equal(report.complete, false);
    assert.equal(report.problems.length, 1);
    assert.equal(report.problems[0]!.code, 'path-too-long');
    assert.match(report.problems[0]!.message, /path too long/);
  });
});

describe('hostile files given to inspect (the real CLI)', () => {
  it('a FIFO, a 4 GB sparse file and a file without permission: each reported, exit 1, no hang', async (t) => {
    const root = await patchedServer();
    const fifo = path.join(root, 'pipe.dll');
    spawnSync('mkfifo', [fifo]);
    const sparse = path.join(root, 'big.dll');
    writeFileSync(sparse, writePe({ fileVersion: '5.0.1462.10' }));
    await truncate(sparse, 4 * 1024 ** 3);
    const locked = path.join(root, 'locked.dll');
    writeFileSync(locked, writePe());
    chmodSync(locked, 0o000);
    const command = [process.execPath, BIN, 'inspect', fifo, sparse, locked, '--format', 'json'];
    const argv = unprivileged(command);
    if (!argv) {
      t.skip('running as root without setpriv: the file without permission cannot be tested here');
      return;
    }
    const result = spawnSync(argv[0] as string, argv.slice(1), { encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.signal, null, 'no hang');
    assert.equal(result.status, 1, result.stderr);
    const files = (
      JSON.parse(result.stdout) as {
        files: { path: string; ok: boolean; code?: string; message?: string; versions?: { fixed?: { fileVersion: string } }[] }[];
      }
    ).files;
    assert.deepEqual([files[0]?.ok, files[0]?.code], [false, 'not-regular-file']);
    assert.equal(files[1]?.versions?.[0]?.fixed?.fileVersion, '5.0.1462.10');
    assert.deepEqual([files[2]?.ok, files[2]?.code], [false, 'unreadable']);
    assert.match(files[2]?.message ?? '', /permission denied/);
  });
});

/** Wraps a source so a test can act between the listing and the reading of an entry. */
function between(source: FileSource, act: (entry: SourceEntry) => Promise<void>): FileSource {
  return {
    description: source.description,
    find: (names) => source.find(names),
    open: async (entry) => {
      await act(entry);
      return source.open(entry);
    },
  };
}

describe('races between listing and reading (a wrapping FileSource)', () => {
  async function raced(act: (root: string, entry: SourceEntry) => Promise<void>) {
    const root = await patchedServer();
    const source = await directorySource(root);
    const report = await scan({ manifests: [await loadBundledManifest()], source: between(source, (entry) => act(root, entry)) });
    const copy = report.manifests[0]!.rows.find((r) => r.name === 'Emsmta.exe')!.copies[0]!;
    return { report, copy };
  }

  it('a file deleted after listing is unverifiable (vanished), exit 1', async () => {
    const { report, copy } = await raced(async (root, entry) => {
      if (entry.name.toLowerCase() === 'emsmta.exe') await unlink(path.join(root, entry.path));
    });
    assert.deepEqual([copy.status, copy.reason], ['unverifiable', 'vanished']);
    assert.equal(exitCodeFor(report), 1);
  });

  it('a file truncated after listing (and after its size was taken) is unverifiable (truncated), exit 1', async () => {
    const root = await patchedServer();
    const inner = await directorySource(root);
    const source: FileSource = {
      description: inner.description,
      find: (names) => inner.find(names),
      open: async (entry) => {
        const opened = await inner.open(entry);
        if (entry.name.toLowerCase() === 'emsmta.exe') await truncate(path.join(root, entry.path), 700);
        return opened;
      },
    };
    const report = await scan({ manifests: [await loadBundledManifest()], source });
    const copy = report.manifests[0]!.rows.find((r) => r.name === 'Emsmta.exe')!.copies[0]!;
    assert.deepEqual([copy.status, copy.reason], ['unverifiable', 'truncated'], copyDetail(copy));
    assert.match(copyDetail(copy), /file ends at 700 bytes/);
    assert.equal(exitCodeFor(report), 1);
  });

  it('a file replaced by a FIFO after listing is not read (no hang), exit 1', async () => {
    const { report, copy } = await raced(async (root, entry) => {
      if (entry.name.toLowerCase() !== 'emsmta.exe') return;
      await unlink(path.join(root, entry.path));
      assert.equal(spawnSync('mkfifo', [path.join(root, entry.path)]).status, 0);
    });
    assert.deepEqual([copy.status, copy.reason], ['unverifiable', 'not-regular-file']);
    assert.equal(exitCodeFor(report), 1);
  });
});
