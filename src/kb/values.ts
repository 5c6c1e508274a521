/**
 * Readers for the values printed in KB file tables of 1995-2004: versions, sizes, dates,
 * times, platforms and file names, in every spelling the articles use. Each returns a reading
 * (or undefined) and never throws; what a reading means for a manifest row (a requirement, or
 * information with a note) is decided in buildManifests.ts.
 */

import type { Platform } from '../manifest/types.js';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** The month (1-12) a month name or abbreviation names ("Sep", "Sept", "September", "DEC."), or 0. */
function monthOf(word: string): number {
  const text = word.toLowerCase().replace(/\.$/, '');
  if (text.length < 3) return 0;
  const index = MONTHS.findIndex((month) => month.startsWith(text));
  return index + 1;
}

/**
 * Expands a KB year: four digits as they are; two digits only in the range the articles of
 * the era can mean (8x-9x → 198x-199x, 0x → 200x). Anything else, such as the truncated
 * "200", is not guessed.
 */
function fullYear(text: string, years: TwoDigitYears = 'archive'): number | undefined {
  if (/^\d{4}$/.test(text)) {
    const year = Number(text);
    return year >= 1980 && year <= (years === 'modern' ? 2099 : 2030) ? year : undefined;
  }
  if (!/^\d{2}$/.test(text)) return undefined;
  const year = Number(text);
  if (year >= 80) return 1900 + year;
  // Today's articles ("12-Jul-16", a SQL Server CU) print two-digit years of this century.
  if (year <= 15 || years === 'modern') return 2000 + year;
  return undefined;
}

/**
 * How two-digit years read: `archive` (1995-2004 articles: 80-99 and 00-15 only, anything else is not
 * guessed), or `modern` (today's articles: 00-79 are 2000-2079).
 */
export type TwoDigitYears = 'archive' | 'modern';

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "YYYY-MM-DD" for a real calendar date, else undefined. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A date cell as printed. */
export type DateReading =
  /** A date whose order is certain: a month name ("18-Sep-2001", "October 6, 2000") or ISO "2001-09-18". */
  | { readonly kind: 'fixed'; readonly iso: string }
  /** All numbers ("3/2/99", "21/12/00"): month-first or day-first, decided for the whole table. */
  | { readonly kind: 'numeric'; readonly first: number; readonly second: number; readonly year: number }
  /** A placeholder the article prints instead of a date ("xx/xx/xx"). */
  | { readonly kind: 'placeholder' };

/** Reads a date cell; undefined when it is not a date at all (or not a real one: "6/12/200", "2/30/99"). */
export function readDate(text: string, years: TwoDigitYears = 'archive'): DateReading | undefined {
  const value = text.trim();
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(value);
  if (numeric) {
    const year = fullYear(numeric[3] as string, years);
    const first = Number(numeric[1]);
    const second = Number(numeric[2]);
    if (year === undefined) return undefined;
    const monthFirst = isoDate(year, first, second) !== undefined;
    const dayFirst = isoDate(year, second, first) !== undefined;
    return monthFirst || dayFirst ? { kind: 'numeric', first, second, year } : undefined;
  }
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
  if (iso) return fixed(fullYear(iso[1] as string, years), Number(iso[2]), Number(iso[3]));
  // "18-Sep-2001", "07-December-2001", "6 October 2000", "01-Mar-01".
  const dayMonth = /^(\d{1,2})(?:st|nd|rd|th)?[-\s/.]+([A-Za-z]{3,9}\.?)[-\s/.,]+(\d{2}|\d{4})$/.exec(value);
  if (dayMonth) return fixed(fullYear(dayMonth[3] as string, years), monthOf(dayMonth[2] as string), Number(dayMonth[1]));
  // "Aug-30-2001", "October 6, 2000", "Sep 9 2001".
  const monthDay = /^([A-Za-z]{3,9}\.?)[-\s/.]+(\d{1,2})(?:st|nd|rd|th)?,?[-\s/.]+(\d{2}|\d{4})$/.exec(value);
  if (monthDay) return fixed(fullYear(monthDay[3] as string, years), monthOf(monthDay[1] as string), Number(monthDay[2]));
  if (/^[x\d?]{1,2}[/.-][x\d?]{1,2}[/.-][x\d?]{2,4}$/i.test(value) && /[x?]/i.test(value)) return { kind: 'placeholder' };
  return undefined;
}

