/**
 * Finds the file tables of today's articles among a document's blocks and hands each over in the one
 * table model, with what the text around it says: the package section ("For all supported x64-based
 * versions of Windows 7", "x64-based versions"), the component heading above it ("SQL Server 2022
 * Analysis Services"), the sentence that announces it. Four kinds of table are told apart by content:
 *
 * - file tables (`File name | File version | File size | Date | Time | Platform [| SP requirement | Service branch]`);
 * - "vertical" record tables (`| File name | X |`, `| File version | Y |` ... records separated by empty rows);
 * - Exchange build tables (`Exchange version | File versions of patched systems`, "For CU8: 15.02.0792.010"
 *   items), whose file is named in the text above the table (ExSetup.exe);
 * - the package's hash table (`File name | SHA1 hash | SHA256 hash`): information about the package, not files.
 */

import type { PackageFile, Platform } from '../model/manifest.js';
import type { DocBlock, DocRow, KbDocument } from './document.js';
import { languageNamedIn } from './languages.js';
import { readHeaderCell, usesSynonym } from './tableHeader.js';
import {
  type Announcement,
  COLUMN_NAMES,
  type Cells,
  type ColumnKind,
  type KbTable,
  type LayoutFeature,
  type PackageSection,
  type SkippedLine,
  type TableColumn,
  type TableContext,
  type TableLayout,
  type TableRow,
} from './tableModel.js';
import { readName } from './values.js';

/** What the tables of a document give: file tables in the one model, and the package's own files. */
export interface ModernTables {
  readonly tables: readonly KbTable[];
  readonly packages: readonly PackageFile[];
}

/** The package platform a section heading or banner names ("x86-based", "x64-based", "IA-64-based", "Arm64", "64-bit releases"). */
export function sectionPlatform(text: string): Platform | undefined {
  const found = new Set<Platform>();
  const lower = text.toLowerCase();
  if (/\bx86\b|\b32-bit\b|\bi386\b/.test(lower)) found.add('i386');
  if (/\bx64\b|\bamd64\b|\b64-bit\b/.test(lower)) found.add('x64');
  if (/\bia-?64\b|\bitanium\b/.test(lower)) found.add('ia64');
  if (/\barm64\b|\baarch64\b/.test(lower)) found.add('arm64');
  // "64-bit releases" alone is x64; beside IA-64 or Arm64 it names them.
  if (found.size > 1 && found.has('x64') && /\b64-bit\b/.test(lower) && !/\bx64\b|\bamd64\b/.test(lower)) found.delete('x64');
  return found.size === 1 ? [...found][0] : undefined;
}

/** "For all supported x64-based versions of Windows 7 and of Windows Server 2008 R2" → "Windows 7 and Windows Server 2008 R2". */
function sectionProduct(text: string): string | undefined {
  const match = /\b(?:versions?|releases?|editions?)\s+of\s+(.+)$/i.exec(text);
  if (match) {
    const product = (match[1] as string)
      .replace(/\band of\b/gi, 'and')
      .replace(/[.:]$/, '')
      .trim();
    return product === '' ? undefined : product;
  }
  // A CSV banner: "Windows 11, version 24H2 LCU x64-based".
  const rest = text
    .replace(/\b(?:x86|x64|amd64|arm64|ia-?64|itanium|32-bit|64-bit)(?:[- ]based)?\b/gi, ' ')
    .replace(/\b(?:for all supported|systems)\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,:-]+|[\s,:-]+$/g, '');
  // "x64-based versions" says nothing of the product.
  return rest === '' || /^(?:versions?|releases?|editions?|packages?)$/i.test(rest) ? undefined : rest;
}

/** Reads a line that heads a package section, if it is one: short, naming exactly one platform. */
export function readSection(text: string, line: number): PackageSection | undefined {
  if (text.length > 160 || /[.;]$/.test(text)) return undefined;
  const platform = sectionPlatform(text);
  if (platform === undefined) return undefined;
  // "Download the x64 package now." is a sentence, not a section; a section says what it is for.
  if (!/\bbased\b|\bversions?\b|\breleases?\b|\bsystems?\b|\beditions?\b|\bLCU\b|\bSSU\b|^\W*(x86|x64|arm64|ia-?64)\W*$/i.test(text)) {
    return undefined;
  }
  const product = sectionProduct(text);
  return {
    line,
    text,
    platform,
    ...(product !== undefined ? { product } : {}),
    ...(/\badditional\b/i.test(text) ? { additional: true } : {}),
  };
}

