/**
 * Build languages as KB articles name them ("The Japanese version of this fix ...", a Language
 * column with "JPN", "001033 English (United States)"), with their Windows language ids: every
 * language Microsoft shipped localized builds of Windows, Office, Exchange, SQL Server, SMS
 * and SNA Server in.
 */

import type { ManifestLanguage } from '../manifest/types.js';

interface LanguageEntry {
  readonly name: string;
  /** Windows language id (LANGID), hex. */
  readonly id: string;
  /** Short tag used to tell manifests apart when an article splits by language. */
  readonly tag: string;
  /** Other spellings, the three-letter abbreviations Windows uses (LOCALE_SABBREVLANGNAME) and locale names. */
  readonly aliases: readonly string[];
}

const LANGUAGES: readonly LanguageEntry[] = [
  { name: 'English', id: '0x0409', tag: 'en', aliases: ['ENU', 'US English', 'English US', 'English United States', 'US', 'USA', 'EN'] },
  { name: 'Arabic', id: '0x0401', tag: 'ar', aliases: ['ARA', 'Arabic Saudi Arabia'] },
  { name: 'Bulgarian', id: '0x0402', tag: 'bg', aliases: ['BGR'] },
  { name: 'Catalan', id: '0x0403', tag: 'ca', aliases: ['CAT'] },
  { name: 'Traditional Chinese', id: '0x0404', tag: 'zh-tw', aliases: ['CHT', 'Chinese Traditional', 'Chinese Taiwan', 'Taiwanese'] },
  { name: 'Czech', id: '0x0405', tag: 'cs', aliases: ['CSY', 'Czech Republic'] },
  { name: 'Danish', id: '0x0406', tag: 'da', aliases: ['DAN', 'Danish Denmark'] },
  { name: 'German', id: '0x0407', tag: 'de', aliases: ['DEU', 'GER', 'German Germany', 'German Standard'] },
  { name: 'Greek', id: '0x0408', tag: 'el', aliases: ['ELL', 'Greek Greece'] },
  { name: 'Finnish', id: '0x040B', tag: 'fi', aliases: ['FIN', 'Finnish Finland'] },
  { name: 'French', id: '0x040C', tag: 'fr', aliases: ['FRA', 'French France', 'French Standard'] },
  { name: 'Hebrew', id: '0x040D', tag: 'he', aliases: ['HEB', 'Hebrew Israel'] },
  { name: 'Hungarian', id: '0x040E', tag: 'hu', aliases: ['HUN', 'Hungarian Hungary'] },
  { name: 'Icelandic', id: '0x040F', tag: 'is', aliases: ['ISL'] },
  { name: 'Italian', id: '0x0410', tag: 'it', aliases: ['ITA', 'Italian Italy', 'Italian Standard'] },
  { name: 'Japanese', id: '0x0411', tag: 'ja', aliases: ['JPN', 'JAP', 'Japanese Japan', 'NEC', 'Japanese NEC', 'NEC PC-98'] },
  { name: 'Korean', id: '0x0412', tag: 'ko', aliases: ['KOR', 'Korean Korea'] },
  { name: 'Dutch', id: '0x0413', tag: 'nl', aliases: ['NLD', 'Dutch Netherlands', 'Dutch Standard'] },
  { name: 'Norwegian', id: '0x0414', tag: 'no', aliases: ['NOR', 'Norwegian Bokmal', 'Norwegian Bokmål', 'Norwegian Bokmal Norway'] },
  { name: 'Polish', id: '0x0415', tag: 'pl', aliases: ['PLK', 'Polish Poland'] },
  { name: 'Brazilian Portuguese', id: '0x0416', tag: 'pt-br', aliases: ['PTB', 'Portuguese Brazilian', 'Portuguese Brazil', 'Brazilian'] },
  { name: 'Romanian', id: '0x0418', tag: 'ro', aliases: ['ROM'] },
  { name: 'Russian', id: '0x0419', tag: 'ru', aliases: ['RUS', 'Russian Russia'] },
  { name: 'Croatian', id: '0x041A', tag: 'hr', aliases: ['HRV'] },
  { name: 'Slovak', id: '0x041B', tag: 'sk', aliases: ['SKY'] },
  { name: 'Albanian', id: '0x041C', tag: 'sq', aliases: ['SQI'] },
  { name: 'Swedish', id: '0x041D', tag: 'sv', aliases: ['SVE', 'Swedish Sweden'] },
  { name: 'Thai', id: '0x041E', tag: 'th', aliases: ['THA'] },
  { name: 'Turkish', id: '0x041F', tag: 'tr', aliases: ['TRK', 'Turkish Turkey'] },
  { name: 'Urdu', id: '0x0420', tag: 'ur', aliases: ['URD'] },
  { name: 'Indonesian', id: '0x0421', tag: 'id', aliases: ['IND'] },
  { name: 'Ukrainian', id: '0x0422', tag: 'uk', aliases: ['UKR'] },
  { name: 'Belarusian', id: '0x0423', tag: 'be', aliases: ['BEL'] },
  { name: 'Slovenian', id: '0x0424', tag: 'sl', aliases: ['SLV', 'Slovene'] },
  { name: 'Estonian', id: '0x0425', tag: 'et', aliases: ['ETI'] },
  { name: 'Latvian', id: '0x0426', tag: 'lv', aliases: ['LVI'] },
  { name: 'Lithuanian', id: '0x0427', tag: 'lt', aliases: ['LTH'] },
  { name: 'Farsi', id: '0x0429', tag: 'fa', aliases: ['FAR', 'Persian'] },
  { name: 'Vietnamese', id: '0x042A', tag: 'vi', aliases: ['VIT'] },
  { name: 'Basque', id: '0x042D', tag: 'eu', aliases: ['EUQ'] },
  { name: 'Hindi', id: '0x0439', tag: 'hi', aliases: ['HIN'] },
  { name: 'Malay', id: '0x043E', tag: 'ms', aliases: ['MSL'] },
  { name: 'Simplified Chinese', id: '0x0804', tag: 'zh-cn', aliases: ['CHS', 'Chinese Simplified', 'Chinese PRC', 'Chinese China'] },
  { name: 'Portuguese', id: '0x0816', tag: 'pt', aliases: ['PTG', 'Portuguese Portugal', 'Portuguese Standard', 'Iberian Portuguese'] },
  { name: 'Serbian', id: '0x081A', tag: 'sr', aliases: ['SRL', 'Serbian Latin'] },
  { name: 'Hong Kong Chinese', id: '0x0C04', tag: 'zh-hk', aliases: ['ZHH', 'Chinese Hong Kong', 'Chinese Hong Kong SAR'] },
  // Spanish releases of the era were built for the modern sort (0x0C0A), not the traditional one (0x040A).
  {
    name: 'Spanish',
    id: '0x0C0A',
    tag: 'es',
    aliases: ['ESN', 'ESP', 'Spanish Spain', 'Spanish Modern Sort', 'Spanish International Sort'],
  },
];

