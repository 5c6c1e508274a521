/**
 * Runs the PE fuzzer in a worker thread under a watchdog: a case that does
 * not finish within `hangMs` is a failure (the worker is terminated and a new
 * one goes on with the next case). Failing inputs are written to `outDir`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { FUZZ_BOUNDS, loadSeeds, makeCase, type Seed } from './peFuzzer.js';
import type { FuzzMessage, FuzzTotals, FuzzWorkerData } from './fuzzWorker.js';

/** How to run. */
export interface FuzzOptions {
  readonly cases: number;
  readonly seed: number;
  /** A case running longer than this is a hang (default 10 s). */
  readonly hangMs?: number;
  /** Heap growth over a worker's run (after GC) above this is a failure (default 64 MiB). */
  readonly maxHeapGrowth?: number;
  /** Where failing inputs are written; none written when absent. */
  readonly outDir?: string;
  /** Self-test of the watchdog: the worker spins forever at this case. */
  readonly hangAt?: number;
}

/** One failing case. */
export interface FuzzFailure {
  readonly index: number;
  readonly seed: string;
  readonly ops: readonly string[];
  readonly failures: readonly string[];
  /** The saved input, when outDir was given. */
  file?: string;
}

/** What a run found. */
export interface FuzzSummary extends Omit<FuzzTotals, 'heapBefore' | 'heapAfter'> {
  readonly runSeed: number;
  wallMs: number;
  /** Largest heap growth of one worker over its run, after GC where available. */
  heapGrowth: number;
  heapPeak: number;
  failures: FuzzFailure[];
}

const WORKER = new URL('./fuzzWorker.js', import.meta.url);

/** Runs `cases` cases from PRNG seed `seed`; resolves to the summary (failures included, never rejects for a failing case). */
export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  // Lets the worker collect garbage before measuring the heap (the flag applies to isolates made after it is set).
  v8.setFlagsFromString('--expose-gc');
  const hangMs = options.hangMs ?? 10_000;
  const maxHeapGrowth = options.maxHeapGrowth ?? 64 * 1024 * 1024;
  const started = performance.now();
  const summary: FuzzSummary = {
    runSeed: options.seed,
    cases: 0,
    ok: 0,
    meets: 0,
    maxBytesRead: 0,
    maxReadLength: 0,
    maxReads: 0,
    maxMs: 0,
    totalMs: 0,
    wallMs: 0,
    heapGrowth: 0,
    heapPeak: 0,
    failures: [],
  };
  let seeds: Seed[] | undefined;
  let next = 0;
  while (next < options.cases) {
    const shared = new SharedArrayBuffer(8);
    const data: FuzzWorkerData = {
      runSeed: options.seed,
      start: next,
      end: options.cases,
      shared,
      ...(options.hangAt === undefined ? {} : { hangAt: options.hangAt }),
    };
    const outcome = await runWorker(data, hangMs, summary);
    if (outcome.totals) {
      merge(summary, outcome.totals);
      const growth = outcome.totals.heapAfter - outcome.totals.heapBefore;
      if (growth > maxHeapGrowth) {
        summary.failures.push({
          index: -1,
          seed: '(whole run)',
          ops: [],
          failures: [`heap grew by ${(growth / 1048576).toFixed(1)} MiB over the run (bound ${(maxHeapGrowth / 1048576).toFixed(0)} MiB)`],
        });
      }
      next = options.cases;
    } else {
      // The worker hung (or died) at case `outcome.index`: record it and go on after it.
      const index = outcome.index;
      seeds ??= loadSeeds();
      const mutant = makeCase(seeds, options.seed, index);
      summary.failures.push({ index, seed: mutant.seed.name, ops: mutant.ops, failures: [outcome.reason] });
      summary.cases += index - next + 1;
      next = index + 1;
    }
  }
  if (options.outDir && summary.failures.some((f) => f.index >= 0)) {
    await mkdir(options.outDir, { recursive: true });
    seeds ??= loadSeeds();
    for (const failure of summary.failures) {
      if (failure.index < 0) continue;
      const mutant = makeCase(seeds, options.seed, failure.index);
      const base = path.join(options.outDir, `case-${options.seed}-${failure.index}`);
      await writeFile(`${base}.bin`, mutant.bytes);
      await writeFile(
        `${base}.txt`,
        [
          `seed ${failure.seed}, case ${failure.index} of run seed ${options.seed}`,
          'mutations:',
          ...failure.ops.map((o) => `  ${o}`),
          'failures:',
          ...failure.failures.map((f) => `  ${f}`),
          '',
        ].join('\n'),
      );
      failure.file = `${base}.bin`;
    }
  }
  summary.wallMs = performance.now() - started;
  return summary;
}

