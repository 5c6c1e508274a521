/**
 * Markdown article sources (the MicrosoftDocs support-article repositories) → blocks: front matter,
 * headings, paragraphs and list items, code blocks, <details>/<summary>, and pipe tables in every form
 * the articles use: compact or padded cells, "|---|" or "|:---:|" rules, empty spacer rows ("|||||||"),
 * escapes ("Sql\_as\_keyfile.dll"), <br/> inside cells, tables indented inside list items.
 */

import type { DocBlock, DocMeta, DocRow, DocTableTraits, KbDocument } from '../document.js';

const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s*(```|~~~)/;
/** A GFM delimiter row: "|---|---|", "|:---:|:---|", "---|---" (two columns or more). */
const DELIMITER = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)+\|?\s*$|^\s*\|\s*:?-{2,}:?\s*\|\s*$/;
const LIST_ITEM = /^\s*(?:[-*+]|\d{1,3}[.)])\s+/;

/** Decodes the HTML entities the articles use (&nbsp; &amp; &lt; &gt; &quot; &#39; &#x2019;). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|nbsp|amp|lt|gt|quot|apos);/gi, (whole, code: string) => {
    const lower = code.toLowerCase();
    if (lower === 'nbsp') return ' ';
    if (lower === 'amp') return '&';
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    const value = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : Number.parseInt(lower.slice(1), 10);
    return Number.isFinite(value) && value > 0 && value <= 0x10ffff ? String.fromCodePoint(value) : whole;
  });
}

/**
 * The text of a Markdown span as a person reads it: links to their text, emphasis and code marks dropped,
 * backslash escapes undone, HTML line breaks as "\n", other tags dropped, entities decoded.
 */
export function markdownText(text: string): string {
  return decodeEntities(
    text
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<\/?br\s*\/?>/gi, '\n')
      .replace(/<[^>\n]{1,200}>/g, '')
      .replace(/\*\*|__(?=\S)|(?<=\S)__/g, '')
      .replace(/(^|[\s(])\*(\S(?:[^*\n]*\S)?)\*(?=$|[\s).,:;])/g, '$1$2')
      .replace(/(^|[\s(])_(\S(?:[^_\n]*\S)?)_(?=$|[\s).,:;])/g, '$1$2')
      .replace(/`/g, '')
      .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1'),
  )
    .split('\n')
    .map((part) => part.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

/** Splits a pipe-table line into its raw cells: bars escaped with a backslash stay in the cell. */
function splitPipes(line: string): string[] {
  let text = line.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (char === '\\' && text[index + 1] === '|') {
      cell += '|';
      index++;
    } else if (char === '|') {
      cells.push(cell);
      cell = '';
    } else {
      cell += char;
    }
  }
  cells.push(cell);
  return cells;
}

/** True when a line can be a row of a pipe table. */
function isPipeLine(line: string): boolean {
  return line.includes('|');
}

/** Strips what puts a line inside a container: block-quote marks ("> "), nothing else. */
function unquote(line: string): string {
  return line.replace(/^\s*(?:>\s?)+/, '');
}

