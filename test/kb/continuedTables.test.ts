// Importer layouts found in the review of real articles: tables that go on after a blank line, Language columns.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseKbArticle } from '../../src/kb/parseKbArticle.js';
import { validateManifest } from '../../src/manifest/validateManifest.js';

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
