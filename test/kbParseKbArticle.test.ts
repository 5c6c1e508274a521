import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatKbWarning, importKbArticle, parseKbArticle, KbImportError, type KbImportErrorCode } from '../src/kb/parseKbArticle.js';
import type { Manifest, ManifestFile } from '../src/manifest/types.js';
import { validateManifest } from '../src/manifest/validateManifest.js';
import * as fx from './fixtures-kb/articles.js';

/** One row as a line: every field the verifier uses, "-" where absent. */
function rowText(file: ManifestFile): string {
  return [
    file.name,
    file.version ?? 'null',
    `size=${file.size ?? '-'}`,
    `date=${file.date ?? '-'}`,
    `platform=${file.platform ?? '-'}`,
    ...(file.kbVersion !== undefined ? [`kb=${file.kbVersion}`] : []),
    ...(file.aliases !== undefined ? [`aliases=${file.aliases.join(',')}`] : []),
  ].join(' ');
}

/** Parses an invented article and checks every manifest against the manifest format. */
function parse(text: string, name = 'test.TXT'): Manifest[] {
  const manifests = parseKbArticle(text, name);
  for (const manifest of manifests) assert.deepEqual(validateManifest(manifest), [], `${manifest.id} is not a valid manifest`);
  return manifests;
}

function only(text: string): Manifest {
  const manifests = parse(text);
  assert.equal(manifests.length, 1);
  return manifests[0] as Manifest;
}

