// Today's articles and file-information CSVs: one small source per layout (test/fixtures-kb/modernSources.ts),
// the kind of source told by content, and the manifests and rows each must yield.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importKbArticle } from '../../src/kb/importKbArticle.js';
import { KbImportError } from '../../src/kb/KbImportError.js';
import { sourceKind } from '../../src/kb/sourceKind.js';
import type { Manifest, ManifestFile } from '../../src/model/manifest.js';
import * as sources from './fixtures/modernSources.js';

/** The rows of a manifest as [name, version, platform] for comparison. */
function rows(manifest: Manifest | undefined): [string, string | null, string | undefined][] {
  assert.ok(manifest, 'the manifest exists');
  return manifest.files.map((file) => [file.name, file.version, file.platform]);
}

function byId(manifests: readonly Manifest[], id: string): Manifest {
  const found = manifests.find((manifest) => manifest.id === id);
  assert.ok(found, `a manifest ${id} among ${manifests.map((m) => m.id).join(', ')}`);
  return found;
}

function file(manifest: Manifest, name: string, platform?: string): ManifestFile {
  const found = manifest.files.find((row) => row.name === name && (platform === undefined || row.platform === platform));
  assert.ok(found, `${name} in ${manifest.id}`);
  return found;
}

test('Markdown: one manifest per platform section; the section is the package, the Platform cell the file (WOW rows)', () => {
  const result = importKbArticle(sources.MARKDOWN_SECTIONS, 'widgets.md');
  assert.equal(result.source, 'markdown');
  assert.deepEqual(
    result.manifests.map((m) => m.id),
    ['KB2999001-x86', 'KB2999001-x64'],
  );
  const [x86, x64] = result.manifests as [Manifest, Manifest];
  assert.equal(x86.packagePlatform, 'i386');
  assert.equal(x64.packagePlatform, 'x64');
  assert.equal(x64.formatVersion, '1.2.0');
  assert.equal(x64.date, '2021-03-14', 'ms.date');
  assert.equal(x64.title, 'Widgets stop after an update', 'the front matter title');
  assert.equal(x64.product, 'Windows 7 and Windows Server 2008 R2', 'the section names the product');
  assert.equal(x64.language?.id, '0x0409', 'the announcing sentence names English (United States)');
  assert.deepEqual(rows(x64), [
    ['Widget.dll', '6.1.7601.22001', 'x64'],
    ['Widget.dll', '6.1.7601.22001', 'i386'],
    ['Widget.mof', null, undefined],
  ]);
  assert.equal(file(x64, 'Widget.dll', 'i386').serviceBranch, 'WOW');
  // The data file is listed for the 64-bit and the WOW64 side: one row, the earlier date, the size both print.
  const mof = file(x64, 'Widget.mof');
  assert.equal(mof.date, '2021-03-01');
  assert.equal(mof.size, 3100);
  assert.equal(result.warnings.length, 0, 'spacer rows and Not applicable cells are no warnings');
});

test('Markdown: padded cells, alignment rules, a table in a list item, escapes, a name broken by <br/>, <details>', () => {
  const result = importKbArticle(sources.MARKDOWN_PADDED, 'queue.md');
  assert.deepEqual(
    result.manifests.map((m) => m.id),
    ['KB2999002-x64', 'KB2999002-x64-servicing'],
  );
  const [binaries, servicing] = result.manifests as [Manifest, Manifest];
  assert.deepEqual(rows(binaries), [
    ['Sql_as_keyfile.dll', '6.0.6002.23001', 'x64'],
    ['Queue.sys', '6.0.6002.23001', 'x64'],
  ]);
  assert.deepEqual(
    servicing.files.map((row) => [row.name, row.version, row.servicing, row.kbSize]),
    [
      ['Amd64_widget-queue_31bf3856ad364e35_6.0.6002.23001_none_0123456789abcdef.manifest', null, true, '9,706'],
      ['Update.mum', null, true, '2,817'],
    ],
  );
  const features = new Set(result.tables.flatMap((table) => table.features));
  for (const feature of ['padded', 'escaped', 'nested', 'spacer-rows'] as const) assert.ok(features.has(feature), feature);
});

test('Markdown: SP requirement and Service branch columns give one manifest per branch, WOW rows in each', () => {
  const { manifests } = importKbArticle(sources.MARKDOWN_BRANCHES, 'layers.md');
  assert.deepEqual(
    manifests.map((m) => [m.id, m.serviceBranch, m.servicePack]),
    [
      ['KB2999003-x64-sp2gdr', 'SP2GDR', 'SP2'],
      ['KB2999003-x64-sp2qfe', 'SP2QFE', 'SP2'],
    ],
  );
  for (const manifest of manifests) {
    assert.deepEqual(rows(manifest), [
      ['Layers.dll', '5.2.3790.5001', 'x64'],
      ['Wlayers.dll', '5.2.3790.5001', 'i386'],
    ]);
    assert.equal(file(manifest, 'Wlayers.dll').serviceBranch, 'WOW');
  }
});

