/**
 * Inventory of whole trees (`inspect --recursive`): walks each root lazily in
 * sorted path order (walkSorted), reads the candidates in batches spread over
 * the calling thread and worker threads (synchronous positional reads each:
 * readBatch.ts), and yields the results in that order, so a caller can stream
 * them out without holding the tree's listing or results. Which thread read a
 * batch never shows in what it gives.
 */
import { Worker } from 'node:worker_threads';
import { statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { errnoWords } from '../errors.js';
import { walkSorted, type WalkProgress } from '../source/walkTree.js';
import { type Batch, type BatchOutput, type BatchResult, type Candidate, type InventoryRecord, readBatch } from './readBatch.js';

/**
 * File name extensions of PE images: programs, libraries, drivers, controls,
 * language resources, type libraries, codecs, fonts, EFI. A file so named is
 * listed even when it is not a PE file (a broken DLL is worth knowing about);
 * a file named otherwise is listed when its content is PE.
 */
export const PE_EXTENSIONS: readonly string[] = [
  '.exe',
  '.dll',
  '.sys',
  '.ocx',
  '.cpl',
  '.drv',
  '.scr',
  '.acm',
  '.ax',
  '.tlb',
  '.mui',
  '.efi',
  '.com',
  '.fon',
  '.ime',
  '.tsp',
  '.rll',
  '.cnv',
  '.flt',
  '.wpc',
  '.ds',
  '.olb',
  '.iec',
  '.winmd',
  '.node',
  '.pyd',
  '.mun',
];

const EXTENSION_SET = new Set(PE_EXTENSIONS);

/** True when `name` ends in one of PE_EXTENSIONS (case-insensitively). */
export function hasPeExtension(name: string): boolean {
  const dot = name.lastIndexOf('.');
  if (dot < 0 || name.length - dot > 7) return false;
  return EXTENSION_SET.has(name.slice(dot).toLowerCase());
}

export type { InventoryRecord } from './readBatch.js';

/** How an inventory chooses and reads files. */
export interface InventoryOptions {
  /** List every file, PE or not (the others with a reason: not-pe, symlink, ...), instead of PE files and files named like them. */
  readonly all?: boolean;
  /**
   * Threads that read files: 1 reads every file on the calling thread; N adds
   * N - 1 worker threads. Default: the HOTFIX_VERIFY_THREADS environment
   * variable, else the calling thread alone while files come from memory, and
   * worker threads once files are slow to come (a cold or network disk).
   * Results are the same either way.
   */
  readonly threads?: number;
  /** Called as folders are listed. */
  readonly onListProgress?: WalkProgress;
  /** Called after each record is ready, with the number done and, once the walk is over, the number of candidates. */
  readonly onReadProgress?: (done: number, total: number | undefined) => void;
}

/**
 * The candidates under each root, in output order, produced as the readers ask
 * for them (a file root is its own candidate): the tree is walked lazily, so
 * neither its listing nor its records are held whole. Every file is a
 * candidate; readCandidate decides from its name and first bytes whether it is
 * listed.
 */
function* candidatesOf(roots: readonly string[], options: InventoryOptions): Generator<Candidate> {
  for (const root of roots) {
    let info: Stats;
    try {
      info = statSync(root);
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      yield {
        path: root,
        type: 'problem',
        named: true,
        code: missing ? 'not-found' : 'unreadable',
        message: missing ? 'no such file or folder' : `cannot be read: ${errnoWords(error)}`,
      };
      continue;
    }
    if (!info.isDirectory()) {
      // A file named on the command line is always listed, whatever its name.
      yield { path: root, type: info.isFile() ? 'file' : 'other', named: true };
      continue;
    }
    const under = joiner(root);
    for (const item of walkSorted(path.resolve(root), () => true, options.onListProgress)) {
      if (item.problem)
        yield {
          path: item.problem.path === '.' ? root : path.join(root, item.problem.path),
          type: 'problem',
          named: true,
          code: item.problem.code,
          message: item.problem.message,
        };
      else yield { path: under(item.entry.path), type: item.entry.type, named: hasPeExtension(item.entry.name) };
    }
  }
}

/**
 * `(relative) => path.join(root, relative)` for the "/"-separated paths a walk gives. On POSIX such a
 * path holds only names (no ".", "..", or empty parts), so joining it is putting it after the joined
 * root: one concatenation per file instead of a normalisation.
 */
function joiner(root: string): (relative: string) => string {
  if (path.sep !== '/') return (relative) => path.join(root, relative);
  const prefix = path.join(root, 'x').slice(0, -1);
  return (relative) => prefix + relative;
}

/** Candidates per batch: small enough to spread a few hundred files over threads, large enough that messages cost little. */
const BATCH_FILES = 32;
/** Batches started but not yet yielded: bounds the memory of results waiting for an earlier, slower batch. */
const MAX_BATCHES_AHEAD = 64;
/** Batches sent to a worker at once, so it never waits for the next one. */
const BATCHES_PER_WORKER = 2;
/** Worker threads once a slow file shows the data is not in memory: blocking reads then overlap the disk's latency. */
const SLOW_DISK_WORKERS = 8;
const WORKER_URL = new URL('./inventoryWorker.js', import.meta.url);

/**
 * The number of threads to read with: the option, else HOTFIX_VERIFY_THREADS,
 * else undefined (automatic: see InventoryOptions.threads).
 *
 * Why one thread by default: from the page cache, reading a PE file is a few
 * microseconds of system calls and tens of microseconds of JavaScript, most of
 * it before V8 has optimised the reader. A worker thread starts its own V8,
 * loads the modules again and runs the reader cold again; measured on the
 * real corpus (bench --real), a second thread cost 40% more CPU time and, on a
 * 2-core machine shared with other work, made the inventory 1.4 times slower.
 */
export function inventoryThreads(option: number | undefined, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const fromEnv = Number(env['HOTFIX_VERIFY_THREADS']);
  const wanted = option ?? (Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : undefined);
  return wanted === undefined ? undefined : Math.max(1, Math.floor(wanted));
}

/** A worker thread and the batches it holds. */
interface Lane {
  readonly worker: Worker;
  readonly pending: Map<number, Batch>;
}

/**
 * Yields the results of reading every candidate under `roots`, batch by batch
 * in output order (sorted paths within each root, roots in the order given),
 * records as objects or as JSON text (`output`). Batches run on the calling
 * thread and on worker threads at once, never more than MAX_BATCHES_AHEAD
 * ahead of the next one to yield, so memory stays flat however large the tree.
 * A worker that fails hands its batches back to the calling thread.
 */
export async function* inventoryBatches(
  roots: readonly string[],
  options: InventoryOptions,
  output: BatchOutput,
): AsyncGenerator<BatchResult> {
  const candidates = candidatesOf(roots, options);
  const all = options.all === true;
  const threads = inventoryThreads(options.threads);
  let workersWanted = threads === undefined ? 0 : threads - 1;
  let mainReads = true; // the calling thread reads batches too, until a slow file is seen
  const lanes: Lane[] = [];
  const retry: Batch[] = []; // batches of a worker that failed, read here instead
  const ready = new Map<number, BatchResult>();
  let listed = false;
  let nextId = 0;
  let emitId = 0;
  let taken = 0;
  let done = 0;
  let wake: (() => void) | undefined;

  const take = (): Batch | undefined => {
    const again = retry.shift();
    if (again) return again;
    if (listed || nextId - emitId >= MAX_BATCHES_AHEAD) return undefined;
    const list: Candidate[] = [];
    while (list.length < BATCH_FILES) {
      const next = candidates.next();
      if (next.done) {
        listed = true;
        break;
      }
      list.push(next.value);
    }
    if (list.length === 0) return undefined;
    taken += list.length;
    return { id: nextId++, candidates: list, all, output };
  };
  const finish = (result: BatchResult, files: number) => {
    ready.set(result.id, result);
    done += files;
    // Blocking reads of a slow disk belong on workers, several at once; unless a number of threads was asked for.
    if (result.slow && threads === undefined && mainReads) {
      mainReads = false;
      workersWanted = Math.max(workersWanted, SLOW_DISK_WORKERS);
    }
    options.onReadProgress?.(done, listed ? taken : undefined);
    wake?.();
  };
  const send = (lane: Lane, batch: Batch) => {
    lane.pending.set(batch.id, batch);
    lane.worker.ref();
    lane.worker.postMessage(batch);
  };
  const fail = (lane: Lane) => {
    if (!lanes.includes(lane)) return;
    lanes.splice(lanes.indexOf(lane), 1);
    workersWanted = 0;
    mainReads = true;
    retry.push(...lane.pending.values());
    lane.pending.clear();
    void lane.worker.terminate();
    wake?.();
  };
  const startWorker = () => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_URL);
    } catch {
      // No worker script to start (a single-file build such as hotfix-verify.exe): the calling thread reads everything.
      workersWanted = 0;
      return;
    }
    const lane: Lane = { worker, pending: new Map() };
    lane.worker.on('message', (result: BatchResult) => {
      const batch = lane.pending.get(result.id);
      if (!batch) return; // the lane failed and its batches went to the calling thread
      lane.pending.delete(result.id);
      // An idle worker must not keep the process alive if the caller stops reading.
      if (lane.pending.size === 0) lane.worker.unref();
      finish(result, batch.candidates.length);
      feed();
    });
    lane.worker.on('error', () => fail(lane));
    lane.worker.on('exit', () => fail(lane));
    lanes.push(lane);
  };
  const feed = () => {
    // Workers start only once the tree has more than one batch: a small tree is read before one would be up.
    while (lanes.length < workersWanted && nextId > 0 && !listed) startWorker();
    for (const lane of lanes) {
      while (lane.pending.size < BATCHES_PER_WORKER) {
        const batch = take();
        if (!batch) break;
        send(lane, batch);
      }
    }
  };

  try {
    for (;;) {
      feed();
      while (ready.has(emitId)) {
        const result = ready.get(emitId) as BatchResult;
        ready.delete(emitId);
        emitId++;
        yield result;
        feed();
      }
      const batch = mainReads || retry.length > 0 ? take() : undefined;
      if (batch) {
        feed(); // the first batch taken may show that workers are worth starting
        finish(readBatch(batch), batch.candidates.length);
        // Let the workers' results in before the next batch.
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      if (listed && retry.length === 0 && emitId === nextId) return;
      if (ready.has(emitId)) continue;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    for (const lane of lanes.splice(0)) {
      lane.worker.removeAllListeners('exit');
      void lane.worker.terminate();
    }
  }
}

/**
 * Yields an inventory record per PE file under `roots` (and per file named
 * like one, and per problem), in order: sorted paths within each root, roots
 * in the order given. With `all`, every file has a record.
 */
export async function* inventory(roots: readonly string[], options: InventoryOptions = {}): AsyncGenerator<InventoryRecord> {
  for await (const batch of inventoryBatches(roots, options, 'records')) yield* batch.records ?? [];
}
