/** `hotfix-verify inspect --recursive ROOT...` (and `--format jsonl`): an inventory streamed out record by record. */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { hasVersionInfo } from '../inspect/inspectFile.js';
import { type InventoryOptions, inventory, inventoryBatches } from '../inspect/inventory.js';
import { INSPECT_SCHEMA_VERSION, inspectRecordJson } from '../report/inspectJson.js';
import { toolVersion } from '../toolInfo.js';
import { EXIT } from './errors.js';
import type { CliIO } from './output.js';
import { startProgress } from './progress.js';

/** The options of an inventory run, as parsed. */
export interface InventoryArgs {
  readonly roots: readonly string[];
  readonly format: 'table' | 'json' | 'jsonl';
  readonly output?: string;
  /** Walk folders (without it, every root must be a file). */
  readonly recursive: boolean;
  /** List every file, PE or not (without it: PE files, and files named like them). */
  readonly all: boolean;
  readonly quiet: boolean;
}

/**
 * Characters of output gathered before a write, and the age of the last write after which the next record flushes (a slow tree still
 * streams).
 */
const BATCH_CHARS = 64 * 1024;
const BATCH_MS = 200;

/** A destination written piece by piece, honouring back-pressure; to a file through a temporary name and a rename. */
interface Sink {
  write(text: string): Promise<void> | undefined;
  finish(ok: boolean): Promise<void>;
}

/** The output stream failed; EPIPE (the reader went away, as `| head` does) is not worth a message. */
class StreamFailure extends Error {
  constructor(readonly reason: NodeJS.ErrnoException) {
    super(`cannot write the output: ${reason.message}`);
  }
}

function streamSink(stream: NodeJS.WritableStream): Sink {
  let failed: StreamFailure | undefined;
  const onError = (error: NodeJS.ErrnoException) => (failed ??= new StreamFailure(error));
  stream.on('error', onError);
  return {
    // Waits only when the stream's buffer is full, so a fast consumer costs no promise per record.
    write: (text) => {
      if (failed) throw failed;
      if (stream.write(text)) return undefined;
      return new Promise<void>((resolve, reject) => {
        const done = () => {
          stream.off('drain', done);
          stream.off('error', done);
          if (failed) reject(failed);
          else resolve();
        };
        stream.once('drain', done);
        stream.once('error', done);
      });
    },
    finish: () => {
      stream.off('error', onError);
      return failed ? Promise.reject(failed) : Promise.resolve();
    },
  };
}

function fileSink(file: string): Sink {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const stream = createWriteStream(temp);
  const sink = streamSink(stream);
  return {
    write: (text) => sink.write(text),
    async finish(ok) {
      await new Promise<void>((resolve) => {
        stream.once('error', () => resolve());
        stream.end(() => resolve());
      });
      try {
        await sink.finish(ok);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      if (!ok) await rm(temp, { force: true });
      else await rename(temp, file);
    },
  };
}

/** Runs an inventory; exit 0 when every file listed was read and has version info, 1 otherwise. */
export async function runInventory(args: InventoryArgs, io: CliIO): Promise<number> {
  const sink = args.output ? fileSink(args.output) : streamSink(io.stdout);
  const progress = startProgress(io, { quiet: args.quiet });
  let count = 0;
  let allGood = true;
  const pending: string[] = [];
  let pendingLength = 0;
  let lastFlush = Date.now();
  const flush = () => {
    lastFlush = Date.now();
    if (pending.length === 0) return undefined;
    const text = pending.join('');
    pending.length = 0;
    pendingLength = 0;
    return sink.write(text);
  };
  /** Queues text; records go out in writes of about 64 KB: one write per record would cost a system call each. */
  const put = async (text: string) => {
    pending.push(text);
    pendingLength += text.length;
    if (pendingLength >= BATCH_CHARS || Date.now() - lastFlush > BATCH_MS) {
      const wait = flush();
      if (wait) await wait;
    }
  };
  const options: InventoryOptions = {
    all: args.all,
    onListProgress: (c) => progress.update(() => `listing: ${c.folders} folders, ${c.entries} entries, ${c.matched} candidates`),
    onReadProgress: (done, total) =>
      progress.update(() => (total === undefined ? `reading: ${done} files, still listing` : `reading: ${done} of ${total} files`)),
  };
  let finished = false;
  try {
    if (args.format === 'json') {
      const head = JSON.stringify({ schemaVersion: INSPECT_SCHEMA_VERSION, tool: { name: 'hotfix-verify', version: toolVersion() } });
      await sink.write(`${head.slice(0, -1)},"files":[`);
    }
    if (args.recursive && args.format !== 'table') {
      // JSON is written by the threads that read the files, batch by batch: the records never cross threads as objects.
      for await (const batch of inventoryBatches(args.roots, options, args.format)) {
        allGood &&= batch.allGood;
        if (batch.count === 0) continue;
        const text = batch.text ?? '';
        await put(args.format === 'json' && count > 0 ? `,${text}` : text);
        count += batch.count;
      }
    } else {
      const records = args.recursive ? inventory(args.roots, options) : singleFiles(args.roots);
      // Only tables need cli-table3; JSON output does not load it.
      const tableOf = args.format === 'table' ? (await import('../report/inspectWriters.js')).inspectRecordTable : undefined;
      for await (const record of records) {
        allGood &&= hasVersionInfo(record);
        let text: string;
        if (tableOf) text = `${count > 0 ? '\n' : ''}${tableOf(record)}`;
        else if (args.format === 'json') text = `${count > 0 ? ',' : ''}\n${JSON.stringify(inspectRecordJson(record))}`;
        else text = `${JSON.stringify(inspectRecordJson(record))}\n`;
        count++;
        await put(text);
      }
    }
    await flush();
    if (args.format === 'json') await sink.write(`${count > 0 ? '\n' : ''}]}\n`);
    finished = true;
  } catch (error) {
    if (!(error instanceof StreamFailure)) throw error;
  } finally {
    progress.done();
    try {
      await sink.finish(finished);
    } catch (error) {
      // biome-ignore lint/correctness/noUnsafeFinally: an unknown error while closing the output is a bug and must surface
      if (!(error instanceof StreamFailure)) throw error;
      finished = false;
      if (error.reason.code !== 'EPIPE') io.stderr.write(`hotfix-verify: ${error.message}\n`);
    }
  }
  if (!finished) return EXIT.error;
  return allGood ? EXIT.ok : EXIT.findings;
}

/** Files named on the command line, read in the order given (jsonl without --recursive). */
async function* singleFiles(files: readonly string[]) {
  const { inspectFile } = await import('../inspect/inspectFile.js');
  for (const file of files) yield await inspectFile(file);
}
