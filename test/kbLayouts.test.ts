// One small KB-style text per class of what the 1995-2004 articles print, written here (never copied from an
// article), with the rows it must yield. Rows are compared as "name version platform [kb=printed]" lines.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importKbArticle, type KbImport } from '../src/kb/parseKbArticle.js';
import type { Manifest, ManifestFile } from '../src/manifest/types.js';
import { validateManifest } from '../src/manifest/validateManifest.js';
import * as fx from './fixtures-kb/articles.js';

const WINDOWS_NT: Omit<fx.ArticleHead, 'id' | 'title'> = {
  date: '08-MAY-2002',
  product: 'Microsoft Windows NT',
  prodVer: 'winnt:4.0',
  appliesTo: ['Microsoft Windows NT Server version 4.0'],
};

const EXCHANGE_55: Omit<fx.ArticleHead, 'id' | 'title'> = {
  date: '08-MAY-2002',
  product: 'Microsoft Exchange',
  prodVer: 'winnt:5.5',
  appliesTo: ['Microsoft Exchange Server, version 5.5'],
};

/** Joins lines of an article's text, each ending in a newline. */
function lines(...parts: string[]): string {
  return `${parts.join('\n')}\n`;
}

function text(resolution: string, head: Omit<fx.ArticleHead, 'id' | 'title'> = WINDOWS_NT, id = 'Q900300'): string {
  return fx.article({ id, title: 'Invented', ...head }, resolution);
}

function importOf(article: string | Uint8Array): KbImport {
  const result = importKbArticle(article, 'Q9.TXT');
  for (const manifest of result.manifests) assert.deepEqual(validateManifest(manifest), [], manifest.id);
  return result;
}

function row(file: ManifestFile): string {
  return [file.name, file.version ?? 'null', file.platform ?? '-', ...(file.kbVersion !== undefined ? [`kb=${file.kbVersion}`] : [])].join(
    ' ',
  );
}

function rows(article: string | Uint8Array): string[][] {
  return importOf(article).manifests.map((manifest) => manifest.files.map(row));
}

function only(article: string | Uint8Array): Manifest {
  const { manifests } = importOf(article);
  assert.equal(manifests.length, 1, manifests.map((m) => m.id).join(', '));
  return manifests[0] as Manifest;
}

describe('versions: two or three parts, leading zeros, partial versions completed by the product', () => {
  it('reads a.b.c as a.b.c.0 and keeps what was printed', () => {
    assert.deepEqual(rows(text(`${fx.ENGLISH}\n\n   File Name      Version\n   ----------------------\n   Tstgate.exe    3.2.13\n`)), [
      ['Tstgate.exe 3.2.13.0 - kb=3.2.13'],
    ]);
  });

  it('completes build.revision from the product, with a note, and reads major.minor as it is', () => {
    const m = only(
      text(
        `${fx.ENGLISH}\n\n   File Name      Version\n   ----------------------\n   Tstmig.dll     2543.1\n   Tstcfg.exe     1.2\n`,
        EXCHANGE_55,
      ),
    );
    assert.deepEqual(m.files.map(row), ['Tstmig.dll 5.5.2543.1 - kb=2543.1', 'Tstcfg.exe 1.2.0.0 - kb=1.2']);
    assert.match(m.files[0]?.note ?? '', /incomplete version 2543\.1; completed to 5\.5\.2543\.1 from the product version 5\.5/);
  });

  it('drops leading zeros from each part ("5.5.2651.0056", "0630.1124") and keeps the printed text', () => {
    assert.deepEqual(
      rows(
        text(
          lines(
            `${fx.ENGLISH}`,
            ``,
            `   File Name      Version`,
            `   -------------------------`,
            `   Tststore.exe   5.5.2651.0056`,
            `   Tstrepl.exe    0630.1124`,
          ),
          EXCHANGE_55,
        ),
      ),
      [['Tststore.exe 5.5.2651.56 - kb=5.5.2651.0056', 'Tstrepl.exe 5.5.630.1124 - kb=0630.1124']],
    );
  });

  it('never makes a requirement of a bare number or an unreadable version', () => {
    const result = importOf(
      text(`${fx.ENGLISH}\n\n   File Name      Version\n   ----------------------\n   Tstsms.dll     786\n   Tstdxa.exe     5.0.1462.x\n`),
    );
    assert.deepEqual(result.manifests[0]?.files.map(row), ['Tstsms.dll null - kb=786', 'Tstdxa.exe null - kb=5.0.1462.x']);
    assert.deepEqual(
      result.warnings.map((w) => [w.code, w.cell?.column, w.leftOut]),
      [
        ['version-information', 'Version', false],
        ['version-information', 'Version', false],
      ],
    );
  });

  it('reads a remark after a version ("7.0.2600.15 (xpclnt_qfe.010827-1803)")', () => {
    const m = only(
      text(`${fx.ENGLISH}\n\n   File Name    Version\n   ------------------\n   Tstrt.dll    7.0.2600.15 (xpclnt_qfe.010827-1803)\n`),
    );
    assert.deepEqual(m.files.map(row), ['Tstrt.dll 7.0.2600.15 - kb=7.0.2600.15 (xpclnt_qfe.010827-1803)']);
  });
});