function fixed(year: number | undefined, month: number, day: number): DateReading | undefined {
  if (year === undefined || month === 0) return undefined;
  const iso = isoDate(year, month, day);
  return iso === undefined ? undefined : { kind: 'fixed', iso };
}

/** The order of an all-numbers date: month first (US, "3/2/99" is March 2) or day first ("21/12/00"). */
export type DateOrder = 'month-first' | 'day-first';

/** The ISO date of an all-numbers reading in a given order, or undefined when it is no date in that order. */
export function numericDate(reading: { first: number; second: number; year: number }, order: DateOrder): string | undefined {
  return order === 'month-first'
    ? isoDate(reading.year, reading.first, reading.second)
    : isoDate(reading.year, reading.second, reading.first);
}

/**
 * Reads a KB date as "YYYY-MM-DD", all-numbers dates in `order` (month first unless told):
 * "06/14/00", "05/10/2000", "01-Mar-2001", "08-MAY-2002", "October 6, 2000", "2001-03-01".
 */
export function parseKbDate(text: string, order: DateOrder = 'month-first'): string | undefined {
  const reading = readDate(text);
  if (reading === undefined || reading.kind === 'placeholder') return undefined;
  return reading.kind === 'fixed' ? reading.iso : numericDate(reading, order);
}

/**
 * Reads a KB time ("01:26pm", "08:09p", "1:03PM", "13:26", "10:38:53PM", "1:20:53 P.M.",
 * "22.36") as 24-hour "HH:MM" or "HH:MM:SS". Undefined when it is not a time of day.
 */
export function parseKbTime(text: string): string | undefined {
  const match = /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*(?:([ap])\.?(?:m\.?)?)?$/i.exec(text.trim());
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

/** True for a placeholder the article prints instead of a time ("xx:xx"). */
export function isTimePlaceholder(text: string): boolean {
  return /^[x?]{1,2}:[x?]{2}(\s*[ap]\.?m?\.?)?$/i.test(text.trim());
}

/** A size cell as printed. */
export type SizeReading =
  /** An exact byte count: "283,104", "283104", "283,104 bytes", "1.135.104" (dots as thousands separators). */
  | { readonly kind: 'bytes'; readonly bytes: number }
  /** A rounded size ("254 KB", "1.79 MB", "67.5KB", "101.872"): information only, never a requirement. */
  | { readonly kind: 'approximate' };

/** Reads a size cell; undefined when it is not a size. */
export function readSize(text: string): SizeReading | undefined {
  const value = text.trim();
  const exact = /^(\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3}){2,}|\d+)(?:\s*(?:bytes?|b))?$/i.exec(value);
  if (exact) {
    const bytes = Number((exact[1] as string).replace(/[,.]/g, ''));
    return Number.isSafeInteger(bytes) ? { kind: 'bytes', bytes } : undefined;
  }
  // One dot group ("101.872") is thousands to one article and a decimal to another: not certain.
  if (/^\d{1,3}\.\d{3}$/.test(value)) return { kind: 'approximate' };
  if (/^\d{1,3}(?:,\d{3})*(?:[.,]\d+)?\s*(?:kb|k|kbytes|mb|m|mbytes|gb)$/i.test(value)) return { kind: 'approximate' };
  return undefined;
}

/** Reads an exact size in bytes ("1,234,567", "78608", "126,976 bytes"); undefined for anything else. */
export function parseKbSize(text: string): number | undefined {
  const reading = readSize(text);
  return reading?.kind === 'bytes' ? reading.bytes : undefined;
}

const PLATFORMS: ReadonlyMap<string, Platform> = new Map([
  ['intel', 'i386'],
  ['i386', 'i386'],
  ['x86', 'i386'],
  ['ix86', 'i386'],
  ['x386', 'i386'],
  ['80x86', 'i386'],
  ['intel x86', 'i386'],
  ['x86 intel', 'i386'],
  ['intel i386', 'i386'],
  ['i386 intel', 'i386'],
  ['intel x86 based', 'i386'],
  ['alpha', 'alpha'],
  ['axp', 'alpha'],
  ['alpha axp', 'alpha'],
  ['dec alpha', 'alpha'],
  ['compaq alpha', 'alpha'],
  ['mips', 'mips'],
  ['r4000', 'mips'],
  ['ppc', 'powerpc'],
  ['powerpc', 'powerpc'],
  ['power pc', 'powerpc'],
  ['x64', 'x64'],
  ['amd64', 'x64'],
  ['em64t', 'x64'],
  ['ia-64', 'ia64'],
  ['ia64', 'ia64'],
  ['ia 64', 'ia64'],
  ['itanium', 'ia64'],
  ['arm64', 'arm64'],
  ['aarch64', 'arm64'],
]);

