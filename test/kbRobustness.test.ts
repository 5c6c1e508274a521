import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseKbArticle, KbImportError } from '../src/kb/parseKbArticle.js';
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
];

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

/** Parsing either gives valid manifests or throws KbImportError: nothing else, and promptly. */
function check(text: string, label: string): void {
  let manifests: ReturnType<typeof parseKbArticle>;
  try {
    manifests = parseKbArticle(text, 'fuzz.TXT');
  } catch (error) {
    assert.ok(error instanceof KbImportError, `${label}: threw ${String(error)}`);
    assert.ok(error.line >= 1, `${label}: line ${error.line}`);
    return;
  }
  assert.ok(manifests.length > 0, label);
  for (const manifest of manifests) assert.deepEqual(validateManifest(manifest), [], `${label}: ${manifest.id}`);
}

describe('parseKbArticle robustness', () => {
  it('never throws anything but KbImportError on truncated articles', () => {
    for (const [index, text] of ARTICLES.entries()) {
      const lines = text.split('\n');
      for (let cut = 0; cut <= lines.length; cut++) check(lines.slice(0, cut).join('\n'), `article ${index} cut at line ${cut}`);
    }
  });

  it('never throws anything but KbImportError on mutated articles', () => {
    const next = random(20020508);
    const alphabet = ' \t\r\n|+-./:,0123456789AaNn';
    for (const [index, text] of ARTICLES.entries()) {
      for (let round = 0; round < 150; round++) {
        const chars = [...text];
        const edits = 1 + Math.floor(next() * 6);
        for (let edit = 0; edit < edits; edit++) {
          const at = Math.floor(next() * chars.length);
          const kind = next();
          if (kind < 0.4) chars.splice(at, 1);
          else if (kind < 0.7) chars.splice(at, 0, alphabet[Math.floor(next() * alphabet.length)] as string);
          else chars[at] = alphabet[Math.floor(next() * alphabet.length)] as string;
        }
        check(chars.join(''), `article ${index} round ${round}`);
      }
    }
  });

  it('reads a long table in linear time', () => {
    const rows = Array.from({ length: 5000 }, (_, index) => `   Tst${index}.dll      5.0.1462.${index % 60000}`).join('\n');
    const text = fx.article(
      { id: 'Q900199', title: 'Invented', ...fx.EXCHANGE_50 },
      `   File Name        Version\n   ------------------------\n${rows}\n`,
    );
    const started = Date.now();
    const [manifest] = parseKbArticle(text, 'long.TXT');
    assert.equal(manifest?.files.length, 5000);
    assert.ok(Date.now() - started < 5000);
  });
});
