/**
 * Where reports come from, one at a time: files, folders of *.json (sorted by name, not recursive),
 * and "-", JSON lines on standard input. Each yields a report's text or why it has none; nothing
 * here holds more than the reports being read at the moment.
 */
import { closeSync, constants, type Dirent, fstatSync, openSync, readSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { errnoWords } from '../errors.js';
import type { ReportOrigin, ReportProblem } from '../model/fleet.js';
import { decodeReport } from './judgeReport.js';

/** The largest report read (a file, or a line of standard input): a 200,000-row snapshot scan fits. */
export const MAX_REPORT_BYTES = 256 * 1024 * 1024;

/** One report to read: where it is, and a function that reads it. */
export interface ReportInput {
  readonly origin: ReportOrigin;
  read(): Promise<{ text: string } | { problem: ReportProblem }>;
}

// O_NONBLOCK: a FIFO named like a report must not hang the open (it is then refused as not a regular file). Windows has no such flag.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * A report file: opened, checked to be a regular file within MAX_REPORT_BYTES, read whole and decoded;
 * a failure is the report's problem, in words. Read synchronously, on purpose: a fleet is thousands of
 * small files, and the promise API's round trips to the thread pool (stat, open, fstat, read, close)
 * cost four times the reading itself (measured: 10,000 reports in 1.7 s against 0.4 s).
 */
function fileInput(file: string): ReportInput {
  return {
    origin: { source: file },
    read: async () => readReportFile(file),
  };
}

function readReportFile(file: string): { text: string } | { problem: ReportProblem } {
  const fail = (message: string) => ({ problem: { code: 'unreadable' as const, args: { message } } });
  let fd: number | undefined;
  try {
    fd = openSync(file, OPEN_FLAGS);
    const info = fstatSync(fd);
    if (info.isDirectory()) return fail('is a folder, not a file');
    if (!info.isFile()) return fail('is not a regular file');
    if (info.size > MAX_REPORT_BYTES) return fail(`is ${info.size} bytes, more than the ${MAX_REPORT_BYTES} a report may be`);
    const bytes = Buffer.allocUnsafe(info.size);
    let got = 0;
    while (got < bytes.length) {
      const n = readSync(fd, bytes, got, bytes.length - got, got);
      if (n === 0) break;
      got += n;
    }
    return { text: decodeReport(bytes.subarray(0, got)) };
  } catch (error) {
    return fail(`cannot be read: ${errnoWords(error)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The *.json files of a folder, sorted by name; a folder that cannot be listed is one bad report named after it. */
async function* folderInputs(folder: string): AsyncGenerator<ReportInput> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    yield {
      origin: { source: folder },
      read: async () => ({ problem: { code: 'unreadable', args: { message: `folder cannot be listed: ${errnoWords(error)}` } } }),
    };
    return;
  }
  const names = entries
    .filter((entry) => /\.json$/i.test(entry.name) && !entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  for (const name of names) yield fileInput(path.join(folder, name));
}

/**
 * JSON lines of a stream, one report a line; blank lines are left out. A line longer than
 * MAX_REPORT_BYTES is not kept: it is a bad report of its own, and reading goes on at the next line.
 */
async function* lineInputs(stream: AsyncIterable<Buffer | string>): AsyncGenerator<ReportInput> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let line = 0;
  const finish = (): ReportInput | undefined => {
    line++;
    const origin = { source: '-', line };
    const bytes = Buffer.concat(parts);
    parts = [];
    size = 0;
    if (tooLong) {
      tooLong = false;
      const problem = {
        code: 'unreadable' as const,
        args: { message: `the line is longer than the ${MAX_REPORT_BYTES} bytes a report may be` },
      };
      return { origin, read: async () => ({ problem }) };
    }
    const text = decodeReport(bytes).replace(/\r$/, '');
    if (text.trim() === '') return undefined;
    return { origin, read: async () => ({ text }) };
  };
  for await (const chunk of stream) {
    let buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    for (let at = buffer.indexOf(0x0a); at >= 0; at = buffer.indexOf(0x0a)) {
      if (!tooLong) parts.push(buffer.subarray(0, at));
      buffer = buffer.subarray(at + 1);
      const input = finish();
      if (input) yield input;
    }
    if (tooLong || buffer.length === 0) continue;
    size += buffer.length;
    if (size > MAX_REPORT_BYTES) {
      tooLong = true;
      parts = [];
    } else parts.push(buffer);
  }
  if (parts.length > 0 || tooLong) {
    const input = finish();
    if (input) yield input;
  }
}

/** Every report the arguments name, in order: a file, the *.json of a folder, or "-" for the lines of `stdin`. */
export async function* reportInputs(args: readonly string[], stdin: AsyncIterable<Buffer | string>): AsyncGenerator<ReportInput> {
  for (const arg of args) {
    if (arg === '-') {
      yield* lineInputs(stdin);
      continue;
    }
    const info = await stat(arg).catch(() => undefined);
    if (info?.isDirectory()) yield* folderInputs(arg);
    // A file, or a name that is not there: reading it says what is wrong, as the host's problem.
    else yield fileInput(arg);
  }
}
