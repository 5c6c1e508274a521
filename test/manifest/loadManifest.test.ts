import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadBundledManifest, loadManifest, parseManifest } from '../../src/manifest/loadManifest.js';
import { ManifestError } from '../../src/manifest/errors.js';
import { tempDir } from '../helpers/tempDir.js';

const VALID = {
  formatVersion: '1.0.0',
  id: 'Q999001',
  title: 'Test fix',
  product: 'Microsoft Exchange Server',
  rule: 'or-later',
  files: [
    { name: 'Emsmta.exe', version: '5.0.1462.10' },
    { name: 'P2.xv2', version: null },
  ],
};

function rejects(doc: unknown, where: string, problem: RegExp) {
  const text = typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2);
  assert.throws(
    () => parseManifest(text, 'm.json'),
    (error: unknown) => {
      assert.ok(error instanceof ManifestError, `expected a ManifestError, got ${String(error)}`);
      assert.equal(error.file, 'm.json');
      assert.equal(error.where, where);
      assert.match(error.problem, problem);
      assert.match(error.message, /^m\.json: /);
      return true;
    },
  );
}

test('the bundled Q254943 manifest holds all 16 rows of the KB table, exactly', async () => {
  const { manifest, branch } = await loadBundledManifest('Q254943');
  assert.equal(manifest.id, 'Q254943');
  assert.equal(manifest.product, 'Microsoft Exchange Server');
  assert.equal(manifest.productVersion, '5.0');
  assert.equal(manifest.component, 'MTA');
  assert.deepEqual(manifest.language, { name: 'English', id: '0x0409' });
  assert.equal(manifest.rule, 'or-later');
  assert.equal(branch, '5.0');
  assert.deepEqual(
    manifest.files.map((f) => [f.name, f.version]),
    [
      ['Emsmta.exe', '5.0.1462.10'],
      ['Address.dll', '5.0.1462.10'],
      ['Emsrid.dll', '5.0.1462.10'],
      ['Mmiext.dll', '5.0.1462.10'],
      ['Mtacheck.exe', '5.0.1462.10'],
      ['Mtamsg.dll', '5.0.1462.10'],
      ['X400om.dll', '5.0.1462.10'],
      ['X400omv1.dll', '5.0.1462.10'],
      ['Dbserver.sch', null],
      ['Dcprods.cat', null],
      ['Infoplog.cfg', null],
      ['Infotlog.cfg', null],
      ['Infoxlog.cfg', null],
      ['P2.xv2', null],
      ['P3.tpl', null],
      ['P772.tpl', null],
    ],
  );
});

test('the branch defaults to the required versions major.minor', () => {
  assert.equal(parseManifest(JSON.stringify(VALID), 'm.json').branch, '5.0');
  assert.equal(parseManifest(JSON.stringify({ ...VALID, branch: '5.5' }), 'm.json').branch, '5.5');
  assert.equal(parseManifest(JSON.stringify({ ...VALID, files: [{ name: 'a.cfg', version: null }] }), 'm.json').branch, undefined);
});

test('invalid JSON is rejected with the line and column', () => {
  rejects('{\n  "id": "Q1",\n  "files": [,]\n}', 'line 3, column 13', /not valid JSON/);
  rejects('', 'line 1, column 1', /not valid JSON: value expected, found the end of the file/);
  rejects('{"id": "Q1"} // note', 'line 1, column 14', /not valid JSON/);
});

test('a bad version names the JSON path, the value and the problem', () => {
  rejects(
    { ...VALID, files: [{ name: 'Emsmta.exe', version: '5.0.1462.65536' }] },
    '$.files[0].version',
    /"5\.0\.1462\.65536".*part 4 is 65536, above 65535/,
  );
  rejects({ ...VALID, files: [VALID.files[1], { name: 'Emsmta.exe', version: '5.0.x' }] }, '$.files[1].version', /"5\.0\.x".*found 3/);
  rejects({ ...VALID, files: [{ name: 'Emsmta.exe', version: 5 }] }, '$.files[0].version', /expected a version string or null, found 5/);
});

test('missing and unknown fields are rejected by path', () => {
  const { title: _omit, ...noTitle } = VALID;
  rejects(noTitle, '$.title', /missing required field/);
  rejects({ ...VALID, files: [{ name: 'Emsmta.exe' }] }, '$.files[0].version', /missing required field/);
  rejects({ ...VALID, colour: 'blue' }, '$.colour', /unknown field/);
  rejects({ ...VALID, files: [{ name: 'Emsmta.exe', version: '5.0.1462.10', vers: 1 }] }, '$.files[0].vers', /unknown field/);
  rejects({ ...VALID, files: [] }, '$.files', /empty/);
  rejects({ ...VALID, formatVersion: '2.0.0' }, '$.formatVersion', /cannot read/);
  rejects({ ...VALID, rule: 'exact' }, '$.rule', /not a known rule/);
  rejects({ ...VALID, files: [{ name: 'bin/Emsmta.exe', version: '5.0.1462.10' }] }, '$.files[0].name', /plain file name/);
  rejects({ ...VALID, files: [{ name: 'a.dll', version: '5.0.1.1', platform: 'sparc' }] }, '$.files[0].platform', /not a known platform/);
  rejects([], '$', /expected an object/);
});

test('duplicate file rows are rejected, case-insensitively', () => {
  rejects(
    { ...VALID, files: [...VALID.files, { name: 'EMSMTA.EXE', version: '5.0.1462.10' }] },
    '$.files[2].name',
    /listed twice \(also at \$\.files\[0\]\)/,
  );
  // The same name once per platform is two rows, not a duplicate.
  assert.ok(
    parseManifest(
      JSON.stringify({
        ...VALID,
        files: [
          { name: 'a.dll', version: '5.0.1.1', platform: 'i386' },
          { name: 'a.dll', version: '5.0.1.1', platform: 'alpha' },
        ],
      }),
      'm.json',
    ),
  );
});

test('rows of several branches without an explicit branch are rejected', () => {
  rejects(
    {
      ...VALID,
      files: [
        { name: 'a.dll', version: '5.0.1.1' },
        { name: 'b.dll', version: '5.5.1.1' },
      ],
    },
    '$.files',
    /several product branches \(5\.0, 5\.5\)/,
  );
});

test('files: a missing manifest file and a folder are reported by name', async () => {
  const dir = await tempDir('hv-manifest-');
  await assert.rejects(loadManifest(path.join(dir, 'nope.json')), /nope\.json: file: cannot be read: no such file/);
  await assert.rejects(loadManifest(dir), /is a folder, not a file/);
  const file = path.join(dir, 'ok.json');
  await writeFile(file, `\ufeff${JSON.stringify(VALID)}`);
  assert.equal((await loadManifest(file)).manifest.id, 'Q999001');
});

test('a row for every platform and a row for one platform of the same name are duplicates', () => {
  rejects(
    {
      ...VALID,
      files: [
        { name: 'a.dll', version: '5.0.1.1' },
        { name: 'A.DLL', version: '5.0.1.1', platform: 'alpha' },
      ],
    },
    '$.files[1].name',
    /listed twice \(also at \$\.files\[0\]\)/,
  );
  rejects(
    {
      ...VALID,
      files: [
        { name: 'a.dll', version: '5.0.1.1', platform: 'i386' },
        { name: 'a.dll', version: '5.0.1.1' },
      ],
    },
    '$.files[1].name',
    /listed twice \(also at \$\.files\[0\]\)/,
  );
});
