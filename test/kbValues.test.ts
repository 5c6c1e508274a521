import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readArticleHeader } from '../src/kb/articleHeader.js';
import { findLanguage } from '../src/kb/languages.js';
import { articleLines } from '../src/kb/parseKbArticle.js';
import { readHeaderLabels, headerProblem } from '../src/kb/tableHeader.js';
import { isDataFile, parseKbDate, parseKbSize, parseKbTime, parsePlatform, parseVersionCell } from '../src/kb/values.js';

describe('KB values', () => {
  it('reads dates in the formats of the era', () => {
    assert.equal(parseKbDate('06/14/00'), '2000-06-14');
    assert.equal(parseKbDate('12/31/99'), '1999-12-31');
    assert.equal(parseKbDate('05/10/2000'), '2000-05-10');
    assert.equal(parseKbDate('6/1/01'), '2001-06-01');
    assert.equal(parseKbDate('01-Mar-2001'), '2001-03-01');
    assert.equal(parseKbDate('08-MAY-2002'), '2002-05-08');
    assert.equal(parseKbDate('2001-03-01'), '2001-03-01');
  });

  it('does not guess dates', () => {
    for (const text of ['6/12/200', '02/30/00', '13/01/00', '01/01/55', '1-Foo-2001', '', 'yesterday']) {
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
    for (const text of ['25:00', '13:00pm', '10:61', '1026']) assert.equal(parseKbTime(text), undefined, text);
  });

  it('reads sizes with thousands separators', () => {
    assert.equal(parseKbSize('1,234,567'), 1234567);
    assert.equal(parseKbSize('78,608'), 78608);
    assert.equal(parseKbSize('505168'), 505168);
    for (const text of ['1,23', '12,3456', '1.234', '-5', '']) assert.equal(parseKbSize(text), undefined, text);
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
    assert.equal(parsePlatform('MIPS'), undefined);
  });

  it('reads version cells', () => {
    assert.deepEqual(parseVersionCell('5.0.1462.10'), { kind: 'full', version: '5.0.1462.10', text: '5.0.1462.10' });
    assert.deepEqual(parseVersionCell('5.00.2195.1'), { kind: 'full', version: '5.0.2195.1', text: '5.00.2195.1' });
    assert.deepEqual(parseVersionCell('N/A'), { kind: 'none', text: 'N/A' });
    assert.deepEqual(parseVersionCell('Not applicable'), { kind: 'none', text: 'Not applicable' });
    assert.deepEqual(parseVersionCell('1459.73'), { kind: 'partial', build: 1459, revision: 73, text: '1459.73' });
    for (const text of ['5.0.1462', '5.0.1462.70000', 'v5', '5.0.1462.1 (SP2)']) assert.equal(parseVersionCell(text), undefined, text);
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
    assert.equal(findLanguage('Chinese'), undefined, 'ambiguous');
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
    assert.equal(headerProblem(reading), undefined);
    const other = readHeaderLabels('Filename  File version  File size  Language');
    assert.deepEqual(
      other.columns.map((column) => column.kind),
      ['name', 'version', 'size', 'language'],
    );
  });

  it('names what is wrong with a header', () => {
    assert.match(headerProblem(readHeaderLabels('File name  Checksum')) ?? '', /Checksum/);
    assert.match(headerProblem(readHeaderLabels('Date  Version')) ?? '', /no File name/);
    assert.match(headerProblem(readHeaderLabels('File name  Version  Version')) ?? '', /two Version/);
    // Two labels set apart are two columns, not "File name".
    assert.match(headerProblem(readHeaderLabels('File   Name')) ?? '', /"File", "Name"/);
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
});
