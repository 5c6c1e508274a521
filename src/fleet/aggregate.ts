/**
 * The fleet's verdict from its hosts' reports, in stages: read the reports as a stream (one at a
 * time) → judge each into a small HostResult → keep the newest report per host → add the expected
 * hosts that sent none → the fleet verdict. Memory holds one HostResult per host, never the reports.
 */
import type { FleetReason, FleetReport, HostResult, HostState, SupersededReport } from '../model/fleet.js';
import { FLEET_SCHEMA_VERSION, HOST_STATES } from '../model/fleet.js';
import { toolVersion } from '../toolInfo.js';
import { badReport, judgeReport } from './judgeReport.js';
import { type ReportInput, reportInputs } from './reportSources.js';

/** What to aggregate and how to judge it. */
export interface AggregateOptions {
  /** Report files, folders of *.json, and "-" for JSON lines on `stdin`. */
  readonly reports: readonly string[];
  /** Standard input, read when `reports` holds "-". */
  readonly stdin?: AsyncIterable<Buffer | string>;
  /** The moment ages are counted to (default: now). */
  readonly now?: Date;
  /** A report older than this many seconds (or of unknown age) is too old. */
  readonly maxAgeSeconds?: number;
  /** --max-age as the user wrote it ("7d"), for the words. */
  readonly maxAgeText?: string;
  /** Hosts that must have a report (already read, e.g. with loadExpectHosts), and the file they came from. */
  readonly expectHosts?: readonly string[];
  readonly expectHostsFile?: string;
}

/** A host's counting report and the ones it outranked. */
interface Entry {
  result: HostResult;
  seq: number;
  others: { result: HostResult; seq: number }[];
}

/**
 * Which report of a host is newer. Dated reports go by generatedAt. A report that could not be read
 * has no date to go by and cannot be proven older: it counts over any other (fail closed). A readable
 * report without a date (schema before 1.3) is older than any dated one. On a tie, the one that fails
 * counts, then the one read later.
 */
function newer(a: { result: HostResult; seq: number }, b: { result: HostResult; seq: number }): boolean {
  const tier = (r: HostResult) => (r.generatedAt !== undefined ? 1 : r.state === 'bad-report' ? 2 : 0);
  const ta = tier(a.result);
  const tb = tier(b.result);
  if (ta !== tb) return ta > tb;
  if (ta === 1) {
    const da = Date.parse(a.result.generatedAt as string);
    const db = Date.parse(b.result.generatedAt as string);
    if (da !== db) return da > db;
  }
  if (a.result.pass !== b.result.pass) return !a.result.pass;
  return a.seq > b.seq;
}

function superseded(entry: Entry): SupersededReport[] {
  return entry.others
    .sort((x, y) => (newer(x, y) ? 1 : -1))
    .map(({ result }) => ({
      ...(result.origin ?? { source: '' }),
      ...(result.generatedAt !== undefined ? { generatedAt: result.generatedAt } : {}),
      state: result.state,
    }));
}

/** Reads, judges and keeps every report; the entries by host (lower-cased) and how many were read. */
async function collect(
  inputs: AsyncIterable<ReportInput>,
  options: AggregateOptions,
  now: Date,
): Promise<{ hosts: Map<string, Entry>; read: number }> {
  const hosts = new Map<string, Entry>();
  const judge = {
    now,
    ...(options.maxAgeSeconds !== undefined ? { maxAgeSeconds: options.maxAgeSeconds } : {}),
    ...(options.maxAgeText !== undefined ? { maxAgeText: options.maxAgeText } : {}),
  };
  let seq = 0;
  const add = (result: HostResult, order: number) => {
    const key = result.host.toLowerCase();
    const entry = hosts.get(key);
    const candidate = { result, seq: order };
    if (!entry) hosts.set(key, { ...candidate, others: [] });
    else if (newer(candidate, entry)) {
      entry.others.push({ result: entry.result, seq: entry.seq });
      entry.result = result;
      entry.seq = order;
    } else entry.others.push(candidate);
  };
  // One at a time: a report is read whole, judged, and let go before the next (file reads are synchronous, see reportSources.ts).
  for await (const input of inputs) {
    const got = await input.read();
    add('text' in got ? judgeReport(got.text, input.origin, judge) : badReport(input.origin, got.problem), seq++);
  }
  return { hosts, read: seq };
}

/** The fleet's reasons to fail, from the count of hosts per state. */
function reasonsOf(counts: Record<HostState, number>, hosts: number): FleetReason[] {
  if (hosts === 0) return [{ code: 'no-hosts' }];
  const reasons: FleetReason[] = [];
  if (counts['falls-short'] > 0) reasons.push({ code: 'hosts-fall-short', hosts: counts['falls-short'] });
  if (counts['bad-report'] > 0) reasons.push({ code: 'bad-reports', hosts: counts['bad-report'] });
  if (counts['too-old'] > 0) reasons.push({ code: 'too-old', hosts: counts['too-old'] });
  if (counts['no-report'] > 0) reasons.push({ code: 'no-report', hosts: counts['no-report'] });
  return reasons;
}

/** Aggregates hosts' reports into the fleet's verdict; never throws for a report, only for what the caller must fix. */
export async function aggregate(options: AggregateOptions): Promise<FleetReport> {
  const now = options.now ?? new Date();
  // 1-3. Read, judge and keep the newest report of each host.
  const { hosts, read } = await collect(reportInputs(options.reports, options.stdin ?? noInput()), options, now);

  // 4. Expected hosts: each one named, and each one without a report a failure of its own.
  const expected = options.expectHosts ? new Set(options.expectHosts.map((h) => h.toLowerCase())) : undefined;
  const results: HostResult[] = [];
  for (const entry of hosts.values()) {
    const others = entry.others.length > 0 ? { superseded: superseded(entry) } : {};
    const listed = expected ? { expected: expected.has(entry.result.host.toLowerCase()) } : {};
    results.push({ ...entry.result, ...others, ...listed });
  }
  for (const host of options.expectHosts ?? []) {
    if (!hosts.has(host.toLowerCase())) results.push({ host, hostFrom: 'expect-hosts', state: 'no-report', pass: false, expected: true });
  }

  // 5. The verdict: at least one host, and every host meets.
  const order = (r: HostResult) => HOST_STATES.indexOf(r.state);
  results.sort((a, b) => order(a) - order(b) || compareText(a.host.toLowerCase(), b.host.toLowerCase()) || compareText(a.host, b.host));
  const counts = Object.fromEntries(HOST_STATES.map((state) => [state, 0])) as Record<HostState, number>;
  for (const result of results) counts[result.state]++;
  const pass = results.length > 0 && results.every((r) => r.pass);
  return {
    schemaVersion: FLEET_SCHEMA_VERSION,
    kind: 'fleet',
    tool: { name: 'hotfix-verify', version: toolVersion() },
    generatedAt: now.toISOString(),
    pass,
    verdict: pass ? 'meets' : 'falls-short',
    reasons: pass ? [] : reasonsOf(counts, results.length),
    counts: { ...counts, hosts: results.length },
    ...(options.maxAgeSeconds !== undefined
      ? { maxAge: { text: options.maxAgeText ?? `${options.maxAgeSeconds}s`, seconds: options.maxAgeSeconds } }
      : {}),
    ...(options.expectHostsFile !== undefined ? { expectHosts: options.expectHostsFile } : {}),
    reportsRead: read,
    hosts: results,
  };
}

/** Standard input when none is given: nothing. */
async function* noInput(): AsyncGenerator<Buffer> {}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
