/**
 * The HTML of an article page saved from a browser → blocks: headings, paragraphs and list items, and
 * tables (<th>/<td> cells, <br> as a line break inside a cell). parse5, the WHATWG parser, reads it as a
 * browser does (unclosed tags, entities, scripts), with the line of every element for messages.
 */

import { parse } from 'parse5';
import type { DefaultTreeAdapterTypes } from 'parse5';
import type { DocBlock, DocRow, KbDocument } from '../document.js';

type Node = DefaultTreeAdapterTypes.ChildNode | DefaultTreeAdapterTypes.Document;
type Element = DefaultTreeAdapterTypes.Element;

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'button', 'nav', 'iframe', 'select', 'option']);
const BLOCKS = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'details',
  'summary',
  'pre',
  'blockquote',
  'dt',
  'dd',
  'dl',
  'body',
  'html',
  'form',
  'figure',
  'caption',
]);
const HEADINGS: Readonly<Record<string, number>> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function lineOf(node: Node): number {
  return (node as Element).sourceCodeLocation?.startLine ?? 1;
}

function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((attr) => attr.name === name)?.value;
}

/** The text of a node, <br> as "\n", runs of white space as one space. */
function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterTypes.TextNode).value;
  if (!isElement(node) && node.nodeName !== '#document') return '';
  if (isElement(node)) {
    if (SKIPPED.has(node.tagName)) return '';
    if (node.tagName === 'br') return '\n';
  }
  const children: readonly Node[] = isElement(node) ? node.childNodes : (node as DefaultTreeAdapterTypes.Document).childNodes;
  const text = children.map(textOf).join('');
  return isElement(node) && (BLOCKS.has(node.tagName) || node.tagName in HEADINGS) ? `\n${text}\n` : text;
}

function clean(text: string): string {
  return text
    .split('\n')
    .map((part) => part.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter((part, index, parts) => part !== '' || (index > 0 && parts[index - 1] !== ''))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

/** The rows of a table element, in order, from its thead, tbody and tfoot (nested tables left out). */
function tableRows(table: Element): { rows: Element[]; headerRow: Element | undefined } {
  const rows: Element[] = [];
  let headerRow: Element | undefined;
  const walk = (node: Element, inHead: boolean) => {
    for (const child of node.childNodes) {
      if (!isElement(child)) continue;
      if (child.tagName === 'table') continue;
      if (child.tagName === 'tr') {
        rows.push(child);
        if (inHead && headerRow === undefined) headerRow = child;
      } else walk(child, inHead || child.tagName === 'thead');
    }
  };
  walk(table, false);
  return { rows, headerRow };
}

/** Reads the HTML of a saved article page into blocks. Never throws. */
export function readHtmlDocument(html: string, lineCount: number): KbDocument {
  const document = parse(html, { sourceCodeLocationInfo: true });
  const blocks: DocBlock[] = [];
  let title: string | undefined;
  let date: string | undefined;
  let buffer: { line: number; text: string } | undefined;
  const flush = () => {
    if (buffer !== undefined) {
      for (const part of clean(buffer.text).split('\n')) if (part !== '') blocks.push({ kind: 'text', line: buffer.line, text: part });
    }
    buffer = undefined;
  };
  const visit = (node: Node, nested: boolean) => {
    if (node.nodeName === '#text') {
      const value = (node as DefaultTreeAdapterTypes.TextNode).value;
      if (value.trim() === '' && buffer === undefined) return;
      buffer ??= { line: (node as DefaultTreeAdapterTypes.TextNode).sourceCodeLocation?.startLine ?? 1, text: '' };
      buffer.text += value;
      return;
    }
    if (!isElement(node)) {
      if (node.nodeName === '#document') for (const child of (node as DefaultTreeAdapterTypes.Document).childNodes) visit(child, nested);
      return;
    }
    const tag = node.tagName;
    if (tag === 'title') {
      title ??= clean(textOf(node)) || undefined;
      return;
    }
    if (tag === 'meta') {
      const name = (attribute(node, 'name') ?? attribute(node, 'property') ?? '').toLowerCase();
      if ((name === 'ms.date' || name === 'date' || name === 'article:modified_time') && date === undefined)
        date = attribute(node, 'content');
      return;
    }
    if (SKIPPED.has(tag) || tag === 'head') {
      if (tag === 'head') for (const child of node.childNodes) visit(child, nested);
      return;
    }
    if (tag === 'br') {
      if (buffer !== undefined) buffer.text += '\n';
      return;
    }
    const level = HEADINGS[tag];
    if (level !== undefined) {
      flush();
      const text = clean(textOf(node)).replace(/\n/g, ' ');
      if (text !== '') blocks.push({ kind: 'heading', line: lineOf(node), level, text });
      return;
    }
    if (tag === 'summary') {
      flush();
      const text = clean(textOf(node)).replace(/\n/g, ' ');
      if (text !== '') blocks.push({ kind: 'heading', line: lineOf(node), level: 6, text });
      return;
    }
    if (tag === 'table') {
      flush();
      const { rows, headerRow } = tableRows(node);
      const docRows: DocRow[] = [];
      let spacers = false;
      let escaped = false;
      for (const row of rows) {
        const cells = row.childNodes.filter((cell): cell is Element => isElement(cell) && (cell.tagName === 'td' || cell.tagName === 'th'));
        const texts = cells.map((cell) => clean(textOf(cell)));
        if (texts.some((text) => text.includes('\n'))) escaped = true;
        if (texts.every((text) => text === '')) {
          spacers = true;
          continue;
        }
        docRows.push({ line: lineOf(row), cells: texts });
      }
      const first = rows[0];
      const firstCells = first?.childNodes.filter(
        (cell): cell is Element => isElement(cell) && (cell.tagName === 'td' || cell.tagName === 'th'),
      );
      const thOnly = firstCells !== undefined && firstCells.length > 0 && firstCells.every((cell) => cell.tagName === 'th');
      const hasHeader = headerRow !== undefined || thOnly;
      blocks.push({
        kind: 'table',
        line: lineOf(node),
        header: hasHeader ? docRows[0] : undefined,
        rows: hasHeader ? docRows.slice(1) : docRows,
        traits: { ...(nested ? { nested: true } : {}), ...(spacers ? { spacers: true } : {}), ...(escaped ? { escaped: true } : {}) },
      });
      return;
    }
    const block = BLOCKS.has(tag);
    if (block) flush();
    const inner = nested || tag === 'li' || tag === 'details';
    for (const child of node.childNodes) visit(child, inner);
    if (block) flush();
  };
  visit(document, false);
  flush();
  return { blocks, meta: { ...(title !== undefined ? { title } : {}), ...(date !== undefined ? { date } : {}) }, lineCount };
}
