/**
 * One PE file being read: positional byte access with the reader's checks
 * (short reads, I/O failures, zero-filled image bytes), the anomalies found so
 * far, and what the headers said, so a failure can still report it. Every
 * other part of the reader (headers, sections, resource tree) reads through it.
 * Reads are synchronous, like Go's io.ReaderAt: readPeVersionInfo.ts answers
 * them from an asynchronous ByteSource when it has to.
 */
import type { SyncByteSource } from './byteSource.js';
import { READER_LIMITS } from './readerLimits.js';
import type { PeAnomaly, PeErrorCode, PeImage, PeReadResult, VersionResource } from './types.js';

/** A failure with a code; thrown inside the reader and turned into `{ ok: false }` at its edge. */
export class PeReadError extends Error {
  constructor(
    readonly code: PeErrorCode,
    message: string,
    readonly offset?: number,
  ) {
    super(message);
    this.name = 'PeReadError';
  }
}

/** Where an RVA lies in the file. */
export interface RvaMapping {
  /** File offset of the RVA. */
  fileOffset: number;
  /** Bytes from the RVA that are backed by file data; past them, up to `span`, the image holds zeros. */
  raw: number;
  /** Bytes from the RVA to the end of its section (or of the headers). */
  span: number;
  /** Section name, or "the headers", for messages. */
  where: string;
}

/** A number as the reader's messages write offsets and values: 0x-prefixed lower-case hex. */
export const hex = (value: number): string => `0x${value.toString(16)}`;

/** The little-endian WORD at `at` (Go's binary.LittleEndian.Uint16); the caller has checked the bytes are there. */
export function uint16(bytes: Uint8Array, at: number): number {
  return (bytes[at] as number) | ((bytes[at + 1] as number) << 8);
}

/** The little-endian DWORD at `at`, unsigned (Go's binary.LittleEndian.Uint32); the caller has checked the bytes are there. */
export function uint32(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at] as number) | ((bytes[at + 1] as number) << 8) | ((bytes[at + 2] as number) << 16)) + (bytes[at + 3] as number) * 0x1000000
  );
}

/** Reads one file; holds what is known so far so failures can report it. */
export class PeFile {
  readonly anomalies: PeAnomaly[] = [];
  /** Set as soon as the file header and the optional header's Magic are read. */
  image: PeImage | undefined;
  /** The first bytes of the file, read once; reads inside them cost nothing. */
  private head: Uint8Array = new Uint8Array(0);

  /**
   * `memo`, when given, keeps the results of pure steps (parsing a version
   * blob) across runs of the reader over the same file: readPeVersionInfo
   * runs it again after each range it fetches, and must not parse every blob
   * again each time.
   */
  constructor(
    private readonly source: SyncByteSource,
    private readonly memo?: Map<string, unknown>,
  ) {}

  /** The result of `compute` for `key`, computed once per file (see the constructor). */
  remember<T>(key: string, compute: () => T): T {
    if (!this.memo) return compute();
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    this.memo.set(key, value);
    return value;
  }

  get size(): number {
    return this.source.size;
  }

  /** Notes something odd but survivable (pefile's "warnings"), up to READER_LIMITS.maxAnomalies. */
  anomaly(offset: number, message: string): void {
    const max = READER_LIMITS.maxAnomalies;
    if (this.anomalies.length < max) this.anomalies.push({ offset, message });
    else if (this.anomalies.length === max) this.anomalies.push({ offset, message: `more than ${max} anomalies; the rest are not listed` });
  }

  /** Reads the first `length` bytes of the file and keeps them: later reads inside them are served from memory. */
  readHead(length: number): Uint8Array {
    this.head = this.bytes(0, length);
    return this.head;
  }

  /** Up to `length` bytes at `offset` (fewer only at the end of the file); I/O failures become 'read-error'. */
  bytes(offset: number, length: number): Uint8Array {
    if (offset + length <= this.head.byteLength) return this.head.subarray(offset, offset + length);
    let result: unknown;
    try {
      result = this.source.readSync(offset, length);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new PeReadError('read-error', `reading ${length} bytes at offset ${hex(offset)} failed: ${reason}`, offset);
    }
    if (!(result instanceof Uint8Array)) {
      throw new PeReadError('read-error', `reading ${length} bytes at offset ${hex(offset)} returned no bytes`, offset);
    }
    return result.byteLength > length ? result.subarray(0, length) : result;
  }

  /**
   * Exactly `length` bytes at `offset`, or a 'truncated' failure naming `what`
   * they were for ("`what` at offset 0x..." when `atOffset`: the words are only
   * put together when they are needed).
   */
  exact(offset: number, length: number, what: string, atOffset = false): Uint8Array {
    const bytes = this.bytes(offset, length);
    if (bytes.byteLength < length) {
      const end = Math.min(offset + bytes.byteLength, this.size);
      const described = atOffset ? `${what} at offset ${hex(offset)}` : what;
      throw new PeReadError('truncated', `file ends at ${end} bytes, inside ${described} (needs ${offset + length})`, end);
    }
    return bytes;
  }

  /**
   * Reads `length` bytes of the image at an RVA already mapped; the part past
   * the raw data is zeros, as in memory. A short file is a failure naming
   * "`what` at offset 0x...".
   */
  readMapped(mapping: RvaMapping, length: number, what: string): Uint8Array {
    const raw = Math.min(length, mapping.raw);
    const bytes = raw > 0 ? this.exact(mapping.fileOffset, raw, what, true) : new Uint8Array(0);
    if (raw === length) return bytes;
    const filled = new Uint8Array(length);
    filled.set(bytes);
    return filled;
  }

  /** The reader's result once the versions are read. */
  success(versions: VersionResource[]): PeReadResult {
    if (!this.image) throw new Error('image headers not read');
    return { ok: true, image: this.image, versions, anomalies: this.anomalies };
  }

  /** The reader's result for a failure: a PeReadError as it is, anything else as 'corrupt' saying what happened. */
  failure(error: unknown): PeReadResult {
    const base = this.image ? { image: this.image } : {};
    if (error instanceof PeReadError) {
      return {
        ok: false,
        code: error.code,
        message: error.message,
        ...(error.offset === undefined ? {} : { offset: error.offset }),
        ...base,
        anomalies: this.anomalies,
      };
    }
    // Not a format problem we know of: still a result, never an exception, but say what happened.
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      code: 'corrupt',
      message: `unexpected failure while reading the PE file: ${reason}`,
      ...base,
      anomalies: this.anomalies,
    };
  }
}
