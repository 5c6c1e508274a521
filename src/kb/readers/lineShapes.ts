/**
 * The shapes of lines around and inside KB tables: rules, box rows, sub-headings. Shared by
 * the layout readers and the article walker so that they agree on what a line is.
 */

import { isLanguageWithoutId, languageNamedIn } from '../languages.js';
import type { SubHeading } from '../tableModel.js';
import { platformInText } from '../values.js';

const DASH_RULE = /^\s*(?:-{3,}|={3,}|_{3,})(?:\s+(?:-{3,}|={3,}|_{3,}))*\s*$/;
const BOX_RULE = /^\s*[+|][-=+|]*[-=][-=+|]*[+|]\s*$/;
const PIPE_ROW = /^\s*\|.*\|\s*$|^\s*\|(?:[^|]*\|){2,}[^|]*$/;

/** True when a line is a dashed rule ("-------", "----  -----  ----", "======"). */
export function isDashRule(line: string): boolean {
  return DASH_RULE.test(line);
}

/** True when a line is the "+----+" (or "|----|") rule of a boxed table. */
export function isBoxRule(line: string): boolean {
  return BOX_RULE.test(line) && /[+]/.test(line);
}

/** True when a line is a "| a | b |" row of a boxed table. */
export function isPipeRow(line: string): boolean {
  return PIPE_ROW.test(line) && !isBoxRule(line);
}

/** The cells of a "| a | b |" line, trimmed; HTML line breaks left by the archive's conversion ("Intel<BR/>") dropped. */
export function pipeCells(line: string): string[] {
  let text = line.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|')) text = text.slice(0, -1);
  return text.split('|').map((cell) =>
    cell
      .replace(/<br\s*\/?>/gi, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** "Exchange Server 5.5", "Exchange Server Version 5.0:", "Windows NT 4.0": the major.minor a heading names. */
export function headingVersion(text: string): string | undefined {
  const match = /^\s*\S.{0,60}?\s(?:[Vv]ersion\s+)?(\d+\.\d+)\b[^.]{0,30}?:?\s*$/.exec(text);
  return match ? (match[1] as string) : undefined;
}

/** The build language named in a short text ("French:", "Japanese version"), if one. */
export function languageInText(text: string): ReturnType<typeof languageNamedIn> {
  return languageNamedIn(text);
}

/**
 * Reads a short line that says what the rows under it are for ("Intel:", "Alpha-based
 * computers:", "For Alpha-based computers", "French:", "Windows 95:", "Outlook 2000:");
 * undefined for anything else (a sentence, a note, a row).
 */
export function readSubHeading(line: string, number: number): SubHeading | undefined {
  const text = line.trim();
  if (text === '' || text.length > 70 || /^(note|notes|important|warning|caution)\b/i.test(text)) return undefined;
  const words = text.split(/\s+/);
  if (words.length > 9) return undefined;
  const platform = platformInText(text);
  const language = languageInText(text);
  const colon = text.endsWith(':');
  // A line that is nothing but a language ("Simplified Chinese", "Pan-Chinese") heads that language's rows.
  const languageOnly = words.length <= 3 && (language !== undefined || isLanguageWithoutId(text)) && !/[.,;]$/.test(text);
  const forHeading = /^for\s+(?:the\s+)?\S+(?:[- ]based)?/i.test(text) && !/\.$/.test(text);
  if (!colon && !forHeading && !languageOnly && !(platform !== undefined && words.length <= 4 && !/[.,;]$/.test(text))) return undefined;
  // A sentence that ends with a colon ("To install the fix, copy the following files:") is not a heading.
  if (colon && words.length > 6 && /\b(the|to|is|are|this|these|you|following)\b/i.test(text)) return undefined;
  const version = headingVersion(text);
  return {
    line: number,
    text: text.replace(/:$/, ''),
    ...(platform !== undefined ? { platform } : {}),
    ...(language !== undefined ? { language } : {}),
    ...(version !== undefined ? { version } : {}),
  };
}
