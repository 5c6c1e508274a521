// Hosts' reports for the fleet tests: the JSON the real pipeline writes for a gate situation
// (test/helpers/situations.ts), with the host, time stamp or schema changed as a test needs,
// and the same report as an older hotfix-verify (schema 1.1.0) would have written it.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { reportJson } from '../../src/report/jsonWriter.js';
import { SITUATION_GENERATED_AT, SITUATIONS, situationReport } from '../helpers/situations.js';

/** The moment the fleet tests judge at: six hours after every situation's report was made. */
export const FLEET_NOW = new Date('2026-06-01T08:00:00.000Z');
export { SITUATION_GENERATED_AT };

type Json = Record<string, unknown>;
const cache = new Map<string, Promise<Json>>();

/** A situation's JSON report, as `scan --format json` writes it. */
export async function situationJson(name: string): Promise<Json> {
  let json = cache.get(name);
  if (!json) {
    json = situationReport(SITUATIONS.find((s) => s.name === name)!).then((report) => JSON.parse(JSON.stringify(reportJson(report))));
    cache.set(name, json);
  }
  return structuredClone(await json);
}

/** A situation's report text for one host: `host` and `generatedAt` replaced (undefined: left out). */
export async function hostReport(
  name: string,
  host: string | undefined,
  generatedAt: string | undefined = SITUATION_GENERATED_AT,
): Promise<string> {
  const json = await situationJson(name);
  json['host'] = host;
  json['generatedAt'] = generatedAt;
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** Removes what schema 1.2 and 1.3 added, recursively: what a hotfix-verify of schema 1.1.0 wrote. */
function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const [key, inner] of Object.entries(value)) {
    if (['host', 'generatedAt', 'outcome', 'args', 'noteCodes', 'role', 'platform', 'reasons'].includes(key)) continue;
    out[key] = strip(inner);
  }
  return out;
}

/** A situation's report as schema 1.1.0 wrote it: no host, no generatedAt, no outcomes or arguments. */
export async function oldReport(name: string): Promise<string> {
  const json = strip(await situationJson(name)) as Json;
  json['schemaVersion'] = '1.1.0';
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** A SARIF log of another tool: valid JSON, not ours. */
export const SARIF_OF_ANOTHER_TOOL = `${JSON.stringify({
  version: '2.1.0',
  runs: [{ tool: { driver: { name: 'Trivy' } }, results: [] }],
})}\n`;

/** Writes files into a folder. */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
}
