// The published JSON Schema (for editors) and the built-in validator must agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { BUNDLED_MANIFEST_DIR } from '../../src/manifest/loadManifest.js';
import { validateManifest } from '../../src/manifest/validateManifest.js';

const require = createRequire(import.meta.url);
const Ajv = require('ajv') as typeof import('ajv').default;

const base = {
  formatVersion: '1.0.0',
  id: 'Q1',
  title: 'T',
  product: 'P',
  rule: 'or-later',
  files: [{ name: 'a.dll', version: '5.0.1.1' }],
};
const samples: [string, unknown][] = [
  ['minimal', base],
  [
    'all fields',
    {
      ...base,
      $schema: './manifest.schema.json',
      productVersion: '5.0',
      branch: '5.0',
      component: 'MTA',
      language: { name: 'English', id: '0x0409' },
      date: '2002-05-08',
      notes: ['n'],
      files: [
        {
          name: 'a.dll',
          version: '5.0.1.1',
          aliases: ['b.dll'],
          platform: 'alpha',
          size: 10,
          sha256: 'a'.repeat(64),
          folder: 'exchsrvr/bin',
          note: 'x',
        },
        { name: 'c.cfg', version: null, kbVersion: '5.0.1.1', date: '2000-06-14' },
      ],
    },
  ],
  ['version too big', { ...base, files: [{ name: 'a.dll', version: '5.0.1.65536' }] }],
  ['version max', { ...base, files: [{ name: 'a.dll', version: '65535.65535.65535.65535' }] }],
  ['version short', { ...base, files: [{ name: 'a.dll', version: '5.0.1' }] }],
  ['leading zero', { ...base, files: [{ name: 'a.dll', version: '5.00.1.1' }] }],
  ['unknown field', { ...base, extra: 1 }],
  ['unknown row field', { ...base, files: [{ name: 'a.dll', version: null, x: 1 }] }],
  ['no files', { ...base, files: [] }],
  ['missing version', { ...base, files: [{ name: 'a.dll' }] }],
  ['format 2', { ...base, formatVersion: '2.0.0' }],
  ['bad rule', { ...base, rule: 'exact' }],
  ['bad language', { ...base, language: { name: 'English', id: '409' } }],
  ['bad platform', { ...base, files: [{ name: 'a.dll', version: null, platform: 'sparc' }] }],
  ['bad size', { ...base, files: [{ name: 'a.dll', version: null, size: -1 }] }],
  ['bad date', { ...base, date: '2002-13-01' }],
  ['path in name', { ...base, files: [{ name: 'bin/a.dll', version: null }] }],
  ['path in alias', { ...base, files: [{ name: 'a.dll', version: null, aliases: ['bin/b.dll'] }] }],
  ['format with v', { ...base, formatVersion: 'v1.0.0' }],
  ['format with build metadata', { ...base, formatVersion: '1.0.0+b' }],
  ['blank $schema', { ...base, $schema: ' ' }],
  ['kind kb', { ...base, kind: 'kb' }],
  ['kind unknown', { ...base, kind: 'image' }],
  [
    'snapshot with pinned paths',
    {
      ...base,
      kind: 'snapshot',
      files: [
        { name: 'a.dll', version: '5.0.1.1', path: 'bin/a.dll', platform: 'i386' },
        { name: 'a.dll', version: '6.1.0.0', path: 'other/A.DLL' },
        { name: 'r.txt', version: null, path: 'r.txt', size: 3, sha256: 'b'.repeat(64) },
      ],
    },
  ],
  ['pinned path absolute', { ...base, files: [{ name: 'a.dll', version: null, path: '/bin/a.dll' }] }],
  ['pinned path backslash', { ...base, files: [{ name: 'a.dll', version: null, path: 'bin\\a.dll' }] }],
  ['pinned path dot-dot', { ...base, files: [{ name: 'a.dll', version: null, path: 'bin/../a.dll' }] }],
  ['pinned path empty part', { ...base, files: [{ name: 'a.dll', version: null, path: 'bin//a.dll' }] }],
  ['pinned path drive', { ...base, files: [{ name: 'a.dll', version: null, path: 'C:a.dll' }] }],
  ['pinned path not a string', { ...base, files: [{ name: 'a.dll', version: null, path: 7 }] }],
  [
    '10001 rows in a snapshot',
    {
      ...base,
      kind: 'snapshot',
      files: Array.from({ length: 10_001 }, (_, i) => ({ name: `f${i}.txt`, version: null, path: `d/f${i}.txt` })),
    },
  ],
  ['10001 rows in a KB manifest', { ...base, files: Array.from({ length: 10_001 }, (_, i) => ({ name: `f${i}.txt`, version: null })) }],
  ['50001 rows in a KB manifest', { ...base, files: Array.from({ length: 50_001 }, (_, i) => ({ name: `f${i}.txt`, version: null })) }],
  [
    'format 1.2 fields',
    {
      ...base,
      formatVersion: '1.2.0',
      branch: '15.2.792',
      packagePlatform: 'x64',
      serviceBranch: 'SP2GDR',
      servicePack: 'SP2',
      rowBranches: true,
      packages: [{ name: 'windows-kb5099999-x64.msu', sha1: 'b'.repeat(40), sha256: 'c'.repeat(64) }, { name: 'only-a-name.exe' }],
      files: [
        { name: 'a.dll', version: '15.2.792.10', platform: 'i386', serviceBranch: 'WOW' },
        { name: 'Update.mum', version: null, servicing: true, kbSize: '1,906' },
      ],
    },
  ],
  ['branch of four parts', { ...base, branch: '15.2.792.10' }],
  ['bad packagePlatform', { ...base, packagePlatform: 'sparc' }],
  ['blank serviceBranch', { ...base, serviceBranch: ' ' }],
  ['rowBranches not a boolean', { ...base, rowBranches: 'yes' }],
  ['packages not an array', { ...base, packages: { name: 'a.msu' } }],
  ['package without a name', { ...base, packages: [{ sha1: 'b'.repeat(40) }] }],
  ['package with a short SHA-1', { ...base, packages: [{ name: 'a.msu', sha1: 'b'.repeat(39) }] }],
  ['package with an unknown field', { ...base, packages: [{ name: 'a.msu', md5: 'x' }] }],
  ['package name with a folder', { ...base, packages: [{ name: 'dl/a.msu' }] }],
  ['servicing not a boolean', { ...base, files: [{ name: 'a.mum', version: null, servicing: 1 }] }],
  ['row serviceBranch not a string', { ...base, files: [{ name: 'a.dll', version: null, serviceBranch: 3 }] }],
];