describe('platforms: cells in any spelling, sub-headings, ditto cells', () => {
  it('reads (x86), (ALPHA), X86, i386, Intel, Alpha, (Alpha), MIPS and PPC cells', () => {
    const m = only(
      text(`${fx.ENGLISH}

   Date      Time    Size     File name   Platform
   -----------------------------------------------
   01/05/99  06:34p  86,097   Tsta.dll    (x86)
   01/05/99  06:34p  96,097   Tsta.dll    (ALPHA)
   01/05/99  06:34p  86,097   Tstb.dll    X86
   01/05/99  06:34p  96,097   Tstb.dll    Alpha
   01/05/99  06:34p  86,097   Tstc.dll    i386
   01/05/99  06:34p  96,097   Tstc.dll    (Alpha)
   01/05/99  06:34p  86,097   Tstd.dll    Intel
   01/05/99  06:34p  96,097   Tstd.dll    MIPS
   01/05/99  06:34p  96,097   Tstd.dll    PPC
`),
    );
    assert.deepEqual(
      m.files.map((file) => `${file.name} ${file.platform}`),
      [
        'Tsta.dll i386',
        'Tsta.dll alpha',
        'Tstb.dll i386',
        'Tstb.dll alpha',
        'Tstc.dll i386',
        'Tstc.dll alpha',
        'Tstd.dll i386',
        'Tstd.dll mips',
        'Tstd.dll powerpc',
      ],
    );
    assert.equal(m.formatVersion, '1.1.0', 'mips and powerpc are format 1.1');
  });

  it('takes the platform of the rows under "Intel:" and "For Alpha-based computers"', () => {
    const m = only(
      text(`${fx.ENGLISH}

   Date      Time    Version        Size     File name
   ------------------------------------------------------
   Intel:
   05/29/97  06:20p  4.0.1381.170   259,920  Tstrdr.sys
   05/29/97  06:20p  4.0.1381.170    59,920  Tstsrv.sys

   For Alpha-based computers
   05/29/97  05:19p  4.0.1381.170   470,928  Tstrdr.sys
`),
    );
    assert.deepEqual(m.files.map(row), ['Tstrdr.sys 4.0.1381.170 i386', 'Tstsrv.sys 4.0.1381.170 i386', 'Tstrdr.sys 4.0.1381.170 alpha']);
  });

  it('takes an empty Platform cell for the platform above it (ditto), and "x86 and Alpha" for both', () => {
    const m = only(
      text(`${fx.ENGLISH}

   Date      Time    Size     File Name     Platform
   -------------------------------------------------
   10/15/98  09:17p  330,976  Tstasp.dll    (x86)
   10/15/98  09:17p   11,168  Tstctrs.dll
   10/15/98  09:37p  545,552  Tstasp.dll    (Alpha)
   10/15/98  09:36p   17,168  Tstctrs.dll
   10/15/98  09:36p    1,024  Tstsetup.inf  (x86 and Alpha)
`),
    );
    assert.deepEqual(
      m.files.map((file) => `${file.name} ${file.platform ?? '-'}`),
      ['Tstasp.dll i386', 'Tstctrs.dll i386', 'Tstasp.dll alpha', 'Tstctrs.dll alpha', 'Tstsetup.inf -'],
    );
  });

  it('gives one fix per platform text that names no processor ("Windows 98", "Windows 98 Second Edition")', () => {
    const result = importOf(
      text(`${fx.ENGLISH}

   Date       Time      Size       File name  Version    Platform
   ----------------------------------------------------------------
   08/12/99   05:20p    75,769     Tstip.386  4.10.1999  Windows 98
   08/03/99   02:50p    80,409     Tstip.386  4.10.2223  Windows 98
                                                         Second Edition
`),
    );
    assert.deepEqual(
      result.manifests.map((m) => [m.files.map(row), m.notes?.find((note) => /names no processor/.test(note))]),
      [
        [
          ['Tstip.386 null - kb=4.10.1999'],
          'These rows are for "Windows 98" (the table\'s Platform column); it names no processor hotfix-verify tells apart.',
        ],
        [
          ['Tstip.386 null - kb=4.10.2223'],
          'These rows are for "Windows 98 Second Edition" (the table\'s Platform column); it names no processor hotfix-verify tells apart.',
        ],
      ],
    );
  });
});

