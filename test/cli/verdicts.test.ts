// The verdicts admins expect from a real server layout, through the real CLI: which copy decides (backups,
// stray copies, payload folders, a second root), the server's platform, dates across products, the clock,
// quiet mode, snapshots that change at the same version, and the tool's own safety (demo, control characters).
import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writePe } from '../../src/pe/writePe.js';
import { run } from '../helpers/cli.js';
import { exchangeServer, makeTree, type TreeFile } from '../helpers/serverTree.js';
import { SITUATIONS, SITUATION_TODAY } from '../helpers/situations.js';
import { tempDir } from '../helpers/tempDir.js';

interface JsonCopy {
  path: string;
  role: string;
  status: string;
  reason: string;
  fixedVersion?: string;
}
interface JsonRow {
  name: string;
  status: string;
  reason: string;
  detail: string;
  copies: JsonCopy[];
}

function scanJson(args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; rows: JsonRow[]; report: Record<string, unknown> } {
  const result = run(['scan', ...args, '-f', 'json'], env);
  assert.ok(result.stdout, `no report (exit ${result.code}): ${result.stderr}`);
  const report = JSON.parse(result.stdout);
  return { code: result.code, rows: report.manifests[0].rows, report };
}

const rowOf = (rows: JsonRow[], name: string) => rows.find((row) => row.name === name)!;
const old = (dll = true): TreeFile => ({ pe: { fileVersion: '5.0.1460.8', dll } });