test('manifests/manifest.schema.json accepts and rejects what the validator does', async () => {
  const schema = JSON.parse(await readFile(new URL('manifest.schema.json', `file://${BUNDLED_MANIFEST_DIR}`), 'utf8'));
  const validate = new Ajv({ allErrors: true }).compile(schema);
  for (const [label, doc] of samples) {
    assert.equal(
      validate(doc),
      validateManifest(doc).length === 0,
      `${label}: schema says ${validate(doc)}, validator says ${JSON.stringify(validateManifest(doc))}`,
    );
  }
});

test('every bundled manifest is valid under both', async () => {
  const schema = JSON.parse(await readFile(new URL('manifest.schema.json', `file://${BUNDLED_MANIFEST_DIR}`), 'utf8'));
  const validate = new Ajv({ allErrors: true }).compile(schema);
  const files = (await readdir(BUNDLED_MANIFEST_DIR, { recursive: true })).filter((f) => f.endsWith('.json') && !f.endsWith('schema.json'));
  assert.ok(files.length >= 1);
  for (const file of files) {
    const doc = JSON.parse(await readFile(`${BUNDLED_MANIFEST_DIR}/${file}`, 'utf8'));
    assert.deepEqual(validateManifest(doc), [], file);
    assert.ok(validate(doc), `${file}: ${JSON.stringify(validate.errors)}`);
  }
});

test('snapshot manifests: paths tell rows apart, no branch rule; KB manifests keep both rules', () => {
  const snapshot = {
    ...base,
    kind: 'snapshot',
    files: [
      { name: 'a.dll', version: '5.0.1.1', path: 'x/a.dll' },
      { name: 'a.dll', version: '6.1.0.0', path: 'y/a.dll' },
    ],
  };
  assert.deepEqual(validateManifest(snapshot), []);
  const twice = validateManifest({ ...snapshot, files: [snapshot.files[0], { ...snapshot.files[0], path: 'X/A.dll' }] });
  assert.deepEqual(
    twice.map((p) => p.path),
    ['$.files[1].path'],
  );
  const kb = validateManifest({
    ...base,
    files: [
      { name: 'a.dll', version: '5.0.1.1' },
      { name: 'b.dll', version: '6.1.0.0' },
    ],
  });
  assert.deepEqual(
    kb.map((p) => p.path),
    ['$.files'],
  );
  const wrongName = validateManifest({ ...base, files: [{ name: 'a.dll', version: null, path: 'bin/b.dll' }] });
  assert.deepEqual(
    wrongName.map((p) => p.path),
    ['$.files[0].path'],
  );
});
