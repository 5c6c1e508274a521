// The bundled Exchange 5.0 catalog is the importer's own output over the real articles: re-importing them gives the
// same files byte for byte. The articles are not part of the repository (Microsoft's text); the test runs where the
// team's copy is named by HV_KB_ARCHIVE (e.g. HV_KB_ARCHIVE=../shared/kb npm test) and is skipped elsewhere: npm test
// never reads outside the repository unless told to.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importKbArticle } from '../src/kb/parseKbArticle.js';
import { formatManifest } from '../src/manifest/formatManifest.js';
import { BUNDLED_MANIFEST_DIR } from '../src/manifest/loadManifest.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NAMED = process.env['HV_KB_ARCHIVE'];
const ARCHIVE =
  NAMED !== undefined && existsSync(path.join(path.resolve(ROOT, NAMED), 'exchange-5.0')) ? path.resolve(ROOT, NAMED) : undefined;

test('re-importing the Exchange 5.0 articles gives the bundled catalog byte for byte', { skip: ARCHIVE === undefined }, async () => {
  const articles = path.join(ARCHIVE as string, 'exchange-5.0');
  const catalog = path.join(BUNDLED_MANIFEST_DIR, 'catalog', 'exchange-5.0');
  const made = new Map<string, string>();
  for (const name of (await readdir(articles)).filter((file) => file.endsWith('.TXT')).sort()) {
    const result = importKbArticle(await readFile(path.join(articles, name)), name);
    assert.deepEqual(result.warnings, [], name);
    for (const manifest of result.manifests) made.set(`${manifest.id}.json`, formatManifest(manifest, '../../manifest.schema.json'));
  }
  // Q254943 is kept as manifests/Q254943.json (hand-reviewed notes), not in the catalog folder.
  made.delete('Q254943.json');
  const bundled = (await readdir(catalog)).filter((file) => file.endsWith('.json')).sort();
  assert.deepEqual([...made.keys()].sort(), bundled);
  for (const file of bundled) assert.equal(made.get(file), await readFile(path.join(catalog, file), 'utf8'), file);
});
