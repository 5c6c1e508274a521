// File names as bytes (src/source/fsNames.ts) and the manifest text checks (src/manifest/jsonShape.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeFsName, encodeFsName } from '../src/source/fsNames.js';
import { findDuplicateKey, tooDeepAt } from '../src/manifest/jsonShape.js';
import { prng } from './fuzz/peFuzzer.js';

test('valid UTF-8 names decode as Node decodes them', () => {
  for (const name of ['Emsmta.exe', 'café', '日本語.dll', '😀.cfg', 'a\u0000b', '\u07ff\u0800\uffff', '\u{10080}\u{100ff}.dll']) {
    assert.equal(decodeFsName(Buffer.from(name)), name);
    assert.ok(encodeFsName(name).equals(Buffer.from(name)));
  }
});

test('bytes that are not UTF-8 become lone surrogates U+DC80..U+DCFF, and come back exactly', () => {
  assert.equal(decodeFsName(Buffer.from([0x62, 0xff, 0xfe, 0x80])), 'b\udcff\udcfe\udc80');
  // Overlong forms, encoded surrogates, code points above U+10FFFF and cut sequences are not UTF-8.
  assert.equal(decodeFsName(Buffer.from([0xc0, 0xaf])), '\udcc0\udcaf');
  assert.equal(decodeFsName(Buffer.from([0xed, 0xa0, 0x80])), '\udced\udca0\udc80');
  assert.equal(decodeFsName(Buffer.from([0xf4, 0x90, 0x80, 0x80])), '\udcf4\udc90\udc80\udc80');
  assert.equal(decodeFsName(Buffer.from([0xe2, 0x82])), '\udce2\udc82');
  const random = prng(0xf5);
  for (let i = 0; i < 5000; i++) {
    const bytes = Buffer.from(Array.from({ length: Math.floor(random() * 12) }, () => Math.floor(random() * 256)));
    const name = decodeFsName(bytes);
    assert.ok(encodeFsName(name).equals(bytes), `round trip of ${bytes.toString('hex')}`);
    if (bytes.toString('utf8') === name) assert.ok(!/[\udc80-\udcff]/.test(name));
  }
});

test('nesting depth is measured outside strings, on any text', () => {
  assert.equal(tooDeepAt('{"a": [[1]]}', 3), undefined);
  assert.equal(tooDeepAt('{"a": [[[1]]]}', 3), 8);
  assert.equal(tooDeepAt('{"a": "[[[[[[\\"[[[["}', 2), undefined);
  assert.equal(tooDeepAt('['.repeat(1_000_000)), 32);
});

test('duplicate keys are found with their JSON path, in any object', () => {
  assert.equal(findDuplicateKey('{"a": 1, "b": {"a": 2}}'), undefined);
  assert.deepEqual(findDuplicateKey('{"files": [], "id": "x", "files": []}'), { path: '$.files', key: 'files' });
  assert.deepEqual(findDuplicateKey('{"files": [{"name": "a"}, {"name": "b", "version": null, "name": "c"}]}'), {
    path: '$.files[1].name',
    key: 'name',
  });
  assert.deepEqual(findDuplicateKey('{"x y": {"\\u0061": 1, "a": 2}}'), { path: '$["x y"].a', key: 'a' });
  assert.equal(findDuplicateKey('{"a": ["a", "a"], "b": "a"}'), undefined);
});