/** A short line that can head the table under it ("SQL Server 2022 Analysis Services"): no sentence. */
function isHeadingLike(text: string): boolean {
  return text.length > 0 && text.length <= 100 && !/[.:;!?]$/.test(text) && text.split(/\s+/).length <= 12;
}

/** The sentence announcing a file table of today's articles ("The English (United States) version of this hotfix installs files ..."). */
function readAnnouncement(text: string, line: number): Announcement | undefined {
  if (!/\bversion of this\b.{0,40}?\b(?:hotfix|update|package|download)\b.*\battributes\b/i.test(text)) {
    return undefined;
  }
  const head = text.split(/\bversions?\s+of\s+this\b/i)[0] ?? text;
  const language = languageNamedIn(head);
  return { line, text, ...(language !== undefined ? { language } : {}), orLater: true, unusual: false };
}

/** The kind of each header cell: known labels, the rest `other` (undefined when the header names no file-name column). */
export function headerKinds(cells: readonly string[]): ColumnKind[] | undefined {
  const kinds: ColumnKind[] = cells.map((cell) => readHeaderCell(cell.replace(/\s+/g, ' ')) ?? 'other');
  // Two version columns ("Version | File name | File version number"): the file's own version is the one that says "file".
  const versions = kinds.map((kind, index) => (kind === 'version' ? index : -1)).filter((index) => index >= 0);
  if (versions.length > 1) {
    const own = versions.find((index) => /^file/i.test((cells[index] as string).trim())) ?? versions[versions.length - 1];
    for (const index of versions) if (index !== own) kinds[index] = 'other';
  }
  const named = kinds.filter((kind) => kind === 'name').length;
  if (named !== 1) return undefined;
  for (const kind of new Set(kinds)) if (kind !== 'other' && kinds.filter((each) => each === kind).length > 1) return undefined;
  return kinds;
}

/** A cell's text for its column: a file name broken over lines ("X86_..._<br/>6.0.6002.22774_none_....manifest") joined without a space. */
function cellText(kind: ColumnKind, text: string): string {
  return kind === 'name' ? text.replace(/\s*\n\s*/g, '') : text.replace(/\s*\n\s*/g, ' ').trim();
}

/** Features a document table's traits and header show. */
function featuresOf(block: Extract<DocBlock, { kind: 'table' }>, columns: readonly TableColumn[]): LayoutFeature[] {
  const features = new Set<LayoutFeature>();
  if (block.traits.padded) features.add('padded');
  if (block.traits.escaped) features.add('escaped');
  if (block.traits.spacers) features.add('spacer-rows');
  if (block.traits.nested) features.add('nested');
  if (columns.some((column) => column.kind === 'branch' || column.kind === 'requirement')) features.add('branch-columns');
  if (usesSynonym(columns.filter((column) => column.kind !== 'branch' && column.kind !== 'requirement'))) features.add('header-synonym');
  return [...features];
}

/** Rows of a document table as table-model rows; a row whose file name cannot be read is skipped, naming the cell. */
export function modelRows(columns: readonly TableColumn[], docRows: readonly DocRow[]): { rows: TableRow[]; skipped: SkippedLine[] } {
  const rows: TableRow[] = [];
  const skipped: SkippedLine[] = [];
  for (const docRow of docRows) {
    const cells: Partial<Record<ColumnKind, string>> = {};
    const extra = docRow.cells.slice(columns.length).filter((cell) => cell.trim() !== '');
    columns.forEach((column, index) => {
      const value = cellText(column.kind, docRow.cells[index] ?? '');
      cells[column.kind] = column.kind === 'other' && cells.other ? `${cells.other} ${value}` : value;
    });
    const text = docRow.cells.join(' | ');
    if (extra.length > 0) {
      skipped.push({
        line: docRow.line,
        text,
        problem: `the row has ${docRow.cells.length} cells but the table has ${columns.length} columns`,
      });
      continue;
    }
    const name = cells.name ?? '';
    if (readName(name) === undefined) {
      skipped.push({
        line: docRow.line,
        text,
        problem: name === '' ? 'the row has no file name' : `${COLUMN_NAMES.name} ${JSON.stringify(name)} is not a file name`,
        cell: { kind: 'name', text: name },
      });
      continue;
    }
    rows.push({ line: docRow.line, cells: cells as Cells, group: 0 });
  }
  return { rows, skipped };
}

