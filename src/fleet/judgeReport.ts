/**
 * One host's report, judged: parsed, checked to be a hotfix-verify scan report of a schema this
 * version reads, and boiled down to a HostResult (its state, fixes, worst finding), so the fleet
 * never holds a report whole. Anything that does not hold is a bad report of that host, named with
 * where and what is wrong: never skipped, never a pass.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { MessageArgs, Verdict } from '../model/finding.js';
import type {
  FixCounts,
  FleetFinding,
  FleetFix,
  HostGate,
  HostNameSource,
  HostResult,
  ReportOrigin,
  ReportProblem,
  ReportProblemCode,
} from '../model/fleet.js';
import { DEFAULT_FAIL_ON } from '../model/gate.js';
import { tooDeepAt } from '../manifest/jsonShape.js';

/** Findings kept per host (the worst first); the rest are counted. */
export const MAX_HOST_FINDINGS = 20;

/** How far ahead of now a report may be stamped (clocks differ a little) before it is refused. */
export const FUTURE_TOLERANCE_SECONDS = 300;

/** What judging needs besides the text: when "now" is, and --max-age. */
export interface JudgeOptions {
  readonly now: Date;
  readonly maxAgeSeconds?: number;
  readonly maxAgeText?: string;
}

const VERDICTS: readonly Verdict[] = ['meets', 'falls-short', 'not-applicable'];
const SEVERITY = ['outdated', 'missing', 'unverifiable', 'unexpected', 'not-applicable'];

/** A report that does not hold: its problem, found while reading. */
class Refused extends Error {
  constructor(readonly problem: ReportProblem) {
    super(problem.code);
  }
}

const refuse = (code: ReportProblemCode, args: MessageArgs = {}): never => {
  throw new Refused({ code, args });
};

/** The host a file name names: its base name without ".json" ("reports/EXCH01.json" names EXCH01). */
export function hostFromFileName(file: string): string {
  return path.basename(file).replace(/\.json$/i, '');
}

/** The name a report of unknown host goes by: its file's, or its line of standard input. */
function fallbackName(origin: ReportOrigin): { host: string; hostFrom: HostNameSource } {
  return origin.line !== undefined
    ? { host: `(stdin line ${origin.line})`, hostFrom: 'stdin-line' }
    : { host: hostFromFileName(origin.source), hostFrom: 'file-name' };
}

