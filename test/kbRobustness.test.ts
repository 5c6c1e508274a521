import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importKbArticle, parseKbArticle, KbImportError } from '../src/kb/parseKbArticle.js';
import { validateManifest } from '../src/manifest/validateManifest.js';
import * as fx from './fixtures-kb/articles.js';

const ARTICLES = [
  fx.BOXED,
  fx.NAME_VERSION,
  fx.PLATFORM_SPLIT,
  fx.NO_VERSION,
  fx.NAME_DATE_TIME,
  fx.OTHER_ORDER,
  fx.OVERFLOW,
  fx.MULTI_SECTION,
  fx.CONTINUED,
  fx.DATA_FILES,
  fx.BAD_ROW,
  fx.PARTIAL_AMBIGUOUS,
  fx.article(
    { id: 'Q900190', title: 'Invented', ...fx.EXCHANGE_50 },
    `${fx.ENGLISH}

   Date      Time     Version   Size     File name    Platform   Language
   ----------------------------------------------------------------------
   Intel:
   21/12/00  1:03PM   3.2.13    254 KB   Tst1.dll     (x86)      001033 English (United States)
   03/04/00  08:09p   2543.1    1.79 MB  Tst2.dll                Neutral
                                                      Windows 98
                                                      Second Edition
   Aug-30-2001 13:26  786       283,104 bytes Tst3.dll  ALPHA    JPN

+-----------------------+
| 5.5.2632  | Tste.dll  |
|           | (SP2)     |
+-----------------------+
`,
  ),
];

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

/** Importing gives valid manifests or throws KbImportError naming a line: nothing else. */
function check(text: string, label: string): void {
  let result: ReturnType<typeof importKbArticle>;
  try {
    result = importKbArticle(text, 'fuzz.TXT');
  } catch (error) {
    assert.ok(error instanceof KbImportError, `${label}: threw ${String(error)}`);
    assert.ok(error.line >= 1, `${label}: line ${error.line}`);
    return;
  }
  assert.ok(result.manifests.length > 0, label);
  for (const manifest of result.manifests) assert.deepEqual(validateManifest(manifest), [], `${label}: ${manifest.id}`);
  for (const warning of result.warnings) assert.ok(warning.line >= 1 && warning.problem !== '', `${label}: ${JSON.stringify(warning)}`);
}

/** One mutation of a KB text: a random cut, two columns swapped on a line, a junk line, or edited characters. */
function mutate(text: string, next: () => number): string {
  const lines = text.split('\n');
  const at = Math.floor(next() * lines.length);
  const kind = next();
  if (kind < 0.2) return text.slice(0, Math.floor(next() * text.length));
  if (kind < 0.45) {
    const words = (lines[at] ?? '').split(/(\s+|\|)/);
    const a = Math.floor(next() * words.length);
    const b = Math.floor(next() * words.length);
    [words[a], words[b]] = [words[b] as string, words[a] as string];
    lines[at] = words.join('');
    return lines.join('\n');
  }
  if (kind < 0.65) {
    const junk = Array.from({ length: Math.floor(next() * 60) }, () => JUNK[Math.floor(next() * JUNK.length)]).join('');
    lines.splice(at, 0, junk);
    return lines.join('\n');
  }
  const chars = [...text];
  const edits = 1 + Math.floor(next() * 6);
  for (let edit = 0; edit < edits; edit++) {
    const where = Math.floor(next() * chars.length);
    const how = next();
    const char = JUNK[Math.floor(next() * JUNK.length)] as string;
    if (how < 0.4) chars.splice(where, 1);
    else if (how < 0.7) chars.splice(where, 0, char);
    else chars[where] = char;
  }
  return chars.join('');
}

const JUNK = ' \t\r\n|+-=./:,()0123456789AaNnxX';

describe('importKbArticle robustness', () => {
  it('never throws anything but KbImportError on truncated articles', () => {
    for (const [index, text] of ARTICLES.entries()) {
      const lines = text.split('\n');
      for (let cut = 0; cut <= lines.length; cut++) check(lines.slice(0, cut).join('\n'), `article ${index} cut at line ${cut}`);
    }
  });

  it('never throws anything but KbImportError on 5,000 mutated articles (cuts, swapped columns, junk lines, edits)', () => {
    const next = random(20020508);
    for (let round = 0; round < 5000; round++) {
      const index = round % ARTICLES.length;
      let text = ARTICLES[index] as string;
      const mutations = 1 + Math.floor(next() * 3);
      for (let m = 0; m < mutations; m++) text = mutate(text, next);
      check(text, `article ${index} round ${round}`);
    }
  });

  it('reads a long table', () => {
    const rows = Array.from({ length: 5000 }, (_, index) => `   Tst${index}.dll      5.0.1462.${index % 60000}`).join('\n');
    const text = fx.article(
      { id: 'Q900199', title: 'Invented', ...fx.EXCHANGE_50 },
      `   File Name        Version\n   ------------------------\n${rows}\n`,
    );
    const [manifest] = parseKbArticle(text, 'long.TXT');
    assert.equal(manifest?.files.length, 5000);
  });
});
