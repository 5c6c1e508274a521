// End to end: the built bin/hotfix-verify.js run as a child process, as a user or a pipeline runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exchangeServer, makeTree } from '../helpers/serverTree.js';
import { tempDir } from '../helpers/tempDir.js';
import { run } from '../helpers/cli.js';

test('scan exits 0 on a patched server and 1 on one that falls short', async () => {
  const good = await makeTree(exchangeServer());
  const ok = run(['scan', good]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /Q254943 \(Microsoft Exchange Server 5\.0\): MEETS THE FIX: 16 meet/);
  assert.match(ok.stdout, /Verdict: .* meets the fix\./);

  const bad = await makeTree(exchangeServer({ 'Emsmta.exe': '5.0.1462.9' }));
  const short = run(['scan', bad]);
  assert.equal(short.code, 1);
  assert.match(short.stdout, /outdated/);
  assert.match(short.stdout, /5\.0\.1462\.9 is older than 5\.0\.1462\.10/);
  assert.doesNotMatch(short.stdout, /\u001b\[/, 'no colour when NO_COLOR is set or not a terminal');
});

test('the JSON report has the documented shape', async () => {
  const root = await makeTree(exchangeServer({}, { omit: ['P3.tpl'] }));
  const result = run(['scan', root, '--format', 'json']);
  assert.equal(result.code, 1);
  const report = JSON.parse(result.stdout);
  assert.equal(report.schemaVersion, '1.3.0');
  assert.equal(report.tool.name, 'hotfix-verify');
  assert.match(report.tool.version, /^\d+\.\d+\.\d+/);
  assert.equal(report.target, root);
  assert.equal(report.verdict, 'falls-short');
  assert.equal(report.complete, true);
  const [manifest] = report.manifests;
  assert.equal(manifest.id, 'Q254943');
  assert.equal(manifest.verdict, 'falls-short');
  assert.equal(manifest.rows.length, 16);
  const emsmta = manifest.rows[0];
  assert.deepEqual(Object.keys(emsmta).sort(), ['args', 'copies', 'detail', 'name', 'outcome', 'reason', 'required', 'status']);
  assert.deepEqual(
    { name: emsmta.name, required: emsmta.required, status: emsmta.status, reason: emsmta.reason },
    { name: 'Emsmta.exe', required: '5.0.1462.10', status: 'meets', reason: 'version-ok' },
  );
  const copy = emsmta.copies[0];
  assert.equal(copy.path, 'exchsrvr/bin/emsmta.exe');
  assert.equal(copy.fixedVersion, '5.0.1462.10');
  assert.equal(copy.stringVersion, '5.0.1462.10');
  assert.equal(copy.machine, 'i386');
  assert.deepEqual(copy.languages, ['0x0409']);
  assert.equal(typeof copy.size, 'number');
  const p3 = manifest.rows.find((r: { name: string }) => r.name === 'P3.tpl');
  assert.deepEqual([p3.required, p3.status, p3.reason], [null, 'missing', 'not-found']);
});

test('--output writes the report to a file and nothing to stdout', async () => {
  const root = await makeTree(exchangeServer());
  const out = path.join(await tempDir('hv-out-'), 'report.json');
  const result = run(['scan', root, '--format', 'json', '--output', out]);
  assert.equal(result.code, 0);
  assert.equal(result.stdout, '');
  assert.equal(JSON.parse(await readFile(out, 'utf8')).verdict, 'meets');
});

test('exit 2 with a clear message for a bad manifest, a missing target and bad usage', async () => {
  const dir = await tempDir('hv-bad-');
  const manifest = path.join(dir, 'bad.json');
  await writeFile(
    manifest,
    JSON.stringify({
      formatVersion: '1.0.0',
      id: 'Q1',
      title: 'T',
      product: 'P',
      rule: 'or-later',
      files: [{ name: 'a.dll', version: '5.0.1462.65536' }],
    }),
  );
  const bad = run(['scan', dir, '--manifest', manifest]);
  assert.equal(bad.code, 2);
  assert.equal(
    bad.stderr.trim(),
    `hotfix-verify: ${manifest}: $.files[0].version: "5.0.1462.65536" is not a Windows version (major.minor.build.revision, each ` +
      `0-65535): part 4 is 65536, above 65535`,
  );
  assert.equal(bad.stdout, '');

  const missing = run(['scan', path.join(dir, 'no-such-server')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no-such-server: cannot be scanned: does not exist/);

  const usage = run(['scan', dir, '--format', 'pdf']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /Invalid values:[\s\S]*format/);
  assert.doesNotMatch(usage.stderr, / {4}at /, 'no stack trace without --debug');

  assert.equal(run(['frobnicate']).code, 2);
  assert.equal(run([]).code, 2);
  assert.equal(run(['--help']).code, 0);
});

test('inspect prints every version field and exits 1 when a file has none', async () => {
  const root = await makeTree({
    'a.dll': { pe: { fileVersion: '5.0.1462.10', strings: { FileVersion: '5, 0, 1462, 10' } } },
    'b.txt': { text: 'hello' },
  });
  const one = run(['inspect', path.join(root, 'a.dll'), '--format', 'json']);
  assert.equal(one.code, 0, one.stderr);
  const record = JSON.parse(one.stdout).files[0];
  assert.equal(record.machine, 'i386');
  assert.equal(record.versions[0].fixed.fileVersion, '5.0.1462.10');
  assert.equal(record.versions[0].stringTables[0].strings.FileVersion, '5, 0, 1462, 10');
  const both = run(['inspect', path.join(root, 'a.dll'), path.join(root, 'b.txt')]);
  assert.equal(both.code, 1);
  assert.match(both.stdout, /Fixed file version\s*│\s*5\.0\.1462\.10/);
  assert.match(both.stdout, /not-pe/);
});

test('demo writes the sample server, scans it, and checks itself', async () => {
  const dir = path.join(await tempDir('hv-demo-'), 'server');
  const half = run(['demo', dir]);
  assert.equal(half.code, 0, half.stderr);
  assert.match(half.stdout, /FALLS SHORT/);
  assert.match(half.stdout, /Mtacheck\.exe/);
  assert.equal(run(['scan', dir]).code, 1, 'the half-patched sample falls short');
  const patched = run(['demo', dir, '--patched']);
  assert.equal(patched.code, 0);
  assert.match(patched.stdout, /MEETS THE FIX/);
  assert.equal(run(['scan', dir]).code, 0, 'the patched sample meets the fix');
});