describe('sizes: commas, bytes, KB and MB', () => {
  it('requires exact sizes of rows judged by date, and keeps rounded ones as information', () => {
    const m = only(
      text(`${fx.ENGLISH}

   Date     Time        Size            File name      Platform
   ------------------------------------------------------------
   3/2/99   1:03PM      283,104 bytes   Tstinv.exe     Intel
   3/2/99   1:03PM      283104          Tstinv2.exe    Intel
   3/1/99   7:08PM      254 KB          Tstwin.exe     Intel
   3/1/99   7:08PM      1.79 MB         Tstbig.exe     Intel
`),
    );
    assert.deepEqual(
      m.files.map((file) => [file.name, file.size, file.kbSize]),
      [
        ['Tstinv.exe', 283104, undefined],
        ['Tstinv2.exe', 283104, undefined],
        ['Tstwin.exe', undefined, '254 KB'],
        ['Tstbig.exe', undefined, '1.79 MB'],
      ],
    );
    assert.equal(m.formatVersion, '1.1.0', 'kbSize is format 1.1');
  });
});

describe('dates: month first, day first, names of months, and dates that read two ways', () => {
  const table = (dates: readonly string[]) =>
    `${fx.ENGLISH}\n\n   Date         Time    Size     File name\n   ----------------------------------------\n${dates
      .map((date, index) => `   ${date.padEnd(11)}  02:35   42,800  Tst${index}.dll`)
      .join('\n')}\n`;
  const dates = (article: string) => only(article).files.map((file) => file.date ?? `kb:${file.kbDate}`);

  it('reads US dates month first, and a table whose dates only make sense day first day first', () => {
    assert.deepEqual(dates(text(table(['3/2/99', '06/14/00']))), ['1999-03-02', '2000-06-14']);
    assert.deepEqual(dates(text(table(['29/03/2000', '03/04/2000']))), ['2000-03-29', '2000-04-03']);
  });

  it('reads month names in every order the archive prints', () => {
    assert.deepEqual(dates(text(table(['18-Sep-2001', 'Aug-30-2001', '07-December-2001', '21-Dec-01']))), [
      '2001-09-18',
      '2001-08-30',
      '2001-12-07',
      '2001-12-21',
    ]);
  });

  it('keeps a date as information, with a note, when the table has dates in both orders', () => {
    const article = text(table(['21/12/00', '12/21/00', '03/04/00']));
    const m = only(article);
    assert.deepEqual(
      m.files.map((file) => file.date ?? `kb:${file.kbDate}`),
      ['2000-12-21', '2000-12-21', 'kb:03/04/00'],
    );
    assert.match(m.files[2]?.note ?? '', /reads as two different dates/);
    assert.deepEqual(
      importOf(article).warnings.map((w) => [w.code, w.line, w.cell?.text]),
      [['date-information', fx.lineOf(article, '03/04/00'), '03/04/00']],
    );
  });

  it('never reads a date after the article itself', () => {
    // Day first this is 2002-12-05, after the article's 08-MAY-2002; month first it is 2002-05-12... also after. Information.
    assert.deepEqual(dates(text(table(['12/05/02', '06/14/00']))), ['kb:12/05/02', '2000-06-14']);
  });
});

describe('times', () => {
  it('reads 1:03PM, 01:26pm, 13:26, 08:09p and 1:20:53 P.M. as times, not as other columns', () => {
    const m = only(
      text(`${fx.ENGLISH}

   Date        Time          Version     Size      File name   Platform
   --------------------------------------------------------------------
   1/10/2001   1:03PM        4.2.755.1   214,544   Tst1.dll    x86
   1/10/2001   01:26pm       4.2.755.1   214,544   Tst2.dll    x86
   1/10/2001   13:26         4.2.755.1   214,544   Tst3.dll    x86
   1/10/2001   08:09p        4.2.755.1   214,544   Tst4.dll    x86
   1/10/2001   1:20:53 P.M.  4.2.755.1   214,544   Tst5.dll    x86
`),
    );
    assert.deepEqual(
      m.files.map(row),
      ['Tst1.dll', 'Tst2.dll', 'Tst3.dll', 'Tst4.dll', 'Tst5.dll'].map((name) => `${name} 4.2.755.1 i386`),
    );
  });
});

