// The bundled Exchange 5.0 catalog is the importer's own output over the real articles: re-importing them gives the
// same files byte for byte. The articles are not part of the repository (Microsoft's text); the test runs where the
// team's copy is (HV_KB_ARCHIVE, or ../shared/kb beside the checkout) and is skipped elsewhere.
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
const CANDIDATES = [process.env['HV_KB_ARCHIVE'], path.join(ROOT, '../shared/kb'), path.join(ROOT, '../../shared/kb')];
const ARCHIVE = CANDIDATES.find((dir) => dir !== undefined && existsSync(path.join(dir, 'exchange-5.0')));

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