describe('which copy decides', () => {
  it('a patched server with the standard $NtUninstallQ254943$ backup of the old files passes', async () => {
    const files = exchangeServer();
    for (const name of ['emsmta.exe', 'mtacheck.exe', 'mtamsg.dll', 'x400om.dll']) files[`winnt/$NtUninstallQ254943$/${name}`] = old();
    files['winnt/system32/dllcache/mtamsg.dll'] = old();
    files['winnt/$hf_mig$/Q254943/i386/address.dll'] = old();
    const root = await makeTree(files);
    const { code, rows } = scanJson([root]);
    assert.equal(code, 0);
    const mtamsg = rowOf(rows, 'Mtamsg.dll');
    assert.equal(mtamsg.status, 'meets');
    assert.deepEqual(
      mtamsg.copies.map((c) => [c.path, c.role, c.fixedVersion]),
      [
        ['exchsrvr/bin/mtamsg.dll', 'installed', '5.0.1462.10'],
        ['winnt/$NtUninstallQ254943$/mtamsg.dll', 'backup', '5.0.1460.8'],
        ['winnt/system32/dllcache/mtamsg.dll', 'backup', '5.0.1460.8'],
      ],
    );
    assert.equal(run(['scan', root, '-q']).code, 0);
  });

  it('a stray old copy outside the install folders is listed with its version and does not decide', async () => {
    const files = exchangeServer();
    files['temp/old-exchange/Emsmta.exe'] = old(false);
    const root = await makeTree(files);
    const { code, rows } = scanJson([root]);
    assert.equal(code, 0);
    assert.deepEqual(
      rowOf(rows, 'Emsmta.exe').copies.map((c) => [c.path, c.role, c.status, c.fixedVersion]),
      [
        ['exchsrvr/bin/emsmta.exe', 'installed', 'meets', '5.0.1462.10'],
        ['temp/old-exchange/Emsmta.exe', 'outside', 'outdated', '5.0.1460.8'],
      ],
    );
    const table = run(['scan', root]).stdout;
    assert.match(table, /│ outdated \(outside\) *│/, 'the table marks the copy that does not decide');
  });

  it('data files only in an unpacked hotfix payload fail, naming where they were found', async () => {
    const files = exchangeServer({}, { omit: ['P2.xv2', 'P3.tpl'] });
    files['downloads/Q254943/i386/P2.xv2'] = { text: 'p2' };
    files['downloads/Q254943/i386/P3.tpl'] = { text: 'p3' };
    const root = await makeTree(files);
    const { code, rows } = scanJson([root]);
    assert.equal(code, 1);
    const p2 = rowOf(rows, 'P2.xv2');
    assert.deepEqual([p2.status, p2.reason], ['missing', 'outside-install-folders']);
    assert.match(p2.detail, /found only outside the product's install folders \(downloads\/Q254943\/i386\/P2\.xv2\)/);
  });

  it('a new copy in the payload folder does not rescue an old installed copy', async () => {
    const files = exchangeServer({ 'Mtacheck.exe': '5.0.1462.9' });
    files['downloads/Q254943/i386/MTACHECK.EXE'] = { pe: { fileVersion: '5.0.1462.10', dll: false } };
    const { code, rows } = scanJson([await makeTree(files)]);
    assert.equal(code, 1);
    assert.deepEqual([rowOf(rows, 'Mtacheck.exe').status, rowOf(rows, 'Mtacheck.exe').reason], ['outdated', 'older']);
  });

  it('a second Exchange root decides too: an old copy there fails the row (which one runs is not proven)', async () => {
    const files = exchangeServer();
    files['d/exchsrvr/bin/emsmta.exe'] = old(false);
    const { code, rows } = scanJson([await makeTree(files)]);
    assert.equal(code, 1);
    assert.match(rowOf(rows, 'Emsmta.exe').detail, /decided by d\/exchsrvr\/bin\/emsmta\.exe/);
  });

  it('an install at an unusual root is found with --install-root, and only then', async () => {
    const files: Record<string, TreeFile> = {};
    for (const [relative, file] of Object.entries(exchangeServer())) files[relative.replace(/^exchsrvr\//, 'Exchange/')] = file;
    const root = await makeTree(files);
    const without = scanJson([root]);
    assert.equal(without.code, 1);
    assert.match(rowOf(without.rows, 'Emsmta.exe').detail, /--install-root/);
    assert.equal(run(['scan', root, '--install-root', 'Exchange', '-q']).code, 0);
    assert.equal(run(['scan', path.join(root, 'Exchange'), '--install-root', '.', '-q']).code, 0);
    // A scan of the root folder itself, by its default name (\\EXCH01\d$\exchsrvr): no option needed.
    const standard = await makeTree(exchangeServer());
    assert.equal(run(['scan', path.join(standard, 'exchsrvr'), '-q']).code, 0);
  });
});

describe('the server platform', () => {
  const alphaServer = () => {
    const files = exchangeServer();
    for (const [relative, file] of Object.entries(files)) {
      if ('pe' in file) files[relative] = { pe: { ...file.pe, machine: 'alpha' } };
    }
    return files;
  };

  it('an Alpha build among Intel builds fails the fix', async () => {
    const files = exchangeServer();
    files['exchsrvr/bin/mtamsg.dll'] = { pe: { fileVersion: '5.0.1462.10', machine: 'alpha' } };
    const { code, rows } = scanJson([await makeTree(files)]);
    assert.equal(code, 1);
    const mtamsg = rowOf(rows, 'Mtamsg.dll');
    assert.deepEqual([mtamsg.status, mtamsg.reason], ['outdated', 'wrong-platform']);
    assert.match(mtamsg.detail, /built for alpha, while the other installed files of this fix are built for i386/);
  });

  it('--platform states the server: an all-Alpha server meets with --platform alpha (or none) and fails with --platform i386', async () => {
    const root = await makeTree(alphaServer());
    assert.equal(run(['scan', root, '-q']).code, 0, 'an Alpha server, all files Alpha builds');
    assert.equal(run(['scan', root, '--platform', 'alpha', '-q']).code, 0);
    const intel = scanJson([root, '--platform', 'Intel']);
    assert.equal(intel.code, 1);
    assert.match(rowOf(intel.rows, 'Emsmta.exe').detail, /built for alpha; the server is i386 \(--platform\)/);
    const intelServer = await makeTree(exchangeServer());
    assert.equal(run(['scan', intelServer, '--platform', 'x86', '-q']).code, 0);
    assert.equal(run(['scan', intelServer, '--platform', 'alpha', '-q']).code, 1);
    const bad = run(['scan', intelServer, '--platform', 'sparc']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--platform "sparc": not a platform; give one of i386, alpha, x64, ia64, arm64/);
  });

  it('an x64 build of Emsmta.exe does not meet the Exchange 5.0 fix (built for Intel and Alpha only)', async () => {
    const files = exchangeServer();
    for (const [relative, file] of Object.entries(files)) if ('pe' in file) files[relative] = { pe: { ...file.pe, machine: 'x64' } };
    const { code, rows } = scanJson([await makeTree(files)]);
    assert.equal(code, 1);
    assert.match(rowOf(rows, 'Emsmta.exe').detail, /built for x64; the product was built for i386, alpha only/);
  });
});

test('a date row is not met by a file of another product: a Windows 2000 kernel dated later than an NT 4.0 row', async () => {
  const dir = await tempDir('hv-date-');
  const manifest = path.join(dir, 'Q999001.json');
  await writeFile(
    manifest,
    JSON.stringify({
      formatVersion: '1.0.0',
      id: 'Q999001',
      title: 'Kernel fix (dates only)',
      product: 'Microsoft Windows NT Server',
      productVersion: '4.0',
      rule: 'or-later',
      files: [{ name: 'Ntoskrnl.exe', version: null, date: '1999-06-01' }],
    }),
  );
  const stamp = (iso: string) => Math.floor(Date.parse(iso) / 1000);
  const w2k = await makeTree({
    'winnt/system32/ntoskrnl.exe': { pe: { fileVersion: '5.0.2195.6717', dll: false, timeDateStamp: stamp('2003-06-19T00:00:00Z') } },
  });
  const result = scanJson([w2k, '-m', manifest]);
  assert.equal(result.code, 1);
  assert.deepEqual(
    [rowOf(result.rows, 'Ntoskrnl.exe').status, rowOf(result.rows, 'Ntoskrnl.exe').reason],
    ['not-applicable', 'other-branch'],
  );
  const nt4 = await makeTree({
    'winnt/system32/ntoskrnl.exe': { pe: { fileVersion: '4.0.1381.133', dll: false, timeDateStamp: stamp('1999-08-01T00:00:00Z') } },
  });
  assert.equal(run(['scan', nt4, '-m', manifest, '-q']).code, 0);
});

describe('the clock and quiet mode', () => {
  it('HOTFIX_VERIFY_TODAY set to anything but a real YYYY-MM-DD is exit 2 with one clear line, quiet or not', async () => {
    const root = await makeTree(exchangeServer());
    for (const value of ['', ' ', 'today', '2026-2-1', '2026-02-30', '2026-13-01', '20260101', '2026-01-01T00:00:00Z']) {
      for (const quiet of [[], ['-q']]) {
        const result = run(['scan', root, ...quiet], { HOTFIX_VERIFY_TODAY: value });
        assert.equal(result.code, 2, `${JSON.stringify(value)} ${quiet.join(' ')}`);
        assert.equal(
          result.stderr,
          `hotfix-verify: HOTFIX_VERIFY_TODAY is ${JSON.stringify(value)}: give a real date as YYYY-MM-DD, or unset it\n`,
        );
      }
    }
    assert.equal(run(['scan', root, '-q'], { HOTFIX_VERIFY_TODAY: '2026-06-01' }).code, 0);
  });

  it('-q changes what is printed, never the exit code: every gate situation the golden files cover', async () => {
    for (const situation of SITUATIONS) {
      if (situation.problems) continue; // a folder that cannot be listed needs an unprivileged run (test/hostileFs.test.ts)
      const dir = await tempDir('hv-quiet-');
      const root = await makeTree(situation.files);
      const args = ['scan', root];
      if (situation.snapshotOf) {
        const golden = await makeTree(situation.snapshotOf);
        assert.equal(run(['snapshot', golden, '-o', path.join(dir, 'snap.json')]).code, 0);
        args.push('-m', path.join(dir, 'snap.json'), '--exact');
      }
      if (situation.failOn) args.push('--fail-on', situation.failOn.join(','));
      if (situation.ignore !== undefined) {
        await writeFile(path.join(dir, 'ignore.yml'), situation.ignore);
        args.push('--ignore-file', path.join(dir, 'ignore.yml'));
      }
      const env = { HOTFIX_VERIFY_TODAY: SITUATION_TODAY };
      const loud = run(args, env);
      const quiet = run([...args, '-q'], env);
      assert.equal(loud.code, situation.exit, `${situation.name}: ${loud.stderr}`);
      assert.equal(quiet.code, loud.code, `${situation.name}: -q gives the same exit`);
      assert.equal(quiet.stdout, '', `${situation.name}: -q prints nothing`);
      for (const format of ['json', 'junit', 'sarif'])
        assert.equal(run([...args, '-f', format], env).code, loud.code, `${situation.name} ${format}`);
    }
  });

  it('a single-valued option given twice is exit 2, never a comma-joined value', async () => {
    const root = await makeTree(exchangeServer());
    const dir = await tempDir('hv-twice-');
    const image = path.join(dir, 'a.zip');
    await writeFile(image, 'PK');
    for (const [args, option] of [
      [['scan', root, '-o', path.join(dir, 'a'), '-o', path.join(dir, 'b')], '--output'],
      [['scan', root, '--ignore-file', 'x.yml', '--ignore-file', 'y.yml'], '--ignore-file'],
      [['scan', root, '--image-index', '1', '--image-index', '2'], '--image-index'],
      [['scan', root, '-f', 'json', '-f', 'table'], '--format'],
      [['scan', root, '--platform', 'i386', '--platform', 'alpha'], '--platform'],
      [['snapshot', root, '-o', path.join(dir, 'a'), '-o', path.join(dir, 'b')], '--output'],
    ] as const) {
      const result = run([...args]);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, new RegExp(`^hotfix-verify: ${option} was given 2 times`), args.join(' '));
    }
    assert.deepEqual(await readdir(dir), ['a.zip'], 'nothing was written');
  });
});

test('snapshot records every file with its SHA-256, and scan --exact fails a file changed at the same version', async () => {
  const root = await makeTree(exchangeServer());
  const dir = await tempDir('hv-exact-');
  const snap = path.join(dir, 'snap.json');
  assert.equal(run(['snapshot', root, '-o', snap]).code, 0);
  const manifest = JSON.parse(await readFile(snap, 'utf8'));
  assert.ok(
    manifest.files.every((row: { sha256?: string }) => /^[0-9a-f]{64}$/.test(row.sha256 ?? '')),
    'PE files are hashed too',
  );
  assert.equal(run(['scan', root, '-m', snap, '--exact', '-q']).code, 0);
  // A replaced Address.dll that still says 5.0.1462.10.
  await writeFile(path.join(root, 'exchsrvr/bin/address.dll'), writePe({ fileVersion: '5.0.1462.10', strings: { Comments: 'replaced' } }));
  const { code, rows } = scanJson([root, '-m', snap, '--exact']);
  assert.equal(code, 1);
  const address = rows.find((row) => row.name === 'address.dll')!;
  assert.deepEqual([address.status, address.reason], ['outdated', 'sha256-mismatch']);
  assert.match(address.detail, /content changed at the same version 5\.0\.1462\.10/);
  const empty = await tempDir('hv-exact-empty-');
  const refused = run(['snapshot', empty]);
  assert.equal(refused.code, 2);
  assert.equal(refused.stderr, `hotfix-verify: ${empty}: holds no file: a snapshot needs at least one file\n`);
});

describe('the tool is safe to run', () => {
  it('demo never deletes what it did not write: a folder with a user file is refused, untouched', async () => {
    const dir = await tempDir('hv-demo-');
    await writeFile(path.join(dir, 'thesis.docx'), 'my work');
    const refused = run(['demo', dir]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /is not empty and was not written by `hotfix-verify demo`.*nothing was touched/);
    assert.deepEqual(await readdir(dir), ['thesis.docx']);
    assert.equal(await readFile(path.join(dir, 'thesis.docx'), 'utf8'), 'my work');
    // An empty folder, and a previous demo (even with a user's file added since), are fine; the user's file stays.
    const fresh = await tempDir('hv-demo-ok-');
    assert.equal(run(['demo', fresh]).code, 0);
    await writeFile(path.join(fresh, 'notes.txt'), 'mine');
    assert.equal(run(['demo', fresh, '--patched']).code, 0);
    assert.equal(await readFile(path.join(fresh, 'notes.txt'), 'utf8'), 'mine');
  });

  it('control characters from file names and version strings never reach a terminal raw; JSON keeps them exact', async () => {
    const files = exchangeServer();
    files['evil\u001b[2J\u001b[32m/exchsrvr/bin/emsmta.exe'] = {
      pe: { fileVersion: '5.0.1462.9', dll: false, strings: { FileVersion: 'x\u001b]0;pwned\u0007' } },
    };
    const root = await makeTree(files);
    for (const format of ['table', 'markdown', 'github']) {
      const result = run(['scan', root, '-f', format]);
      assert.equal(result.code, 1, format);
      assert.doesNotMatch(result.stdout, /[\u001b\u0007]/, format);
      assert.match(result.stdout, /\\x1B\[2J/, `${format} shows the escape visibly`);
    }
    const json = scanJson([root]);
    assert.ok(rowOf(json.rows, 'Emsmta.exe').copies.some((c) => c.path.startsWith('evil\u001b[2J')));
  });

  it('SARIF gives every result a location, a missing file too (code scanning refuses results without)', async () => {
    const root = await makeTree(exchangeServer({}, { omit: ['Dcprods.cat'] }));
    const result = run(['scan', root, '-f', 'sarif']);
    const results = JSON.parse(result.stdout).runs[0].results as { ruleId: string; locations: unknown[] }[];
    const missing = results.find((r) => r.ruleId === 'Q254943/Dcprods.cat')!;
    assert.deepEqual(missing.locations, [
      {
        physicalLocation: { artifactLocation: { uri: 'Dcprods.cat', uriBaseId: 'TARGET' } },
        message: { text: 'where Dcprods.cat should be: it was not found there' },
      },
    ]);
  });
});
