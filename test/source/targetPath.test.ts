// The one path joiner and relative-path reporter (src/source/targetPath.ts), with Windows inputs on every platform (path.win32).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { isDevicePath, joinUnder, relativeUnder, resolveTarget } from '../../src/source/targetPath.js';

const win = path.win32;
const posix = path.posix;
const report = 'exchsrvr/bin/emsmta.exe';

test('Windows: a file under a drive-letter, \\\\?\\, UNC or \\\\?\\UNC target is joined with backslashes only', () => {
  const cases: [typed: string, joined: string][] = [
    ['D:\\srv', 'D:\\srv\\exchsrvr\\bin\\emsmta.exe'],
    ['d:/SRV/', 'd:\\SRV\\exchsrvr\\bin\\emsmta.exe'],
    ['D:\\', 'D:\\exchsrvr\\bin\\emsmta.exe'],
    // The bug this module fixes: '/' after \\?\ is a literal character to Windows, and the folder is not found.
    ['\\\\?\\D:\\srv', '\\\\?\\D:\\srv\\exchsrvr\\bin\\emsmta.exe'],
    ['\\\\?\\D:\\srv\\', '\\\\?\\D:\\srv\\exchsrvr\\bin\\emsmta.exe'],
    ['\\\\?\\D:/srv//old/', '\\\\?\\D:\\srv\\old\\exchsrvr\\bin\\emsmta.exe'],
    ['\\\\?\\D:\\', '\\\\?\\D:\\exchsrvr\\bin\\emsmta.exe'],
    ['\\\\EXCH01\\d$\\exchsrvr', '\\\\EXCH01\\d$\\exchsrvr\\exchsrvr\\bin\\emsmta.exe'],
    ['\\\\EXCH01\\d$', '\\\\EXCH01\\d$\\exchsrvr\\bin\\emsmta.exe'],
    ['//EXCH01/d$/', '\\\\EXCH01\\d$\\exchsrvr\\bin\\emsmta.exe'],
    ['\\\\?\\UNC\\EXCH01\\d$\\exchsrvr', '\\\\?\\UNC\\EXCH01\\d$\\exchsrvr\\exchsrvr\\bin\\emsmta.exe'],
  ];
  for (const [typed, joined] of cases) {
    const root = resolveTarget(typed, win);
    const full = joinUnder(root, report, win);
    assert.equal(full, joined, typed);
    if (isDevicePath(typed)) assert.ok(!full.slice(4).includes('/'), `no '/' after the prefix of ${full}`);
    assert.equal(joinUnder(root, '', win), root, `the root itself: ${typed}`);
  }
});

test('Windows: \\\\?\\D: (no backslash) is the volume; the target is its root folder', () => {
  assert.equal(resolveTarget('\\\\?\\D:', win), '\\\\?\\D:\\');
  // path.win32.resolve would make the root folder the volume: resolveTarget must not.
  assert.equal(win.resolve('\\\\?\\D:\\'), '\\\\?\\D:');
  assert.equal(resolveTarget('\\\\?\\D:\\', win), '\\\\?\\D:\\');
  assert.equal(joinUnder('\\\\?\\D:', '', win), '\\\\?\\D:\\');
  assert.equal(joinUnder('\\\\?\\D:', 'a.dll', win), '\\\\?\\D:\\a.dll');
});

test('Windows: relative and drive-relative targets resolve against the working folder', () => {
  const cwd = win.resolve('.');
  assert.equal(resolveTarget('server', win), win.join(cwd, 'server'));
  assert.equal(resolveTarget('.\\server\\..\\server\\', win), win.join(cwd, 'server'));
  assert.ok(win.isAbsolute(resolveTarget('C:server', win)));
});

test('POSIX: joined with "/", the target as resolved', () => {
  assert.equal(joinUnder('/srv/exchange', report, posix), '/srv/exchange/exchsrvr/bin/emsmta.exe');
  assert.equal(joinUnder('/', report, posix), '/exchsrvr/bin/emsmta.exe');
  assert.equal(joinUnder('/srv', '', posix), '/srv');
  // A backslash is an ordinary character of a Linux name, never a separator.
  assert.equal(joinUnder('/srv', 'a\\b.dll', posix), '/srv/a\\b.dll');
  assert.equal(resolveTarget('/srv//exchange/', posix), '/srv/exchange');
  assert.equal(resolveTarget('\\\\?\\D:\\srv', posix), posix.resolve('\\\\?\\D:\\srv'));
});

test('Windows: a path under the target is reported relative to it with "/", whatever spelling each side has', () => {
  const cases: [root: string, full: string, shown: string | undefined][] = [
    ['D:\\srv', 'D:\\srv\\exchsrvr\\bin\\emsmta.exe', report],
    ['D:\\srv', 'D:\\srv', ''],
    // realpath gives the ordinary, case-corrected spelling of a target typed \\?\ or in other case.
    ['\\\\?\\d:\\SRV', 'D:\\srv\\exchsrvr\\bin\\emsmta.exe', report],
    ['D:\\srv', '\\\\?\\D:\\srv\\exchsrvr\\bin\\emsmta.exe', report],
    ['\\\\?\\UNC\\exch01\\d$\\srv', '\\\\EXCH01\\D$\\srv\\exchsrvr\\bin\\emsmta.exe', report],
    ['\\\\exch01\\d$\\srv', '\\\\?\\UNC\\exch01\\d$\\srv\\exchsrvr\\bin\\emsmta.exe', report],
    ['\\\\?\\D:\\', 'D:\\exchsrvr\\bin\\emsmta.exe', report],
    // Outside: a sibling folder, a prefix of the name, another drive, another share, the parent.
    ['D:\\srv', 'D:\\other\\emsmta.exe', undefined],
    ['D:\\srv', 'D:\\srv2\\emsmta.exe', undefined],
    ['D:\\srv', 'E:\\srv\\emsmta.exe', undefined],
    ['\\\\exch01\\d$\\srv', '\\\\exch02\\d$\\srv\\emsmta.exe', undefined],
    ['\\\\exch01\\d$\\srv', '\\\\exch01\\c$\\srv\\emsmta.exe', undefined],
    ['D:\\srv\\exchsrvr', 'D:\\srv', undefined],
  ];
  for (const [root, full, shown] of cases) assert.equal(relativeUnder(root, full, win), shown, `${full} under ${root}`);
  // A name that only starts with two dots is inside.
  assert.equal(relativeUnder('D:\\srv', 'D:\\srv\\..emsmta.exe', win), '..emsmta.exe');
});

test('POSIX: relative paths with "/", case-sensitive, outside is undefined', () => {
  assert.equal(relativeUnder('/srv', '/srv/exchsrvr/bin/emsmta.exe', posix), report);
  assert.equal(relativeUnder('/srv', '/srv', posix), '');
  assert.equal(relativeUnder('/srv', '/SRV/a.dll', posix), undefined);
  assert.equal(relativeUnder('/srv', '/srv2/a.dll', posix), undefined);
  assert.equal(relativeUnder('/srv/a', '/srv', posix), undefined);
  assert.equal(relativeUnder('/srv', '/srv/..a.dll', posix), '..a.dll');
});

test('device paths are told apart from UNC paths and ordinary ones', () => {
  for (const device of ['\\\\?\\D:\\', '\\\\.\\D:\\', '\\\\?\\UNC\\s\\x', '//?/D:/']) assert.equal(isDevicePath(device), true, device);
  for (const other of ['\\\\server\\share', 'D:\\', '/srv', '\\srv', 'srv']) assert.equal(isDevicePath(other), false, other);
});
