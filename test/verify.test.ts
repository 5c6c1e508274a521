// The pipeline as a whole (verify): what no tree, gate setting or ignore file can turn into a pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ScanReport } from '../src/model/report.js';
import type { FailOnStatus } from '../src/model/gate.js';
import { parseManifest } from '../src/manifest/loadManifest.js';
import type { LoadedManifest } from '../src/manifest/types.js';
import { gateSummary } from '../src/report/messages.js';
import { scan } from './helpers/scan.js';
import { memorySource, type MemoryFile } from './helpers/memorySource.js';
import { tempDir } from './helpers/tempDir.js';
import { run } from './helpers/cli.js';

function manifestOf(files: object[], extra: object = {}): LoadedManifest {
  return parseManifest(
    JSON.stringify({ formatVersion: '1.0.0', id: 'QTEST', title: 't', product: 'p', rule: 'or-later', files, ...extra }),
    'test.json',
  );
}

async function gated(manifest: LoadedManifest, files: MemoryFile[], failOn?: readonly FailOnStatus[]): Promise<ScanReport> {
  return scan({ manifests: [manifest], source: memorySource(files), ...(failOn ? { failOn } : {}) });
}

test('an empty target never passes, whatever --fail-on names (no row is proven)', async () => {
  const manifest = manifestOf([
    { name: 'A.dll', version: '5.0.1.1' },
    { name: 'B.cfg', version: null },
  ]);
  for (const failOn of [['outdated'], ['unverifiable'], ['outdated', 'unverifiable']] as const) {
    const report = await gated(manifest, [], failOn);
    assert.equal(report.gate!.pass, false, `--fail-on ${failOn.join(',')}: ${gateSummary(report.gate)}`);
  }
  const root = await tempDir('hv-ra-empty-');
  assert.equal(run(['scan', root, '--fail-on', 'outdated', '-q']).code, 1);
});

test('an ignore file that hides every row of an empty target does not make it pass', async () => {
  const root = await tempDir('hv-ra-ign-');
  const dir = await tempDir('hv-ra-ignf-');
  const manifest = path.join(dir, 'm.json');
  await writeFile(
    manifest,
    JSON.stringify({
      formatVersion: '1.0.0',
      id: 'QTEST',
      title: 't',
      product: 'p',
      rule: 'or-later',
      files: [{ name: 'A.dll', version: '5.0.1.1' }],
    }),
  );
  const ignore = path.join(dir, 'ignore.yml');
  await writeFile(ignore, '- manifest: QTEST\n  file: A.dll\n  reason: accepted\n');
  await mkdir(path.join(root, 'x'));
  const result = run(['scan', root, '-m', manifest, '--ignore-file', ignore, '-f', 'json']);
  assert.equal(result.code, 1, result.stdout);
  assert.equal(JSON.parse(result.stdout).gate.pass, false);
});