/** A bad report of the host its origin names. */
export function badReport(origin: ReportOrigin, problem: ReportProblem, known: Partial<HostResult> = {}): HostResult {
  return { ...fallbackName(origin), ...known, state: 'bad-report', pass: false, origin, problem };
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/**
 * Why text is not JSON, and where: jsonc-parser says where (JSON.parse in Node 20 does not), loaded
 * only on this path. An error at the very end is a truncated report, the usual way a copy goes wrong.
 */
function notJson(text: string): never {
  const end = text.trimEnd().length;
  const deep = tooDeepAt(text, 64);
  if (deep !== undefined) refuse('not-json', { where: lineAndColumn(text, deep), what: 'nested deeper than 64 levels' });
  const jsonc = createRequire(import.meta.url)('jsonc-parser') as typeof import('jsonc-parser');
  const errors: import('jsonc-parser').ParseError[] = [];
  jsonc.visit(text, { onError: (error, offset, length) => errors.push({ error, offset, length }) }, { disallowComments: true });
  const first = errors[0];
  // The first error runs to the end of the text (a brace never closed, a string, number or word cut off): the report was cut short.
  if (!first || first.offset + first.length >= end)
    refuse('truncated', { bytes: Buffer.byteLength(text), where: lineAndColumn(text, end) });
  const words = jsonc
    .printParseErrorCode(first!.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return refuse('not-json', {
    where: lineAndColumn(text, first!.offset),
    what: `${words}, found ${JSON.stringify(text.slice(first!.offset, first!.offset + Math.max(1, Math.min(first!.length, 20))))}`,
  });
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A checked field: the value, or a refusal naming the JSON path and what was expected. */
function field<T>(object: Json, key: string, at: string, check: (v: unknown) => v is T, expected: string, optional?: false): T;
function field<T>(object: Json, key: string, at: string, check: (v: unknown) => v is T, expected: string, optional: true): T | undefined;
function field<T>(object: Json, key: string, at: string, check: (v: unknown) => v is T, expected: string, optional = false): T | undefined {
  const value = object[key];
  if (value === undefined && optional) return undefined;
  if (!check(value)) {
    refuse('invalid', {
      where: `${at}.${key}`,
      what: value === undefined ? `missing; expected ${expected}` : `expected ${expected}, found ${describe(value)}`,
    });
  }
  return value as T;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isName = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isArray = (v: unknown): v is unknown[] => Array.isArray(v);
const isObj = (v: unknown): v is Json => isObject(v);
const isVerdict = (v: unknown): v is Verdict => VERDICTS.includes(v as Verdict);
// An ISO 8601 moment with its zone ("Z" or an offset), as scan writes it: a bare date or a local time cannot be placed.
const isMoment = (v: unknown): v is string =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && Number.isFinite(Date.parse(v));

/** Whether a row or copy fails its report's gate: its stamped outcome, or (before 1.2) its status against the gate's --fail-on. */
function blocks(item: Json, failOn: readonly string[], fixApplies: boolean): boolean {
  const outcome = item['outcome'];
  if (isObject(outcome) && typeof outcome['kind'] === 'string') return outcome['kind'] === 'blocking';
  const suppression = item['suppression'];
  const hidden = isObject(suppression) && suppression['expired'] !== true;
  return fixApplies && !hidden && failOn.includes(String(item['status']));
}

/** A finding as the fleet keeps it. */
function finding(manifest: string, row: Json, copy: Json | undefined, blocking: boolean): FleetFinding {
  const source = copy ?? row;
  const file = typeof row['path'] === 'string' ? row['path'] : String(row['name']);
  const args = source['args'];
  return {
    manifest,
    file,
    ...(copy && typeof copy['path'] === 'string' ? { path: copy['path'] } : {}),
    status: String(source['status']),
    reason: String(source['reason']),
    ...(isObject(args) ? { args: args as MessageArgs } : {}),
    ...(typeof source['detail'] === 'string' ? { detail: source['detail'] } : {}),
    blocking,
  };
}

/** Blocking first, then outdated, missing, unverifiable, unexpected, not applicable; report order within. */
function severity(f: FleetFinding): number {
  const rank = SEVERITY.indexOf(f.status);
  return (f.blocking ? 0 : 10) + (rank < 0 ? SEVERITY.length : rank);
}

/** What a checked report holds for the fleet: its fixes and findings. */
function fixesAndFindings(
  manifests: unknown[],
  failOn: readonly string[],
): { fixes: FixCounts; fixList: FleetFix[]; findings: FleetFinding[]; more: number } {
  const counts = { meets: 0, fallsShort: 0, notApplicable: 0 };
  const fixList: FleetFix[] = [];
  let kept: { f: FleetFinding; order: number }[] = [];
  let total = 0;
  manifests.forEach((value, m) => {
    const at = `$.manifests[${m}]`;
    if (!isObject(value)) refuse('invalid', { where: at, what: `expected an object, found ${describe(value)}` });
    const manifest = value as Json;
    const id = field(manifest, 'id', at, isName, 'a fix id');
    const verdict = field(manifest, 'verdict', at, isVerdict, 'meets, falls-short or not-applicable');
    const outcome = field(manifest, 'outcome', at, isString, 'a gate outcome', true);
    if (verdict === 'meets') counts.meets++;
    else if (verdict === 'falls-short') counts.fallsShort++;
    else counts.notApplicable++;
    fixList.push({ id, verdict, ...(outcome !== undefined ? { outcome: outcome as FleetFix['outcome'] & string } : {}) });
    const rows = field(manifest, 'rows', at, isArray, 'an array of rows');
    rows.forEach((rowValue, r) => {
      const rowAt = `${at}.rows[${r}]`;
      if (!isObject(rowValue)) refuse('invalid', { where: rowAt, what: `expected an object, found ${describe(rowValue)}` });
      const row = rowValue as Json;
      field(row, 'name', rowAt, isString, 'a file name');
      const status = field(row, 'status', rowAt, isString, 'a status');
      field(row, 'reason', rowAt, isString, 'a reason code');
      const copies = field(row, 'copies', rowAt, isArray, 'an array of copies');
      if (status === 'meets') return;
      const short = copies.filter((copy, c): copy is Json => {
        if (!isObject(copy)) refuse('invalid', { where: `${rowAt}.copies[${c}]`, what: `expected an object, found ${describe(copy)}` });
        const role = (copy as Json)['role'];
        return (role === undefined || role === 'installed') && (copy as Json)['status'] !== 'meets';
      });
      const applies = verdict !== 'not-applicable';
      const found =
        short.length > 0
          ? short.map((copy) => finding(id, row, copy, blocks(copy, failOn, applies)))
          : [finding(id, row, undefined, blocks(row, failOn, applies))];
      for (const f of found) {
        kept.push({ f, order: total++ });
        // Keep the list small as it grows: a snapshot report can hold 200,000 findings.
        if (kept.length > MAX_HOST_FINDINGS * 4) kept = worstOf(kept);
      }
    });
  });
  const findings = worstOf(kept).map((k) => k.f);
  return { fixes: counts, fixList, findings, more: total - findings.length };
}

function worstOf(list: { f: FleetFinding; order: number }[]): { f: FleetFinding; order: number }[] {
  return list.sort((a, b) => severity(a.f) - severity(b.f) || a.order - b.order).slice(0, MAX_HOST_FINDINGS);
}

/** The report's own gate: `pass` decides; before schema 1.1 (no gate) only a complete scan that meets passes. */
function gateOf(report: Json, verdict: Verdict, complete: boolean): { gate: HostGate; failOn: readonly string[] } {
  if (report['gate'] === undefined) return { gate: { pass: verdict === 'meets' && complete }, failOn: DEFAULT_FAIL_ON };
  const gate = field(report, 'gate', '$', isObj, 'an object');
  const pass = field(gate, 'pass', '$.gate', isBoolean, 'true or false');
  const reasons = gate['reasons'];
  const summary = gate['summary'];
  const failOn = Array.isArray(gate['failOn']) ? gate['failOn'].map(String) : DEFAULT_FAIL_ON;
  return {
    gate: {
      pass,
      ...(Array.isArray(reasons) && reasons.every((r) => isObject(r) && typeof r['code'] === 'string')
        ? { reasons: reasons as HostGate['reasons'] & object }
        : {}),
      ...(typeof summary === 'string' ? { summary } : {}),
    },
    failOn,
  };
}

/** Text of a report, decoded: UTF-8 (a byte-order mark dropped), or UTF-16 with its byte-order mark (PowerShell 5's Out-File). */
export function decodeReport(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Judges one report's text: the host it is about and what it shows, or why it cannot count. */
export function judgeReport(text: string, origin: ReportOrigin, options: JudgeOptions): HostResult {
  let known: Partial<HostResult> = {};
  try {
    if (text.trim() === '') refuse('empty');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      notJson(text);
    }
    if (!isObject(parsed)) refuse('foreign', { found: describe(parsed) });
    const report = parsed as Json;
    const tool = report['tool'];
    const toolName = isObject(tool) && typeof tool['name'] === 'string' ? tool['name'] : undefined;
    if (toolName !== 'hotfix-verify') {
      // A SARIF log names its tool in runs[0].tool.driver.name; anything else may name none.
      const runs = report['runs'];
      const driver = Array.isArray(runs) && isObject(runs[0]) ? (runs[0] as Json)['tool'] : undefined;
      const sarifName = isObject(driver) && isObject(driver['driver']) ? driver['driver']['name'] : undefined;
      const name = toolName ?? (typeof sarifName === 'string' ? sarifName : undefined);
      refuse('foreign', name !== undefined ? { tool: name } : {});
    }
    if (report['kind'] === 'fleet') refuse('not-scan-report', { kind: 'fleet' });
    const schemaVersion = report['schemaVersion'];
    if (typeof schemaVersion !== 'string' || !Array.isArray(report['manifests'])) refuse('not-scan-report', { kind: 'other' });
    const version = /^(\d+)\.(\d+)\.(\d+)/.exec(schemaVersion as string);
    if (!version)
      refuse('invalid', { where: '$.schemaVersion', what: `expected a version such as 1.3.0, found ${describe(schemaVersion)}` });
    known = {
      schemaVersion: schemaVersion as string,
      ...(isObject(tool) && typeof tool['version'] === 'string' ? { toolVersion: tool['version'] } : {}),
    };
    if (version![1] !== '1') refuse('unknown-major', { found: schemaVersion as string, reads: '1' });

    const host = field(report, 'host', '$', isName, 'a host name', true);
    if (host !== undefined) known = { ...known, host, hostFrom: 'report' };
    else if (origin.line !== undefined) refuse('no-host', { schemaVersion: schemaVersion as string });
    const generatedAt = field(report, 'generatedAt', '$', isMoment, 'a UTC ISO 8601 time such as 2026-06-01T02:00:00.000Z', true);
    const target = field(report, 'target', '$', isString, 'the scanned target');
    known = { ...known, target, ...(generatedAt !== undefined ? { generatedAt } : {}) };
    const verdict = field(report, 'verdict', '$', isVerdict, 'meets, falls-short or not-applicable');
    // Only a report without a gate (schema 1.0) is judged by `complete`; one that does not say it was complete was not.
    const complete = field(report, 'complete', '$', isBoolean, 'true or false', true) ?? false;
    const { gate, failOn } = gateOf(report, verdict, complete);
    const { fixes, fixList, findings, more } = fixesAndFindings(report['manifests'] as unknown[], failOn);
    const worst = findings[0];
    const body: HostResult = {
      ...fallbackName(origin),
      ...known,
      state: gate.pass ? 'meets' : 'falls-short',
      pass: gate.pass,
      origin,
      verdict,
      gate,
      fixes,
      fixList,
      ...(worst && (worst.blocking || !gate.pass) ? { worst } : {}),
      findings,
      moreFindings: more,
    };
    return judgeAge(body, options);
  } catch (error) {
    if (error instanceof Refused) return badReport(origin, error.problem, known);
    // JSON.parse can only fail on text; a RangeError here means the text was too large for a string.
    return badReport(origin, { code: 'unreadable', args: { message: (error as Error).message } }, known);
  }
}

/** The age rules: a report from the future is bad; with --max-age, one older (or of unknown age) is too old. */
function judgeAge(result: HostResult, options: JudgeOptions): HostResult {
  const now = options.now.getTime();
  const stamped = result.generatedAt !== undefined ? Date.parse(result.generatedAt) : undefined;
  const ageSeconds = stamped !== undefined ? Math.floor((now - stamped) / 1000) : undefined;
  const withAge = ageSeconds !== undefined ? { ...result, ageSeconds } : result;
  if (ageSeconds !== undefined && ageSeconds < -FUTURE_TOLERANCE_SECONDS) {
    return { ...withAge, state: 'bad-report', pass: false, problem: { code: 'from-the-future', args: { seconds: -ageSeconds } } };
  }
  if (options.maxAgeSeconds === undefined) return withAge;
  const maxAge = options.maxAgeText ?? `${options.maxAgeSeconds}s`;
  if (ageSeconds === undefined) {
    return {
      ...withAge,
      state: 'too-old',
      pass: false,
      problem: { code: 'age-unknown', args: { maxAge, schemaVersion: result.schemaVersion } },
    };
  }
  if (ageSeconds > options.maxAgeSeconds) {
    return { ...withAge, state: 'too-old', pass: false, problem: { code: 'too-old', args: { seconds: ageSeconds, maxAge } } };
  }
  return withAge;
}