function merge(summary: FuzzSummary, totals: FuzzTotals): void {
  summary.cases += totals.cases;
  summary.ok += totals.ok;
  summary.meets += totals.meets;
  summary.maxBytesRead = Math.max(summary.maxBytesRead, totals.maxBytesRead);
  summary.maxReadLength = Math.max(summary.maxReadLength, totals.maxReadLength);
  summary.maxReads = Math.max(summary.maxReads, totals.maxReads);
  summary.maxMs = Math.max(summary.maxMs, totals.maxMs);
  summary.totalMs += totals.totalMs;
  summary.heapGrowth = Math.max(summary.heapGrowth, totals.heapAfter - totals.heapBefore);
  summary.heapPeak = Math.max(summary.heapPeak, totals.heapPeak);
}

/** Runs one worker to the end of its range, or until a case hangs or the worker dies. */
function runWorker(
  data: FuzzWorkerData,
  hangMs: number,
  summary: FuzzSummary,
): Promise<{ totals?: FuzzTotals; index: number; reason: string }> {
  const shared = new Int32Array(data.shared);
  Atomics.store(shared, 0, data.start);
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: 512 } });
    let settled = false;
    let beat = -1;
    let lastChange = performance.now();
    const finish = (value: { totals?: FuzzTotals; index: number; reason: string }): void => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      resolve(value);
      void worker.terminate();
    };
    const watchdog = setInterval(
      () => {
        const now = Atomics.load(shared, 1);
        if (now !== beat) {
          beat = now;
          lastChange = performance.now();
        } else if (performance.now() - lastChange > hangMs) {
          finish({ index: Atomics.load(shared, 0), reason: `did not finish within ${hangMs} ms (a hang); the worker was stopped` });
        }
      },
      Math.min(250, hangMs / 4),
    );
    worker.on('message', (message: FuzzMessage) => {
      if (message.type === 'failure')
        summary.failures.push({ index: message.index, seed: message.seed, ops: message.ops, failures: message.failures });
      else finish({ totals: message.totals, index: data.end, reason: '' });
    });
    worker.on('error', (error) => finish({ index: Atomics.load(shared, 0), reason: `the worker died: ${error.stack ?? error.message}` }));
    worker.on('exit', (code) =>
      finish({ index: Atomics.load(shared, 0), reason: `the worker exited with code ${code} before finishing (out of memory?)` }),
    );
  });
}

/** The summary as the few lines `npm run fuzz` prints. */
export function formatSummary(s: FuzzSummary): string {
  const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
  const mib = (n: number): string => `${(n / 1048576).toFixed(1)} MiB`;
  const lines = [
    `fuzz: ${s.cases} cases from seed ${s.runSeed} in ${(s.wallMs / 1000).toFixed(1)} s: ${s.ok} read, ${s.cases - s.ok} refused, ` +
      `${s.meets} meet their seed's version`,
    `  max bytes read per call: ${s.maxBytesRead} (${kib(s.maxBytesRead)}; bound ${kib(FUZZ_BOUNDS.maxBytesRead)}), largest single read ` +
      `${s.maxReadLength}, most reads per call ${s.maxReads}`,
    `  max ms per call: ${s.maxMs.toFixed(1)} (bound ${FUZZ_BOUNDS.maxMs}), mean ${(s.totalMs / Math.max(1, s.cases)).toFixed(3)}`,
    `  heap: growth over the run ${mib(s.heapGrowth)}, peak ${mib(s.heapPeak)}`,
    `  failures: ${s.failures.length}`,
  ];
  for (const f of s.failures.slice(0, 20)) {
    lines.push(`  - case ${f.index} (${f.seed}; ${f.ops.join('; ')}): ${f.failures.join(' | ')}${f.file ? ` [saved: ${f.file}]` : ''}`);
  }
  if (s.failures.length > 20) lines.push(`  ... and ${s.failures.length - 20} more`);
  return `${lines.join('\n')}\n`;
}