describe('layouts: header words, column order, rules, blank lines, wrapped rows, tabs', () => {
  it('reads Name, Filename, File, Version#, Ver, File Version and Size (bytes) headers in any order', () => {
    for (const header of [
      'Name          Version#        Size (bytes)',
      'Filename      Ver             Size (bytes)',
      'File          File Version    Size (bytes)',
    ]) {
      const m = only(
        text(`${fx.ENGLISH}\n\n   ${header}\n   ---------------------------------------\n   Tstc1xx.dll   12.00.8257.0    1,183,795\n`),
      );
      assert.deepEqual(m.files.map(row), ['Tstc1xx.dll 12.0.8257.0 - kb=12.00.8257.0'], header);
    }
    const reordered = only(
      text(
        lines(
          `${fx.ENGLISH}`,
          ``,
          `   Size      Version       File name`,
          `   ---------------------------------`,
          `   1,024     5.0.2195.1    Tstord.dll`,
        ),
      ),
    );
    assert.deepEqual(reordered.files.map(row), ['Tstord.dll 5.0.2195.1 -']);
  });

  it('reads a table with a blank line after the rule, with no rule, with two rules', () => {
    for (const [label, table] of [
      ['blank after rule', '   File Name    Version\n   --------------------\n\n   Tstb.dll     5.0.1.1\n'],
      ['no rule', '   File Name    Version\n   Tstb.dll     5.0.1.1\n'],
      ['rule above and below', '   --------------------\n   File Name    Version\n   --------------------\n   Tstb.dll     5.0.1.1\n'],
      ['= rule', '   File Name    Version\n   ====================\n   Tstb.dll     5.0.1.1\n'],
    ] as const) {
      assert.deepEqual(rows(text(`${fx.ENGLISH}\n\n${table}`)), [['Tstb.dll 5.0.1.1 -']], label);
    }
  });

  it('joins a row that wraps onto a second line', () => {
    const m = only(
      text(`${fx.ENGLISH}

   Date       Time     Size      File name   Version     Platform
   ----------------------------------------------------------------
   08/14/99   04:12p   75,873    Tstip.386   4.10.1657   Windows 95
                                                         (all versions)
`),
    );
    assert.ok(m.notes?.some((note) => note.includes('"Windows 95 (all versions)"')));
  });

  it('reads tab-separated columns, with empty cells', () => {
    const m = only(text(`${fx.ENGLISH}\n\nFile Name\tVersion\tSize\tDate\nTsta.dll\t5.0.1.1\t1,024\t3/2/99\nTstb.cfg\t\t512\t3/2/99\n`));
    assert.deepEqual(m.files.map(row), ['Tsta.dll 5.0.1.1 -', 'Tstb.cfg null -']);
    assert.equal(m.files[1]?.size, 512);
  });

  it('reads boxes with no header row, a swapped pair of cells, and rows with no rule between them', () => {
    assert.deepEqual(rows(text(`${fx.ENGLISH}\n\n+-----------------------+\n| Tstx.dll  | 5.5.2558.0 |\n+-----------------------+\n`)), [
      ['Tstx.dll 5.5.2558.0 -'],
    ]);
    assert.deepEqual(
      rows(
        text(
          lines(
            `${fx.ENGLISH}`,
            ``,
            `+---------------------+`,
            `| File name | Version |`,
            `+---------------------+`,
            `| 5.5.2632  | Tste.dll |`,
            `+---------------------+`,
          ),
        ),
      ),
      [['Tste.dll 5.5.2632.0 - kb=5.5.2632']],
    );
    assert.deepEqual(
      rows(
        text(
          lines(
            `${fx.ENGLISH}`,
            ``,
            `+---------------------+`,
            `| File name | Version |`,
            `+---------------------+`,
            `| Tst1.dll  | 5.0.1.1 |`,
            `| Tst2.dll  | 5.0.1.1 |`,
            `+---------------------+`,
          ),
        ),
      ),
      [['Tst1.dll 5.0.1.1 -', 'Tst2.dll 5.0.1.1 -']],
    );
  });

  it('reads rows with no header under the announcing sentence', () => {
    const m = only(
      text(
        lines(
          `This fix should have the following file attributes or later:`,
          ``,
          `   TSTUSER.EXE  version 4.00.951  dated 10/26/95 9:51am  461,984 bytes`,
        ),
      ),
    );
    assert.deepEqual(m.files.map(row), ['TSTUSER.EXE 4.0.951.0 - kb=4.00.951']);
  });
});

