// End to end on patch images: the built bin/hotfix-verify.js scans zip, tar.gz and WIM files as a child process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmod, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exchangeServer, makeTree } from '../helpers/serverTree.js';
import { hasWimlib, NO_WIMLIB, tarTree, wimOf, writeTemp, zipTree } from '../helpers/imageBuilders.js';
import { tempDir } from '../helpers/tempDir.js';
import { BIN, run } from '../helpers/cli.js';

const WIMLIB = hasWimlib();

test('scan reads a zip (named .bin) in place: exit 1 on an outdated file, paths inside the image', async () => {
  const zip = await writeTemp('payload.bin', await zipTree(exchangeServer({ 'Mtacheck.exe': '5.0.1462.9' })));
  const result = run(['scan', zip, '--format', 'json']);
  assert.equal(result.code, 1, result.stderr);
  const report = JSON.parse(result.stdout);
  assert.equal(report.target, zip);
  const mtacheck = report.manifests[0].rows.find((r: { name: string }) => r.name === 'Mtacheck.exe');
  assert.deepEqual(
    [mtacheck.status, mtacheck.copies[0].path, mtacheck.copies[0].fixedVersion],
    ['outdated', 'exchsrvr/bin/mtacheck.exe', '5.0.1462.9'],
  );
});

test('scan exits 0 on a patched server in a tar.gz', async () => {
  const tgz = await writeTemp('build-output.tgz', await tarTree(exchangeServer(), { gzip: true }));
  const result = run(['scan', tgz]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /MEETS THE FIX: 16 meet/);
});

test('unsafe entries and a zip bomb never pass: exit 1 with their reasons', async () => {
  const files = exchangeServer();
  delete files['exchsrvr/bin/emsmta.exe'];
  const zip = await zipTree(files, {
    buffers: { 'exchsrvr/bin/emsmta.exe': Buffer.alloc(16 * 1024 * 1024) },
    raw: { '../../../tmp/evil.sh': { text: 'echo owned' } },
  });
  const result = run(['scan', await writeTemp('hostile.zip', zip), '--format', 'json']);
  assert.equal(result.code, 1, result.stderr);
  const report = JSON.parse(result.stdout);
  assert.equal(report.complete, false);
  assert.deepEqual(
    report.problems.map((p: { code: string }) => p.code),
    ['unsafe-path'],
  );
  assert.equal(report.manifests[0].rows[0].reason, 'expansion-limit');
});

test('exit 2 with a clear message: truncated archive, bad --max-expand, --image-index on a zip', async () => {
  const zip = await zipTree(exchangeServer());
  const cut = await writeTemp('cut.zip', zip.subarray(0, zip.length - 40));
  const truncated = run(['scan', cut]);
  assert.equal(truncated.code, 2);
  assert.match(
    truncated.stderr,
    new RegExp(`^hotfix-verify: ${cut.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: corrupt or truncated zip archive: `),
  );
  const whole = await writeTemp('whole.zip', zip);
  const badSize = run(['scan', whole, '--max-expand', 'lots']);
  assert.equal(badSize.code, 2);
  assert.match(badSize.stderr, /--max-expand must be a size such as 4GiB, 512MiB or 1048576 \(got "lots"\)/);
  const index = run(['scan', whole, '--image-index', '2']);
  assert.equal(index.code, 2);
  assert.match(index.stderr, /--image-index applies to WIM images only; this is a zip/);
  assert.equal(run(['scan', whole, '--max-expand', '1KiB']).code, 1, 'a small limit makes rows unverifiable');
});

test('a WIM without wimlib-imagex on the PATH: exit 2 saying what to install', async () => {
  const wim = await writeTemp('server.wim', Buffer.from('MSWIM\0\0\0 a WIM header would follow', 'latin1'));
  const result = run(['scan', wim], { PATH: '/nonexistent' });
  assert.equal(result.code, 2);
  assert.match(
    result.stderr,
    new RegExp(
      String.raw`server\.wim: is a Windows image \(WIM\).*wimlib-imagex was not found on the PATH; ` +
        String.raw`install wimlib: \x60apt-get install wimtools\x60 \(Debian\/Ubuntu\)`,
    ),
  );
});

test('a two-image WIM: --image-index picks the image, the report names it, and the temp folder is gone', {
  skip: WIMLIB ? false : NO_WIMLIB,
}, async () => {
  const wim = await wimOf([await makeTree(exchangeServer({ 'X400om.dll': '5.0.1460.8' })), await makeTree(exchangeServer())], 'server.wim');
  const temp = await tempDir('hv-cli-tmp-');
  const first = run(['scan', wim, '--image-index', '1', '--format', 'json'], { TMPDIR: temp });
  assert.equal(first.code, 1, first.stderr);
  const report = JSON.parse(first.stdout);
  assert.equal(report.target, `${wim} (image 1)`);
  assert.equal(report.manifests[0].rows.find((r: { name: string }) => r.name === 'X400om.dll').copies[0].path, 'exchsrvr/bin/x400om.dll');
  assert.equal(run(['scan', wim, '--image-index', '2'], { TMPDIR: temp }).code, 0);
  const none = run(['scan', wim], { TMPDIR: temp });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /WIM holds 2 images .*; choose one with --image-index N/);
  assert.equal(run(['scan', wim, '--image-index', '0']).code, 2);
  assert.deepEqual(await readdir(temp), [], 'nothing is left in the temp folder');
});

test('Ctrl-C during a WIM scan still removes the temp folder', { skip: WIMLIB ? false : NO_WIMLIB }, async () => {
  const wim = await wimOf([await makeTree(exchangeServer())], 'server.wim');
  // A wimlib-imagex that pauses after extracting, so the signal lands while the temp folder exists.
  const real = spawnSync('sh', ['-c', 'command -v wimlib-imagex'], { encoding: 'utf8' }).stdout.trim();
  const bin = await tempDir('hv-slow-wimlib-');
  await writeFile(path.join(bin, 'wimlib-imagex'), `#!/bin/sh\n"${real}" "$@" || exit $?\nif [ "$1" = extract ]; then exec sleep 30; fi\n`);
  await chmod(path.join(bin, 'wimlib-imagex'), 0o755);
  const temp = await tempDir('hv-cli-tmp-');
  const child = spawn(process.execPath, [BIN, 'scan', wim], {
    env: { ...process.env, TMPDIR: temp, PATH: `${bin}:${process.env['PATH']}` },
    stdio: 'ignore',
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  for (let waited = 0; (await readdir(temp)).length === 0; waited += 20) {
    assert.ok(waited < 10_000, 'the scan never made its temp folder');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setTimeout(resolve, 200)); // let extraction finish and the pause begin
  child.kill('SIGINT');
  assert.equal(await exited, 'SIGINT');
  assert.deepEqual(await readdir(temp), [], 'the temp folder was removed');
});
