/**
 * Readers for the values printed in KB file tables of the late 1990s: dates,
 * times, sizes, platforms, versions and file names. Each returns undefined
 * (never throws) when the text is not what it should be; the table readers
 * turn that into an error naming the line.
 */

import type { Platform } from '../manifest/types.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Expands a KB year: four digits as they are; two digits only in the range
 * the articles of the era can mean (9x → 199x, 0x → 200x). Anything else,
 * such as the truncated "200" of Q256839, is not guessed.
 */
function fullYear(text: string): number | undefined {
  if (/^\d{4}$/.test(text)) return Number(text);
  if (!/^\d{2}$/.test(text)) return undefined;
  const year = Number(text);
  if (year >= 90) return 1900 + year;
  if (year <= 9) return 2000 + year;
  return undefined;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Reads a KB date as "YYYY-MM-DD": US order "06/14/00" or "05/10/2000",
 * "01-Mar-2001" / "08-MAY-2002", or ISO "2001-03-01". Undefined when it is
 * not a real calendar date.
 */
export function parseKbDate(text: string): string | undefined {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d+)$/.exec(text);
  if (us) {
    const year = fullYear(us[3] as string);
    return year === undefined ? undefined : isoDate(year, Number(us[1]), Number(us[2]));
  }
  const named = /^(\d{1,2})-([A-Za-z]{3})-(\d+)$/.exec(text);
  if (named) {
    const month = MONTHS.indexOf((named[2] as string).toLowerCase()) + 1;
    const year = fullYear(named[3] as string);
    return month === 0 || year === undefined ? undefined : isoDate(year, month, Number(named[1]));
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return undefined;
}

/** True when the text has the shape of a date, readable or not (used to decide whether a row fits its columns). */
export function looksLikeDate(text: string): boolean {
  return /^\d{1,4}[/-](\d{1,2}|[A-Za-z]{3})[/-]\d{1,4}$/.test(text);
}

/**
 * Reads a KB time ("01:26pm", "01:18p", "07:45", "10:38:53PM", "10:38 PM") as
 * 24-hour "HH:MM" or "HH:MM:SS". Undefined when it is not a time of day.
 */
export function parseKbTime(text: string): string | undefined {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap])?(?:\.?m\.?)?$/i.exec(text);
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2]);
  const second = match[3] === undefined ? undefined : Number(match[3]);
  const half = match[4]?.toLowerCase();
  if (minute > 59 || (second !== undefined && second > 59)) return undefined;
  if (half !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half === 'p' ? 12 : 0);
  } else if (hour > 23) {
    return undefined;
  }
  const hhmm = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return second === undefined ? hhmm : `${hhmm}:${String(second).padStart(2, '0')}`;
}

/** Reads a size in bytes, with or without thousands separators ("1,234,567", "78608"). */
export function parseKbSize(text: string): number | undefined {
  if (!/^(?:\d{1,3}(?:,\d{3})+|\d+)$/.test(text)) return undefined;
  const value = Number(text.replace(/,/g, ''));
  return Number.isSafeInteger(value) ? value : undefined;
}

const PLATFORMS: ReadonlyMap<string, Platform> = new Map([
  ['intel', 'i386'],
  ['i386', 'i386'],
  ['x86', 'i386'],
  ['alpha', 'alpha'],
  ['axp', 'alpha'],
  ['x64', 'x64'],
  ['amd64', 'x64'],
  ['ia-64', 'ia64'],
  ['ia64', 'ia64'],
  ['itanium', 'ia64'],
]);

/** Reads a platform as KB tables name it (Intel, I386, x86, Alpha, x64, IA-64). */
export function parsePlatform(text: string): Platform | undefined {
  return PLATFORMS.get(text.toLowerCase());
}

/** A version cell as printed: absent ("N/A"), a full four-part version, or a partial "build.revision". */
export type VersionCell =
  | { readonly kind: 'none'; readonly text: string }
  | { readonly kind: 'blank' }
  | { readonly kind: 'full'; readonly version: string; readonly text: string }
  | { readonly kind: 'partial'; readonly build: number; readonly revision: number; readonly text: string };

/**
 * Reads a version cell. Full versions are normalised ("5.00.2195.1" →
 * "5.0.2195.1"); two-part ones are returned as partial for the caller to
 * complete where that is certain. Undefined for anything else.
 */
export function parseVersionCell(text: string): VersionCell | undefined {
  if (text === '') return { kind: 'blank' };
  if (/^(n\/a|not applicable)$/i.test(text)) return { kind: 'none', text };
  const full = /^(\d{1,5})\.(\d{1,5})\.(\d{1,5})\.(\d{1,5})$/.exec(text);
  if (full) {
    // KBs sometimes print "5.00.2195.1"; the manifest wants the numbers, written without leading zeros.
    const parts = full.slice(1).map(Number);
    return parts.every((part) => part <= 0xffff) ? { kind: 'full', version: parts.join('.'), text } : undefined;
  }
  const partial = /^(\d{1,5})\.(\d{1,5})$/.exec(text);
  if (partial) {
    const build = Number(partial[1]);
    const revision = Number(partial[2]);
    if (build <= 0xffff && revision <= 0xffff) return { kind: 'partial', build, revision, text };
  }
  return undefined;
}

/** True when the text can be a file name as KB tables print it ("Emsmta.exe", "P2.xv2"). */
export function isFileName(text: string): boolean {
  return /^[^\s\\/:*?"<>|](?:[^\\/:*?"<>|]*[^\s\\/:*?"<>|])?$/.test(text) && /\.[A-Za-z0-9_]{1,8}$/.test(text);
}

/**
 * Extensions of files that are Portable Executables and so carry a
 * VS_VERSIONINFO resource. Everything else (.sch, .cat, .cfg, .tpl, .xv2, ...)
 * is a data file, checked by presence even where the KB prints a version.
 */
const PE_EXTENSIONS = new Set([
  'exe',
  'dll',
  'sys',
  'ocx',
  'cpl',
  'drv',
  'scr',
  'acm',
  'ax',
  'tlb',
  'olb',
  'ime',
  'tsp',
  'rll',
  'flt',
  'cnv',
  'mui',
  'efi',
]);

/** The lower-case extension of a file name, or "" when it has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** True for files that have no version resource (anything that is not a PE extension). */
export function isDataFile(name: string): boolean {
  return !PE_EXTENSIONS.has(extensionOf(name));
}
