// `hotfix-verify import` on today's sources, run as a child process: a CSV's id from --id or the file name
// (else exit 2 asking for --id), --title and --product, and every manifest written validates against the
// published JSON Schema as well as the built-in validator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BUNDLED_MANIFEST_DIR } from '../../src/manifest/loadManifest.js';
import { validateManifest } from '../../src/manifest/validateManifest.js';
import { BOXED, DATA_FILES, MULTI_SECTION, PLATFORM_SPLIT } from '../fixtures-kb/articles.js';
import * as sources from '../kb/fixtures/modernSources.js';
import { run } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';

const require = createRequire(import.meta.url);
const Ajv = require('ajv') as typeof import('ajv').default;

async function schemaValidator() {
  const schema = JSON.parse(await readFile(path.join(BUNDLED_MANIFEST_DIR, 'manifest.schema.json'), 'utf8'));
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
}

async function writeSources(files: Record<string, string>): Promise<string> {
  const dir = await tempDir('hv-modern-');
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

test('a CSV without a KB number in it or its name: exit 2 asking for --id; with --id, --title and --product it imports', async () => {
  const dir = await writeSources({ 'file-information.csv': sources.CSV_WINDOWS10 });
  const csv = path.join(dir, 'file-information.csv');
  const refused = run(['import', csv]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /file-information\.csv, line 1: .*--id/);
  assert.equal(refused.stdout, '');

  const result = run(['import', csv, '--id', 'kb5099905', '--title', 'July update', '--product', 'Windows Server 2016']);
  assert.equal(result.code, 0, result.stderr);
  const manifest = JSON.parse(result.stdout);
  assert.equal(manifest.id, 'KB5099905');
  assert.equal(manifest.title, 'July update');
  assert.equal(manifest.product, 'Windows Server 2016');
  assert.equal(manifest.formatVersion, '1.2.0');
});

test('a CSV whose file name holds the KB number needs no --id', async () => {
  const dir = await writeSources({ 'windows11.0-kb5099907-x64.csv': sources.CSV_WINDOWS11 });
  const result = run(['import', path.join(dir, 'windows11.0-kb5099907-x64.csv')]);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(
    JSON.parse(result.stdout).map((manifest: { id: string }) => manifest.id),
    ['KB5099907-x64', 'KB5099907-arm64'],
  );
});

test('--id names one source: with several, exit 2 and nothing written', async () => {
  const dir = await writeSources({ 'a.csv': sources.CSV_2016, 'b.csv': sources.CSV_WINDOWS10 });
  const result = run(['import', path.join(dir, 'a.csv'), path.join(dir, 'b.csv'), '--id', 'KB5099909']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--id names the KB of one source/);
  assert.equal(result.stdout, '');
});

test('every manifest import writes, from every layout, validates against manifests/manifest.schema.json', async () => {
  const validate = await schemaValidator();
  const files: Record<string, string> = {
    'sections.md': sources.MARKDOWN_SECTIONS,
    'padded.md': sources.MARKDOWN_PADDED,
    'branches.md': sources.MARKDOWN_BRANCHES,
    'vertical.md': sources.MARKDOWN_VERTICAL,
    'sql.md': sources.MARKDOWN_SQL,
    'page.html': sources.HTML_PAGE,
    'clipboard.txt': sources.PASTED_TEXT,
    'KB5099905.csv': sources.CSV_WINDOWS10,
    'KB5099906.csv': sources.CSV_2016,
    'KB5099907.csv': sources.CSV_WINDOWS11,
    'KB5099908.csv': sources.CSV_SQL,
    'Q900101.TXT': BOXED,
    'Q900103.TXT': PLATFORM_SPLIT,
    'Q900108.TXT': MULTI_SECTION,
    'Q900110.TXT': DATA_FILES,
  };
  const dir = await writeSources(files);
  const out = path.join(dir, 'manifests');
  for (const name of Object.keys(files)) {
    const result = run(['import', path.join(dir, name), '--out', out]);
    assert.ok(result.code === 0 || result.code === 1, `${name}: ${result.stderr}`);
  }
  const exchange = await writeSources({ 'exchange.md': sources.MARKDOWN_EXCHANGE });
  assert.equal(run(['import', path.join(exchange, 'exchange.md'), '--id', 'KB5099904', '--out', out]).code, 0);

  const written = (await readdir(out)).filter((name) => name.endsWith('.json'));
  assert.ok(written.length >= 25, `${written.length} manifests written`);
  const formats = new Set<string>();
  for (const name of written) {
    const manifest = JSON.parse(await readFile(path.join(out, name), 'utf8'));
    formats.add(manifest.formatVersion);
    assert.ok(validate(manifest), `${name}: ${JSON.stringify(validate.errors)}`);
    assert.deepEqual(validateManifest(manifest), [], name);
  }
  assert.ok(formats.has('1.2.0') && formats.has('1.0.0'), `the lowest format each needs: ${[...formats].join(', ')}`);
});
