import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readArticleHeader } from '../src/kb/articleHeader.js';
import { findLanguage } from '../src/kb/languages.js';
import { articleLines } from '../src/kb/parseKbArticle.js';
import { readHeaderLabels, headerProblem, isHeaderLine, headerColumns } from '../src/kb/tableHeader.js';
import { decodeArticle } from '../src/kb/articleText.js';
import {
  isDataFile,
  parseKbDate,
  parseKbSize,
  parseKbTime,
  parsePlatform,
  readDate,
  readName,
  readPlatform,
  readSize,
  readVersion,
} from '../src/kb/values.js';

describe('KB values', () => {
  it('reads dates in the formats of the era', () => {
    assert.equal(parseKbDate('06/14/00'), '2000-06-14');
    assert.equal(parseKbDate('12/31/99'), '1999-12-31');
    assert.equal(parseKbDate('05/10/2000'), '2000-05-10');
    assert.equal(parseKbDate('6/1/01'), '2001-06-01');
    assert.equal(parseKbDate('01-Mar-2001'), '2001-03-01');
    assert.equal(parseKbDate('08-MAY-2002'), '2002-05-08');
    assert.equal(parseKbDate('2001-03-01'), '2001-03-01');
    assert.equal(parseKbDate('18-Sep-2001'), '2001-09-18');
    assert.equal(parseKbDate('07-December-2001'), '2001-12-07');
    assert.equal(parseKbDate('October 6, 2000'), '2000-10-06');
    assert.equal(parseKbDate('Aug-30-2001'), '2001-08-30');
    assert.equal(parseKbDate('21-Dec-01'), '2001-12-21');
    assert.equal(parseKbDate('21/12/00', 'day-first'), '2000-12-21');
    assert.equal(parseKbDate('24/02/2000', 'day-first'), '2000-02-24');
    assert.equal(parseKbDate('3/2/99', 'day-first'), '1999-02-03');
    assert.equal(parseKbDate('3/2/99'), '1999-03-02');
  });

  it('tells an all-numbers date from one whose order is fixed, and a placeholder from no date', () => {
    assert.deepEqual(readDate('3/2/99'), { kind: 'numeric', first: 3, second: 2, year: 1999 });
    assert.deepEqual(readDate('29/03/2000'), { kind: 'numeric', first: 29, second: 3, year: 2000 });
    assert.deepEqual(readDate('18-Sep-2001'), { kind: 'fixed', iso: '2001-09-18' });
    assert.deepEqual(readDate('xx/xx/xx'), { kind: 'placeholder' });
    assert.equal(readDate('5.0.1462.1'), undefined);
  });

  it('does not guess dates', () => {
    for (const text of ['6/12/200', '02/30/00', '13/13/00', '01/01/55', '1-Foo-2001', '', 'yesterday', 'xx/xx/xx']) {
      assert.equal(parseKbDate(text), undefined, text);
    }
  });

  it('reads times with and without am/pm', () => {
    assert.equal(parseKbTime('01:26pm'), '13:26');
    assert.equal(parseKbTime('01:18p'), '13:18');
    assert.equal(parseKbTime('12:05a'), '00:05');
    assert.equal(parseKbTime('07:45'), '07:45');
    assert.equal(parseKbTime('10:38:53PM'), '22:38:53');
    assert.equal(parseKbTime('10:38 PM'), '22:38');
    assert.equal(parseKbTime('1:03PM'), '13:03');
    assert.equal(parseKbTime('08:09p'), '20:09');
    assert.equal(parseKbTime('1:20:53 P.M.'), '13:20:53');
    assert.equal(parseKbTime('7:50 A.M.'), '07:50');
    assert.equal(parseKbTime('22.36'), '22:36');
    for (const text of ['25:00', '13:00pm', '10:61', '1026']) assert.equal(parseKbTime(text), undefined, text);
  });

  it('reads sizes with thousands separators', () => {
    assert.equal(parseKbSize('1,234,567'), 1234567);
    assert.equal(parseKbSize('78,608'), 78608);
    assert.equal(parseKbSize('505168'), 505168);
    assert.equal(parseKbSize('283,104 bytes'), 283104);
    assert.equal(parseKbSize('1.135.104'), 1135104);
    for (const text of ['1,23', '12,3456', '1.234', '-5', '', '254 KB']) assert.equal(parseKbSize(text), undefined, text);
  });

  it('keeps rounded sizes apart from exact ones', () => {
    for (const text of ['254 KB', '1.79 MB', '18KB', '67.5KB', '57kb', '1,566 KB', '101.872']) {
      assert.deepEqual(readSize(text), { kind: 'approximate' }, text);
    }
    assert.deepEqual(readSize('283104'), { kind: 'bytes', bytes: 283104 });
    assert.equal(readSize('8,1012'), undefined);
  });

  it('reads platforms', () => {
    assert.deepEqual(['Intel', 'I386', 'x86', 'Alpha', 'x64', 'IA-64'].map(parsePlatform), [
      'i386',
      'i386',
      'i386',
      'alpha',
      'x64',
      'ia64',
    ]);
    for (const text of ['(x86)', 'X86', 'Intel', '(Intel)', 'i386', 'ix86', 'x86-based', 'Intel<BR/>'])
      assert.equal(parsePlatform(text), 'i386', text);
    for (const text of ['(ALPHA)', 'Alpha', '(Alpha)', 'AXP', 'Alpha-based computers']) assert.equal(parsePlatform(text), 'alpha', text);
    assert.equal(parsePlatform('MIPS'), 'mips');
    assert.equal(parsePlatform('PPC'), 'powerpc');
    assert.deepEqual(readPlatform('(x86 and Alpha)'), { kind: 'all' });
    assert.deepEqual(readPlatform('Windows 98 Second Edition'), { kind: 'other', text: 'Windows 98 Second Edition' });
    assert.equal(readPlatform(''), undefined);
  });

  it('reads version cells as numbers, as printed', () => {
    const parts = (text: string) => {
      const reading = readVersion(text);
      return reading.kind === 'parts' ? reading.parts : reading.kind;
    };
    assert.deepEqual(parts('5.0.1462.10'), [5, 0, 1462, 10]);
    assert.deepEqual(parts('5.00.2195.1'), [5, 0, 2195, 1]);
    assert.deepEqual(parts('5.5.2651.0056'), [5, 5, 2651, 56]);
    assert.deepEqual(parts('3.2.13'), [3, 2, 13]);
    assert.deepEqual(parts('0630.1124'), [630, 1124]);
    assert.deepEqual(parts('786'), [786]);
    assert.deepEqual(readVersion('7.0.2600.15 (xpclnt_qfe.010827-1803)'), {
      kind: 'parts',
      parts: [7, 0, 2600, 15],
      text: '7.0.2600.15 (xpclnt_qfe.010827-1803)',
      remark: '(xpclnt_qfe.010827-1803)',
    });
    for (const text of ['N/A', 'Not applicable', 'none', '-']) assert.equal(parts(text), 'none', text);
    for (const text of ['5.0.1462.70000', '5.0.1462.x', '24C', '']) assert.notEqual(readVersion(text).kind, 'parts', text);
  });

  it('reads file-name cells', () => {
    assert.deepEqual(readName('Emsmta.exe'), { name: 'Emsmta.exe', hasExtension: true });
    assert.deepEqual(readName('Channel.dll (56-bit)'), { name: 'Channel.dll', hasExtension: true, remark: '(56-bit)' });
    assert.deepEqual(readName('\\Winnt\\System32\\Foo.dll'), { name: 'Foo.dll', hasExtension: true, folder: 'Winnt/System32' });
    assert.deepEqual(readName('Outllib'), { name: 'Outllib', hasExtension: false });
    for (const text of ['NOTE:', '5.0.1462.1', '1,234', 'four words in a.dll', '']) assert.equal(readName(text), undefined, text);
  });

  it('tells data files from program files', () => {
    for (const name of ['Dbserver.sch', 'Dcprods.cat', 'Infoplog.cfg', 'P3.tpl', 'P2.xv2', 'README'])
      assert.equal(isDataFile(name), true, name);
    for (const name of ['Emsmta.exe', 'Mtamsg.dll', 'Ntfs.sys', 'Comctl32.ocx', 'Main.cpl', 'Msacm32.acm'])
      assert.equal(isDataFile(name), false, name);
  });

  it('knows the build languages and their ids', () => {
    assert.deepEqual(findLanguage('English')?.language, { name: 'English', id: '0x0409' });
    assert.deepEqual(findLanguage('Japanese')?.language, { name: 'Japanese', id: '0x0411' });
    assert.deepEqual(findLanguage('German')?.language, { name: 'German', id: '0x0407' });
    assert.deepEqual(findLanguage('French')?.language, { name: 'French', id: '0x040C' });
    assert.deepEqual(findLanguage('Italian')?.language, { name: 'Italian', id: '0x0410' });
    assert.deepEqual(findLanguage('Chinese (Simplified)')?.language, { name: 'Simplified Chinese', id: '0x0804' });
    assert.deepEqual(findLanguage('001033 English (United States)')?.language, { name: 'English', id: '0x0409' });
    assert.deepEqual(findLanguage('1041')?.language, { name: 'Japanese', id: '0x0411' });
    assert.deepEqual(findLanguage('ENU')?.language, { name: 'English', id: '0x0409' });
    for (const [name, id] of [
      ['Czech', '0x0405'],
      ['Hungarian', '0x040E'],
      ['Turkish', '0x041F'],
      ['Thai', '0x041E'],
      ['Slovenian', '0x0424'],
      ['Hong Kong Chinese', '0x0C04'],
      ['Brazilian Portuguese', '0x0416'],
      ['Portuguese', '0x0816'],
    ] as const) {
      assert.equal(findLanguage(name)?.language.id, id, name);
    }
    assert.equal(findLanguage('Chinese'), undefined, 'ambiguous');
    assert.equal(findLanguage('Pan Chinese'), undefined, 'no single language id');
  });
});