/** Reads the front matter ("---" ... "---" at the top): title, ms.date and the appliesto list. */
function frontMatter(lines: readonly string[]): { meta: DocMeta; end: number } {
  if ((lines[0] ?? '').trim() !== '---') return { meta: {}, end: 0 };
  let end = 1;
  while (end < lines.length && (lines[end] as string).trim() !== '---') end++;
  if (end >= lines.length) return { meta: {}, end: 0 };
  let title: string | undefined;
  let date: string | undefined;
  const appliesTo: string[] = [];
  let inApplies = false;
  for (const line of lines.slice(1, end)) {
    const field = /^([A-Za-z][\w.-]*)\s*:\s*(.*?)\s*$/.exec(line);
    if (field) {
      const key = (field[1] as string).toLowerCase();
      const value = (field[2] as string).replace(/^["']|["']$/g, '');
      inApplies = key === 'appliesto';
      if (key === 'title' && value !== '') title = value;
      if (key === 'ms.date' && value !== '') date = value;
      continue;
    }
    const item = /^\s*-\s+(.*?)\s*$/.exec(line);
    if (item && inApplies && item[1] !== '') appliesTo.push(item[1] as string);
  }
  return {
    meta: {
      ...(title !== undefined ? { title } : {}),
      ...(date !== undefined ? { date } : {}),
      ...(appliesTo.length > 0 ? { appliesTo } : {}),
    },
    end: end + 1,
  };
}

/** Reads a pipe table whose header is at `start` (its delimiter row next); returns the block and the index after it. */
function readPipeTable(lines: readonly string[], start: number, nested: boolean): { block: DocBlock; next: number } {
  const headerLine = unquote(lines[start] as string);
  const delimiter = unquote(lines[start + 1] as string);
  const traits: { -readonly [K in keyof DocTableTraits]: DocTableTraits[K] } = {};
  if (nested) traits.nested = true;
  if (/:-|-:/.test(delimiter) || /\|\s{2,}\S|\S\s{2,}\|/.test(headerLine)) traits.padded = true;
  const rowOf = (index: number): DocRow => {
    const raw = splitPipes(unquote(lines[index] as string));
    if (raw.some((cell) => /\\[_*<>[\]|]|<\/?br|\*\S/i.test(cell))) traits.escaped = true;
    return { line: index + 1, cells: raw.map(markdownText) };
  };
  const header = rowOf(start);
  const rows: DocRow[] = [];
  let index = start + 2;
  for (; index < lines.length; index++) {
    const line = unquote(lines[index] as string);
    if (line.trim() === '' || !isPipeLine(line)) break;
    if (DELIMITER.test(line)) continue;
    const row = rowOf(index);
    if (row.cells.every((cell) => cell === '')) {
      traits.spacers = true;
      continue;
    }
    rows.push(row);
  }
  return { block: { kind: 'table', line: start + 1, header, rows, traits }, next: index };
}

/** Reads a Markdown article source into blocks. Never throws. */
export function readMarkdownDocument(lines: readonly string[]): KbDocument {
  const { meta, end } = frontMatter(lines);
  const blocks: DocBlock[] = [];
  let paragraph: { line: number; parts: string[] } | undefined;
  const flush = () => {
    if (paragraph !== undefined) {
      const text = markdownText(paragraph.parts.join(' ')).replace(/\n/g, ' ');
      if (text !== '') blocks.push({ kind: 'text', line: paragraph.line, text });
    }
    paragraph = undefined;
  };
  let details = 0;
  for (let index = end; index < lines.length; index++) {
    const raw = lines[index] as string;
    const line = unquote(raw);
    if (FENCE.test(line)) {
      flush();
      const fence = (FENCE.exec(line) as RegExpExecArray)[1] as string;
      const body: string[] = [];
      let close = index + 1;
      while (
        close < lines.length &&
        !unquote(lines[close] as string)
          .trim()
          .startsWith(fence)
      )
        body.push(lines[close++] as string);
      blocks.push({ kind: 'text', line: index + 1, text: body.join('\n').trim(), code: true });
      index = close;
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (/^\s*<details\b/i.test(line)) details++;
    if (/^\s*<\/details>/i.test(line)) details = Math.max(0, details - 1);
    const summary = /<summary>(.*?)<\/summary>/i.exec(line);
    if (summary) {
      flush();
      const text = markdownText(summary[1] as string);
      if (text !== '') blocks.push({ kind: 'heading', line: index + 1, level: 6, text });
      continue;
    }
    if (/^\s*<\/?(details|summary|div|p)\b[^>]*>\s*$/i.test(line)) {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: 'heading', line: index + 1, level: (heading[1] as string).length, text: markdownText(heading[2] as string) });
      continue;
    }
    const next = lines[index + 1];
    if (isPipeLine(line) && next !== undefined && DELIMITER.test(unquote(next)) && !DELIMITER.test(line)) {
      flush();
      const nested = details > 0 || /^\s{2,}\|/.test(line);
      const { block, next: after } = readPipeTable(lines, index, nested);
      blocks.push(block);
      index = after - 1;
      continue;
    }
    if (LIST_ITEM.test(line)) {
      flush();
      paragraph = { line: index + 1, parts: [line.replace(LIST_ITEM, '')] };
      continue;
    }
    if (paragraph === undefined) paragraph = { line: index + 1, parts: [] };
    paragraph.parts.push(line.trim());
    // A line ending in two spaces or a backslash is a hard break: the next line is a line of its own.
    if (/ {2}$|\\$/.test(raw)) flush();
  }
  flush();
  return { blocks, meta, lineCount: lines.length };
}