function key(text: string): string {
  return text
    .replace(/[()[\],]/g, ' ')
    .replace(/\blanguage\b/gi, ' ')
    .replace(/[\s_-]+/g, ' ')
    .trim()
    .toLowerCase();
}

const BY_NAME: ReadonlyMap<string, LanguageEntry> = new Map(
  LANGUAGES.flatMap((entry) => [entry.name, ...entry.aliases].map((alias) => [key(alias), entry] as const)),
);
const BY_ID: ReadonlyMap<number, LanguageEntry> = new Map(LANGUAGES.map((entry) => [Number.parseInt(entry.id, 16), entry] as const));

/** Language names articles use that have no single language id: a note, never a requirement. */
const WITHOUT_ID = /^(pan[ -]?chinese|chinese|international|multilingual|multi[ -]?language|all languages?|localized|european)$/i;

/** A language the importer knows, with the tag that tells its manifests apart. */
export interface KnownLanguage {
  readonly language: ManifestLanguage;
  readonly tag: string;
}

function known(entry: LanguageEntry): KnownLanguage {
  return { language: { name: entry.name, id: entry.id }, tag: entry.tag };
}

/**
 * Looks up a language by name, abbreviation, locale name or decimal locale id ("Japanese",
 * "JPN", "Chinese (Simplified)", "English (United States)", "001033 English (United States)",
 * "1041"); undefined when unknown.
 */
export function findLanguage(text: string): KnownLanguage | undefined {
  const value = text.trim();
  const lcid = /^0*(\d{3,5})\b\s*(.*)$/.exec(value);
  if (lcid) {
    const byId = BY_ID.get(Number(lcid[1]));
    if (byId !== undefined) return known(byId);
    if (lcid[2] !== '') return findLanguage(lcid[2] as string);
    return undefined;
  }
  const entry = BY_NAME.get(key(value));
  return entry === undefined ? undefined : known(entry);
}

/** True for a Language cell that names no language (language-neutral files: "Neutral", "000000 Language Neutral", "N/A"). */
export function isNeutralLanguage(text: string): boolean {
  return /^(0+\s*)?(language[ -]neutral|neutral|n\/?a|not applicable|none|all|-+)$/i.test(text.trim());
}

/** True for a language word that has no single language id ("Pan Chinese"), so it is noted, not required. */
export function isLanguageWithoutId(text: string): boolean {
  return WITHOUT_ID.test(text.trim());
}

/** Every language name the importer knows, longest first, for finding one inside a sentence. */
export const LANGUAGE_NAMES: readonly string[] = [
  ...new Set(LANGUAGES.flatMap((entry) => [entry.name, ...entry.aliases.filter((alias) => alias.length > 3 && / /.test(alias) === false)])),
].sort((a, b) => b.length - a.length);

const NAMES_IN_TEXT = new RegExp(`\\b(${LANGUAGE_NAMES.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`, 'i');

/** The first language named in a text ("The post-SP3 English-language version", "French:"), longest name first at each place. */
export function languageNamedIn(text: string): KnownLanguage | undefined {
  const match = NAMES_IN_TEXT.exec(text);
  return match ? findLanguage(match[1] as string) : undefined;
}