describe('KB table headers', () => {
  it('reads column labels in any order, one- and two-word', () => {
    const reading = readHeaderLabels('   Date  Time   Version  Size   File name  Platform');
    assert.deepEqual(
      reading.columns.map((column) => column.kind),
      ['date', 'time', 'version', 'size', 'name', 'platform'],
    );
    assert.deepEqual(
      reading.columns.map((column) => column.start),
      [3, 9, 16, 25, 32, 43],
    );
    assert.equal(headerProblem(reading.columns), undefined);
    const kinds = (text: string) => readHeaderLabels(text).columns.map((column) => column.kind);
    assert.deepEqual(kinds('Filename  File version  File size  Language'), ['name', 'version', 'size', 'language']);
    assert.deepEqual(kinds('Name  Size (bytes)  Ver  Version#  Locale'), ['name', 'size', 'version', 'version', 'language']);
    assert.deepEqual(kinds('File  Version#  Platform'), ['name', 'version', 'platform']);
  });

  it('tells a header from a heading and names what is wrong with one', () => {
    assert.equal(isHeaderLine(readHeaderLabels('Date and Time Settings'), true), false);
    assert.equal(isHeaderLine(readHeaderLabels('Exchange Server Version 5.5'), true), false);
    assert.equal(isHeaderLine(readHeaderLabels('File name  Version'), false), true);
    assert.equal(isHeaderLine(readHeaderLabels('File name'), false), false, 'a lone label only under an announcing sentence');
    assert.equal(isHeaderLine(readHeaderLabels('File name'), true), true);
    // A word no label knows is a column kept but not used, when the rest is plainly a header.
    const reading = readHeaderLabels('Date  Time  Size  File name  Checksum');
    assert.equal(isHeaderLine(reading, true), true);
    assert.deepEqual(
      headerColumns(reading, 'Date  Time  Size  File name  Checksum').map((column) => column.kind),
      ['date', 'time', 'size', 'name', 'other'],
    );
    assert.match(headerProblem(readHeaderLabels('Date  Version').columns) ?? '', /no file-name column/);
    assert.match(headerProblem(readHeaderLabels('File name  Version  Version').columns) ?? '', /two version/);
  });
});

