/**
 * Inventory of whole trees (`inspect --recursive`): walks each root lazily in
 * sorted path order (walkSorted), reads the version resource of each candidate
 * through a bounded pool of positional reads, and yields the records one by
 * one in that order, so a caller can stream them out without holding the
 * tree's listing or results.
 */
import { encodeFsName } from '../source/fsNames.js';
import {
  close,
  closeSync,
  constants as fsConstants,
  fstat,
  fstatSync,
  open,
  openSync,
  read,
  readSync,
  statSync,
  type Stats,
} from 'node:fs';
import path from 'node:path';
import { errnoWords } from '../errors.js';
import { positionalSource, type CountingByteSource } from '../pe/byteSource.js';
import { readAheadSource } from '../pe/readAheadSource.js';
import { readPeVersionInfo } from '../pe/readPeVersionInfo.js';
import { walkSorted, type WalkProgress } from '../source/walkTree.js';
import type { InspectRecord } from './inspectFile.js';

/**
 * File name extensions of PE images looked at by default: programs, libraries,
 * drivers, controls, language resources, type libraries, codecs, fonts, EFI.
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

/** How an inventory chooses and reads files. */
export interface InventoryOptions {
  /** Read every file and keep those that start with "MZ", instead of choosing by extension. */
  readonly all?: boolean;
  /** Files read at once (default 16). */
  readonly concurrency?: number;
  /**
   * How files are read: 'direct' (system calls on the main thread; fastest
   * from the page cache), 'pooled' (on libuv's thread pool; overlaps slow
   * disks), or 'auto' (default): direct until one file takes over
   * SLOW_FILE_MS, then pooled for the rest.
   */
  readonly io?: 'auto' | 'direct' | 'pooled';
  /** Called as folders are listed. */
  readonly onListProgress?: WalkProgress;
  /** Called after each record is ready, with the number done and, once the walk is over, the number of candidates. */
  readonly onReadProgress?: (done: number, total: number | undefined) => void;
}

/** One file (or unlistable folder) to report, in output order. */
interface Candidate {
  readonly path: string;
  readonly type: 'file' | 'symlink' | 'other' | 'problem';
  /** For problems: the record's error code and message. */
  readonly code?: string;
  readonly message?: string;
}

/** A record, plus how many bytes were read from its file (to prove reads stay small). */
export interface InventoryRecord extends InspectRecord {
  readonly bytesRead?: number;
}

/**
 * The candidates under each root, in output order, produced as the pool asks
 * for them (a file root is its own candidate): the tree is walked lazily, so
 * neither its listing nor its records are held whole.
 */
function* candidatesOf(roots: readonly string[], options: InventoryOptions): Generator<Candidate> {
  const want = options.all ? () => true : hasPeExtension;
  for (const root of roots) {
    let info: Stats;
    try {
      info = statSync(root);
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      yield {
        path: root,
        type: 'problem',
        code: missing ? 'not-found' : 'unreadable',
        message: missing ? 'no such file or folder' : `cannot be read: ${errnoWords(error)}`,
      };
      continue;
    }
    if (!info.isDirectory()) {
      yield { path: root, type: info.isFile() ? 'file' : 'other' };
      continue;
    }
    for (const item of walkSorted(path.resolve(root), want, options.onListProgress)) {
      if (item.problem)
        yield {
          path: item.problem.path === '.' ? root : path.join(root, item.problem.path),
          type: 'problem',
          code: item.problem.code,
          message: item.problem.message,
        };
      else yield { path: path.join(root, item.entry.path), type: item.entry.type };
    }
  }
}

/** The system calls an inventory makes per file, as promises: on the thread pool, or done at once on the main thread. */
interface FileCalls {
  open(file: string): Promise<number>;
  fstat(fd: number): Promise<Stats>;
  read(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): Promise<number>;
  close(fd: number): Promise<void>;
}

// O_NONBLOCK: a FIFO must not block the inventory; O_NOFOLLOW: a link that replaced the file after listing is not followed.
const OPEN_FLAGS = fsConstants.O_RDONLY | fsConstants.O_NONBLOCK | fsConstants.O_NOFOLLOW;

/** Callback fs calls on libuv's thread pool: lighter than FileHandle; they overlap when the disk is slow. */
const POOLED_CALLS: FileCalls = {
  open: (file) =>
    new Promise((resolve, reject) => open(encodeFsName(file), OPEN_FLAGS, (error, fd) => (error ? reject(error) : resolve(fd)))),
  fstat: (fd) => new Promise((resolve, reject) => fstat(fd, (error, stats) => (error ? reject(error) : resolve(stats)))),
  read: (fd, buffer, offset, length, position) =>
    new Promise((resolve, reject) => read(fd, buffer, offset, length, position, (error, n) => (error ? reject(error) : resolve(n)))),
  close: (fd) => new Promise((resolve) => close(fd, () => resolve())),
};

