/**
 * Splitting a line of text into a table's cells.
 *
 * KB column tables are aligned by eye: values overflow their columns, cells are empty, a date
 * is "October 6, 2000" and a size "126,976 bytes", the header's words sit left of right-aligned
 * numbers. So a row is read the way a person reads it: the words are shared out among the
 * columns in order, each column taking the words that read as its kind of value (a version, a
 * size, a date ...), with position as the tie-breaker. Every way of sharing is scored and the
 * best kept (a small dynamic programme over words × columns); a line no sharing fits is not a
 * row of this table.
 */

import { findLanguage, isLanguageWithoutId, isNeutralLanguage } from './languages.js';
import type { Cells, ColumnKind, TableColumn } from './tableModel.js';
import type { Word } from './tableHeader.js';
import { isTimePlaceholder, parseKbTime, readDate, readName, readPlatform, readSize, readVersion } from './values.js';

/** The most words one cell may take ("001033 English (United States)", "Windows 98 Second Edition"). */
const MAX_WORDS_PER_CELL = 6;

/** True when a text reads as a typed value (a file name, a version, a date, a time, an exact size) a free-text column must not swallow. */
function isTypedValue(text: string): boolean {
  const version = readVersion(text);
  return (
    text.split(/\s+/).some((word) => readName(word)?.hasExtension === true) ||
    (version.kind === 'parts' && version.parts.length >= 2) ||
    readDate(text) !== undefined ||
    parseKbTime(text) !== undefined ||
    /^\d{1,3}(,\d{3})+$/.test(text)
  );
}

/**
 * How well a text reads as a value of a column kind: higher is better, -Infinity when it
 * cannot be one. An empty text scores what leaving that column empty costs.
 */
export function cellFit(kind: ColumnKind, text: string): number {
  const value = text.trim();
  if (value === '') return kind === 'name' ? Number.NEGATIVE_INFINITY : kind === 'other' ? 0 : -1;
  switch (kind) {
    case 'name': {
      const name = readName(value);
      if (name === undefined) return Number.NEGATIVE_INFINITY;
      if (!name.hasExtension) return 2;
      if (/\s/.test(name.name)) return 6;
      return name.remark !== undefined || name.folder !== undefined ? 8 : 10;
    }
    case 'version': {
      const version = readVersion(value);
      if (version.kind === 'none') return 8;
      if (version.kind !== 'parts') return Number.NEGATIVE_INFINITY;
      if (version.parts.length === 1) return 3;
      if (version.remark !== undefined) return 7;
      return version.parts.length === 4 ? 10 : 8;
    }
    case 'size': {
      const size = readSize(value);
      if (size === undefined) return Number.NEGATIVE_INFINITY;
      return size.kind === 'approximate' || /[,.]|b/i.test(value) ? 10 : 6;
    }
    case 'date': {
      const date = readDate(value);
      return date === undefined ? Number.NEGATIVE_INFINITY : date.kind === 'placeholder' ? 6 : 10;
    }
    case 'time':
      return parseKbTime(value) !== undefined ? 10 : isTimePlaceholder(value) ? 6 : Number.NEGATIVE_INFINITY;
    case 'platform': {
      const platform = readPlatform(value);
      if (platform?.kind === 'cpu') return 10;
      if (platform?.kind === 'all') return 8;
      return isTypedValue(value) ? Number.NEGATIVE_INFINITY : 2;
    }
    case 'language':
      if (findLanguage(value) !== undefined) return 10;
      if (isNeutralLanguage(value) || isLanguageWithoutId(value)) return 8;
      return isTypedValue(value) ? Number.NEGATIVE_INFINITY : 1;
    case 'branch':
      return /^(?:SP\d)?(?:GDR|LDR|QFE|RTM)$|^WOW$|^not applicable$/i.test(value) ? 10 : isTypedValue(value) ? Number.NEGATIVE_INFINITY : 1;
    case 'requirement':
      return /^(?:SP\d|RTM|not applicable|none)$/i.test(value) ? 10 : Number.NEGATIVE_INFINITY;
    case 'sha1':
      return /^[0-9a-f]{40}$/i.test(value) ? 10 : Number.NEGATIVE_INFINITY;
    case 'sha256':
      return /^[0-9a-f]{64}$/i.test(value) ? 10 : Number.NEGATIVE_INFINITY;
    case 'other':
      return 1;
  }
}

/** Where a column's values may sit: from the end of the label before it to the start of the label after it. */
function regions(columns: readonly TableColumn[]): ({ from: number; to: number } | undefined)[] {
  return columns.map((column, index) => {
    if (column.start === undefined || column.end === undefined) return undefined;
    const previous = columns[index - 1];
    const next = columns[index + 1];
    return {
      from: previous?.end ?? Number.NEGATIVE_INFINITY,
      to: next?.start ?? Number.POSITIVE_INFINITY,
    };
  });
}

/** A line split into cells, with how well the split fits. */
export interface Split {
  readonly cells: Cells;
  readonly score: number;
}

/**
 * Shares the words of a line among the columns, in order, for the best total fit; undefined
 * when no sharing gives every word a column that can hold it and the row a file name.
 */
