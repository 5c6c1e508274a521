/**
 * File-information CSVs (the "Download the file information" link of a Windows or SQL Server update) →
 * tables in the one model, in each layout Microsoft has used:
 *
 * - `File name,File version,File size,Date,Time,Platform[,SP requirement,Service branch]` (Windows 10 era);
 * - `Filename,Version,Size,Date,Time,Platform,SP Requirement,Service Branch` (2016);
 * - quoted cells, a banner row before each section (`"Windows 11, version 24H2 LCU x64-based"`) and
 *   `"File name","File version","Date","Time","File size"` (Windows 11);
 * - SQL Server: a byte-order mark, a component title row before each header, rows padded with empty
 *   cells, blank separator rows, `n/a`, CRLF.
 *
 * Told apart by content, never by the file's name. Sizes with thousands separators and `n/a` versions are
 * read where the meaning is given (buildManifests.ts), as in every other layout.
 */

import type { DocRow } from '../document.js';
import { headerKinds, modelRows, readSection } from '../modernTables.js';
import type { KbTable, LayoutFeature, PackageSection, TableColumn } from '../tableModel.js';

/** One CSV record: its cells and the line it starts on; `quoted` when a cell was in quotes. */
interface CsvRecord {
  readonly line: number;
  readonly cells: string[];
  readonly quoted: boolean;
}

/** Splits CSV text into records (RFC 4180: quoted cells, doubled quotes, line breaks inside quotes, CRLF or LF). */
export function csvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let inQuotes = false;
  let line = 1;
  let start = 1;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (inQuotes) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          cell += '"';
          index++;
        } else inQuotes = false;
      } else {
        if (char === '\n') line++;
        cell += char;
      }
      continue;
    }
    if (char === '"' && cell.trim() === '') {
      inQuotes = true;
      quoted = true;
      cell = '';
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[index + 1] === '\n') index++;
      cells.push(cell);
      records.push({ line: start, cells: cells.map((each) => each.trim()), quoted });
      cells = [];
      cell = '';
      quoted = false;
      line++;
      start = line;
    } else {
      cell += char;
    }
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    records.push({ line: start, cells: cells.map((each) => each.trim()), quoted });
  }
  return records;
}

/** How a file-name label starts ("File name", "Filename", "Name", "Module", "Binary", "Image name"). */
const FILE_LABEL_START = /^(?:file|name|module|binary|image)/i;

/** The columns of a header record (trailing empty cells dropped), or undefined when it is no file-table header. */
function headerOf(record: CsvRecord): TableColumn[] | undefined {
  // Most records are file rows: a header has a cell that starts like a file-name label (a quick test before reading labels).
  if (!record.cells.some((cell) => FILE_LABEL_START.test(cell))) return undefined;
  const cells = [...record.cells];
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  if (cells.length < 2 || cells.some((cell) => cell === '')) return undefined;
  const kinds = headerKinds(cells);
  if (kinds === undefined || !kinds.some((kind) => kind === 'version' || kind === 'size' || kind === 'date' || kind === 'platform')) {
    return undefined;
  }
  return kinds.map((kind, index) => ({ kind, label: cells[index] as string }));
}

/** True when some record of the text's head is a file-information CSV header (the test that tells a CSV from other text). */
export function looksLikeCsv(text: string): boolean {
  const head = text.slice(0, 8192);
  if (!head.includes(',')) return false;
  return csvRecords(head)
    .slice(0, 20)
    .some((record) => record.cells.length >= 3 && headerOf(record) !== undefined);
}

/** Reads a file-information CSV into tables: one per header, banner or title row. Never throws. */
export function readCsvTables(text: string): KbTable[] {
  const records = csvRecords(text);
  const tables: KbTable[] = [];
  let columns: TableColumn[] | undefined;
  let section: PackageSection | undefined;
  let component: string | undefined;
  let banners = false;
  let pending: { headerLine: number; rows: DocRow[]; spacers: boolean; quoted: boolean; first: number } | undefined;

  const close = () => {
    if (pending !== undefined && columns !== undefined && pending.rows.length > 0) {
      const { rows, skipped } = modelRows(columns, pending.rows);
      const features = new Set<LayoutFeature>();
      if (banners) features.add('banner-rows');
      if (pending.quoted) features.add('quoted');
      if (pending.spacers) features.add('spacer-rows');
      if (columns.some((column) => column.kind === 'branch' || column.kind === 'requirement')) features.add('branch-columns');
      tables.push({
        layout: 'csv',
        features: [...features],
        headerLine: pending.headerLine,
        firstLine: pending.first,
        lastLine: pending.rows[pending.rows.length - 1]?.line ?? pending.first,
        columns,
        rows,
        skipped,
        context: { ...(section !== undefined ? { section } : {}), ...(component !== undefined ? { component } : {}) },
      });
    }
    pending = undefined;
  };

  for (const record of records) {
    const filled = record.cells.filter((cell) => cell !== '');
    if (filled.length === 0) {
      if (pending !== undefined) pending.spacers = true;
      continue;
    }
    const header = headerOf(record);
    if (header !== undefined) {
      close();
      columns = header;
      pending = { headerLine: record.line, rows: [], spacers: false, quoted: record.quoted, first: record.line };
      continue;
    }
    if (filled.length === 1 && record.cells[0] !== '' && (columns === undefined || !/\.[A-Za-z0-9]{1,8}$/.test(filled[0] as string))) {
      // A banner ("Windows 11, version 24H2 LCU x64-based") or a component title ("SQL Server 2019 Database Services Core Instance").
      close();
      banners = true;
      const found = readSection(filled[0] as string, record.line);
      if (found !== undefined) {
        section = found;
        component = undefined;
      } else component = filled[0];
      if (columns !== undefined) pending = { headerLine: record.line, rows: [], spacers: false, quoted: record.quoted, first: record.line };
      continue;
    }
    if (columns === undefined) continue;
    pending ??= { headerLine: record.line, rows: [], spacers: false, quoted: false, first: record.line };
    if (record.quoted) pending.quoted = true;
    const cells = [...record.cells];
    if (cells.length > columns.length && cells.slice(columns.length).every((cell) => cell === '')) {
      cells.length = columns.length;
      pending.spacers = true;
    }
    pending.rows.push({ line: record.line, cells });
  }
  close();
  return tables;
}