test('Markdown: vertical record tables are servicing files, checked by presence', () => {
  const result = importKbArticle(sources.MARKDOWN_VERTICAL, 'lsa.md');
  assert.equal(result.manifests.length, 1);
  const manifest = result.manifests[0] as Manifest;
  assert.equal(manifest.packagePlatform, 'i386');
  assert.deepEqual(
    manifest.files.map((row) => [row.name, row.version, row.servicing, row.size, row.date]),
    [
      ['Update.mum', null, true, undefined, undefined],
      ['X86_widget-lsa_31bf3856ad364e35_6.1.7600.20001_none_a6c221e8d72a628b.manifest', null, true, undefined, undefined],
    ],
  );
  assert.ok(result.tables[0]?.features.includes('vertical'));
});

test('Markdown: a SQL Server CU gives one manifest per component, the hash table as package information', () => {
  const { manifests } = importKbArticle(sources.MARKDOWN_SQL, 'cu9.md');
  assert.deepEqual(
    manifests.map((m) => m.id),
    ['KB5099901-x64-analysis-services', 'KB5099901-x64-database-services-core-instance'],
  );
  const analysis = byId(manifests, 'KB5099901-x64-analysis-services');
  assert.equal(analysis.component, 'SQL Server 2030 Analysis Services');
  assert.equal(analysis.product, 'SQL Server 2030 on Windows', 'the front matter appliesto');
  assert.equal(analysis.rowBranches, true, "its own 2030.170 files beside another product's 2.127");
  assert.deepEqual(rows(analysis), [
    ['Msmdsrv.exe', '2030.170.43.233', 'x64'],
    ['Widgetclient.dll', '2.127.602.0', 'i386'],
  ]);
  const core = byId(manifests, 'KB5099901-x64-database-services-core-instance');
  assert.equal(core.rowBranches, undefined, 'one branch: the usual rule');
  assert.deepEqual(core.packages, [
    { name: 'SQLServer2030-KB5099901-x64.exe', sha256: '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' },
  ]);
  assert.ok(!manifests.some((m) => m.files.some((row) => /\.exe$/.test(row.name) && row.name.startsWith('SQLServer2030-KB'))));
});

test('Markdown: an Exchange build table gives one manifest per cumulative update, for the file named above it', () => {
  assert.throws(
    () => importKbArticle(sources.MARKDOWN_EXCHANGE, 'exchange.md'),
    (error: unknown) => error instanceof KbImportError && error.code === 'bad-article-header' && /--id/.test(error.message),
  );
  const { manifests } = importKbArticle(sources.MARKDOWN_EXCHANGE, 'exchange.md', { id: 'KB5099904' });
  assert.deepEqual(
    manifests.map((m) => [m.id, m.product, m.component, m.branch, m.files[0]?.name, m.files[0]?.version, m.files[0]?.kbVersion]),
    [
      ['KB5099904-2030-cu8', 'Exchange Server 2030', 'CU8', '15.3.792', 'ExSetup.exe', '15.3.792.10', '15.03.0792.010'],
      ['KB5099904-2030-cu7', 'Exchange Server 2030', 'CU7', '15.3.721', 'ExSetup.exe', '15.3.721.13', '15.03.0721.013'],
      ['KB5099904-2026-cu19', 'Exchange Server 2026', 'CU19', '15.1.2176', 'ExSetup.exe', '15.1.2176.9', '15.01.2176.009'],
    ],
  );
});

test('HTML: a saved page, told by content; scripts ignored, <br> inside a name, a table in a list item', () => {
  const result = importKbArticle(new TextEncoder().encode(sources.HTML_PAGE), 'saved-page.txt');
  assert.equal(result.source, 'html');
  assert.deepEqual(
    result.manifests.map((m) => [m.id, m.packagePlatform, m.date]),
    [
      ['KB5099902-x64', 'x64', '2031-01-09'],
      ['KB5099902-arm64', 'arm64', '2031-01-09'],
    ],
  );
  assert.deepEqual(rows(result.manifests[0]), [
    ['Winload.efi', '10.0.30348.2227', 'x64'],
    ['Sql_as_keyfile.dll', '10.0.30348.2227', 'i386'],
  ]);
  assert.deepEqual(rows(result.manifests[1]), [['Winload.efi', '10.0.30348.2227', 'arm64']]);
  assert.ok(!JSON.stringify(result.manifests).includes('Evil.dll'), 'the script is not read');
});

