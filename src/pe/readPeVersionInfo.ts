/**
 * The bounded PE version-resource reader, split as Go's debug/pe is: the
 * headers (headers.ts), the section table and RVA mapping (sections.ts), the
 * resource tree (resourceTree.ts), the version resources in it
 * (versionResources.ts, versionInfo.ts), all reading through one PeFile
 * (peFile.ts). It reads, by position only, those structures and nothing
 * else. Every count is capped (readerLimits.ts) and every offset checked, so
 * the bytes read do not grow with the file (a 100 MB DLL costs a few KB) and
 * crafted files cannot make it loop. It never throws: every failure becomes
 * `{ ok: false, code, message }`.
 */
import type { ByteSource, SyncByteSource } from './byteSource.js';
import { IMAGE_SIZEOF_NT_SIGNATURE } from './constants.js';
import {
  optionalHeaderOffset,
  peImage,
  readDosHeader,
  readFileHeader,
  readNtSignature,
  readOptionalHeader,
  readOptionalHeaderMagic,
} from './headers.js';
import { hex, PeFile } from './peFile.js';
import { readSectionTable } from './sections.js';
import type { PeReadResult } from './types.js';
import { readVersionResources } from './versionResources.js';

export { READER_LIMITS } from './readerLimits.js';

/** The steps, in file order; each throws a PeReadError that `settle` turns into a result. */
function read(file: PeFile): PeReadResult {
  const dos = readDosHeader(file);
  const ntOffset = readNtSignature(file, dos);
  const fileHeader = readFileHeader(file, ntOffset + IMAGE_SIZEOF_NT_SIGNATURE);
  const format = readOptionalHeaderMagic(file, fileHeader);
  // From here on a failure still reports what the file header said.
  file.image = peImage(fileHeader, format);
  const optional = readOptionalHeader(file, fileHeader, format);
  const sections = readSectionTable(
    file,
    optionalHeaderOffset(fileHeader) + fileHeader.sizeOfOptionalHeader,
    fileHeader.numberOfSections,
    optional.fileAlignment,
    optional.sizeOfHeaders,
  );
  const resources = optional.resourceTable;
  if (resources.virtualAddress === 0) return file.success([]);
  if (resources.size === 0) {
    file.anomaly(
      optional.resourceTableSizeAt,
      `resource data directory has RVA ${hex(resources.virtualAddress)} but Size 0; reading it anyway`,
    );
  }
  return file.success(readVersionResources(file, sections, resources.virtualAddress));
}

/**
 * Reads the version resources of a PE image through synchronous positional
 * reads of `source` (a worker thread's reads of a descriptor, or bytes in
 * memory). Never throws and never reads more than a bounded number of bytes.
 */
export function readPeVersionInfoSync(source: SyncByteSource): PeReadResult {
  return settle(new PeFile(source));
}

/** Runs the reader; a failure anywhere (even a bug) becomes `{ ok: false }`. */
function settle(file: PeFile): PeReadResult {
  try {
    return read(file);
  } catch (error) {
    return file.failure(error);
  }
}

/** True when a ByteSource can also be read synchronously (bufferSource, the inventory's descriptor sources). */
function isSync(source: ByteSource): source is ByteSource & SyncByteSource {
  return typeof (source as Partial<SyncByteSource>).readSync === 'function';
}

/**
 * Reads the version resources of a PE image through positional reads of
 * `source`. Never throws and never reads more than a bounded number of bytes.
 *
 * The reader is synchronous; a source that can only be read asynchronously is
 * read by running it over the bytes fetched so far: at the first range not yet
 * fetched it stops, the range is awaited (its bytes, or its error, kept), and
 * the reader runs again from the start. It is deterministic, so each run
 * repeats the last one up to the new range: the source sees each range the
 * reader asks for once, in the order it first asks for it, and the result is
 * the synchronous reader's. A run costs microseconds and a file needs a few;
 * the version blobs, the costly part, are parsed once, not once per run.
 */
export async function readPeVersionInfo(source: ByteSource): Promise<PeReadResult> {
  if (isSync(source)) return readPeVersionInfoSync(source);
  const fetched = new Map<string, { bytes: unknown } | { error: unknown }>();
  // The first range the current run asked for and did not find: taken (and cleared) after each run.
  let missing: { position: number; length: number; key: string } | undefined;
  const takeMissing = () => {
    const taken = missing;
    missing = undefined;
    return taken;
  };
  const cached: SyncByteSource = {
    size: source.size,
    readSync(position, length) {
      const key = `${position}:${length}`;
      const got = fetched.get(key);
      if (got === undefined) {
        missing ??= { position, length, key };
        throw new Error('not fetched yet');
      }
      if ('error' in got) throw got.error;
      return got.bytes as Uint8Array;
    },
  };
  const memo = new Map<string, unknown>();
  for (;;) {
    const result = settle(new PeFile(cached, memo));
    // A run that stopped at a missing range is discarded, whatever it made of the stop.
    const range = takeMissing();
    if (range === undefined) return result;
    try {
      fetched.set(range.key, { bytes: await source.read(range.position, range.length) });
    } catch (error) {
      fetched.set(range.key, { error });
    }
  }
}