/** Asserts that parsing throws KbImportError with this code, on this line, naming the article and line in its message. */
function rejects(text: string, code: KbImportErrorCode, line: number): KbImportError {
  let caught: unknown;
  try {
    parseKbArticle(text, 'Q9.TXT');
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof KbImportError, `expected KbImportError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.equal(caught.line, line, caught.message);
  assert.equal(caught.article, 'Q9.TXT');
  assert.match(caught.message, new RegExp(`^Q9\\.TXT, line ${line}: `));
  return caught;
}

const ENGLISH = { name: 'English', id: '0x0409' };

describe('parseKbArticle: layouts', () => {
  it('reads a boxed table (File name | Version) with N/A rows, CRLF line ends', () => {
    const m = only(fx.BOXED);
    // An Exchange 5.0 table: the importer adds the product's platforms (and install folders, when it knows every file): format 1.1.
    assert.equal(m.formatVersion, '1.1.0');
    assert.deepEqual(m.platforms, ['i386', 'alpha']);
    assert.equal(m.id, 'Q900101');
    assert.equal(m.title, 'XCON: Invented MTA Stops With Event 9999');
    assert.equal(m.product, 'Microsoft Exchange Server');
    assert.equal(m.productVersion, '5.0');
    assert.equal(m.branch, '5.0');
    assert.equal(m.component, 'MTA');
    assert.deepEqual(m.language, ENGLISH);
    assert.equal(m.rule, 'or-later');
    assert.equal(m.date, '2002-05-08');
    assert.deepEqual(m.files.map(rowText), [
      'Emsmta.exe 5.0.1463.4 size=- date=- platform=-',
      'Emsrid.dll 5.0.1463.4 size=- date=- platform=- aliases=Ems_rid.dll',
      'Routes.sch null size=- date=- platform=-',
      'Mtaperf.cfg null size=- date=- platform=-',
      'Mtaext.dll null size=- date=- platform=-',
    ]);
    // Data files and N/A rows say why they are checked by presence.
    assert.deepEqual(
      m.files.map((file) => file.note !== undefined),
      [false, true, true, true, true],
    );
  });

  it('reads a column table "File Name  Version" under a dashed rule', () => {
    const m = only(fx.NAME_VERSION);
    assert.equal(m.id, 'Q900102');
    assert.equal(m.product, 'Microsoft Exchange Server');
    assert.equal(m.productVersion, '5.5');
    assert.equal(m.branch, '5.5');
    assert.equal(m.component, 'Connector for Test Mail');
    assert.deepEqual(m.language, ENGLISH);
    assert.equal(m.date, '1999-05-05');
    assert.deepEqual(m.files.map(rowText), [
      'Tstc.exe 5.5.2401.0 size=- date=- platform=-',
      'Tstmsg.dll 5.5.2401.0 size=- date=- platform=-',
    ]);
    assert.equal(m.notes, undefined);
  });

  it('reads "Date Time Version Size File name Platform", one row per platform', () => {
    const m = only(fx.PLATFORM_SPLIT);
    assert.equal(m.product, 'Microsoft Systems Management Server');
    assert.equal(m.productVersion, '2.0');
    assert.equal(m.branch, '2.0');
    assert.equal(m.component, undefined);
    assert.deepEqual(m.language, ENGLISH);
    // Rows with a version are judged by it: the KB's size and date describe one build, not "or later" ones.
    assert.deepEqual(m.files.map(rowText), [
      'Tsteval.dll 2.0.1493.3300 size=- date=- platform=alpha',
      'Tsteval.dll 2.0.1493.3300 size=- date=- platform=i386',
      'Tstmgr.dll 2.0.1493.3300 size=- date=- platform=alpha',
      'Tstmgr.dll 2.0.1493.3300 size=- date=- platform=i386',
    ]);
    assert.equal(m.notes?.length, 1, 'the unusual "post-Service Pack 3" sentence is kept as a note');
  });

  it('reads "Date Time Size File name Platform" (no version column) as date rows', () => {
    const m = only(fx.NO_VERSION);
    assert.equal(m.product, 'Microsoft Windows NT');
    assert.equal(m.productVersion, '4.0');
    assert.equal(m.branch, undefined);
    assert.deepEqual(m.language, ENGLISH);
    assert.deepEqual(m.files.map(rowText), [
      'Tstkrnl.exe null size=954944 date=2000-06-14 platform=i386',
      'Tstkrnl.exe null size=1401728 date=2000-06-14 platform=alpha',
      'Tstcfg.ini null size=12288 date=1999-12-31 platform=i386',
    ]);
    assert.equal(m.notes?.length, 1, 'a manifest without versions says how it is judged');
  });

  it('reads "File name  Date  Time" (no version, no size) and the Japanese language', () => {
    const m = only(fx.NAME_DATE_TIME);
    assert.equal(m.product, 'Microsoft Windows NT Server');
    assert.equal(m.productVersion, '4.0');
    assert.equal(m.branch, undefined);
    assert.deepEqual(m.language, { name: 'Japanese', id: '0x0411' });
    assert.deepEqual(m.files.map(rowText), [
      'Tstdd.dll null size=- date=2000-05-10 platform=-',
      'Tstui.dll null size=- date=2000-05-09 platform=-',
    ]);
  });

  it('reads another order and subset: "Filename  Language  File size  File version"', () => {
    const m = only(fx.OTHER_ORDER);
    assert.equal(m.product, 'Microsoft Internet Information Services');
    assert.equal(m.productVersion, '5.0');
    assert.equal(m.branch, '5.0');
    assert.deepEqual(m.language, { name: 'German', id: '0x0407' });
    assert.deepEqual(m.files.map(rowText), [
      'Tstlog.dll 5.0.2195.2101 size=- date=- platform=-',
      'Tstlogui.dll 5.0.2195.2101 size=- date=- platform=-',
    ]);
  });

  it('never uses the article date for a table with neither version nor date: presence and size only', () => {
    const text = fx.article(
      { id: 'Q900124', title: 'Invented', ...fx.EXCHANGE_50 },
      `The English version of this fix should have the following file attributes or
later:

   File name      File size
   ------------------------
   Tstmta.exe     1,204,224
   Tstmta.dat          512
`,
    );
    const m = only(text);
    // The DOCUMENT date is that of the article's last revision, often years after the build: no floor for a timestamp.
    assert.deepEqual(m.files.map(rowText), [
      'Tstmta.exe null size=1204224 date=- platform=-',
      'Tstmta.dat null size=512 date=- platform=-',
    ]);
    assert.equal(m.date, '2002-05-08');
  });

  it('reads values that overflow their columns, spaces in values and empty cells', () => {
    const m = only(fx.OVERFLOW);
    assert.equal(m.branch, '5.0');
    assert.deepEqual(m.files.map(rowText), [
      'Tstlog.dll 5.0.2195.2096 size=- date=- platform=i386',
      'Tstverylongname.dll 5.0.2195.2096 size=- date=- platform=i386',
      'Tst catalog.cat null size=8192 date=2001-06-12 platform=i386',
    ]);
    // The truncated year "200" is not guessed; the row does not need it, and says so.
    assert.match(m.files[0]?.note ?? '', /6\/12\/200/);
  });
});

describe('parseKbArticle: sections, branches, rows', () => {
  it('makes one manifest per product section, each with its branch and an id suffix', () => {
    const manifests = parse(fx.MULTI_SECTION);
    assert.deepEqual(
      manifests.map((m) => [m.id, m.productVersion, m.branch, m.component, m.language?.id]),
      [
        ['Q900108-5.0', '5.0', '5.0', 'Information Store', '0x0409'],
        ['Q900108-5.5', '5.5', '5.5', 'Store', '0x0409'],
      ],
    );
    assert.deepEqual(
      manifests.map((m) => m.files.map(rowText)),
      [
        ['Tststore.exe 5.0.1461.91 size=- date=- platform=-', 'Tstmsg.dll 5.0.1461.91 size=- date=- platform=-'],
        [
          'Tststore.exe 5.5.2450.0 size=- date=- platform=-',
          'Tstmsg.dll 5.5.2450.0 size=- date=- platform=-',
          'Tstgapi.dll 5.5.2450.0 size=- date=- platform=-',
        ],
      ],
    );
    for (const m of manifests) assert.equal(m.product, 'Microsoft Exchange Server');
  });

  it('splits a table that continues after a blank line with rows of another branch', () => {
    const manifests = parse(fx.CONTINUED);
    assert.deepEqual(
      manifests.map((m) => [m.id, m.branch, m.productVersion, m.component, m.files.map(rowText)]),
      [
        [
          'Q900109-5.5',
          '5.5',
          '5.5',
          'Store',
          ['Tststore.exe 5.5.2438.1 size=- date=- platform=-', 'Tstmsg.dll 5.5.2438.1 size=- date=- platform=-'],
        ],
        [
          'Q900109-5.0',
          '5.0',
          '5.0',
          'Store',
          ['Tststore.exe 5.0.1461.77 size=- date=- platform=-', 'Tstmsg.dll 5.0.1461.77 size=- date=- platform=-'],
        ],
      ],
    );
  });

  it('splits a table with a Language column into one manifest per language, neutral rows in each', () => {
    const text = fx.article(
      { id: 'Q900126', title: 'Invented', ...fx.EXCHANGE_50 },
      `The fix contains the following files:

   File name     Version       Language
   ------------------------------------
   Tstui.dll     5.0.1462.4    English
   Tstui.dll     5.0.1462.4    German
   Tstcore.dll   5.0.1462.4    Neutral
`,
    );
    const manifests = parse(text);
    assert.deepEqual(
      manifests.map((m) => [m.id, m.branch, m.language?.id, m.files.map(rowText)]),
      [
        [
          'Q900126-5.0-en',
          '5.0',
          '0x0409',
          ['Tstui.dll 5.0.1462.4 size=- date=- platform=-', 'Tstcore.dll 5.0.1462.4 size=- date=- platform=-'],
        ],
        [
          'Q900126-5.0-de',
          '5.0',
          '0x0407',
          ['Tstui.dll 5.0.1462.4 size=- date=- platform=-', 'Tstcore.dll 5.0.1462.4 size=- date=- platform=-'],
        ],
      ],
    );
  });

  it('keeps a file listed once per platform as two rows', () => {
    const m = only(fx.PLATFORM_SPLIT);
    const tsteval = m.files.filter((file) => file.name === 'Tsteval.dll');
    assert.deepEqual(
      tsteval.map((file) => file.platform),
      ['alpha', 'i386'],
    );
  });

  it('checks data files by presence even where the KB prints a version, and completes partial versions', () => {
    const m = only(fx.DATA_FILES);
    assert.equal(m.branch, '5.5');
    assert.equal(m.productVersion, '5.5');
    assert.deepEqual(m.files.map(rowText), [
      'Tstserver.sch null size=- date=- platform=- kb=5.5.2331.0',
      'Tstprods.cat null size=- date=- platform=- kb=5.5.2331.0',
      'Tstmta.exe 5.5.2331.0 size=- date=- platform=-',
      'Tstlog.cfg null size=- date=- platform=- kb=2331.0',
      'Tstom.dll 5.5.2331.5 size=- date=- platform=- kb=2331.5',
    ]);
    assert.deepEqual(
      m.files.map((file) => file.note !== undefined),
      [true, true, false, true, true],
    );
  });

  it('completes partial versions from the product when the article names one version', () => {
    const m = only(fx.PARTIAL_ONLY);
    assert.equal(m.component, undefined, 'an empty "Component:" line gives no component');
    assert.deepEqual(m.files.map(rowText), [
      'Tstimc.exe 5.0.1459.80 size=- date=- platform=- kb=1459.80',
      'Tstimcmsg.dll 5.0.1459.80 size=- date=- platform=- kb=1459.80',
    ]);
  });

  it('takes underlined section headings made of column words for headings, not tables', () => {
    const text = fx.article(
      { id: 'Q900125', title: 'Invented', ...fx.EXCHANGE_50 },
      `Date and Time Settings
----------------------

Set the clock before you apply the fix.

${fx.NAME_VERSION_TABLE}`,
    );
    assert.deepEqual(only(text).files.map(rowText), ['Tstc.exe 5.0.1461.1 size=- date=- platform=-']);
  });

  it('is deterministic', () => {
    for (const text of [fx.BOXED, fx.MULTI_SECTION, fx.OVERFLOW, fx.CONTINUED]) {
      assert.equal(JSON.stringify(parseKbArticle(text, 'a')), JSON.stringify(parseKbArticle(text, 'a')));
    }
  });
});

describe('importKbArticle: what is left out, what is kept as information, what is refused', () => {
  /** The warnings of an article as "code line column" strings; the wording is the CLI's business. */
  function warnings(text: string): string[] {
    return importKbArticle(text, 'Q9.TXT').warnings.map(
      (w) => `${w.code} ${w.line}${w.cell ? ` ${w.cell.column}` : ''}${w.leftOut ? ' left-out' : ''}`,
    );
  }

  it('keeps a column it does not know as a column, and reads the rest of the table', () => {
    const m = only(fx.UNKNOWN_COLUMN);
    assert.deepEqual(m.files.map(rowText), ['Tstmta.exe 5.0.1462.1 size=- date=- platform=-']);
    assert.deepEqual(warnings(fx.UNKNOWN_COLUMN), []);
  });

  it('reads "Name  Build" as a file-name and a version column', () => {
    assert.deepEqual(only(fx.NOT_A_HEADER).files.map(rowText), ['Tstmta.exe 5.0.1462.1 size=- date=- platform=-']);
  });

  it('leaves out a row whose file name cannot be read, names the line and the cell, and keeps the rows after it', () => {
    const m = only(fx.BAD_ROW);
    assert.deepEqual(m.files.map(rowText), [
      'Tstmta.exe 5.0.1462.1 size=- date=- platform=-',
      'Tstaddr.dll 5.0.1462.1 size=- date=- platform=-',
    ]);
    const line = fx.lineOf(fx.BAD_ROW, 'Tstmsg.dll?');
    assert.deepEqual(warnings(fx.BAD_ROW), [`row-unreadable ${line} File name left-out`]);
    const [warning] = importKbArticle(fx.BAD_ROW, 'Q9.TXT').warnings;
    assert.match(formatKbWarning(warning!), new RegExp(`^Q9\\.TXT, line ${line}, File name "Tstmsg\\.dll\\?": `));
  });

  it('refuses an article with no table, naming its last line', () => {
    rejects(fx.NO_TABLE, 'no-file-table', fx.NO_TABLE.split('\n').length);
  });

  it('refuses an article whose announced table is missing, and says so for one that has other tables', () => {
    rejects(fx.ANNOUNCED_NO_TABLE, 'no-file-table', fx.lineOf(fx.ANNOUNCED_NO_TABLE, 'The English version'));
    const both = fx.article(
      { id: 'Q900127', title: 'Invented', ...fx.EXCHANGE_50 },
      `${fx.ENGLISH}\n\nThis hotfix has been posted to the usual location.\n\n${fx.NAME_VERSION_TABLE}`,
    );
    assert.deepEqual(warnings(both), [`table-missing ${fx.lineOf(both, 'The English version')}`]);
    assert.equal(only(both).files.length, 1);
  });

  it('says why an announced table gives nothing: no file-name column, or a first row it cannot read', () => {
    const nameless = fx.article(
      { id: 'Q900128', title: 'Invented', ...fx.EXCHANGE_50 },
      `${fx.ENGLISH}\n\n   Version\n   -------\n   8.2.1\n`,
    );
    assert.match(rejects(nameless, 'no-file-table', fx.lineOf(nameless, 'The English')).problem, /has no file-name column \(Version\)/);
    const unreadable = fx.article(
      { id: 'Q900129', title: 'Invented', ...fx.EXCHANGE_50 },
      `${fx.ENGLISH}\n\n   File Name                    Version\n   ------------------------------------\n` +
        '   Invented Source Extractor    24C\n',
    );
    const error = rejects(unreadable, 'no-file-table', fx.lineOf(unreadable, 'Invented Source'));
    assert.match(error.problem, /File Name "Invented Source Extractor" is not a file name/);
  });

  it('keeps a partial version it cannot complete with certainty as information, never a requirement', () => {
    const m = only(fx.PARTIAL_AMBIGUOUS);
    assert.deepEqual(m.files.map(rowText), ['Tstimc.exe null size=- date=- platform=- kb=1459.80']);
    assert.match(m.files[0]?.note ?? '', /several product versions \(5\.0, 5\.5\)/);
    assert.deepEqual(warnings(fx.PARTIAL_AMBIGUOUS), [`version-information ${fx.lineOf(fx.PARTIAL_AMBIGUOUS, '| Tstimc.exe')} Version`]);
  });

  it('completes a partial version from the branch the full versions of the table print', () => {
    const text = fx.article(
      { id: 'Q900120', title: 'Invented', ...fx.EXCHANGE_50 },
      `The English version of this fix should have the following file attributes or
later:

   File Name      Version
   -------------------------
   Tstmta.exe     5.5.2331.0
   Tstom.dll      2331.5
`,
    );
    assert.deepEqual(only(text).files.map(rowText), [
      'Tstmta.exe 5.5.2331.0 size=- date=- platform=-',
      'Tstom.dll 5.5.2331.5 size=- date=- platform=- kb=2331.5',
    ]);
  });

  it('keeps an unreadable date on a row judged by its date as information, and the row by presence', () => {
    const text = fx.article(
      { id: 'Q900121', title: 'Invented', ...fx.EXCHANGE_50 },
      `The English version of this fix should have the following file attributes or
later:

   Date      Time    Size     File name  Platform
   ----------------------------------------------
   05/01/00  02:43p  505,168  Tstdd.dll  Alpha
   6/12/200  02:43p  505,168  Tstui.dll  Alpha
`,
    );
    const m = only(text);
    assert.deepEqual(m.files.map(rowText), [
      'Tstdd.dll null size=505168 date=2000-05-01 platform=alpha',
      'Tstui.dll null size=- date=- platform=alpha',
    ]);
    assert.equal(m.files[1]?.kbDate, '6/12/200');
    assert.equal(m.files[1]?.kbSize, '505,168', 'without its date, the size is information too');
    assert.deepEqual(warnings(text), [`date-information ${fx.lineOf(text, '6/12/200')} Date`]);
  });

  it('takes a language it does not know for no language, with a note', () => {
    const text = fx.article(
      { id: 'Q900122', title: 'Invented', ...fx.EXCHANGE_50 },
      `The Klingon version of this fix should have the following file attributes or
later:

   File Name      Version
   -------------------------
   Tstmta.exe     5.0.1462.1
`,
    );
    const m = only(text);
    assert.equal(m.language, undefined);
    assert.ok(m.notes?.some((note) => /names no build language/.test(note)));
  });

  it('keeps a file listed again for the same platform with another version as a fix of its own, and merges one listed alike', () => {
    const text = fx.article(
      { id: 'Q900123', title: 'Invented', ...fx.EXCHANGE_50 },
      `   File Name      Version
   -------------------------
   Tstmta.exe     5.0.1462.1
   TSTMTA.EXE     5.0.1462.2
   Tstmsg.dll     5.0.1462.1
   Tstmsg.dll     5.0.1462.1
`,
    );
    const manifests = parse(text);
    assert.deepEqual(
      manifests.map((m) => [m.id, m.files.map(rowText)]),
      [
        ['Q900123-5.0', ['Tstmta.exe 5.0.1462.1 size=- date=- platform=-', 'Tstmsg.dll 5.0.1462.1 size=- date=- platform=-']],
        ['Q900123-5.0-2', ['TSTMTA.EXE 5.0.1462.2 size=- date=- platform=-']],
      ],
    );
    assert.deepEqual(warnings(text), [`row-duplicate ${fx.lineOf(text, 'TSTMTA.EXE')} File name`]);
    assert.match(manifests[0]?.files[1]?.note ?? '', /again at line \d+ with the same values/);
  });

  it('refuses a text that is not a KB article and has no KB number', () => {
    rejects('Hello\r\nworld\r\n', 'bad-article-header', 1);
  });
});
