/**
 * Runs fuzz cases [start, end) in a worker thread, so the runner can stop it
 * if a case hangs. Writes the index of the case in progress and a heartbeat
 * into shared memory (cheap enough for every case) and posts failures and totals.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { checkCase, loadSeeds, makeCase } from './peFuzzer.js';

/** What the runner hands the worker. */
export interface FuzzWorkerData {
  readonly runSeed: number;
  readonly start: number;
  readonly end: number;
  /** Int32Array over a SharedArrayBuffer: [0] case in progress, [1] heartbeat. */
  readonly shared: SharedArrayBuffer;
  /** Self-test of the watchdog: spin forever at this case index. */
  readonly hangAt?: number;
}

/** Totals of one worker's range. */
export interface FuzzTotals {
  cases: number;
  ok: number;
  meets: number;
  maxBytesRead: number;
  maxReadLength: number;
  maxReads: number;
  maxMs: number;
  totalMs: number;
  heapBefore: number;
  heapAfter: number;
  heapPeak: number;
}

/** Messages from the worker. */
export type FuzzMessage =
  | { type: 'failure'; index: number; seed: string; ops: readonly string[]; failures: readonly string[] }
  | { type: 'done'; totals: FuzzTotals };

const gc = (globalThis as { gc?: () => void }).gc;
const heapUsed = (): number => {
  gc?.();
  return process.memoryUsage().heapUsed;
};

async function main(): Promise<void> {
  const data = workerData as FuzzWorkerData;
  const shared = new Int32Array(data.shared);
  const seeds = loadSeeds();
  const totals: FuzzTotals = {
    cases: 0,
    ok: 0,
    meets: 0,
    maxBytesRead: 0,
    maxReadLength: 0,
    maxReads: 0,
    maxMs: 0,
    totalMs: 0,
    heapBefore: heapUsed(),
    heapAfter: 0,
    heapPeak: 0,
  };
  for (let index = data.start; index < data.end; index++) {
    Atomics.store(shared, 0, index);
    Atomics.add(shared, 1, 1);
    if (index === data.hangAt) for (;;);
    const mutant = makeCase(seeds, data.runSeed, index);
    const outcome = await checkCase(mutant.bytes, mutant.seed.version);
    totals.cases++;
    if (outcome.ok) totals.ok++;
    if (outcome.meets) totals.meets++;
    totals.maxBytesRead = Math.max(totals.maxBytesRead, outcome.bytesRead);
    totals.maxReadLength = Math.max(totals.maxReadLength, outcome.maxReadLength);
    totals.maxReads = Math.max(totals.maxReads, outcome.reads);
    totals.maxMs = Math.max(totals.maxMs, outcome.ms);
    totals.totalMs += outcome.ms;
    if (outcome.failures.length > 0) {
      parentPort?.postMessage({
        type: 'failure',
        index,
        seed: mutant.seed.name,
        ops: mutant.ops,
        failures: outcome.failures,
      } satisfies FuzzMessage);
    }
    if ((index & 1023) === 0) totals.heapPeak = Math.max(totals.heapPeak, process.memoryUsage().heapUsed);
  }
  totals.heapAfter = heapUsed();
  totals.heapPeak = Math.max(totals.heapPeak, totals.heapAfter);
  parentPort?.postMessage({ type: 'done', totals } satisfies FuzzMessage);
}

// `node --test dist/test/` also loads this file on its own: then there is nothing to do.
if (!isMainThread && workerData) await main();
