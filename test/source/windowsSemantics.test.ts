// Windows file semantics that can be checked on any platform: opening without O_NOFOLLOW (lstat first), the words of the
// errors Node gives on Windows, and archive entry names Windows cannot hold. (The real Windows build runs in test/windows/.)
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { constants as fsConstants } from 'node:fs';
import { rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { errnoWords } from '../../src/errors.js';
import { loadBundledManifest } from '../../src/manifest/loadManifest.js';
import { scan } from '../helpers/scan.js';
import { lastSegment, normaliseEntryPath, windowsNameProblem } from '../../src/source/entryPath.js';
import { openSource } from '../../src/source/openSource.js';
import { openFailure, openNoFollow } from '../../src/source/openNoFollow.js';
import { SourceOpenError } from '../../src/source/types.js';
import { exchangeServer } from '../helpers/serverTree.js';
import { tarTree, writeTemp, zipTree } from '../helpers/imageBuilders.js';
import { tempDir } from '../helpers/tempDir.js';

/** The open flags Node has on Windows: no O_NOFOLLOW, no O_NONBLOCK. */
const WINDOWS_FLAGS = { O_RDONLY: fsConstants.O_RDONLY };

const made: string[] = [];
after(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));
async function folder(): Promise<string> {
  const dir = await tempDir('hv-windows-');
  made.push(dir);
  return dir;
}

/** The SourceOpenError a promise rejects with. */
async function refusal(promise: Promise<unknown>): Promise<SourceOpenError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SourceOpenError, String(error));
    return error;
  }
  assert.fail('expected a SourceOpenError');
}

test('without O_NOFOLLOW (Windows), a regular file opens and a link is refused after lstat', async () => {
  const dir = await folder();
  await writeFile(path.join(dir, 'emsmta.exe'), 'MZ');
  await writeFile(path.join(dir, 'elsewhere.exe'), 'MZ');
  await symlink(path.join(dir, 'elsewhere.exe'), path.join(dir, 'mtamsg.dll'));
  const handle = await openNoFollow(Buffer.from(path.join(dir, 'emsmta.exe')), 'emsmta.exe', WINDOWS_FLAGS);
  assert.equal((await handle.stat()).size, 2);
  await handle.close();
  const link = await refusal(openNoFollow(Buffer.from(path.join(dir, 'mtamsg.dll')), 'mtamsg.dll', WINDOWS_FLAGS));
  assert.equal(link.code, 'unreadable');
  assert.match(link.message, /symbolic link or junction .*not followed/);
  const gone = await refusal(openNoFollow(Buffer.from(path.join(dir, 'gone.dll')), 'gone.dll', WINDOWS_FLAGS));
  assert.equal(gone.code, 'vanished');
});

test('with O_NOFOLLOW (POSIX), a link that replaced a listed file is not followed either', async () => {
  const dir = await folder();
  await writeFile(path.join(dir, 'elsewhere.exe'), 'MZ');
  await symlink(path.join(dir, 'elsewhere.exe'), path.join(dir, 'mtamsg.dll'));
  const link = await refusal(openNoFollow(Buffer.from(path.join(dir, 'mtamsg.dll')), 'mtamsg.dll'));
  assert.equal(link.code, 'unreadable');
});

