// Review B: what the README promises of the importer, the manifest format and the library,
// one test per problem found (small invented KB texts; nothing is read from ../shared).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseKbArticle } from '../src/kb/parseKbArticle.js';
import { validateManifest } from '../src/manifest/validateManifest.js';
import { directorySource } from '../src/source/directorySource.js';
import { openSource } from '../src/source/openSource.js';
import { makeTree } from './helpers/serverTree.js';
import { tempDir } from './helpers/tempDir.js';

const BIN = fileURLToPath(new URL('../../bin/hotfix-verify.js', import.meta.url));

/** An Exchange 5.0 article whose table is `table` (lines as printed). */
function article(id: string, table: string): string {
  return [
    `DOCUMENT:${id}  08-MAY-2002  [exchange]`,
    `TITLE   :XCON: Test article ${id}`,
    'PRODUCT :Microsoft Exchange',
    'PROD/VER:winnt:5.0,5.5',
    'OPER/SYS:',
    '',
    'The information in this article applies to:',
    '',
    ' - Microsoft Exchange Server, versions 5.0, 5.5',
    '',
    'RESOLUTION',
    '==========',
    '',
    'The English version of this fix should have the following file attributes or',
    'later:',
    '',
    table,
    '',
    'STATUS',
    '======',
    '',
  ].join('\n');
}

describe('import: a column table that goes on after a blank line', () => {
  it('keeps N/A rows after the blank line in the same fix (they print no branch of their own)', () => {
    const text = article(
      'Q900001',
      [
        '   File Name      Version',
        '   -----------------------',
        '   Emsmta.exe     5.0.1462.10',
        '   Mtamsg.dll     5.0.1462.10',
        '',
        '   Dbserver.sch   N/A',
        '   P2.xv2         N/A',
      ].join('\n'),
    );
    const manifests = parseKbArticle(text, 'Q900001.TXT');
    assert.deepEqual(
      manifests.map((m) => m.id),
      ['Q900001'],
    );
    const [only] = manifests;
    assert.deepEqual(
      only?.files.map((f) => `${f.name} ${f.version}`),
      ['Emsmta.exe 5.0.1462.10', 'Mtamsg.dll 5.0.1462.10', 'Dbserver.sch null', 'P2.xv2 null'],
    );
    assert.equal(only?.branch, '5.0');
    assert.deepEqual(validateManifest(only), []);
  });

  it('still splits rows of another branch after the blank line (Q195215), N/A rows going with the rows above them', () => {
    const text = article(
      'Q900002',
      [
        '   File Name      Version',
        '   -----------------------',
        '   Store.exe      5.5.2438.0',
        '   Mdbmsg.dll     5.5.2438.0',
        '',
        '   Dbserver.sch   N/A',
        '',
        '   Store.exe      5.0.1461.75',
        '   Mdbmsg.dll     5.0.1461.75',
      ].join('\n'),
    );
    const manifests = parseKbArticle(text, 'Q900002.TXT');
    assert.deepEqual(
      manifests.map((m) => `${m.id}: ${m.files.map((f) => f.name).join(', ')}`),
      ['Q900002-5.5: Store.exe, Mdbmsg.dll, Dbserver.sch', 'Q900002-5.0: Store.exe, Mdbmsg.dll'],
    );
  });
});

describe('import: a table with a Language column and no announcing sentence', () => {
  it('gives one manifest per language, with no note that the build language is unknown', () => {
    const text =
      article('Q900004', '').replace(/The English version of this fix[^\n]*\nlater:\n/, '') +
      [
        '+-------------------------------------------+',
        '| File name    | Version     | Language     |',
        '+-------------------------------------------+',
        '| Emsmta.exe   | 5.0.1462.10 | English      |',
        '+-------------------------------------------+',
        '| Emsmta.exe   | 5.0.1462.11 | German       |',
        '+-------------------------------------------+',
        '| Dbserver.sch | N/A         | Neutral      |',
        '+-------------------------------------------+',
        '',
      ].join('\n');
    const manifests = parseKbArticle(text, 'Q900004.TXT');
    assert.deepEqual(
      manifests.map((m) => `${m.id} ${m.language?.id} ${m.files.map((f) => f.name).join(',')}`),
      ['Q900004-5.0-en 0x0409 Emsmta.exe,Dbserver.sch', 'Q900004-5.0-de 0x0407 Emsmta.exe,Dbserver.sch'],
    );
    for (const manifest of manifests) assert.deepEqual(manifest.notes ?? [], [], manifest.id);
  });
});

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

describe('library: every source openSource gives can be closed, as the README says', () => {
  it('a folder source has close() (it holds nothing, so it is a no-op)', async () => {
    const root = await makeTree({ 'a.txt': { text: 'x' } });
    const folder = await directorySource(root);
    assert.equal(typeof folder.close, 'function');
    await folder.close?.();
    const opened = await openSource(root, {});
    await opened.close!();
  });
});

describe('CLI: a reader that closes stdout before the output is written (| head -0)', () => {
  it('is one line on stderr and exit 2 (a report that cannot be written), not a crash with a stack trace', async () => {
    const dir = await tempDir('hv-rb-');
    const file = path.join(dir, 'Q900003.TXT');
    await writeFile(
      file,
      article('Q900003', ['   File Name   Version', '   -----------------------', '   Emsmta.exe  5.0.1462.10'].join('\n')),
    );
    const child = spawn(process.execPath, [BIN, 'import', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // before node has even started: its first write meets a closed pipe
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, 'hotfix-verify: cannot write to stdout: the reader closed the pipe\n');
    assert.equal(code, 2);
  });
});
