/**
 * Table headers: which columns a KB file table has, in which order and where, whatever words
 * the article uses for them ("File name", "Filename", "Name", "File", "Version#", "Ver",
 * "File Version", "Size (bytes)", "Locale" ...).
 */

import type { ColumnKind, TableColumn } from './tableModel.js';

/** Labels as lower-case word sequences; a longer label wins over a shorter one at the same place ("File name" over "File"). */
const LABELS: readonly (readonly [readonly string[], ColumnKind])[] = [
  // File name
  [['file', 'name'], 'name'],
  [['file', 'names'], 'name'],
  [['file-name'], 'name'],
  [['filename'], 'name'],
  [['filenames'], 'name'],
  [['name'], 'name'],
  [['names'], 'name'],
  [['file'], 'name'],
  [['files'], 'name'],
  [['module'], 'name'],
  [['module', 'name'], 'name'],
  [['binary'], 'name'],
  [['binary', 'name'], 'name'],
  [['image', 'name'], 'name'],
  // Version
  [['file', 'version'], 'version'],
  [['file', 'version', 'number'], 'version'],
  [['file', 'ver'], 'version'],
  [['product', 'version'], 'version'],
  [['version', 'number'], 'version'],
  [['version', '#'], 'version'],
  [['version#'], 'version'],
  [['version'], 'version'],
  [['versions'], 'version'],
  [['ver'], 'version'],
  [['ver#'], 'version'],
  [['vers'], 'version'],
  [['build'], 'version'],
  [['build', 'number'], 'version'],
  // Size
  [['file', 'size'], 'size'],
  [['size', '(bytes)'], 'size'],
  [['size', 'in', 'bytes'], 'size'],
  [['size(bytes)'], 'size'],
  [['file', 'size', '(bytes)'], 'size'],
  [['size', '(kb)'], 'size'],
  [['size'], 'size'],
  [['bytes'], 'size'],
  // Date and time
  [['file', 'date'], 'date'],
  [['date', 'stamp'], 'date'],
  [['date', 'modified'], 'date'],
  [['modified'], 'date'],
  [['date'], 'date'],
  [['date', '(utc)'], 'date'],
  [['file', 'time'], 'time'],
  [['time', 'stamp'], 'time'],
  [['time'], 'time'],
  [['time', '(utc)'], 'time'],
  // Platform
  [['platform'], 'platform'],
  [['platforms'], 'platform'],
  [['processor'], 'platform'],
  [['cpu'], 'platform'],
  [['architecture'], 'platform'],
  [['arch'], 'platform'],
  [['hardware'], 'platform'],
  [['operating', 'system'], 'platform'],
  [['os'], 'platform'],
  // Language
  [['language'], 'language'],
  [['languages'], 'language'],
  [['lang'], 'language'],
  [['locale'], 'language'],
  [['lcid'], 'language'],
  // Columns kept but not used
  [['description'], 'other'],
  [['location'], 'other'],
  [['folder'], 'other'],
  [['path'], 'other'],
  [['directory'], 'other'],
  [['destination'], 'other'],
  [['comments'], 'other'],
  [['comment'], 'other'],
  [['notes'], 'other'],
  [['checksum'], 'other'],
  [['attributes'], 'other'],
  [['service', 'pack'], 'requirement'],
  [['sp', 'requirement'], 'requirement'],
  [['service', 'pack', 'requirement'], 'requirement'],
  [['service', 'branch'], 'branch'],
  [['branch'], 'branch'],
  // A package's hash table (today's articles): kept as information about the package.
  [['sha1', 'hash'], 'sha1'],
  [['sha-1', 'hash'], 'sha1'],
  [['sha1'], 'sha1'],
  [['sha-1'], 'sha1'],
  [['sha256', 'hash'], 'sha256'],
  [['sha-256', 'hash'], 'sha256'],
  [['sha256'], 'sha256'],
  [['sha-256'], 'sha256'],
  [['type'], 'other'],
  [['component'], 'other'],
  [['product'], 'other'],
];

/** The labels by their first word, longest first, so that the first match at a place is the longest. */
const BY_FIRST_WORD: ReadonlyMap<string, readonly (readonly [readonly string[], ColumnKind])[]> = (() => {
  const map = new Map<string, (readonly [readonly string[], ColumnKind])[]>();
  for (const label of [...LABELS].sort((a, b) => b[0].length - a[0].length)) {
    const first = label[0][0] as string;
    map.set(first, [...(map.get(first) ?? []), label]);
  }
  return map;
})();

/** The label words the importer knows other than the six standard ones, for the report of header synonyms. */
const STANDARD = new Set(['file name', 'filename', 'version', 'size', 'date', 'time', 'platform', 'language', 'file size', 'file version']);

