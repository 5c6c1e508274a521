// Every fleet writer over one fleet that has every kind of host (meets, falls short, a 1.1 report, truncated,
// another tool's, too old, duplicates, expected with no report, a hostile host name): golden output per format,
// JUnit against the XSD, HTML escaping. UPDATE_GOLDEN=1 npm test rewrites test/golden/fleet/; review the diff.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { aggregate } from '../../src/fleet/aggregate.js';
import { FLEET_FORMATS } from '../../src/fleet/formats.js';
import { writeFleetMarkdown } from '../../src/fleet/writers/markdownWriter.js';
import { FLEET_WRITERS } from '../../src/fleet/writers/registry.js';
import type { FleetReport } from '../../src/model/fleet.js';
import { tempDir } from '../helpers/tempDir.js';
import { FLEET_NOW, hostReport, oldReport, SARIF_OF_ANOTHER_TOOL, writeFiles } from './fleetReports.js';

const SOURCE_TEST_DIR = fileURLToPath(new URL('../../../test/', import.meta.url));
const GOLDEN_DIR = path.join(SOURCE_TEST_DIR, 'golden', 'fleet');
const EXTENSION: Record<string, string> = { table: 'txt', json: 'json', junit: 'xml', markdown: 'md', csv: 'csv', html: 'html' };
/** A host name that is markup: it must come out as text in every format. */
export const HOSTILE_HOST = '<img src=x onerror=alert(1)>\u202eEXCH';

/** The fleet of every kind of host, its reports in a temporary folder (named "reports" in the golden files). */
async function everyKindOfHost(): Promise<{ fleet: FleetReport; dir: string }> {
  const dir = await tempDir('hv-fleet-golden-');
  const reports = path.join(dir, 'reports');
  await mkdir(path.join(reports, 'older'), { recursive: true });
  await writeFiles(reports, {
    'EXCH01.json': await hostReport('passes', 'EXCH01'),
    'EXCH02.json': await hostReport('fails', 'EXCH02'),
    'EXCH03.json': await oldReport('passes'),
    'EXCH04.json': (await hostReport('passes', 'EXCH04')).slice(0, 1500),
    'EXCH05.json': await hostReport('passes', 'EXCH05', '2026-05-20T02:00:00.000Z'),
    'EXCH06.json': await hostReport('passes', 'EXCH06', '2026-06-01T03:00:00.000Z'),
    'hostile.json': await hostReport('incomplete', HOSTILE_HOST),
    'trivy.json': SARIF_OF_ANOTHER_TOOL,
  });
  await writeFile(path.join(reports, 'older', 'EXCH06.json'), await hostReport('fails', 'EXCH06', '2026-05-31T03:00:00.000Z'));
  const fleet = await aggregate({
    reports: [reports, path.join(reports, 'older')],
    now: FLEET_NOW,
    maxAgeSeconds: 7 * 86_400,
    maxAgeText: '7d',
    expectHosts: ['EXCH01', 'EXCH02', 'EXCH03', 'EXCH04', 'EXCH05', 'EXCH06', 'EXCH07'],
    expectHostsFile: 'hosts.txt',
  });
  return { fleet: relabel(fleet, reports), dir };
}

/** The fleet with the temporary folder's path written as "reports", so the golden files do not depend on where it was. */
function relabel(fleet: FleetReport, folder: string): FleetReport {
  const name = (source: string) => (source.startsWith(folder) ? `reports${source.slice(folder.length)}` : source);
  return {
    ...fleet,
    hosts: fleet.hosts.map((host) => ({
      ...host,
      ...(host.origin ? { origin: { ...host.origin, source: name(host.origin.source) } } : {}),
      ...(host.superseded ? { superseded: host.superseded.map((s) => ({ ...s, source: name(s.source) })) } : {}),
    })),
  };
}

const golden = everyKindOfHost();

test('formats.ts (the CLI choices) and the fleet registry name the same writers', () => {
  assert.deepEqual([...FLEET_FORMATS].sort(), Object.keys(FLEET_WRITERS).sort());
  for (const [name, writer] of Object.entries(FLEET_WRITERS)) assert.equal(writer.name, name);
});