/** A vertical record table: "| File name | X |" then "| File version | Y |" ..., records separated by empty rows. */
function readVertical(block: Extract<DocBlock, { kind: 'table' }>, layout: TableLayout, context: TableContext): KbTable | undefined {
  const all = block.header === undefined ? block.rows : [block.header, ...block.rows];
  if (all.length < 2 || all.some((row) => row.cells.filter((cell) => cell !== '').length > 2)) return undefined;
  const labelled = all.map((row) => ({ row, kind: readHeaderCell((row.cells[0] ?? '').replace(/\s+/g, ' ')) }));
  if (labelled[0]?.kind !== 'name' || readHeaderCell((all[0]?.cells[1] ?? '').replace(/\s+/g, ' ')) !== undefined) return undefined;
  if (labelled.some((entry) => entry.kind === undefined && (entry.row.cells[0] ?? '') !== '')) return undefined;
  const order: ColumnKind[] = [];
  const records: { line: number; values: Map<ColumnKind, string> }[] = [];
  for (const { row, kind } of labelled) {
    if (kind === undefined) continue;
    if (kind === 'name') records.push({ line: row.line, values: new Map() });
    const record = records[records.length - 1];
    if (record === undefined) continue;
    if (!order.includes(kind)) order.push(kind);
    record.values.set(kind, row.cells[1] ?? '');
  }
  const columns: TableColumn[] = order.map((kind) => ({ kind, label: COLUMN_NAMES[kind] }));
  const docRows: DocRow[] = records.map((record) => ({ line: record.line, cells: order.map((kind) => record.values.get(kind) ?? '') }));
  const { rows, skipped } = modelRows(columns, docRows);
  if (rows.length === 0 && skipped.length === 0) return undefined;
  return {
    layout,
    features: [...new Set<LayoutFeature>(['vertical', ...featuresOf(block, [])])],
    headerLine: block.line,
    firstLine: block.line,
    lastLine: all[all.length - 1]?.line ?? block.line,
    columns,
    rows,
    skipped,
    context,
  };
}

/** "For CU8: 15.02.0792.010" (or a bare version) items of an Exchange build table cell. */
function buildItems(cell: string): { label: string | undefined; version: string }[] {
  const items: { label: string | undefined; version: string }[] = [];
  for (const part of cell.split(/\n|;|,(?=\s*for\b)/i)) {
    const match = /^\s*(?:for\s+)?([A-Za-z][\w .-]{0,30}?)?\s*[:=]?\s*(\d{1,5}(?:\.\d{1,5}){3})\s*$/i.exec(part);
    if (!match) continue;
    items.push({ label: match[1]?.trim() || undefined, version: match[2] as string });
  }
  return items;
}

/** The file a build table refers to, named in the text since the heading above it ("Get-Command Exsetup.exe"). */
function fileAbove(blocks: readonly DocBlock[], index: number): string | undefined {
  for (let at = index - 1; at >= 0; at--) {
    const block = blocks[at] as DocBlock;
    if (block.kind === 'heading' && block.level <= 6) break;
    if (block.kind !== 'text') continue;
    const names = [...block.text.matchAll(/\b([A-Za-z][\w.-]*\.(?:exe|dll|sys))\b/gi)].map((match) => match[1] as string);
    if (names.length > 0) return names[names.length - 1];
  }
  return undefined;
}

/** An Exchange build table: one table (one manifest) per product and cumulative update, each with its own minimum. */
function readBuilds(blocks: readonly DocBlock[], index: number, context: TableContext): KbTable[] | undefined {
  const block = blocks[index] as Extract<DocBlock, { kind: 'table' }>;
  const header = block.header?.cells ?? [];
  const versionColumn = header.findIndex((cell) => /\bfile versions?\b/i.test(cell) || /\bbuild(?: number)?s?\b/i.test(cell));
  if (versionColumn < 0 || header.some((cell) => readHeaderCell(cell.replace(/\s+/g, ' ')) === 'name')) return undefined;
  const productColumn = versionColumn === 0 ? 1 : 0;
  const name = fileAbove(blocks, index);
  if (name === undefined) return undefined;
  const tables: KbTable[] = [];
  for (const row of block.rows) {
    const product = (row.cells[productColumn] ?? '').replace(/\s+/g, ' ').trim();
    for (const item of buildItems(row.cells[versionColumn] ?? '')) {
      tables.push({
        layout: 'builds',
        features: featuresOf(block, []),
        headerLine: block.line,
        firstLine: row.line,
        lastLine: row.line,
        columns: [
          { kind: 'name', label: '' },
          { kind: 'version', label: header[versionColumn] ?? '' },
        ],
        rows: [{ line: row.line, cells: { name, version: item.version }, group: 0 }],
        skipped: [],
        context: {
          ...context,
          ...(product !== '' ? { product } : {}),
          ...(item.label !== undefined ? { component: item.label } : {}),
          buildBranch: true,
        },
      });
    }
  }
  return tables.length > 0 ? tables : undefined;
}