test('Text copied from a page: tab-separated rows under the section line', () => {
  const result = importKbArticle(sources.PASTED_TEXT, 'clipboard.txt');
  assert.equal(result.source, 'pasted');
  const manifest = result.manifests[0] as Manifest;
  assert.equal(manifest.id, 'KB5099903');
  assert.equal(manifest.packagePlatform, 'x64');
  assert.equal(manifest.title, 'January 9, 2031-KB5099903 (OS Build 30348.2227)');
  assert.deepEqual(rows(manifest), [
    ['Winload.efi', '10.0.30348.2227', 'x64'],
    ['Kernel32.dll', '10.0.30348.2227', 'i386'],
  ]);
});

test('CSV, Windows 10 era: sizes with separators, SP requirement and Service branch, a servicing row', () => {
  const result = importKbArticle(sources.CSV_WINDOWS10, 'file-info.csv', { id: 'KB5099905', product: 'Windows Server 2016' });
  assert.equal(result.source, 'csv');
  const manifest = result.manifests[0] as Manifest;
  assert.equal(manifest.id, 'KB5099905');
  assert.equal(manifest.product, 'Windows Server 2016');
  assert.equal(manifest.packagePlatform, 'x64', 'x64 and x86 files: the x64 package');
  assert.deepEqual(rows(manifest), [
    ['Gdiwidget.dll', '10.0.14393.5001', 'x64'],
    ['Gdiwidget.dll', '10.0.14393.5001', 'i386'],
    ['Update.mum', null, undefined],
  ]);
  assert.equal(file(manifest, 'Update.mum').servicing, true);
});

test('CSV, 2016: Filename, Version, Size', () => {
  const manifest = importKbArticle(sources.CSV_2016, 'x.csv', { id: 'KB5099906' }).manifests[0] as Manifest;
  assert.deepEqual(
    manifest.files.map((row) => [row.name, row.version, row.platform, row.size]),
    [
      ['Win32widget.sys', '6.3.9600.18438', 'x64', undefined],
      ['Widget.cat', null, undefined, 12345],
    ],
  );
});

test('CSV, Windows 11: quoted cells and a banner row before each section give one manifest per platform', () => {
  const result = importKbArticle(sources.CSV_WINDOWS11, 'windows11.0.csv', { id: 'KB5099907' });
  assert.deepEqual(
    result.manifests.map((m) => [m.id, m.packagePlatform, m.product]),
    [
      ['KB5099907-x64', 'x64', 'Windows 11, version 30H2 LCU'],
      ['KB5099907-arm64', 'arm64', 'Windows 11, version 30H2 LCU'],
    ],
  );
  assert.deepEqual(rows(result.manifests[0]), [
    ['Ntoswidget.exe', '10.0.30100.4768', undefined],
    ['Kernelwidget.dll', '10.0.30100.4768', undefined],
  ]);
  const features = new Set(result.tables.flatMap((table) => table.features));
  assert.ok(features.has('banner-rows') && features.has('quoted'));
});

test('CSV, SQL Server: BOM, title rows, padded and blank rows, n/a, CRLF; the id from the file name', () => {
  const bytes = new TextEncoder().encode(sources.CSV_SQL);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const result = importKbArticle(bytes, 'SQLServer2030-KB5099908-x64-file-information.csv');
  assert.deepEqual(
    result.manifests.map((m) => [m.id, m.component, m.rowBranches]),
    [
      ['KB5099908-x64-database-services-core-instance', 'SQL Server 2030 Database Services Core Instance', undefined],
      ['KB5099908-x64-analysis-services', 'SQL Server 2030 Analysis Services', true],
    ],
  );
  const core = result.manifests[0] as Manifest;
  assert.deepEqual(
    core.files.map((row) => [row.name, row.version, row.platform, row.size]),
    [
      ['Sqlservr.exe', '2030.170.4236.7', 'x64', undefined],
      ['Instapi170.dll', '2030.170.4236.7', 'i386', undefined],
      ['Sqlscriptdowngrade.sql', null, undefined, 2012],
    ],
  );
  assert.equal(result.warnings.length, 0);
});

test('a CSV that names no KB, with none in its file name, is refused asking for --id', () => {
  assert.throws(
    () => importKbArticle(sources.CSV_2016, 'file-information.csv'),
    (error: unknown) => error instanceof KbImportError && /--id/.test(error.problem),
  );
});

test('the archive text is still read by the archive readers (a DOCUMENT head wins over everything)', () => {
  const head = 'DOCUMENT:Q123456  01-JAN-2000\nTITLE   :Test\nPRODUCT :Microsoft Exchange\nPROD/VER:winnt:5.0\n\n';
  const text = `${head}${sources.MARKDOWN_BRANCHES}`;
  assert.equal(sourceKind(text), 'archive');
  assert.equal(sourceKind(sources.MARKDOWN_BRANCHES), 'markdown');
  assert.equal(sourceKind(sources.CSV_WINDOWS11), 'csv');
});
