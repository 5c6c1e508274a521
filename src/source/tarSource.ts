/**
 * A FileSource over a tar archive, plain or gzip-compressed, read with tar-stream in one
 * streaming pass: a tar has no index, so `find` reads it from start to end and keeps, in memory,
 * only the entries a manifest names; everything else streams past and is dropped.
 */
import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { TargetError } from './directorySource.js';
import { lastSegment, normaliseEntryPath } from './entryPath.js';
import { DEFAULT_LIMITS, ExpandBudget, formatSize, ratioProblem, type ExpandLimits } from './expandLimits.js';
import { openedBytes } from './openedBytes.js';
import { endAtTarMarker } from './tarEnd.js';
import { byPath, SourceOpenError, type FileSource, type Listing, type OpenedFile, type SourceEntry, type SourceProblem } from './types.js';

/** Options of a tar source. */
export interface TarSourceOptions {
  /** The archive is gzip-compressed (.tar.gz, .tgz). */
  readonly gzip: boolean;
  /** How reports name the target (default: the file path). */
  readonly description?: string;
  readonly limits?: ExpandLimits;
}

/** Opens a tar (or tar.gz) archive as a FileSource. The archive is read when `find` is called. */
export async function tarSource(file: string, options: TarSourceOptions): Promise<FileSource> {
  return new TarSource(file, options);
}

/** Raised inside the pass when the gzip stream expands beyond the limits; ends the pass, not the scan. */
class ExpansionStop extends Error {}

/** Counts bytes through a stream and calls `check` with the running total; `check` may stop the pass. */
function counter(check: (total: number) => void): Transform & { total: number } {
  const stream = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      stream.total += chunk.length;
      try {
        check(stream.total);
      } catch (error) {
        done(error as Error);
        return;
      }
      done(null, chunk);
    },
  }) as Transform & { total: number };
  stream.total = 0;
  return stream;
}

interface Kept {
  readonly bytes?: Buffer;
  readonly mtimeMs: number;
  readonly refusal?: SourceOpenError;
}

class TarSource implements FileSource {
  readonly description: string;
  private readonly kept = new Map<SourceEntry, Kept>();
  private readonly kind: string;

  constructor(
    private readonly file: string,
    private readonly options: TarSourceOptions,
  ) {
    this.description = options.description ?? file;
    this.kind = options.gzip ? 'tar.gz archive' : 'tar archive';
  }

  async find(names: ReadonlySet<string>): Promise<Listing> {
    const limits = this.options.limits ?? DEFAULT_LIMITS;
    const budget = new ExpandBudget(limits);
    const entries: SourceEntry[] = [];
    const problems: SourceProblem[] = [];
    this.kept.clear();

    const input = createReadStream(this.file);
    // Old V7 headers carry no magic (tar-stream's allowUnknownFormat); their checksum is still checked.
    const extract = tar.extract({ allowUnknownFormat: true } as Parameters<typeof tar.extract>[0]);
    const fail = (error: Error) => extract.destroy(error);
    input.on('error', fail);
    const end = endAtTarMarker();
    end.on('error', fail);
    if (this.options.gzip) {
      const compressed = counter(() => undefined);
      const gunzip = createGunzip();
      const expanded = counter((total) => {
        if (total > limits.maxExpand) {
          throw new ExpansionStop(
            `the gzip stream expands beyond the --max-expand limit of ${formatSize(limits.maxExpand)}; the rest of the archive was not ` +
              `read`,
          );
        }
        const ratio = ratioProblem(total, compressed.total, limits);
        if (ratio) throw new ExpansionStop(`the gzip stream ${ratio}; the rest of the archive was not read`);
      });
      for (const stream of [compressed, gunzip, expanded]) stream.on('error', fail);
      input
        .pipe(compressed)
        .pipe(gunzip)
        .pipe(expanded)
        .pipe(end)
        .pipe(extract as unknown as NodeJS.WritableStream);
    } else {
      input.pipe(end).pipe(extract as unknown as NodeJS.WritableStream);
    }

    try {
      for await (const stream of extract) {
        const header = stream.header;
        const named = normaliseEntryPath(header.name);
        const baseName = named.ok ? named.name : lastSegment(named.path);
        const isFolder = header.type === 'directory';
        if (isFolder || !names.has(baseName.toLowerCase())) {
          if (!named.ok && !named.windowsName && !isFolder)
            problems.push({ path: named.path, code: 'unsafe-path', message: `entry skipped: ${named.reason}` });
          stream.resume();
          continue;
        }
        const mtimeMs = header.mtime ? header.mtime.getTime() : 0;
        const isFile = header.type === 'file' || header.type === 'contiguous-file';
        const isLink = header.type === 'symlink' || header.type === 'link';
        const entry: SourceEntry = {
          path: named.path,
          name: baseName,
          type: named.ok && isLink ? 'symlink' : named.ok && isFile ? 'file' : 'other',
        };
        let refusal: SourceOpenError | undefined;
        if (!named.ok) refusal = new SourceOpenError('unsafe-path', entry.path, `tar entry not read: ${named.reason}`);
        else if (isLink) {
          const what = header.type === 'symlink' ? 'symbolic link' : 'hard link';
          refusal = new SourceOpenError(
            'archive-link',
            entry.path,
            `${what} entry in the ${this.kind} (to ${JSON.stringify(header.linkname ?? '')}); archive links are never followed`,
          );
        } else if (!isFile)
          refusal = new SourceOpenError(
            'not-regular-file',
            entry.path,
            `tar entry is not a regular file (${header.type ?? 'unknown type'}); not read`,
          );
        else if (!this.options.gzip) {
          const over = budget.take(header.size ?? 0);
          if (over) refusal = new SourceOpenError('expansion-limit', entry.path, `tar entry: ${over}`);
        }
        if (refusal) {
          stream.resume();
          entries.push(entry);
          this.kept.set(entry, { mtimeMs, refusal });
          continue;
        }
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        entries.push(entry);
        this.kept.set(entry, { mtimeMs, bytes: Buffer.concat(chunks) });
      }
    } catch (error) {
      input.destroy();
      if (error instanceof ExpansionStop) {
        problems.push({ path: '.', code: 'expansion-limit', message: error.message });
      } else {
        throw new TargetError(this.file, `corrupt or truncated ${this.kind}: ${(error as Error).message}`);
      }
    }
    const trailer = end.trailer();
    const notes = trailer.garbage
      ? [
          `${trailer.bytes} bytes after the ${this.kind}'s end-of-archive marker were ignored, as GNU tar ignores them ` +
            '(not zeros: data appended to the archive)',
        ]
      : [];
    return { entries: entries.sort(byPath), problems: problems.sort(byPath), notes };
  }

  async open(entry: SourceEntry): Promise<OpenedFile> {
    const kept = this.kept.get(entry);
    if (!kept) throw new SourceOpenError('vanished', entry.path, 'not an entry this tar source listed');
    if (kept.refusal) throw kept.refusal;
    return openedBytes(kept.bytes ?? new Uint8Array(0), kept.mtimeMs);
  }

  async close(): Promise<void> {
    this.kept.clear();
  }
}
