// The bundled Exchange 5.0 catalog and catalog scans: --catalog, --manifest DIR, the per-KB report, aliases, date rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { judgeManifest } from '../../src/evaluate/verdict.js';
import type { RowFinding } from '../../src/model/finding.js';
import type { ScanReport } from '../../src/model/report.js';
import { BUNDLED_CATALOGS, loadBundledCatalog } from '../../src/manifest/loadCatalog.js';
import { BUNDLED_MANIFEST_DIR, parseManifest } from '../../src/manifest/loadManifest.js';
import { makeTree, type TreeFile } from '../helpers/serverTree.js';
import { tempDir } from '../helpers/tempDir.js';
import { run } from '../helpers/cli.js';

const MTA_BINARIES = ['Emsmta.exe', 'Address.dll', 'Ems_rid.dll', 'Mmiext.dll', 'Mtacheck.exe', 'Mtamsg.dll', 'X400om.dll', 'X400omv1.dll'];
// The data files every 5.0 MTA article lists (Q196852 and Q198392 add Infoblog.cfg).
const MTA_DATA = [
  'Dbserver.sch',
  'Dcprods.cat',
  'Infoblog.cfg',
  'Infoplog.cfg',
  'Infotlog.cfg',
  'Infoxlog.cfg',
  'P2.xv2',
  'P3.tpl',
  'P772.tpl',
];

/** An Exchange 5.0 server: MTA binaries, store and IMC at the versions given; no cc:Mail connector, OAB or admin program. */
function server50(versions: { mta: string; store: string; imc: string }, mtaRidName = 'Ems_rid.dll'): Record<string, TreeFile> {
  const files: Record<string, TreeFile> = {};
  const pe = (fileVersion: string, name: string): TreeFile => ({ pe: { fileVersion, dll: name.endsWith('.dll'), originalFilename: name } });
  for (const name of MTA_BINARIES) {
    const onDisk = name === 'Ems_rid.dll' ? mtaRidName : name;
    files[`exchsrvr/bin/${onDisk.toLowerCase()}`] = pe(versions.mta, onDisk);
  }
  for (const name of MTA_DATA) files[`exchsrvr/mtadata/${name.toLowerCase()}`] = { text: `${name}\r\n` };
  files['exchsrvr/bin/store.exe'] = pe(versions.store, 'Store.exe');
  files['exchsrvr/bin/mdbmsg.dll'] = pe(versions.store, 'Mdbmsg.dll');
  files['exchsrvr/connect/msexcimc/bin/msexcimc.exe'] = pe(versions.imc, 'Msexcimc.exe');
  files['exchsrvr/connect/msexcimc/bin/imcmsg.dll'] = pe(versions.imc, 'Imcmsg.dll');
  return files;
}

const verdicts = (report: ScanReport) => Object.fromEntries(report.manifests.map((m) => [m.id, m.verdict]));

test('the bundled catalog: every file validates, ids are unique and match the file names, Q254943 once', async () => {
  for (const catalog of BUNDLED_CATALOGS) {
    const folder = path.join(BUNDLED_MANIFEST_DIR, ...catalog.folder.split('/'));
    const names = (await readdir(folder)).filter((name) => name.endsWith('.json'));
    assert.ok(names.length > 0, catalog.name);
    for (const name of names) {
      const text = await readFile(path.join(folder, name), 'utf8');
      const { manifest } = parseManifest(text, name);
      assert.equal(`${manifest.id}.json`, name, 'the file name carries the id');
      assert.equal(JSON.parse(text).$schema, '../../manifest.schema.json', `${name}: $schema points at the bundled schema`);
    }
    const loaded = await loadBundledCatalog(catalog.name);
    const ids = loaded.map(({ manifest }) => manifest.id);
    assert.equal(new Set(ids.map((id) => id.toLowerCase())).size, ids.length, 'ids are unique');
    assert.equal(ids.filter((id) => id === 'Q254943').length, 1, 'Q254943 is listed once');
    assert.ok(!names.includes('Q254943.json'), 'the catalog folder does not repeat the default manifest');
  }
  const exchange = (await loadBundledCatalog('exchange-5.0')).map(({ manifest }) => manifest.id);
  assert.equal(exchange.length, 29);
  for (const id of ['Q192595-5.0', 'Q192595-5.5', 'Q192792', 'Q193534', 'Q195215-5.0', 'Q197394', 'Q222997', 'Q234869-5.5', 'Q254943'])
    assert.ok(exchange.includes(id), id);
});