for (const format of FLEET_FORMATS) {
  test(`fleet ${format} matches test/golden/fleet/fleet.${EXTENSION[format]}`, async () => {
    const { fleet } = await golden;
    const text = FLEET_WRITERS[format]!.write(fleet, { color: false });
    const file = path.join(GOLDEN_DIR, `fleet.${EXTENSION[format]}`);
    if (process.env['UPDATE_GOLDEN'] === '1') {
      await mkdir(GOLDEN_DIR, { recursive: true });
      await writeFile(file, text);
    }
    assert.equal(text, await readFile(file, 'utf8'), `${file} differs; run UPDATE_GOLDEN=1 npm test and review the diff`);
  });
}

test('the fleet of every kind of host: each one named with its state, and the fleet falls short', async () => {
  const { fleet } = await golden;
  assert.equal(fleet.pass, false);
  assert.deepEqual(
    fleet.hosts.map((h) => [h.host, h.problem?.code ?? h.state]),
    [
      ['EXCH07', 'no-report'],
      ['EXCH04', 'truncated'],
      ['trivy', 'foreign'],
      ['EXCH03', 'age-unknown'],
      ['EXCH05', 'too-old'],
      [HOSTILE_HOST, 'falls-short'],
      ['EXCH02', 'falls-short'],
      ['EXCH01', 'meets'],
      ['EXCH06', 'meets'],
    ],
  );
});

test('JUnit output is valid against the JUnit XSD (xmllint), one testsuite per host', async (t) => {
  if (spawnSync('xmllint', ['--version']).status !== 0) {
    assert.notEqual(process.env['CI'], 'true', 'xmllint is required in CI: .ci/run installs libxml2-utils');
    t.skip('xmllint not installed (apt-get install libxml2-utils)');
    return;
  }
  const { fleet, dir } = await golden;
  const empty = await aggregate({ reports: [await tempDir('hv-fleet-none-')], now: FLEET_NOW });
  for (const [label, each] of [
    ['fleet', fleet],
    ['empty', empty],
  ] as const) {
    const xml = FLEET_WRITERS['junit']!.write(each, { color: false });
    const file = path.join(dir, `${label}.xml`);
    await writeFile(file, xml);
    const result = spawnSync('xmllint', ['--noout', '--schema', path.join(SOURCE_TEST_DIR, 'schemas', 'junit.xsd'), file], {
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, `${label}: ${result.stderr}`);
  }
  const xml = FLEET_WRITERS['junit']!.write(fleet, { color: false });
  assert.equal(xml.match(/<testsuite /g)?.length, fleet.hosts.length);
});

test('a hostile host name is text in every format: no markup, no raw bidi override outside JSON', async () => {
  const { fleet } = await golden;
  const html = FLEET_WRITERS['html']!.write(fleet, { color: false });
  assert.doesNotMatch(html, /<img/);
  assert.deepEqual(html.match(/<script\b[^>]*>/g), ['<script type="application/json" id="hotfix-verify-fleet">']);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;\\u\{202E\}EXCH/);
  assert.doesNotMatch(html, /[\u202e\u2028\u2029]/);
  for (const format of ['table', 'markdown', 'junit', 'html'] as const) {
    assert.doesNotMatch(FLEET_WRITERS[format]!.write(fleet, { color: false }), /\u202e/, format);
  }
  const json = JSON.parse(FLEET_WRITERS['json']!.write(fleet, { color: false }));
  assert.ok(
    json.hosts.some((h: { host: string }) => h.host === HOSTILE_HOST),
    'JSON keeps the name exact',
  );
});

test('fleet Markdown stays under the step-summary limit and says how many hosts it left out', async () => {
  const { fleet } = await golden;
  const text = writeFleetMarkdown(fleet, 1500);
  assert.ok(Buffer.byteLength(text) <= 1500);
  assert.match(text, /✂️ Cut here: \d+ more hosts not shown/);
});
