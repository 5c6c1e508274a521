/**
 * A FileSource over a zip archive, read in place with yauzl: the central directory lists the
 * entries; only entries a manifest names are opened. A stored entry is read positionally (only
 * the ranges the PE reader asks for); a deflated one is inflated whole into memory, within the
 * expansion limits and at most DEFAULT_MAX_HELD bytes held at once, and its CRC-32 checked.
 */
import { constants as bufferConstants } from 'node:buffer';
import type { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { TargetError } from './directorySource.js';
import { lastSegment, normaliseEntryPath } from './entryPath.js';
import { DEFAULT_LIMITS, ExpandBudget, formatSize, MemoryGate, ratioProblem, type ExpandLimits } from './expandLimits.js';
import { openedBytes } from './openedBytes.js';
import { byPath, SourceOpenError, type FileSource, type OpenedFile, type SourceEntry, type SourceProblem } from './types.js';

/** APPNOTE 4.4.5 compression methods yauzl decodes. */
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;
/** APPNOTE 4.4.2: "version made by" host 3 is UNIX; the high 16 bits of the external attributes are then st_mode. */
const HOST_UNIX = 3;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;

/** Options of a zip source. */
export interface ZipSourceOptions {
  /** How reports name the target (default: the file path). */
  readonly description?: string;
  readonly limits?: ExpandLimits;
}

interface Found {
  /** The yauzl handle the entry was listed through (each listing has its own). */
  readonly archive: ZipFile;
  readonly zip: Entry;
  /** Where the entry's data starts in the archive (after its local header). */
  readonly dataStart: number;
  /** Why the entry is not read, decided at listing time. */
  readonly refusal?: SourceOpenError;
}

/** yauzl's options: lazy listing, handles closed by us, names decoded by us (see zipSource). */
const OPEN_OPTIONS = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true } as const;

function callback<T>(run: (done: (error: Error | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value))));
}

/** Opens a zip archive as a FileSource; throws TargetError when it is not a readable zip. */
export async function zipSource(file: string, options: ZipSourceOptions = {}): Promise<FileSource> {
  let zip: ZipFile;
  try {
    // decodeStrings off: yauzl would otherwise reject the whole archive on one "../" name; we report and skip it instead.
    zip = await callback<ZipFile>((done) => yauzl.open(file, OPEN_OPTIONS, done));
  } catch (error) {
    throw new TargetError(file, `corrupt or truncated zip archive: ${(error as Error).message}`);
  }
  return new ZipSource(file, zip, options.description ?? file, new ExpandBudget(options.limits ?? DEFAULT_LIMITS));
}

function entryType(zip: Entry): SourceEntry['type'] {
  if (zip.versionMadeBy >>> 8 !== HOST_UNIX) return 'file';
  const mode = (zip.externalFileAttributes >>> 16) & S_IFMT;
  if (mode === 0 || mode === S_IFREG) return 'file';
  return mode === S_IFLNK ? 'symlink' : 'other';
}

class ZipSource implements FileSource {
  private readonly found = new Map<SourceEntry, Found>();
  /** Every yauzl handle opened; a handle lists its entries once, so each find() after the first opens another. */
  private readonly handles: ZipFile[];
  private unlisted: ZipFile | undefined;
  private readonly gate = new MemoryGate();

  constructor(
    private readonly file: string,
    first: ZipFile,
    readonly description: string,
    private readonly budget: ExpandBudget,
  ) {
    this.handles = [first];
    this.unlisted = first;
  }

  async find(names: ReadonlySet<string>): Promise<{ entries: SourceEntry[]; problems: SourceProblem[] }> {
    const entries: SourceEntry[] = [];
    const problems: SourceProblem[] = [];
    try {
      let archive = this.unlisted;
      this.unlisted = undefined;
      if (!archive) {
        archive = await callback<ZipFile>((done) => yauzl.open(this.file, OPEN_OPTIONS, done));
        this.handles.push(archive);
      }
      for await (const zip of archive.eachEntry()) {
        const raw = yauzl.getFileNameLowLevel(zip.generalPurposeBitFlag, zip.fileNameRaw, zip.extraFields, false);
        if (raw.endsWith('/') || raw.endsWith('\\')) continue; // a folder entry
        const named = normaliseEntryPath(raw);
        const baseName = named.ok ? named.name : lastSegment(named.path);
        if (!names.has(baseName.toLowerCase())) {
          if (!named.ok && !named.windowsName)
            problems.push({ path: named.path, code: 'unsafe-path', message: `entry skipped: ${named.reason}` });
          continue;
        }
        const entry: SourceEntry = { path: named.path, name: baseName, type: named.ok ? entryType(zip) : 'other' };
        entries.push(entry);
        this.found.set(entry, {
          archive,
          zip,
          dataStart: await this.dataStart(archive, zip, named.path),
          refusal: this.refusal(entry, zip, named),
        });
      }
    } catch (error) {
      if (error instanceof TargetError) throw error;
      throw new TargetError(this.file, `corrupt or truncated zip archive: ${(error as Error).message}`);
    }
    return { entries: entries.sort(byPath), problems: problems.sort(byPath) };
  }

  /** Reads the entry's local header: a header or data past the end of the file means a truncated archive. */
  private async dataStart(archive: ZipFile, zip: Entry, shownPath: string): Promise<number> {
    const { fileDataStart } = await archive.readLocalFileHeaderPromise(zip, { minimal: true });
    if (fileDataStart + zip.compressedSize > archive.fileSize) {
      throw new TargetError(this.file, `corrupt or truncated zip archive: the data of ${shownPath} runs past the end of the file`);
    }
    return fileDataStart;
  }