/** Runs a synchronous call and hands its result or error over as a settled promise. */
function settled<T>(call: () => T): Promise<T> {
  try {
    return Promise.resolve(call());
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * The same calls made directly on the main thread. From the page cache each
 * costs a few microseconds, while handing one to the thread pool and back
 * costs tens: for files already in memory this is several times faster.
 */
const DIRECT_CALLS: FileCalls = {
  open: (file) => settled(() => openSync(encodeFsName(file), OPEN_FLAGS)),
  fstat: (fd) => settled(() => fstatSync(fd)),
  read: (fd, buffer, offset, length, position) => settled(() => readSync(fd, buffer, offset, length, position)),
  close: (fd) => settled(() => closeSync(fd)).catch(() => undefined),
};

/** Positional reads of an open descriptor, counting the bytes read. */
function fdSource(calls: FileCalls, fd: number, size: number): CountingByteSource {
  return positionalSource(size, (buffer, offset, length, position) => calls.read(fd, buffer, offset, length, position));
}

/** Reads one candidate; never throws. Undefined when `all` is on and the file does not start with "MZ" (not a PE candidate). */
async function readCandidate(candidate: Candidate, all: boolean, calls: FileCalls): Promise<InventoryRecord | undefined> {
  const file = candidate.path;
  switch (candidate.type) {
    case 'problem':
      return { path: file, error: { code: candidate.code ?? 'unreadable-folder', message: candidate.message ?? 'cannot be listed' } };
    case 'symlink':
      return all ? undefined : { path: file, error: { code: 'symlink', message: 'symbolic link; not followed' } };
    case 'other':
      return all
        ? undefined
        : { path: file, error: { code: 'not-regular-file', message: 'not a regular file (a device, FIFO or socket); not opened' } };
    case 'file':
      break;
  }
  let fd: number;
  try {
    fd = await calls.open(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      path: file,
      error: { code: code === 'ENOENT' ? 'vanished' : 'unreadable', message: `cannot be opened: ${errnoWords(error)}` },
    };
  }
  try {
    const info = await calls.fstat(fd);
    if (!info.isFile())
      return all ? undefined : { path: file, error: { code: 'not-regular-file', message: 'not a regular file; not read' } };
    const bytes = fdSource(calls, fd, info.size);
    const result = await readPeVersionInfo(readAheadSource(bytes));
    // Offset 0 not-pe: empty, or no "MZ" at all. With --all that just means "not a PE file"; leave it out.
    if (all && !result.ok && result.code === 'not-pe' && result.offset === 0) return undefined;
    return { path: file, size: info.size, result, bytesRead: bytes.bytesRead };
  } catch (error) {
    return { path: file, error: { code: 'read-error', message: (error as Error).message } };
  } finally {
    await calls.close(fd);
  }
}

/** A file that takes this long to read directly means the data is not in memory: switch to pooled reads. */
export const SLOW_FILE_MS = 25;

/**
 * Yields an inventory record per candidate under `roots`, in order: sorted
 * paths within each root, roots in the order given. Reads run `concurrency`
 * at a time but never more than a bounded window ahead of the next record to
 * yield, so memory stays flat however large the tree.
 */
export async function* inventory(roots: readonly string[], options: InventoryOptions = {}): AsyncGenerator<InventoryRecord> {
  const candidates = candidatesOf(roots, options);
  const limit = Math.max(1, options.concurrency ?? 16);
  const window = limit * 16;
  const all = options.all === true;
  const ready = new Map<number, InventoryRecord | undefined>();
  let listed = false; // every candidate has been taken from the walk
  let next = 0; // index of the next candidate to start
  let emit = 0; // index of the next record to yield
  let active = 0;
  let done = 0;
  let wake: (() => void) | undefined;
  const mode = options.io ?? 'auto';
  let calls = mode === 'pooled' ? POOLED_CALLS : DIRECT_CALLS;

  const start = () => {
    while (active < limit && !listed && next - emit < window) {
      const taken = candidates.next();
      if (taken.done) {
        listed = true;
        break;
      }
      const candidate = taken.value;
      const index = next++;
      active++;
      const began = performance.now();
      void readCandidate(candidate, all, calls)
        .catch(
          (error: unknown): InventoryRecord => ({ path: candidate.path, error: { code: 'read-error', message: (error as Error).message } }),
        )
        .then((record) => {
          active--;
          if (mode === 'auto' && calls === DIRECT_CALLS && performance.now() - began > SLOW_FILE_MS) calls = POOLED_CALLS;
          done++;
          ready.set(index, record);
          options.onReadProgress?.(done, listed ? next : undefined);
          start();
          wake?.();
        });
    }
  };

  for (;;) {
    start();
    if (ready.has(emit)) {
      const record = ready.get(emit);
      ready.delete(emit);
      emit++;
      if (record) yield record;
      continue;
    }
    if (listed && emit === next) return;
    // The next record is still being read (start() leaves nothing idle while there is work).
    await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  }
}