test('the catalog rows of the MTA fixes accept both spellings of the RID file', async () => {
  const loaded = await loadBundledCatalog();
  const rid = (id: string) =>
    loaded.find(({ manifest }) => manifest.id === id)!.manifest.files.find((f) => /^ems_?rid\.dll$/i.test(f.name))!;
  assert.deepEqual(rid('Q254943').aliases, ['Ems_rid.dll']);
  assert.match(rid('Q254943').note ?? '', /Ems_rid\.dll/);
  for (const id of ['Q194651-5.0', 'Q196852', 'Q198392-5.0']) assert.deepEqual(rid(id).aliases, ['Emsrid.dll'], id);
});

test('a catalog scan of a 5.0 server: per-KB verdicts, superseded fixes met by "or later", 5.5 sections not applicable', async () => {
  // MTA at the Q254943 level, store at 5.0.1461.82 (Q215924/Q217160 level), IMC at 5.0.1459.73.
  const root = await makeTree(server50({ mta: '5.0.1462.10', store: '5.0.1461.82', imc: '5.0.1459.73' }));
  const result = run(['scan', root, '--catalog', '--format', 'json']);
  assert.equal(result.code, 1, result.stderr);
  const report = JSON.parse(result.stdout) as ScanReport;
  const v = verdicts(report);
  // The MTA fixes: Q254943 and every earlier one, whose versions 5.0.1462.10 is "or later" of.
  for (const id of ['Q254943', 'Q194651-5.0', 'Q196852', 'Q198392-5.0']) assert.equal(v[id], 'meets', id);
  // Store fixes up to 5.0.1461.82 are in; later ones are not.
  for (const id of ['Q195215-5.0', 'Q215924-5.0', 'Q217160-5.0', 'Q193534']) assert.equal(v[id], 'meets', id);
  for (const id of ['Q214573', 'Q193256-5.0', 'Q197394', 'Q198581-5.0', 'Q234175-5.0', 'Q234869-5.0'])
    assert.equal(v[id], 'falls-short', id);
  // 5.5 sections: the server's files are 5.0.
  for (const id of ['Q193221', 'Q194651-5.5', 'Q198392-5.5', 'Q193256-5.5', 'Q234869-5.5']) {
    const manifest = report.manifests.find((m) => m.id === id)!;
    assert.deepEqual([manifest.verdict, manifest.reason], ['not-applicable', 'other-branch'], id);
  }
  // Components this server does not have: cc:Mail connector, NNTP setup, OAB, admin program.
  for (const id of ['Q192595-5.0', 'Q192595-5.5', 'Q192792', 'Q218188', 'Q222997']) {
    const manifest = report.manifests.find((m) => m.id === id)!;
    assert.deepEqual([manifest.verdict, manifest.reason], ['not-applicable', 'not-present'], id);
  }
  const q214573 = report.manifests.find((m) => m.id === 'Q214573')!;
  assert.deepEqual(
    q214573.rows.filter((r) => r.status !== 'meets').map((r) => [r.name, r.status]),
    [
      ['Mdbmsg.dll', 'outdated'],
      ['Store.exe', 'outdated'],
    ],
  );
  assert.equal(report.manifests.find((m) => m.id === 'Q254943')!.component, 'MTA');

  const table = run(['scan', root, '--catalog']);
  assert.equal(table.code, 1);
  assert.match(table.stdout, /^29 fixes: 8 installed, 6 not installed, 15 not applicable$/m);
  assert.match(
    table.stdout,
    new RegExp(
      String.raw`│ Q214573 +│ NOT INSTALLED +│ 5\.0 +│ Information Store +│ ` +
        String.raw`Mdbmsg\.dll is 5\.0\.1461\.82, older than the 5\.0\.1461\.83 this fix needs\.\s*│\n` +
        String.raw`.*Store\.exe is 5\.0\.1461\.82, older than the 5\.0\.1461\.83 this fix needs\.`,
    ),
  );
  assert.match(table.stdout, /│ Q254943 +│ installed +│ 5\.0 +│ MTA +│ 16 files meet the fix\./);
  assert.match(table.stdout, /│ Q192595-5\.0 +│ not applicable +│ 5\.0 +│ .*Its component is not installed: none of its files is on/);
  assert.match(table.stdout, /│ Q193221 +│ not applicable +│ 5\.5 +│ .*It is for branch 5\.5; the target's files are 5\.0 /);
  // Per-file tables only for fixes that fall short, unless --details.
  assert.match(table.stdout, /^Q214573: /m);
  assert.doesNotMatch(table.stdout, /^Q254943: /m);
  const details = run(['scan', root, '--catalog', '--details']);
  assert.match(details.stdout, /^Q254943: /m);
  assert.match(details.stdout, /^Q193221: /m);
});

test('a fully patched 5.0 server passes the catalog (exit 0); an empty folder never does', async () => {
  const root = await makeTree(server50({ mta: '5.0.1462.10', store: '5.0.1462.3', imc: '5.0.1460.8' }));
  const result = run(['scan', root, '--catalog']);
  assert.equal(result.code, 0, result.stdout);
  assert.match(result.stdout, /^29 fixes: 14 installed, 0 not installed, 15 not applicable$/m);

  const empty = await tempDir('hv-empty-');
  const none = run(['scan', empty, '--catalog', '--format', 'json']);
  assert.equal(none.code, 1, 'nothing installed proves nothing');
  assert.equal(JSON.parse(none.stdout).verdict, 'not-applicable');
});

test('a server whose file is named Ems_rid.dll meets Q254943, and one named Emsrid.dll meets the earlier MTA fixes', async () => {
  const ems = await makeTree(server50({ mta: '5.0.1462.10', store: '5.0.1462.3', imc: '5.0.1460.8' }, 'Ems_rid.dll'));
  const q254943 = run(['scan', ems, '--format', 'json']);
  assert.equal(q254943.code, 0, q254943.stdout);
  const row = JSON.parse(q254943.stdout).manifests[0].rows.find((r: RowFinding) => r.name === 'Emsrid.dll');
  assert.deepEqual([row.status, row.aliases, row.copies[0].path], ['meets', ['Ems_rid.dll'], 'exchsrvr/bin/ems_rid.dll']);

  const emsrid = await makeTree(server50({ mta: '5.0.1462.10', store: '5.0.1462.3', imc: '5.0.1460.8' }, 'Emsrid.dll'));
  const catalog = JSON.parse(run(['scan', emsrid, '--catalog', '--format', 'json']).stdout) as ScanReport;
  for (const id of ['Q254943', 'Q194651-5.0', 'Q196852', 'Q198392-5.0']) assert.equal(verdicts(catalog)[id], 'meets', id);
});

test('--manifest DIR checks every manifest in the folder; a duplicate id is exit 2 naming both files', async () => {
  const manifest = (id: string, version: string) => ({
    formatVersion: '1.0.0',
    id,
    title: `Fix ${id}`,
    product: 'Test',
    rule: 'or-later',
    files: [{ name: 'a.dll', version }],
  });
  const dir = await tempDir('hv-dir-');
  await writeFile(path.join(dir, 'one.json'), JSON.stringify(manifest('Q1', '5.0.1.1')));
  await writeFile(path.join(dir, 'two.json'), JSON.stringify(manifest('Q2', '5.0.9.9')));
  await writeFile(path.join(dir, 'other.schema.json'), '{}');
  await writeFile(path.join(dir, 'notes.txt'), 'not a manifest');
  const root = await makeTree({ 'bin/a.dll': { pe: { fileVersion: '5.0.2.0' } } });
  const result = run(['scan', root, '--manifest', dir, '--format', 'json']);
  assert.equal(result.code, 1, result.stderr);
  assert.deepEqual(verdicts(JSON.parse(result.stdout)), { Q1: 'meets', Q2: 'falls-short' });
  // -m takes one value: the target may follow it.
  const before = run(['scan', '-m', dir, root, '--format', 'json']);
  assert.equal(before.code, 1, before.stderr);
  assert.equal(JSON.parse(before.stdout).target, root);

  await writeFile(path.join(dir, 'three.json'), JSON.stringify(manifest('Q1', '5.0.3.3')));
  const dup = run(['scan', root, '--manifest', dir]);
  assert.equal(dup.code, 2);
  assert.equal(
    dup.stderr.trim(),
    `hotfix-verify: ${path.join(dir, 'three.json')}: $.id: "Q1" is also the id of ${path.join(dir, 'one.json')}; manifest ids must be ` +
      `unique across a scan`,
  );

  // The same file named twice (the catalog already holds Q254943) is checked once, not an error.
  const twice = run(['scan', root, '--catalog', '--manifest', path.join(BUNDLED_MANIFEST_DIR, 'Q254943.json'), '-f', 'json']);
  assert.equal(twice.stderr, '');
  assert.equal(JSON.parse(twice.stdout).manifests.length, 29);
  assert.equal(run(['scan', root, '-m', path.join(dir, 'one.json'), '-m', path.join(dir, '.', 'one.json'), '-q']).code, 0);
  // Another file with the id of one the catalog holds is still two manifests with one id.
  await writeFile(path.join(dir, 'copy.json'), JSON.stringify({ ...manifest('Q254943', '5.0.1.1') }));
  const clash = run(['scan', root, '--catalog', '--manifest', path.join(dir, 'copy.json')]);
  assert.equal(clash.code, 2);
  assert.match(clash.stderr, /"Q254943" is also the id of <bundled>\/Q254943\.json/);

  const empty = await tempDir('hv-nomanifest-');
  const nothing = run(['scan', root, '--manifest', empty]);
  assert.equal(nothing.code, 2);
  assert.match(nothing.stderr, /holds no \*\.json manifest/);
});

test('a row judged by date, through the CLI: PE TimeDateStamp, else the modification time', async () => {
  const day = (iso: string) => Date.parse(iso) / 1000;
  const manifest = {
    formatVersion: '1.0.0',
    id: 'Q900104',
    title: 'Date-only table',
    product: 'Microsoft Windows NT',
    rule: 'or-later',
    files: [
      { name: 'Tstkrnl.exe', version: null, date: '2000-06-14', platform: 'i386' },
      { name: 'Tstcfg.ini', version: null, date: '1999-12-31' },
    ],
  };
  const dir = await tempDir('hv-date-');
  const file = path.join(dir, 'Q900104.json');
  await writeFile(file, JSON.stringify(manifest));

  const root = await makeTree({
    'system32/tstkrnl.exe': { pe: { dll: false, fileVersion: '4.0.1381.7', timeDateStamp: day('2000-06-13T20:00:00Z') } },
    'system32/tstcfg.ini': { text: 'x' },
  });
  await utimes(path.join(root, 'system32', 'tstcfg.ini'), day('2000-01-05T00:00:00Z'), day('2000-01-05T00:00:00Z'));
  const ok = run(['scan', root, '--manifest', file, '--format', 'json']);
  assert.equal(ok.code, 0, ok.stdout);
  const rows = JSON.parse(ok.stdout).manifests[0].rows;
  assert.deepEqual(
    rows.map((r: RowFinding) => [r.name, r.status, r.reason, r.copies[0]!.evidence]),
    [
      ['Tstkrnl.exe', 'meets', 'date-ok', 'date'],
      ['Tstcfg.ini', 'meets', 'date-ok', 'date'],
    ],
  );
  assert.match(rows[0].detail, /PE TimeDateStamp 2000-06-13 is 2000-06-14 or later/, 'one day of tolerance');
  assert.match(rows[1].detail, /modification time 2000-01-05/);

  const old = await makeTree({
    'system32/tstkrnl.exe': { pe: { dll: false, timeDateStamp: day('2000-05-01T00:00:00Z') } },
    'tstcfg.ini': { text: 'x' },
  });
  const short = run(['scan', old, '--manifest', file]);
  assert.equal(short.code, 1);
  assert.match(
    short.stdout,
    /Tstkrnl\.exe \(i386\)\s*│\s*N\/A\s*│\s*2000-05-01\s*│.*outdated\s*│ PE TimeDateStamp 2000-05-01 is earlier than 2000-06-14/,
  );
});

test('manifest verdicts: foreign-branch files with the rest absent do not apply; absent components only in a catalog', () => {
  const row = (status: RowFinding['status'], reason: RowFinding['reason'], required: string | null = '5.5.2448.5'): RowFinding => ({
    name: 'x',
    required,
    status,
    reason,
    args: {},
    copies: [],
  });
  const foreign = [row('not-applicable', 'other-branch'), row('missing', 'not-found'), row('missing', 'not-found', null)];
  assert.deepEqual(judgeManifest(foreign), { verdict: 'not-applicable', reason: 'other-branch' });
  assert.deepEqual(judgeManifest([row('not-applicable', 'other-platform')]), { verdict: 'not-applicable', reason: 'other-platform' });
  assert.deepEqual(judgeManifest([row('not-applicable', 'other-branch'), row('outdated', 'older')]), { verdict: 'falls-short' });
  const absent = [row('missing', 'not-found'), row('missing', 'not-found'), row('meets', 'present', null)];
  assert.deepEqual(judgeManifest(absent), { verdict: 'falls-short' }, 'a fix named on its own must be there');
  // The README's rule: a catalog fix does not apply only when none of its files is there. Its data files
  // present with its programs absent is a fix half there: it falls short.
  assert.deepEqual(judgeManifest(absent, { catalog: true }), { verdict: 'falls-short' });
  const none = [row('missing', 'not-found'), row('missing', 'not-found'), row('missing', 'not-found', null)];
  assert.deepEqual(judgeManifest(none, { catalog: true }), { verdict: 'not-applicable', reason: 'not-present' });
  assert.deepEqual(
    judgeManifest([row('missing', 'not-found'), row('meets', 'version-ok')], { catalog: true }),
    { verdict: 'falls-short' },
    'half a fix is not installed',
  );
  assert.deepEqual(judgeManifest([row('missing', 'not-found', null)], { catalog: true }), {
    verdict: 'not-applicable',
    reason: 'not-present',
  });
});

test("a table split per platform is met by the rows of the machine's own platform", () => {
  const row = (status: RowFinding['status'], reason: RowFinding['reason'], platform: string): RowFinding => ({
    name: 'Tsteval.dll',
    required: '2.0.1493.3300',
    platform,
    status,
    reason,
    args: {},
    copies: [],
  });
  assert.deepEqual(judgeManifest([row('not-applicable', 'other-platform', 'alpha'), row('meets', 'version-ok', 'i386')]), {
    verdict: 'meets',
  });
  assert.deepEqual(judgeManifest([row('not-applicable', 'other-platform', 'alpha'), row('outdated', 'older', 'i386')]), {
    verdict: 'falls-short',
  });
  // Another branch is never "met" by ignoring it: one 5.5 file on a 5.0 server makes a 5.0 fix fall short.
  assert.deepEqual(judgeManifest([row('not-applicable', 'other-branch', 'i386'), row('meets', 'version-ok', 'i386')]), {
    verdict: 'falls-short',
  });
});

test('the verdict line of a catalog that meets says how many fixes apply, not that it meets them all', async () => {
  const { reportSummary } = await import('../../src/report/messages.js');
  const manifest = (id: string, verdict: 'meets' | 'not-applicable') => ({
    id,
    title: id,
    product: 'P',
    branch: '5.0',
    source: 's',
    verdict,
    counts: { meets: 0, outdated: 0, missing: 0, unverifiable: 0, 'not-applicable': 0, unexpected: 0 },
    rows: [],
  });
  const report = {
    schemaVersion: '1.1.0',
    tool: { name: 'hotfix-verify' as const, version: '0' },
    target: '/srv',
    verdict: 'meets' as const,
    complete: true,
    problems: [],
    manifests: [manifest('Q1', 'meets'), manifest('Q2', 'not-applicable'), manifest('Q3', 'not-applicable')],
    gate: { failOn: [], pass: true, reasons: [], blocking: 0, suppressed: 0, expired: 0 },
  };
  assert.equal(reportSummary(report), 'Verdict: /srv meets the fix that applies (2 of 3 do not apply).');
});
