import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  branchOf,
  compareVersions,
  formatVersion,
  parseLooseVersion,
  parseVersion,
  versionFromFixed,
  VersionSyntaxError,
} from '../../src/version/windowsVersion.js';

test('parses four parts as numbers', () => {
  assert.deepEqual(parseVersion('5.0.1462.10'), [5, 0, 1462, 10]);
  assert.deepEqual(parseVersion('0.0.0.0'), [0, 0, 0, 0]);
  assert.deepEqual(parseVersion('65535.65535.65535.65535'), [65535, 65535, 65535, 65535]);
});

test('compares numerically in every part, not as text', () => {
  assert.equal(compareVersions(parseVersion('5.0.1462.10'), parseVersion('5.0.1462.9')), 1);
  assert.equal(compareVersions(parseVersion('5.0.1462.100'), parseVersion('5.0.1462.10')), 1);
  assert.equal(compareVersions(parseVersion('5.0.1462.10'), parseVersion('5.0.1462.10')), 0);
  assert.equal(compareVersions(parseVersion('5.0.999.10'), parseVersion('5.0.1462.1')), -1);
  assert.equal(compareVersions(parseVersion('5.10.0.0'), parseVersion('5.9.65535.65535')), 1);
  assert.equal(compareVersions(parseVersion('10.0.0.0'), parseVersion('9.65535.65535.65535')), 1);
  assert.equal(compareVersions(parseVersion('5.0.1462.10'), parseVersion('5.5.0.0')), -1);
});

test('rejects out-of-range and malformed versions with the reason', () => {
  const bad: [string, RegExp][] = [
    ['5.0.1462.65536', /part 4 is 65536, above 65535/],
    ['5.0.x', /expected 4 dot-separated parts, found 3/],
    ['5.0.1462.x', /part 4 \("x"\) is not a whole number/],
    ['5.0.1462', /found 3/],
    ['5.0.1462.10.1', /found 5/],
    ['', /found 1/],
    ['5.0.-1.0', /part 3/],
    ['5..1462.10', /part 2/],
    [' 5.0.1462.10', /part 1/],
    ['5.0.1462.1e1', /part 4/],
    ['5.00.1462.10', /part 2 \("00"\) has a leading zero/],
    ['5.0.1462.100000', /part 4/],
  ];
  for (const [text, reason] of bad) {
    assert.throws(
      () => parseVersion(text),
      (error: unknown) => error instanceof VersionSyntaxError && reason.test(error.message),
      text,
    );
  }
});

test('reads loose string versions as Windows tools show them', () => {
  assert.deepEqual(parseLooseVersion('5, 0, 1462, 10'), [5, 0, 1462, 10]);
  assert.deepEqual(parseLooseVersion('5.0.1462.10 (SP4.040602-1200)'), [5, 0, 1462, 10]);
  assert.deepEqual(parseLooseVersion('5.00.1462.10'), [5, 0, 1462, 10]);
  assert.deepEqual(parseLooseVersion('5.5'), [5, 5, 0, 0]);
  assert.equal(parseLooseVersion('version five'), undefined);
  assert.equal(parseLooseVersion('5.0.1462.70000'), undefined);
});

test('splits VS_FIXEDFILEINFO halves into four parts', () => {
  assert.deepEqual(versionFromFixed(0x00050000, 0x05b6000a), [5, 0, 1462, 10]);
  assert.deepEqual(versionFromFixed(0xffffffff, 0xffffffff), [65535, 65535, 65535, 65535]);
  assert.equal(formatVersion([5, 0, 1462, 10]), '5.0.1462.10');
  assert.equal(branchOf([5, 5, 2653, 23]), '5.5');
});