/** Words around a platform that say nothing more ("(x86)", "Intel-based computers", "Alpha platform"). */
function platformKey(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/[()[\]:*]/g, ' ')
    .replace(/[-\s]+based\b/gi, ' ')
    .replace(/\b(computers?|systems?|machines?|platforms?|processors?|versions?|only|servers?|for|the|a)\b/gi, ' ')
    .replace(/[\s-]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** A platform cell as printed. */
export type PlatformReading =
  | { readonly kind: 'cpu'; readonly platform: Platform }
  /** "x86 and Alpha", "All", "Both": the row is for every processor. */
  | { readonly kind: 'all' }
  /** Text that names no processor hotfix-verify tells apart ("Windows 98", "Win32", "ARM720 (Debug)"). */
  | { readonly kind: 'other'; readonly text: string };

/** Reads a platform cell (Intel, I386, x86, (x86), X86, ix86, Alpha, (ALPHA), MIPS, PPC, x64, IA-64 ...); undefined when empty. */
export function readPlatform(text: string): PlatformReading | undefined {
  // "N/A" before the words are cleaned: the cleaning drops "a" as a word.
  if (/^(n\/a|not applicable)$/i.test(text.trim())) return { kind: 'all' };
  const key = platformKey(text);
  if (key === '') return text.trim() === '' ? undefined : { kind: 'other', text: text.trim() };
  const platform = PLATFORMS.get(key);
  if (platform !== undefined) return { kind: 'cpu', platform };
  // Today's tables print "Not applicable" (or "n/a", "Neutral", "MSIL") for files built for no one processor.
  if (/^(all|both|any|all platforms|n\/?a|not applicable|neutral|msil|anycpu|any cpu|none)$/.test(key)) return { kind: 'all' };
  const parts = key.split(/\s*(?:,|\/|&|\band\b|\bor\b)\s*/).filter((part) => part !== '');
  if (parts.length > 1 && parts.every((part) => PLATFORMS.has(part))) return { kind: 'all' };
  return {
    kind: 'other',
    text: text
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  };
}

/** Reads a platform as KB tables name it; undefined for anything that names no single processor. */
export function parsePlatform(text: string): Platform | undefined {
  const reading = readPlatform(text);
  return reading?.kind === 'cpu' ? reading.platform : undefined;
}

/** The processor a heading or sentence names ("Intel:", "For Alpha-based computers", "x86-based versions"), if exactly one. */
export function platformInText(text: string): Platform | 'all' | undefined {
  const found = new Set<Platform>();
  for (const match of text.matchAll(/\b(intel|x86|i386|alpha|axp|mips|ppc|powerpc|x64|amd64|ia-?64|itanium|arm64)\b/gi)) {
    const platform = PLATFORMS.get((match[1] as string).toLowerCase());
    if (platform !== undefined) found.add(platform);
  }
  if (found.size === 0) return undefined;
  return found.size === 1 ? ([...found][0] as Platform) : 'all';
}

/** A version cell as printed. */
export type VersionReading =
  | { readonly kind: 'blank' }
  /** "N/A", "none", "-", "Not applicable": the article gives no version. */
  | { readonly kind: 'none'; readonly text: string }
  /** One to four numbers, leading zeros dropped ("5.00.2195.0056" → [5, 0, 2195, 56]), and a remark in brackets after it, if any. */
  | { readonly kind: 'parts'; readonly parts: readonly number[]; readonly text: string; readonly remark?: string }
  /** Anything else ("5.0.1462.x", "24C", "2.00.00.0001001033"). */
  | { readonly kind: 'unreadable'; readonly text: string };

/** Reads a version cell: "5.0.1462.10", "5.00.1975.1", "3.2.13", "2543.1", "786", "7.0.2600.15 (xpclnt_qfe.010827-1803)", "N/A". */
export function readVersion(text: string): VersionReading {
  const value = text.trim();
  if (value === '') return { kind: 'blank' };
  if (/^(n\/?a|none|not applicable|not available|no version|unknown|-+|\u2014)$/i.test(value)) return { kind: 'none', text: value };
  // A remark may follow: "(SP2)", "(xpclnt_qfe.010827-1803)", or one short word ("shp", "SP2").
  const match = /^v?(\d{1,5}(?:[.:]\d{1,5}){0,3})(?:\s*([([].*[)\]])|\s+([A-Za-z][\w-]{0,7}))?$/i.exec(value);
  // A colon between two numbers ("5.0:2195.2097") is a dot mistyped; one number alone with a colon is a time.
  const labelAfter = match?.[3] !== undefined && /^(dated|date|size|time|bytes|version|and|or)$/i.test(match[3]);
  if (match && !labelAfter && !(/:/.test(match[1] as string) && (match[1] as string).split(/[.:]/).length < 3)) {
    const parts = (match[1] as string).split(/[.:]/).map(Number);
    if (parts.every((part) => part <= 0xffff)) {
      const remark = match[2] ?? match[3];
      return { kind: 'parts', parts, text: value, ...(remark !== undefined ? { remark } : {}) };
    }
  }
  return { kind: 'unreadable', text: value };
}

/** A file-name cell: the name, and what the cell prints around it (a folder, a remark in brackets). */
export interface NameReading {
  readonly name: string;
  /** "System32" for "System32\Foo.dll" ("/"-separated, no leading or trailing separator). */
  readonly folder?: string;
  /** "(56-bit)" for "Channel.dll (56-bit)". */
  readonly remark?: string;
  /** False for a name printed without an extension ("Outllib"). */
  readonly hasExtension: boolean;
}

const NAME = /^[A-Za-z0-9_$~!#%&'@^`{}-][^\s\\/:*?"<>|]*$/;
const EXTENSION = /\.[A-Za-z0-9_$~-]{1,8}$/;
/** Words that head a column or a sentence and are never files, though they look like a bare name. */
const NOT_NAMES = /^(note|notes|total|component|components|version|size|date|time|platform|file|files|name|and|or|the|for|see|none|n\/a)$/i;

/**
 * Reads a file-name cell ("Emsmta.exe", "P2.xv2", "Channel.dll (56-bit)", "\Winnt\System32\Foo.dll",
 * "Outllib"); undefined when it cannot be a file name.
 */
export function readName(text: string): NameReading | undefined {
  let value = text.trim();
  let remark: string | undefined;
  const bracket = /^(\S+)\s+([([].*[)\]])$/.exec(value);
  if (bracket) {
    value = bracket[1] as string;
    remark = bracket[2] as string;
  }
  value = value.replace(/^["']|["',;]$/g, '');
  const parts = value.split(/[\\/]/).filter((part) => part !== '' && !/^[A-Za-z]:$/.test(part) && part !== '.' && part !== '..');
  const name = parts.pop();
  if (name === undefined || name.length > 255) return undefined;
  // A name of two or three words ("Tst catalog.cat") when the last has an extension; one word otherwise.
  const words = name.split(' ');
  if (words.length > 3 || !words.every((word) => NAME.test(word))) return undefined;
  if (words.length > 1 && !(EXTENSION.test(name) && words.every((word) => /^[A-Za-z][A-Za-z0-9_$~-]*(\.[A-Za-z0-9_$~-]+)?$/.test(word)))) {
    return undefined;
  }
  if (words.length > 1 && words.some((word) => NOT_NAMES.test(word) || /^(dated|bytes)$/i.test(word))) return undefined;
  const hasExtension = EXTENSION.test(name) && !/^\d+(\.\d+)+$/.test(name) && !/^\.+/.test(name);
  if (!hasExtension && (NOT_NAMES.test(name) || !/^[A-Za-z][A-Za-z0-9_$~-]{1,40}$/.test(name))) return undefined;
  if (hasExtension && /^[\d.,]+$/.test(name)) return undefined;
  const folder = parts.length > 0 && parts.every((part) => NAME.test(part)) ? parts.join('/') : undefined;
  return { name, hasExtension, ...(folder !== undefined ? { folder } : {}), ...(remark !== undefined ? { remark } : {}) };
}

/** True when the text can be a file name as KB tables print it, with an extension ("Emsmta.exe", "P2.xv2"). */
export function isFileName(text: string): boolean {
  return readName(text)?.hasExtension === true;
}

/**
 * Extensions of files that are Portable Executables and so carry a VS_VERSIONINFO resource.
 * Everything else (.sch, .cat, .cfg, .tpl, .xv2, .ini, .hlp, and the .vxd/.386/.com of
 * Windows 9x and MS-DOS, which are not PE files) is a data file, checked by presence even
 * where the KB prints a version.
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
