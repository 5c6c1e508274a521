/**
 * Table headers: which columns a KB file table has, in which order and where.
 * The header row drives everything else, so a header with a word we do not
 * know is an error rather than a column we skip.
 */

/** The kinds of column KB file tables use. */
export type ColumnKind = 'name' | 'version' | 'size' | 'date' | 'time' | 'platform' | 'language';

/** One column of a header: its kind, the label as printed and where the label sits on the line. */
export interface Column {
  readonly kind: ColumnKind;
  readonly label: string;
  /** 0-based character offset of the label's first character. */
  readonly start: number;
  /** 0-based offset just past the label's last character. */
  readonly end: number;
}

/** Labels as lower-case word sequences; longer ones first so "File name" wins over a lone "File". */
const LABELS: readonly (readonly [readonly string[], ColumnKind])[] = [
  [['file', 'name'], 'name'],
  [['file', 'version'], 'version'],
  [['file', 'size'], 'size'],
  [['filename'], 'name'],
  [['version'], 'version'],
  [['size'], 'size'],
  [['date'], 'date'],
  [['time'], 'time'],
  [['platform'], 'platform'],
  [['language'], 'language'],
];

/** Human name of a column kind, for messages. */
export const COLUMN_NAMES: Readonly<Record<ColumnKind, string>> = {
  name: 'File name',
  version: 'Version',
  size: 'Size',
  date: 'Date',
  time: 'Time',
  platform: 'Platform',
  language: 'Language',
};

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

/** The header's columns, and the words that are no column label. */
export interface HeaderReading {
  readonly columns: readonly Column[];
  readonly unknown: readonly Word[];
}

/**
 * Reads the column labels of a header line ("Date  Time  Version  Size  File
 * name  Platform"). A two-word label must have its words one space apart:
 * two labels are always further apart than that.
 */
export function readHeaderLabels(text: string, offset = 0): HeaderReading {
  const words = wordsOf(text, offset);
  const columns: Column[] = [];
  const unknown: Word[] = [];
  let index = 0;
  while (index < words.length) {
    const match = LABELS.find(([parts]) =>
      parts.every((part, k) => {
        const word = words[index + k];
        const previous = words[index + k - 1];
        return (
          word !== undefined && word.text.toLowerCase() === part && (k === 0 || (previous !== undefined && word.start - previous.end === 1))
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

/**
 * Why a set of columns cannot be a file table (no file-name column, a column
 * twice, a word we do not know), or undefined when it can.
 */
export function headerProblem(reading: HeaderReading): string | undefined {
  if (reading.unknown.length > 0) {
    const words = reading.unknown.map((word) => JSON.stringify(word.text)).join(', ');
    return (
      `unrecognised column${reading.unknown.length > 1 ? 's' : ''} ${words} in the table header (known: File name, Version, Size, ` +
      `Date, Time, Platform, Language)`
    );
  }
  const seen = new Set<ColumnKind>();
  for (const column of reading.columns) {
    if (seen.has(column.kind)) return `the table header has two ${COLUMN_NAMES[column.kind]} columns`;
    seen.add(column.kind);
  }
  if (!seen.has('name')) return 'the table header has no File name column';
  return undefined;
}

/**
 * True when a line above a dashed rule is meant as a table header rather
 * than a section heading such as "Exchange Server Version 5.5" or "Date and
 * Time Settings": it names a file-name column, or it is nothing but column
 * labels (two or more). Under a sentence announcing a table, every such line
 * is read as a header, so an unknown header there is an error all the same.
 */
export function looksLikeTableHeader(reading: HeaderReading): boolean {
  if (reading.columns.some((column) => column.kind === 'name')) return true;
  return reading.columns.length >= 2 && reading.unknown.length === 0;
}
