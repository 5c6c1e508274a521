/**
 * Reads a batch of inventory candidates, synchronously, on whichever thread
 * runs it (the main thread or a worker: inventoryWorker.ts), and gives the
 * records back as objects or already written as JSON text. It is the whole of
 * the per-file work, so one thread or several give the same bytes.
 */
import { closeSync, constants as fsConstants, fstatSync, openSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import { errnoWords } from '../errors.js';
import { readPeVersionInfoSync } from '../pe/readPeVersionInfo.js';
import { encodeFsName } from '../source/fsNames.js';
import { Arena, DescriptorSource } from './descriptorSource.js';
import { hasVersionInfo, type InspectRecord } from './inspectFile.js';
import { inspectRecordText } from './recordText.js';

/** One file (or unlistable folder) to report, in output order. */
export interface Candidate {
  readonly path: string;
  readonly type: 'file' | 'symlink' | 'other' | 'problem';
  /** The name ends in a PE extension: listed even when it is not a PE file. */
  readonly named: boolean;
  /** For problems: the record's error code and message. */
  readonly code?: string;
  readonly message?: string;
}

/** A record, plus how many bytes were read from its file (to prove reads stay small). */
export interface InventoryRecord extends InspectRecord {
  readonly bytesRead?: number;
}

/** How a batch's records come back: as objects, or as the text of `--format json` (records joined by ",") or `jsonl`. */
export type BatchOutput = 'records' | 'json' | 'jsonl';

/** Work for one thread: candidates in output order. */
export interface Batch {
  readonly id: number;
  readonly candidates: readonly Candidate[];
  /** List every file, PE or not (`--all`). */
  readonly all: boolean;
  readonly output: BatchOutput;
}

/** What a batch gave. */
export interface BatchResult {
  readonly id: number;
  /** With output 'records'. */
  readonly records?: InventoryRecord[];
  /** With output 'json' or 'jsonl': the records as text, in order. */
  readonly text?: string;
  /** Records listed (candidates that are not PE files and not named as such are left out). */
  readonly count: number;
  /** Every record listed holds a PE file with a version resource. */
  readonly allGood: boolean;
  /**
   * A quarter of the files or more took over SLOW_FILE_MS each: the data is not
   * in memory (a cold or network disk). One slow file is not enough: on a busy
   * machine any file can wait that long for a core.
   */
  readonly slow: boolean;
  /** The thread that read the batch: 0 for the main thread (tests check the work really was spread). */
  readonly thread: number;
}

/** A file that takes this long to read means its data is not in memory. */
export const SLOW_FILE_MS = 25;

// O_NONBLOCK: a FIFO must not block the inventory; O_NOFOLLOW: a link that replaced the file after listing is not followed.
const OPEN_FLAGS = fsConstants.O_RDONLY | fsConstants.O_NONBLOCK | fsConstants.O_NOFOLLOW;
/** A lone low surrogate U+DC80..U+DCFF: a byte of a name that is not UTF-8, as decodeFsName escapes it. */
const ESCAPED_BYTE = /[\udc80-\udcff]/u;
const IMAGE_DOS_SIGNATURE_BYTES = [0x4d, 0x5a]; // "MZ"

/** Scratch for the reads of this thread, reused from file to file. */
const arena = new Arena();

/**
 * Reads one candidate; never throws. Undefined when the file is left out: not
 * a PE file and not named like one (unless `all`). A file is sniffed by its
 * first block before anything else is done with it, so a tree of data files
 * costs one open and one read each.
 */
export function readCandidate(candidate: Candidate, all: boolean): InventoryRecord | undefined {
  const file = candidate.path;
  const listed = all || candidate.named;
  switch (candidate.type) {
    case 'problem':
      return { path: file, error: { code: candidate.code ?? 'unreadable-folder', message: candidate.message ?? 'cannot be listed' } };
    case 'symlink':
      return listed ? { path: file, error: { code: 'symlink', message: 'symbolic link; not followed' } } : undefined;
    case 'other':
      return listed
        ? { path: file, error: { code: 'not-regular-file', message: 'not a regular file (a device, FIFO or socket); not opened' } }
        : undefined;
    case 'file':
      break;
  }
  let fd: number;
  try {
    // A path with no escaped byte (fsNames.ts) is opened as it is: no Buffer per file.
    fd = openSync(ESCAPED_BYTE.test(file) ? encodeFsName(file) : file, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      path: file,
      error: { code: code === 'ENOENT' ? 'vanished' : 'unreadable', message: `cannot be opened: ${errnoWords(error)}` },
    };
  }
  arena.reset();
  try {
    const source = new DescriptorSource(fd, arena);
    if (!listed) {
      const first = source.readFirstBlock();
      if (first[0] !== IMAGE_DOS_SIGNATURE_BYTES[0] || first[1] !== IMAGE_DOS_SIGNATURE_BYTES[1]) return undefined;
    }
    const info = fstatSync(fd);
    if (!info.isFile())
      return listed ? { path: file, error: { code: 'not-regular-file', message: 'not a regular file; not read' } } : undefined;
    source.size = info.size;
    const result = readPeVersionInfoSync(source);
    // An "MZ" file with no PE header (DOS, NE, LE) is not a PE file: listed only when named like one.
    if (!listed && !result.ok && result.code === 'not-pe') return undefined;
    return { path: file, size: info.size, result, bytesRead: source.bytesRead };
  } catch (error) {
    return { path: file, error: { code: 'read-error', message: (error as Error).message } };
  } finally {
    try {
      closeSync(fd);
    } catch {
      // Nothing was written: a failed close loses nothing.
    }
  }
}

/** Reads a batch of candidates in order; never throws. */
export function readBatch(batch: Batch): BatchResult {
  const records: InventoryRecord[] = [];
  const texts: string[] = [];
  let allGood = true;
  let slowFiles = 0;
  for (const candidate of batch.candidates) {
    const began = performance.now();
    const record = readCandidate(candidate, batch.all);
    if (performance.now() - began > SLOW_FILE_MS) slowFiles++;
    if (!record) continue;
    allGood &&= hasVersionInfo(record);
    if (batch.output === 'records') records.push(record);
    else texts.push(inspectRecordText(record));
  }
  const count = batch.output === 'records' ? records.length : texts.length;
  const slow = slowFiles > 0 && slowFiles * 4 >= batch.candidates.length;
  const base = { id: batch.id, count, allGood, slow, thread: threadId };
  if (batch.output === 'records') return { ...base, records };
  // The json document separates records with ",\n" after the first; jsonl ends each with "\n".
  const text = batch.output === 'json' ? texts.map((t) => `\n${t}`).join(',') : texts.map((t) => `${t}\n`).join('');
  return { ...base, text };
}
