/**
 * A ByteSource that reads ahead in blocks, so the PE reader's many small
 * reads (DOS header, PE header, section table; then the resource directory,
 * its entries and data entries) cost one system call per region of the file
 * instead of one per structure.
 */
import type { ByteSource } from './byteSource.js';

/** Bytes fetched per miss: the headers and section table of nearly every PE file, or a small resource directory. */
export const READ_AHEAD_BYTES = 4096;

/**
 * Wraps `source`: a read inside the last block fetched is served from it;
 * otherwise at least `block` bytes are fetched from the read's position (fewer
 * at the end of the data). Bytes fetched stay bounded by (reads x block).
 */
export function readAheadSource(source: ByteSource, block: number = READ_AHEAD_BYTES): ByteSource {
  let cached: Uint8Array = new Uint8Array(0);
  let cachedAt = 0;
  return {
    size: source.size,
    async read(position: number, length: number): Promise<Uint8Array> {
      if (position >= cachedAt && position + length <= cachedAt + cached.byteLength) {
        return cached.subarray(position - cachedAt, position - cachedAt + length);
      }
      if (length >= block) return source.read(position, length);
      const bytes = await source.read(position, block);
      cached = bytes;
      cachedAt = position;
      return bytes.subarray(0, Math.min(length, bytes.byteLength));
    },
  };
}