describe('several tables in one article', () => {
  it('gives one fix per product section, per language and per sub-heading', () => {
    const article = text(
      `Exchange Server 5.0
-------------------

${fx.ENGLISH}

   File Name    Version
   ------------------------
   Tststore.exe 5.0.1461.30

Exchange Server 5.5
-------------------

${fx.ENGLISH}

   File Name    Version
   -----------------------
   Tststore.exe 5.5.2428.0

The French version of this fix should have the following file attributes or later:

   File Name    Version
   -----------------------
   Tststore.exe 5.5.2428.0
`,
      fx.EXCHANGE_50_55,
    );
    assert.deepEqual(
      importOf(article).manifests.map((m) => [m.id, m.branch, m.language?.id, m.files.map(row)]),
      [
        ['Q900300-5.0', '5.0', '0x0409', ['Tststore.exe 5.0.1461.30 -']],
        ['Q900300-5.5-en', '5.5', '0x0409', ['Tststore.exe 5.5.2428.0 -']],
        ['Q900300-5.5-fr', '5.5', '0x040C', ['Tststore.exe 5.5.2428.0 -']],
      ],
    );
  });
});

describe('languages', () => {
  it('knows every language Microsoft shipped builds in, with its language id', () => {
    for (const [language, id] of [
      ['Czech', '0x0405'],
      ['Korean', '0x0412'],
      ['Traditional Chinese', '0x0404'],
      ['Simplified Chinese', '0x0804'],
      ['Brazilian Portuguese', '0x0416'],
      ['Hungarian', '0x040E'],
      ['Finnish', '0x040B'],
      ['Danish', '0x0406'],
      ['Arabic', '0x0401'],
      ['Thai', '0x041E'],
    ] as const) {
      const m = only(
        text(
          lines(
            `The ${language} version of this fix should have the following file attributes or later:`,
            ``,
            `   File Name   Version`,
            `   -------------------`,
            `   Tst.dll     5.0.1.1`,
          ),
        ),
      );
      assert.deepEqual(m.language, { name: language, id }, language);
    }
  });

  it('makes no language requirement, with a note, for a sentence that names none or one with no single id', () => {
    for (const sentence of [
      'The version of this fix should have the following file attributes or later:',
      'The Pan Chinese version of this fix should have the following file attributes or later:',
    ]) {
      const m = only(text(`${sentence}\n\n   File Name   Version\n   -------------------\n   Tst.dll     5.0.1.1\n`));
      assert.equal(m.language, undefined, sentence);
      assert.ok(
        m.notes?.some((note) => /no language requirement/.test(note)),
        sentence,
      );
    }
  });

  it('reads a Language column with locale ids ("001033 English (United States)", "000000 Language Neutral")', () => {
    const article = text(`${fx.ENGLISH}

   File Name       Size            Date     File Version   Language
   ----------------------------------------------------------------------------------
   Tstlibr.dll     1,667,123       8/18/99  9.00.00.3216   001033 English (United States)
   Tstlib.dll      5,279,794       8/18/99  9.00.00.3216   000000 Language Neutral
   Tstlibr.dll     1,667,123       8/18/99  9.00.00.3216   001031 German (Germany)
`);
    assert.deepEqual(
      importOf(article).manifests.map((m) => [m.language?.id, m.files.map((file) => file.name)]),
      [
        ['0x0409', ['Tstlibr.dll', 'Tstlib.dll']],
        ['0x0407', ['Tstlib.dll', 'Tstlibr.dll']],
      ],
    );
  });
});

describe('encodings and line ends', () => {
  const article = text(fx.NAME_VERSION_TABLE);
  const expected = [['Tstc.exe 5.0.1461.1 -']];

  it('reads UTF-16 with a byte-order mark (little and big endian)', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(article, 'utf16le')]);
    assert.deepEqual(rows(le), expected);
    assert.equal(importOf(le).encoding, 'utf-16le');
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(article, 'utf16le').swap16()]);
    assert.deepEqual(rows(be), expected);
  });

  it('reads Windows-1252 and UTF-8, CRLF and LF', () => {
    const titled = fx.article({ id: 'Q900301', title: 'Gr\u00f6\u00dfe \u2013 Invented', ...WINDOWS_NT }, fx.NAME_VERSION_TABLE);
    assert.equal(only(Buffer.from(titled.replace('\u2013', '-'), 'latin1')).title, 'Gr\u00f6\u00dfe - Invented');
    assert.equal(only(Buffer.from(titled, 'utf8')).title, 'Gr\u00f6\u00dfe \u2013 Invented');
    assert.deepEqual(rows(article.replace(/\n/g, '\r\n')), expected);
    assert.deepEqual(rows(article), expected);
  });
});
