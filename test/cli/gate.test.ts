// The CI gate end to end: bin/hotfix-verify.js as a child process with --report, --quiet,
// --fail-on, --ignore-file, --exact and the snapshot command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writePe } from '../../src/pe/writePe.js';
import { exchangeServer, makeTree } from '../helpers/serverTree.js';
import { tempDir } from '../helpers/tempDir.js';
import { run } from '../helpers/cli.js';

const outDir = () => tempDir('hv-reports-');

test('--report writes extra reports beside the table, each whole', async () => {
  const root = await makeTree(exchangeServer({ 'Mtacheck.exe': '5.0.1462.9' }));
  const dir = await outDir();
  const result = run([
    'scan',
    root,
    '--report',
    `junit=${dir}/junit.xml`,
    '--report',
    `markdown=${dir}/summary.md`,
    '--report',
    `sarif=${dir}/r.sarif`,
  ]);
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stdout, /FALLS SHORT/);
  const junit = await readFile(path.join(dir, 'junit.xml'), 'utf8');
  assert.match(junit, /<failure message="found 5\.0\.1462\.9, required 5\.0\.1462\.10 or later \(exchsrvr\/bin\/mtacheck\.exe\)"/);
  assert.match(await readFile(path.join(dir, 'summary.md'), 'utf8'), /^## ❌ hotfix-verify: failed/);
  const sarif = JSON.parse(await readFile(path.join(dir, 'r.sarif'), 'utf8'));
  assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'exchsrvr/bin/mtacheck.exe');
  assert.deepEqual((await readdir(dir)).sort(), ['junit.xml', 'r.sarif', 'summary.md'], 'no temporary files left');

  const badFormat = run(['scan', root, '--report', `pdf=${dir}/x.pdf`]);
  assert.equal(badFormat.code, 2);
  assert.match(badFormat.stderr, /--report "pdf=.*": unknown format "pdf"/);
  assert.equal(run(['scan', root, '--report', 'junit']).code, 2);
  const noFolder = run(['scan', root, '--report', `junit=${dir}/no/such/dir/j.xml`]);
  assert.equal(noFolder.code, 2);
  assert.match(noFolder.stderr, /cannot write to .*j\.xml: folder .*no\/such\/dir does not exist/);
  assert.doesNotMatch(noFolder.stderr, /internal error/);
});

test('--quiet prints nothing and exits by the gate; --report files are still written', async () => {
  const good = await makeTree(exchangeServer());
  const bad = await makeTree(exchangeServer({ 'Emsmta.exe': '5.0.1462.9' }));
  const dir = await outDir();
  const ok = run(['scan', good, '--quiet']);
  assert.deepEqual([ok.code, ok.stdout, ok.stderr], [0, '', '']);
  const short = run(['scan', bad, '-q', '--report', `csv=${dir}/r.csv`]);
  assert.deepEqual([short.code, short.stdout], [1, '']);
  assert.match(await readFile(path.join(dir, 'r.csv'), 'utf8'), /^manifest,file,required/);
});

test('--fail-on decides which statuses fail the scan', async () => {
  // Half-patched: Mtacheck.exe outdated, Dcprods.cat missing.
  const root = await makeTree(exchangeServer({ 'Mtacheck.exe': '5.0.1462.9' }, { omit: ['Dcprods.cat'] }));
  assert.equal(run(['scan', root]).code, 1);
  assert.equal(run(['scan', root, '--fail-on', 'unverifiable']).code, 0);
  assert.equal(run(['scan', root, '--fail-on', 'missing']).code, 1);
  assert.equal(run(['scan', root, '--fail-on', 'outdated']).code, 1);
  assert.equal(run(['scan', root, '--fail-on', 'not-applicable,unverifiable']).code, 0);
  const shown = run(['scan', root, '--fail-on', 'unverifiable']);
  assert.match(shown.stdout, /Gate \(fails on unverifiable\): passed\./, 'the table says why it passed');
  const json = JSON.parse(run(['scan', root, '--fail-on', 'missing', '--format', 'json']).stdout);
  assert.deepEqual(json.gate, {
    failOn: ['missing'],
    pass: false,
    reasons: [{ code: 'rows-fail', rows: 1, byStatus: { missing: 1 } }],
    summary: 'failed: 1 row fails (1 missing)',
    blocking: 1,
    suppressed: 0,
    expired: 0,
  });
  assert.equal(json.schemaVersion, '1.3.0');
  // A server of another branch: nothing applies, nothing is proven, whatever --fail-on says.
  const other = await makeTree(
    exchangeServer(
      Object.fromEntries(
        ['Emsmta.exe', 'Address.dll', 'Emsrid.dll', 'Mmiext.dll', 'Mtacheck.exe', 'Mtamsg.dll', 'X400om.dll', 'X400omv1.dll'].map((n) => [
          n,
          '5.5.2653.23',
        ]),
      ),
    ),
  );
  assert.equal(run(['scan', other, '--fail-on', 'outdated']).code, 1);
  const bad = run(['scan', root, '--fail-on', 'outdated,stale']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--fail-on: unknown status "stale" \(choices: outdated, missing, unverifiable, not-applicable, unexpected\)/);
});