/** A word of a line with its position. */
export interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Splits a line into whitespace-separated words with their offsets. */
export function wordsOf(text: string, offset = 0): Word[] {
  return [...text.matchAll(/\S+/g)].map((match) => ({
    text: match[0],
    start: offset + (match.index as number),
    end: offset + (match.index as number) + match[0].length,
  }));
}

function normal(word: string): string {
  return word
    .toLowerCase()
    .replace(/[:,;]+$/, '')
    .replace(/\.$/, '');
}

/** The header's columns, and the words that are no column label. */
export interface HeaderReading {
  readonly columns: readonly TableColumn[];
  readonly unknown: readonly Word[];
}

/**
 * Reads the column labels of a header line ("Date  Time  Version  Size  File name  Platform").
 * A label of several words must have its words one space apart: two labels are always
 * further apart than that, unless the article separates them with a tab or a bar.
 */
export function readHeaderLabels(text: string, offset = 0): HeaderReading {
  const words = wordsOf(text, offset);
  const normals = words.map((word) => normal(word.text));
  const columns: TableColumn[] = [];
  const unknown: Word[] = [];
  let index = 0;
  while (index < words.length) {
    const match = (BY_FIRST_WORD.get(normals[index] as string) ?? []).find(([parts]) =>
      parts.every((part, k) => {
        const word = words[index + k];
        const previous = words[index + k - 1];
        return (
          word !== undefined && normals[index + k] === part && (k === 0 || (previous !== undefined && word.start - previous.end === 1))
        );
      }),
    );
    if (match === undefined) {
      unknown.push(words[index] as Word);
      index++;
      continue;
    }
    const [parts, kind] = match;
    const first = words[index] as Word;
    const last = words[index + parts.length - 1] as Word;
    columns.push({ kind, label: text.slice(first.start - offset, last.end - offset), start: first.start, end: last.end });
    index += parts.length;
  }
  return { columns, unknown };
}

/** Reads one cell of a boxed or tab-separated header ("File name", "Size (bytes)"): its kind, or undefined when it is no label. */
export function readHeaderCell(text: string): ColumnKind | undefined {
  const reading = readHeaderLabels(text.trim());
  if (reading.unknown.length > 0 || reading.columns.length !== 1) return undefined;
  return reading.columns[0]?.kind;
}

/**
 * Why a set of columns cannot head a file table (no file-name column, a column twice), or
 * undefined when it can. Columns of kind `other` may repeat.
 */
export function headerProblem(columns: readonly Pick<TableColumn, 'kind'>[]): string | undefined {
  const seen = new Set<ColumnKind>();
  for (const column of columns) {
    if (column.kind !== 'other' && seen.has(column.kind)) return `the table header has two ${column.kind} columns`;
    seen.add(column.kind);
  }
  if (!seen.has('name')) return 'the table header has no file-name column';
  return undefined;
}

/**
 * True when a line is meant as a table header rather than a section heading such as
 * "Exchange Server Version 5.5" or "Date and Time Settings": nothing but column labels, with
 * a file-name column and at least one other, or (`announced`, under a sentence announcing a
 * table) a file-name column alone.
 */
export function isHeaderLine(reading: HeaderReading, announced: boolean): boolean {
  if (reading.columns.length === 0) return false;
  if (headerProblem(reading.columns) !== undefined) return false;
  const known = reading.columns.filter((column) => column.kind !== 'other');
  // A word we do not know is a column we keep but do not use, when the rest is plainly a header.
  if (reading.unknown.length > 0) return announced && known.length >= 2 && reading.unknown.length <= 2;
  // "File" or "Name" alone is a word of a sentence far more often than a table.
  const name = reading.columns.find((column) => column.kind === 'name');
  if (known.length >= 2) return true;
  return announced && name !== undefined && /^file/i.test(name.label);
}

/** The columns of a header line, words no label knows becoming columns of kind `other` (adjacent ones joined). */
export function headerColumns(reading: HeaderReading, text: string): TableColumn[] {
  const others: TableColumn[] = [];
  for (const word of reading.unknown) {
    const last = others[others.length - 1];
    if (last !== undefined && last.end !== undefined && word.start - last.end === 1) {
      others[others.length - 1] = { ...last, label: text.slice(last.start, word.end), end: word.end };
    } else {
      others.push({ kind: 'other', label: word.text, start: word.start, end: word.end });
    }
  }
  return [...reading.columns, ...others].sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
}

/** True when a header uses a word for a column other than the usual ones ("Name", "Version#", "Ver"). */
export function usesSynonym(columns: readonly TableColumn[]): boolean {
  return columns.some((column) => column.label !== '' && !STANDARD.has(column.label.toLowerCase().replace(/\s+/g, ' ')));
}
