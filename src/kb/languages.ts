/**
 * Build languages as KB articles name them ("The Japanese version of this
 * fix ..."), with their Windows language ids.
 */

import type { ManifestLanguage } from '../manifest/types.js';

interface LanguageEntry {
  readonly name: string;
  readonly id: string;
  /** Short tag used to tell manifests apart when an article splits by language. */
  readonly tag: string;
  /** Other spellings and the three-letter abbreviations Windows uses (LOCALE_SABBREVLANGNAME). */
  readonly aliases: readonly string[];
}

const LANGUAGES: readonly LanguageEntry[] = [
  { name: 'English', id: '0x0409', tag: 'en', aliases: ['ENU', 'US English'] },
  { name: 'Japanese', id: '0x0411', tag: 'ja', aliases: ['JPN'] },
  { name: 'German', id: '0x0407', tag: 'de', aliases: ['DEU'] },
  { name: 'French', id: '0x040C', tag: 'fr', aliases: ['FRA'] },
  { name: 'Italian', id: '0x0410', tag: 'it', aliases: ['ITA'] },
  // Spanish releases of the era were built for the modern sort (0x0C0A), not the traditional one (0x040A).
  { name: 'Spanish', id: '0x0C0A', tag: 'es', aliases: ['ESN'] },
  { name: 'Dutch', id: '0x0413', tag: 'nl', aliases: ['NLD'] },
  { name: 'Swedish', id: '0x041D', tag: 'sv', aliases: ['SVE'] },
  { name: 'Danish', id: '0x0406', tag: 'da', aliases: ['DAN'] },
  { name: 'Finnish', id: '0x040B', tag: 'fi', aliases: ['FIN'] },
  { name: 'Norwegian', id: '0x0414', tag: 'no', aliases: ['NOR'] },
  { name: 'Portuguese', id: '0x0816', tag: 'pt', aliases: ['PTG'] },
  { name: 'Brazilian Portuguese', id: '0x0416', tag: 'pt-br', aliases: ['PTB', 'Portuguese Brazilian', 'Brazilian'] },
  { name: 'Korean', id: '0x0412', tag: 'ko', aliases: ['KOR'] },
  { name: 'Simplified Chinese', id: '0x0804', tag: 'zh-cn', aliases: ['CHS', 'Chinese Simplified'] },
  { name: 'Traditional Chinese', id: '0x0404', tag: 'zh-tw', aliases: ['CHT', 'Chinese Traditional'] },
  { name: 'Polish', id: '0x0415', tag: 'pl', aliases: ['PLK'] },
  { name: 'Russian', id: '0x0419', tag: 'ru', aliases: ['RUS'] },
  { name: 'Czech', id: '0x0405', tag: 'cs', aliases: ['CSY'] },
  { name: 'Hungarian', id: '0x040E', tag: 'hu', aliases: ['HUN'] },
  { name: 'Greek', id: '0x0408', tag: 'el', aliases: ['ELL'] },
  { name: 'Turkish', id: '0x041F', tag: 'tr', aliases: ['TRK'] },
  { name: 'Hebrew', id: '0x040D', tag: 'he', aliases: ['HEB'] },
  { name: 'Arabic', id: '0x0401', tag: 'ar', aliases: ['ARA'] },
];

const BY_NAME: ReadonlyMap<string, LanguageEntry> = new Map(
  LANGUAGES.flatMap((entry) => [entry.name, ...entry.aliases].map((key) => [key.toLowerCase(), entry] as const)),
);

/** A language the importer knows, with the tag that tells its manifests apart. */
export interface KnownLanguage {
  readonly language: ManifestLanguage;
  readonly tag: string;
}

/** Looks up a language by name or abbreviation ("Japanese", "JPN", "Chinese (Simplified)"); undefined when unknown. */
export function findLanguage(text: string): KnownLanguage | undefined {
  const key = text
    .replace(/[()]/g, ' ')
    .replace(/[\s-]+/g, ' ')
    .trim()
    .toLowerCase();
  const entry = BY_NAME.get(key);
  return entry === undefined ? undefined : { language: { name: entry.name, id: entry.id }, tag: entry.tag };
}

/** True for a Language cell that names no language (language-neutral files). */
export function isNeutralLanguage(text: string): boolean {
  return /^(neutral|n\/a|not applicable)$/i.test(text);
}