export function splitWords(line: string, words: readonly Word[], columns: readonly TableColumn[]): Split | undefined {
  const n = words.length;
  const m = columns.length;
  if (n === 0 || m === 0) return undefined;
  const areas = regions(columns);
  // best[j][i]: the best score for the first i words in the first j columns; from[j][i]: where column j-1 started.
  const best: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(Number.NEGATIVE_INFINITY));
  const from: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(-1));
  (best[0] as number[])[0] = 0;
  for (let j = 0; j < m; j++) {
    const column = columns[j] as TableColumn;
    const area = areas[j];
    for (let i = 0; i <= n; i++) {
      const base = (best[j] as number[])[i] as number;
      if (base === Number.NEGATIVE_INFINITY) continue;
      for (let k = i; k <= Math.min(n, i + MAX_WORDS_PER_CELL); k++) {
        let score: number;
        if (k === i) {
          score = cellFit(column.kind, '');
        } else {
          const first = words[i] as Word;
          const last = words[k - 1] as Word;
          score = cellFit(column.kind, line.slice(first.start, last.end));
          if (score === Number.NEGATIVE_INFINITY) continue;
          score -= 0.25 * (k - i - 1);
          if (area !== undefined && last.end > area.from && first.start < area.to) score += 1.5;
        }
        const total = base + score;
        if (total > ((best[j + 1] as number[])[k] as number)) {
          (best[j + 1] as number[])[k] = total;
          (from[j + 1] as number[])[k] = i;
        }
      }
    }
  }
  const score = (best[m] as number[])[n] as number;
  if (score === Number.NEGATIVE_INFINITY) return undefined;
  const cells: Partial<Record<ColumnKind, string>> = {};
  let end = n;
  for (let j = m; j > 0; j--) {
    const start = (from[j] as number[])[end] as number;
    const column = columns[j - 1] as TableColumn;
    const text = start === end ? '' : line.slice((words[start] as Word).start, (words[end - 1] as Word).end).replace(/\s+/g, ' ');
    // Two columns of kind `other` share one slot: keep the text of both.
    cells[column.kind] = column.kind === 'other' && cells.other ? `${text} ${cells.other}`.trim() : text;
    end = start;
  }
  return { cells, score };
}

/** Shares words among columns by position alone: each word goes to the column whose place it overlaps most. */
export function splitByPosition(line: string, words: readonly Word[], columns: readonly TableColumn[]): Cells {
  const buckets: Word[][] = columns.map(() => []);
  const areas = regions(columns);
  for (const word of words) {
    let bestIndex = 0;
    let bestOverlap = Number.NEGATIVE_INFINITY;
    areas.forEach((area, index) => {
      const column = columns[index] as TableColumn;
      const from = column.start ?? area?.from ?? 0;
      const to = areas[index + 1] === undefined ? Number.POSITIVE_INFINITY : (columns[index + 1]?.start ?? Number.POSITIVE_INFINITY);
      const overlap = Math.min(word.end, to) - Math.max(word.start, index === 0 ? Number.NEGATIVE_INFINITY : from);
      if (overlap > bestOverlap) {
        bestOverlap = overlap;
        bestIndex = index;
      }
    });
    (buckets[bestIndex] as Word[]).push(word);
  }
  const cells: Partial<Record<ColumnKind, string>> = {};
  columns.forEach((column, index) => {
    const bucket = buckets[index] as Word[];
    const first = bucket[0];
    const last = bucket[bucket.length - 1];
    const text = first === undefined || last === undefined ? '' : line.slice(first.start, last.end).replace(/\s+/g, ' ');
    if (text !== '' || cells[column.kind] === undefined) cells[column.kind] = text;
  });
  return cells;
}

/** Label words a headerless row prints between its values ("USER.EXE  version 4.00.951  dated 10/26/95"). */
const LABEL_WORDS = /^(version|ver|v|dated|date|time|size|file|files|filename|of|is|at|and|,|-|:|=|\u2013)$/i;

/** The order kinds are tried in when a headerless row's words are read. */
const HEADERLESS_KINDS: readonly ColumnKind[] = ['date', 'time', 'size', 'version', 'name', 'platform', 'language'];

/**
 * Reads a row that has no header: each run of words becomes the first kind of value it reads
 * as with certainty (a date, a time, a size, a version, a file name, a processor, a language).
 * Undefined when the line has no file name or a word that is no value (prose).
 */
export function splitHeaderless(line: string, words: readonly Word[]): { kinds: ColumnKind[]; cells: Cells } | undefined {
  const cells: Partial<Record<ColumnKind, string>> = {};
  const kinds: ColumnKind[] = [];
  let index = 0;
  while (index < words.length) {
    const word = words[index] as Word;
    if (LABEL_WORDS.test(word.text.replace(/:$/, ''))) {
      index++;
      continue;
    }
    let taken = 0;
    for (let span = Math.min(4, words.length - index); span >= 1 && taken === 0; span--) {
      const text = line.slice(word.start, (words[index + span - 1] as Word).end).replace(/\s+/g, ' ');
      for (const kind of HEADERLESS_KINDS) {
        if (cells[kind] !== undefined) continue;
        const fit = cellFit(kind, text);
        // Only values that read as their kind with certainty: never a bare word as a platform or language.
        // A name without an extension ("Outllib") counts only when a version follows it (checked below).
        if (fit >= 6 || (kind === 'version' && fit >= 3 && cells.name !== undefined) || (kind === 'name' && fit >= 2 && span === 1)) {
          cells[kind] = text;
          kinds.push(kind);
          taken = span;
          break;
        }
      }
    }
    if (taken === 0) return undefined;
    index += taken;
  }
  if (cells.name === undefined) return undefined;
  if (readName(cells.name)?.hasExtension !== true && cells.version === undefined) return undefined;
  return { kinds, cells };
}