describe('KB article head', () => {
  it('reads the DOCUMENT, TITLE, PRODUCT and PROD/VER lines and the applies-to list', () => {
    const lines = articleLines(
      [
        'DOCUMENT:Q198392  08-MAY-2002  [exchange]',
        'TITLE   :XCON: NDR Shows Exchange DN',
        'PRODUCT :Microsoft Exchange',
        'PROD/VER:winnt:5.0 SP2,5.5 SP1',
        '',
        'The information in this article applies to:',
        '',
        ' - Microsoft Exchange Server, versions 5.0 SP2, 5.5 SP1 ',
        ' - Microsoft Windows NT Server, Enterprise Edition versions 4.0, 4.0 SP4, on platform(s):',
        '    - the hardware: DEC Alpha ',
        '-------------------------------------------------------------------------------',
      ].join('\r\n'),
    );
    assert.deepEqual(readArticleHeader(lines, 'x'), {
      id: 'Q198392',
      date: '2002-05-08',
      title: 'XCON: NDR Shows Exchange DN',
      product: 'Microsoft Exchange',
      productVersions: ['5.0', '5.5'],
      appliesTo: [
        { name: 'Microsoft Exchange Server', versions: ['5.0', '5.5'] },
        { name: 'Microsoft Windows NT Server, Enterprise Edition', versions: ['4.0'] },
      ],
    });
  });

  it('expands tabs to 8-column stops so that positions match the page', () => {
    assert.deepEqual(articleLines('a\tb\r\nabcdefgh\tc'), ['a       b', 'abcdefgh        c']);
  });

  it('takes the id from an "Article:" line or the file name when the DOCUMENT line is missing', () => {
    assert.equal(readArticleHeader(['\tArticle: Q85900', '\tLast Modified: 17-DEC-2000'], 'x.txt').id, 'Q85900');
    assert.equal(readArticleHeader(['Some pasted text'], '/tmp/kb254943.txt').id, 'Q254943');
  });

  it('decodes UTF-16 with or without a byte-order mark, UTF-8 and Windows-1252', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Größe\r\n', 'utf16le')]);
    assert.deepEqual(decodeArticle(utf16), { text: 'Größe\r\n', encoding: 'utf-16le' });
    const be = Buffer.from('Tst.dll', 'utf16le').swap16();
    assert.deepEqual(decodeArticle(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), { text: 'Tst.dll', encoding: 'utf-16be' });
    assert.deepEqual(decodeArticle(Buffer.from('Tst.dll 1\n', 'utf16le')), { text: 'Tst.dll 1\n', encoding: 'utf-16le' });
    assert.deepEqual(decodeArticle(Buffer.from([0x47, 0x72, 0xf6, 0xdf, 0x65])), { text: 'Größe', encoding: 'windows-1252' });
    assert.deepEqual(decodeArticle(Buffer.from('\ufeffGröße', 'utf8')), { text: 'Größe', encoding: 'utf-8' });
  });
});
