/** The scan pipeline: manifests + source → observations → findings → report. */
import { evaluateManifest, overallVerdict, rowNames } from '../evaluate/evaluateManifest.js';
import { REPORT_SCHEMA_VERSION, type ScanReport } from '../evaluate/types.js';
import type { LoadedManifest } from '../manifest/types.js';
import type { FileSource, SourceEntry } from '../source/types.js';
import { toolVersion } from '../toolInfo.js';
import type { Observation } from './observation.js';
import { observe, type ObserveNeeds } from './observe.js';

/** What to scan and how. */
export interface ScanOptions {
  readonly manifests: readonly LoadedManifest[];
  readonly source: FileSource;
  /** The manifests are a catalog of fixes: a fix whose files are all absent does not apply (see VerdictOptions). */
  readonly catalog?: boolean;
  /** Files read at once (default 8). */
  readonly concurrency?: number;
}

/** Maps items through an async function with at most `limit` in flight, keeping order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Scans a source against manifests and returns the report; only a broken source listing can reject. */
export async function scan(options: ScanOptions): Promise<ScanReport> {
  const needs = new Map<string, { pe: boolean; sha256: boolean }>();
  for (const { manifest } of options.manifests) {
    for (const row of manifest.files) {
      for (const name of rowNames(row)) {
        const need = needs.get(name) ?? { pe: false, sha256: false };
        need.pe ||= row.version !== null || row.date !== undefined;
        need.sha256 ||= row.sha256 !== undefined;
        needs.set(name, need);
      }
    }
  }
  const { entries, problems } = await options.source.find(new Set(needs.keys()));
  const observations = await mapLimit(entries, options.concurrency ?? 8, (entry: SourceEntry) =>
    observe(options.source, entry, needs.get(entry.name.toLowerCase()) as ObserveNeeds),
  );
  const byName = new Map<string, Observation[]>();
  for (const observation of observations) {
    const key = observation.entry.name.toLowerCase();
    const list = byName.get(key) ?? [];
    list.push(observation);
    byName.set(key, list);
  }
  const complete = problems.length === 0;
  const judged = options.manifests.map((loaded) =>
    evaluateManifest(loaded, (name) => byName.get(name) ?? [], { catalog: options.catalog === true }),
  );
  // "Not found" is weaker when part of the target could not be listed: say so where the row says it.
  const unlisted = `; ${problems.length} part${problems.length === 1 ? '' : 's'} of the target could not be listed (${problems
    .slice(0, 3)
    .map((p) => p.path)
    .join(', ')}${problems.length > 3 ? ', ...' : ''}), so it may be there`;
  const manifests = complete
    ? judged
    : judged.map((manifest) => ({
        ...manifest,
        rows: manifest.rows.map((row) => (row.status === 'missing' ? { ...row, detail: `${row.detail}${unlisted}` } : row)),
      }));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'hotfix-verify', version: toolVersion() },
    target: options.source.description,
    verdict: overallVerdict(manifests, complete),
    complete,
    problems,
    manifests,
  };
}
