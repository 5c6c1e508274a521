// The hand-written validator refuses what manifests/manifest.schema.json refuses (test/manifest/schema.test.ts checks the schema side).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateManifest } from '../../src/manifest/validateManifest.js';

describe('manifest format: the validator refuses what manifests/manifest.schema.json refuses', () => {
  const base = {
    formatVersion: '1.0.0',
    id: 'Q1',
    title: 'T',
    product: 'P',
    rule: 'or-later',
    files: [{ name: 'a.dll', version: '5.0.1.1' }],
  };

  it('formatVersion is plain MAJOR.MINOR.PATCH: no "v", "=", spaces or build metadata', () => {
    for (const formatVersion of ['v1.0.0', '=1.0.0', ' 1.0.0', '1.0.0+build.1']) {
      assert.deepEqual(
        validateManifest({ ...base, formatVersion }).map((p) => p.path),
        ['$.formatVersion'],
        formatVersion,
      );
    }
    assert.deepEqual(validateManifest({ ...base, formatVersion: '1.2.3' }), []);
  });

  it('an alias must be a plain file name, like the row name', () => {
    const problems = validateManifest({ ...base, files: [{ name: 'a.dll', version: '5.0.1.1', aliases: ['b.dll', 'bin/c.dll'] }] });
    assert.deepEqual(
      problems.map((p) => p.path),
      ['$.files[0].aliases[1]'],
    );
  });
});