  private refusal(entry: SourceEntry, zip: Entry, named: ReturnType<typeof normaliseEntryPath>): SourceOpenError | undefined {
    if (!named.ok) return new SourceOpenError('unsafe-path', entry.path, `zip entry not read: ${named.reason}`);
    if (entry.type === 'symlink')
      return new SourceOpenError('archive-link', entry.path, 'symbolic link entry in the zip archive; archive links are never followed');
    if (entry.type === 'other')
      return new SourceOpenError('not-regular-file', entry.path, 'zip entry is not a regular file (a device, FIFO or socket); not read');
    if (zip.isEncrypted()) return new SourceOpenError('unreadable', entry.path, 'zip entry is encrypted; cannot be read');
    if (zip.compressionMethod !== METHOD_STORED && zip.compressionMethod !== METHOD_DEFLATED) {
      return new SourceOpenError(
        'unreadable',
        entry.path,
        `zip entry uses compression method ${zip.compressionMethod}; only stored (0) and deflated (8) entries can be read`,
      );
    }
    if (zip.compressionMethod === METHOD_DEFLATED) {
      if (zip.uncompressedSize > bufferConstants.MAX_LENGTH) {
        return new SourceOpenError(
          'expansion-limit',
          entry.path,
          `zip entry of ${formatSize(zip.uncompressedSize)} is too large to inflate in memory`,
        );
      }
      const ratio = ratioProblem(zip.uncompressedSize, zip.compressedSize, this.budget.limits);
      if (ratio) return new SourceOpenError('expansion-limit', entry.path, `zip entry ${ratio}`);
    }
    return undefined;
  }

  async open(entry: SourceEntry): Promise<OpenedFile> {
    const found = this.found.get(entry);
    if (!found) throw new SourceOpenError('vanished', entry.path, 'not an entry this zip source listed');
    if (found.refusal) throw found.refusal;
    const { archive, zip, dataStart } = found;
    const mtimeMs = zip.getLastModDate().getTime();
    if (zip.compressionMethod === METHOD_STORED) return this.openStored(archive, zip, dataStart, mtimeMs);
    const over = this.budget.take(zip.uncompressedSize);
    if (over) throw new SourceOpenError('expansion-limit', entry.path, `zip entry of ${formatSize(zip.uncompressedSize)}: ${over}`);
    const held = zip.uncompressedSize;
    await this.gate.acquire(held);
    let bytes: Buffer;
    try {
      bytes = await this.inflate(archive, zip, dataStart);
    } catch (error) {
      this.gate.release(held);
      throw new SourceOpenError('corrupt-entry', entry.path, `zip entry cannot be inflated: ${(error as Error).message}`);
    }
    const actual = crc32(bytes) >>> 0;
    if (actual !== zip.crc32 >>> 0) {
      this.gate.release(held);
      throw new SourceOpenError(
        'corrupt-entry',
        entry.path,
        `zip entry is damaged: CRC-32 0x${actual.toString(16).padStart(8, '0')} differs from the recorded ` +
          `0x${(zip.crc32 >>> 0).toString(16).padStart(8, '0')}`,
      );
    }
    return openedBytes(bytes, mtimeMs, () => this.gate.release(held));
  }

  /** A stored entry is its own bytes in the archive: each read is one positional read of the archive. */
  private openStored(archive: ZipFile, zip: Entry, dataStart: number, mtimeMs: number): OpenedFile {
    const size = zip.compressedSize;
    let bytesRead = 0;
    return {
      size,
      mtimeMs,
      get bytesRead() {
        return bytesRead;
      },
      read: async (position: number, length: number) => {
        if (!Number.isSafeInteger(position) || !Number.isSafeInteger(length) || position < 0 || length < 0) {
          throw new RangeError(`invalid read of ${length} bytes at position ${position}`);
        }
        const start = Math.min(position, size);
        const end = Math.min(size, start + length);
        if (end === start) return new Uint8Array(0);
        const stream = await lowLevelStream(archive, dataStart, size, start, end, false, null);
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        const bytes = Buffer.concat(chunks);
        bytesRead += bytes.length;
        return bytes;
      },
      close: () => Promise.resolve(),
    };
  }

  /** Inflates a deflated entry whole; yauzl stops with an error on more (or fewer) bytes than the entry declares. */
  private async inflate(archive: ZipFile, zip: Entry, dataStart: number): Promise<Buffer> {
    const stream = await lowLevelStream(archive, dataStart, zip.compressedSize, 0, zip.compressedSize, true, zip.uncompressedSize);
    const bytes = Buffer.allocUnsafe(zip.uncompressedSize);
    let filled = 0;
    for await (const chunk of stream) {
      const data = chunk as Buffer;
      if (filled + data.length > bytes.length) {
        stream.destroy();
        throw new Error(`inflates to more than the ${zip.uncompressedSize} bytes it declares`);
      }
      data.copy(bytes, filled);
      filled += data.length;
    }
    if (filled !== bytes.length) throw new Error(`inflates to ${filled} bytes, not the ${zip.uncompressedSize} it declares`);
    return bytes;
  }

  async close(): Promise<void> {
    for (const handle of this.handles.splice(0)) handle.close();
    this.found.clear();
  }
}

/** yauzl's openReadStreamLowLevel; its Promise wrapper (3.4.0) calls openReadStream by mistake, so the callback form is used. */
function lowLevelStream(
  archive: ZipFile,
  dataStart: number,
  compressedSize: number,
  start: number,
  end: number,
  decompress: boolean,
  uncompressedSize: number | null,
): Promise<Readable> {
  return callback<Readable>((done) =>
    archive.openReadStreamLowLevel(dataStart, compressedSize, start, end, decompress, uncompressedSize, done),
  );
}
