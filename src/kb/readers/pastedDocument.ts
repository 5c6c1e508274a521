/**
 * Text copied from an article page in a browser → blocks. A copied table arrives as tab-separated
 * lines (one per row, the header first); everything else arrives as lines of text, headings included,
 * with nothing to mark them but their shortness.
 */

import type { DocBlock, DocRow, KbDocument } from '../document.js';

/** A line of a copied table: cells separated by tabs (one tab at least). */
function isTabRow(line: string): boolean {
  return line.includes('\t') && line.trim() !== '';
}

/** Reads text copied from a page into blocks. Never throws. */
export function readPastedDocument(lines: readonly string[]): KbDocument {
  const blocks: DocBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    if (line.trim() === '') continue;
    if (isTabRow(line)) {
      const rows: DocRow[] = [];
      let spacers = false;
      let end = index;
      for (; end < lines.length; end++) {
        const row = lines[end] as string;
        if (row.trim() === '') {
          // A blank line inside a run of tab rows is a spacer when another tab row follows it.
          if (isTabRow(lines[end + 1] ?? '')) {
            spacers = true;
            continue;
          }
          break;
        }
        if (!isTabRow(row)) break;
        const cells = row.split('\t').map((cell) => cell.replace(/[ \u00a0]+/g, ' ').trim());
        if (cells.every((cell) => cell === '')) {
          spacers = true;
          continue;
        }
        rows.push({ line: end + 1, cells });
      }
      blocks.push({ kind: 'table', line: index + 1, header: undefined, rows, traits: spacers ? { spacers: true } : {} });
      index = end - 1;
      continue;
    }
    const text = line.replace(/[ \u00a0]+/g, ' ').trim();
    // A short line with no sentence end, copied from the page, was a heading there.
    if (text.length <= 120 && !/[.:;,]$/.test(text) && !/^[-*•]\s/.test(text)) {
      blocks.push({ kind: 'heading', line: index + 1, level: 7, text });
    } else {
      blocks.push({ kind: 'text', line: index + 1, text: text.replace(/^[-*•]\s+/, '') });
    }
  }
  return { blocks, meta: {}, lineCount: lines.length };
}