test('--ignore-file: live entries suppress, expired ones do not, malformed files exit 2', async () => {
  const root = await makeTree(exchangeServer({ 'Mtacheck.exe': '5.0.1462.9' }));
  const dir = await outDir();
  const live = path.join(dir, 'live.yml');
  await writeFile(live, '- manifest: Q254943\n  file: Mtacheck.exe\n  reason: vendor says 1462.9 has the fix\n  expires: 2999-12-31\n');
  const suppressed = run(['scan', root, '--ignore-file', live, '--format', 'json']);
  assert.equal(suppressed.code, 0, suppressed.stderr);
  const report = JSON.parse(suppressed.stdout);
  const row = report.manifests[0].rows.find((r: { name: string }) => r.name === 'Mtacheck.exe');
  assert.equal(row.status, 'outdated', 'the finding stays in the report');
  assert.deepEqual(row.suppression, {
    reason: 'vendor says 1462.9 has the fix',
    expires: '2999-12-31',
    expired: false,
    entry: `${live}[0]`,
  });
  assert.equal(report.gate.suppressed, 1);
  assert.equal(report.ignoreEntries[0].matched, 1);
  const table = run(['scan', root, '--ignore-file', live]).stdout;
  assert.match(table, /suppressed by/);
  assert.match(table, /Gate \(fails on outdated, missing, unverifiable, unexpected\): passed \(1 row suppressed by the ignore file\)\./);

  const expired = path.join(dir, 'expired.json');
  await writeFile(expired, JSON.stringify([{ manifest: 'Q254943', file: 'Mtacheck.exe', reason: 'temporary', expires: '2001-01-01' }]));
  const shown = run(['scan', root, '--ignore-file', expired]);
  assert.equal(shown.code, 1);
  assert.match(shown.stderr, /expired\.json\[0\] \(line 1, column 2 \(\$\[0\]\)\): expired on 2001-01-01; Mtacheck\.exe is reported again/);
  assert.match(shown.stdout, /\(1 ignore entry expired\)\./);
  // HOTFIX_VERIFY_TODAY moves "today" forward (to see what expires next), never back: a date left in a CI file
  // does not bring an expired entry back to life.
  assert.equal(run(['scan', root, '--ignore-file', expired], { HOTFIX_VERIFY_TODAY: '2000-12-31' }).code, 1);
  assert.equal(run(['scan', root, '--ignore-file', expired, '-q'], { HOTFIX_VERIFY_TODAY: '2000-12-31' }).code, 1);
  assert.equal(run(['scan', root, '--ignore-file', live], { HOTFIX_VERIFY_TODAY: '3000-01-01' }).code, 1, 'the live entry expired by then');

  const malformed = path.join(dir, 'bad.yml');
  await writeFile(malformed, '- manifest: Q254943\n  file: Mtacheck.exe\n');
  const bad = run(['scan', root, '--ignore-file', malformed]);
  assert.equal(bad.code, 2);
  assert.equal(
    bad.stderr.trim(),
    `hotfix-verify: ${malformed}: line 1, column 3 ($[0]): missing required field "reason" (say why the finding is accepted)`,
  );
  assert.equal(bad.stdout, '');
  assert.equal(run(['scan', root, '--ignore-file', path.join(dir, 'none.yml')]).code, 2);
});

test('snapshot, then scan against it: exact match passes, a downgrade and --exact extras fail', async () => {
  const root = await makeTree({ ...exchangeServer(), 'docs/readme.txt': { text: 'golden' } });
  const dir = await outDir();
  const manifest = path.join(dir, 'golden.json');
  const snap = run(['snapshot', root, '-o', manifest, '--id', 'golden-1']);
  assert.equal(snap.code, 0, snap.stderr);
  assert.equal(snap.stdout, '');
  const doc = JSON.parse(await readFile(manifest, 'utf8'));
  assert.deepEqual([doc.id, doc.kind, doc.files.length], ['golden-1', 'snapshot', 17]);

  assert.equal(run(['scan', root, '-m', manifest]).code, 0);
  await writeFile(path.join(root, 'docs/extra.txt'), 'not in the snapshot');
  assert.equal(run(['scan', root, '-m', manifest]).code, 0, 'without --exact an extra file is not a finding');
  const exact = run(['scan', root, '-m', manifest, '--exact', '--format', 'csv']);
  assert.equal(exact.code, 1);
  assert.match(exact.stdout, /golden-1,extra\.txt,,unexpected,docs\/extra\.txt,installed,unexpected,not-in-snapshot,blocking/);
  assert.equal(
    run(['scan', root, '-m', manifest, '--exact', '--fail-on', 'outdated,missing,unverifiable']).code,
    0,
    'unexpected can be let through',
  );

  await writeFile(path.join(root, 'exchsrvr/bin/mtamsg.dll'), writePe({ fileVersion: '5.0.1460.8' }));
  const short = run(['scan', root, '-m', manifest, '--format', 'json']);
  assert.equal(short.code, 1);
  const rows = JSON.parse(short.stdout).manifests[0].rows.filter((r: { status: string }) => r.status !== 'meets');
  assert.deepEqual(
    rows.map((r: { path: string; status: string }) => [r.path, r.status]),
    [['exchsrvr/bin/mtamsg.dll', 'outdated']],
  );

  assert.equal(run(['snapshot', path.join(dir, 'no-such-image')]).code, 2);
  assert.equal(run(['snapshot', root, '--id', 'bad id']).code, 2);
  assert.equal(run(['scan', root, '--exact']).code, 2, '--exact needs a snapshot manifest');
  const toStdout = run(['snapshot', root]);
  assert.equal(toStdout.code, 0);
  assert.equal(JSON.parse(toStdout.stdout).kind, 'snapshot');
});

test('an empty --fail-on (an unset variable, a lone comma) is a usage error, not a gate that fails on nothing', async () => {
  const root = await tempDir('hv-ra-failon-');
  await mkdir(path.join(root, 'bin'));
  await writeFile(path.join(root, 'bin', 'emsmta.exe'), writePe({ fileVersion: '5.0.1462.9' }));
  for (const value of [['--fail-on', ''], ['--fail-on', ','], ['--fail-on=']]) {
    const result = run(['scan', root, ...value, '-q']);
    assert.equal(result.code, 2, `${value.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, /--fail-on/);
  }
});