/** Finds the file tables of a document (Markdown, HTML or text copied from a page), in order. */
export function modernTables(document: KbDocument, layout: TableLayout): ModernTables {
  const tables: KbTable[] = [];
  const packages: PackageFile[] = [];
  const { blocks } = document;
  let section: (PackageSection & { level: number }) | undefined;
  let component: string | undefined;
  let announcement: Announcement | undefined;

  const context = (): TableContext => ({
    ...(announcement !== undefined ? { announcement } : {}),
    ...(component !== undefined ? { component } : {}),
    ...(section !== undefined ? { section: stripLevel(section) } : {}),
  });

  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index] as DocBlock;
    if (block.kind === 'heading' || (block.kind === 'text' && !block.code)) {
      // A paragraph or list item that reads as a heading (SQL Server's "x64-based versions", "- For all supported x86-based
      // versions of Windows Vista", a line copied from a page) is a weak heading: it never closes a section a real heading opened.
      const level = block.kind === 'heading' && block.level <= 6 ? block.level : 8;
      const found = readSection(block.text, block.line);
      if (found !== undefined) {
        section = { ...found, level };
        component = undefined;
        continue;
      }
      if (level <= 6) {
        if (section !== undefined && (level <= section.level || section.level === 8)) section = undefined;
        component = undefined;
        continue;
      }
      if (isHeadingLike(block.text)) {
        component = block.text;
        continue;
      }
      const announced = readAnnouncement(block.text, block.line);
      if (announced !== undefined) announcement = announced;
      continue;
    }
    if (block.kind === 'text') continue;
    const header = block.header ?? block.rows[0];
    const body = block.header === undefined ? block.rows.slice(1) : block.rows;
    if (header === undefined) continue;
    const vertical = readVertical(block, layout, context());
    if (vertical !== undefined) {
      tables.push(vertical);
      component = undefined;
      continue;
    }
    const kinds = headerKinds(header.cells);
    if (kinds === undefined) {
      const builds = readBuilds(blocks, index, context());
      if (builds !== undefined) tables.push(...builds);
      component = undefined;
      continue;
    }
    const columns: TableColumn[] = kinds.map((kind, at) => ({ kind, label: header.cells[at] ?? '' }));
    const has = (kind: ColumnKind) => kinds.includes(kind);
    if ((has('sha1') || has('sha256')) && !has('version')) {
      for (const row of body) {
        const at = (kind: ColumnKind) => (row.cells[kinds.indexOf(kind)] ?? '').replace(/\s+/g, '');
        const name = readName(cellText('name', row.cells[kinds.indexOf('name')] ?? ''))?.name;
        if (name === undefined) continue;
        const sha1 = has('sha1') && /^[0-9a-f]{40}$/i.test(at('sha1')) ? at('sha1').toLowerCase() : undefined;
        const sha256 = has('sha256') && /^[0-9a-f]{64}$/i.test(at('sha256')) ? at('sha256').toLowerCase() : undefined;
        packages.push({ name, ...(sha1 !== undefined ? { sha1 } : {}), ...(sha256 !== undefined ? { sha256 } : {}) });
      }
      continue;
    }
    // A file table says something about its files: a version, a size, a date or a platform.
    if (!['version', 'size', 'date', 'platform'].some((kind) => has(kind as ColumnKind))) continue;
    // A table of versions that names several files per row ("Msxml3.dll, Msxml3a.dll") is read row by row; a row that
    // names no single file is left out with a warning.
    const { rows, skipped } = modelRows(columns, body);
    if (rows.length === 0 && skipped.length === 0) continue;
    tables.push({
      layout,
      features: featuresOf(block, columns),
      headerLine: header.line,
      firstLine: block.line,
      lastLine: (body[body.length - 1] ?? header).line,
      columns,
      rows,
      skipped,
      context: context(),
    });
    component = undefined;
  }
  return { tables, packages };
}

function stripLevel(section: PackageSection & { level: number }): PackageSection {
  const { level: _level, ...rest } = section;
  return rest;
}