test('a file a running service holds (EBUSY, a sharing violation) is unverifiable "in use", never a crash', () => {
  const busy = Object.assign(new Error("EBUSY: resource busy or locked, open 'D:\\srv\\emsmta.exe'"), { code: 'EBUSY' });
  const failure = openFailure('exchsrvr/bin/emsmta.exe', busy);
  assert.equal(failure.code, 'in-use');
  assert.match(failure.message, /^cannot be opened: in use by another program \(on Windows: a sharing or lock violation/);
});

test('every error code Node gives for Windows file and share errors has words', () => {
  // ERROR_FILE_NOT_FOUND/PATH_NOT_FOUND/INVALID_NAME, ACCESS_DENIED, PRIVILEGE_NOT_HELD, SHARING_VIOLATION/LOCK_VIOLATION,
  // NETNAME_DELETED, NOT_CONNECTED, SEM_TIMEOUT, FILENAME_EXCED_RANGE, CANT_RESOLVE_FILENAME, BAD_NETPATH/BAD_NET_NAME (UNKNOWN).
  const codes = ['ENOENT', 'EACCES', 'EPERM', 'EBUSY', 'ECONNRESET', 'ENOTCONN', 'ETIMEDOUT', 'ENAMETOOLONG', 'ELOOP', 'UNKNOWN'];
  for (const code of codes) {
    const words = errnoWords(Object.assign(new Error(`${code}: raw message`), { code }));
    assert.doesNotMatch(words, /raw message/, code);
  }
  assert.match(errnoWords({ code: 'UNKNOWN' }), /share that cannot be reached/);
  assert.match(errnoWords({ code: 'EACCES' }), /access denied/);
});

test('archive names Windows cannot hold: device names, trailing dots and spaces, reserved characters', () => {
  for (const name of ['CON', 'nul', 'NUL.txt', 'aux.dll', 'COM1', 'lpt9.log', 'com\u00b9', 'CONOUT$', 'nul .txt']) {
    assert.match(windowsNameProblem(name) ?? '', /device name/, name);
  }
  for (const name of ['emsmta.exe.', 'emsmta.exe ', 'folder. ']) assert.match(windowsNameProblem(name) ?? '', /dot or space/, name);
  for (const name of ['a<b.dll', 'a|b', 'emsmta.exe:stream', 'what?.dll', 'tab\there']) {
    assert.match(windowsNameProblem(name) ?? '', /character Windows does not allow/, name);
  }
  for (const name of ['emsmta.exe', 'console.dll', 'nullable.dll', 'COM10', 'lpt', '.hidden', 'a.b.c']) {
    assert.equal(windowsNameProblem(name), undefined, name);
  }
  const dotted = normaliseEntryPath('exchsrvr\\bin\\Emsmta.exe.');
  assert.equal(dotted.ok, false);
  assert.equal(!dotted.ok && dotted.windowsName, true);
  assert.equal(normaliseEntryPath('exchsrvr/AUX/emsmta.exe').ok, false);
  // Matched as Windows would read the name: "Emsmta.exe." and "Emsmta.exe:stream" are Emsmta.exe.
  assert.equal(lastSegment('exchsrvr/bin/Emsmta.exe.'), 'Emsmta.exe');
  assert.equal(lastSegment('exchsrvr/bin/Emsmta.exe:evil'), 'Emsmta.exe');
  assert.equal(lastSegment('exchsrvr/bin/Emsmta.exe .'), 'Emsmta.exe');
});

for (const format of ['zip', 'tar'] as const) {
  test(`${format}: an entry named like a manifest file that Windows would rename is unverifiable; others are skipped`, async () => {
    const files = exchangeServer();
    const odd = { text: 'an old build written under a name Windows reads as another' };
    const bytes =
      format === 'zip'
        ? await zipTree(files, { buffers: { 'exchsrvr/bin/Emsmta.exe.': Buffer.from(odd.text), 'docs/NUL.txt': Buffer.from('x') } })
        : await tarTree(files, {
            extras: {
              'exchsrvr/bin/Emsmta.exe.': { type: 'file', bytes: Buffer.from(odd.text) },
              'docs/NUL.txt': { type: 'file', bytes: Buffer.from('x') },
              'docs/a:b': { type: 'file', bytes: Buffer.from('x') },
            },
          });
    const source = await openSource(await writeTemp(`image.${format}`, bytes));
    try {
      const report = await scan({ manifests: [await loadBundledManifest()], source });
      assert.equal(report.complete, true, 'names that no manifest asks for do not make the scan incomplete');
      assert.deepEqual(report.problems, []);
      const row = report.manifests[0]!.rows.find((each) => each.name === 'Emsmta.exe')!;
      const refused = row.copies.find((copy) => copy.path === 'exchsrvr/bin/Emsmta.exe.');
      assert.equal(refused?.status, 'unverifiable');
      assert.equal(refused?.reason, 'unsafe-path');
      assert.equal(row.status, 'unverifiable');
    } finally {
      await source.close?.();
    }
  });
}
