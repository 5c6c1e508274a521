/** An OpenedFile over bytes already in memory (an inflated zip entry, a tar entry kept from its pass). */
import { bufferSource } from '../pe/byteSource.js';
import type { OpenedFile } from './types.js';

/** Wraps `bytes` as an OpenedFile; closing it drops nothing the caller still holds. */
export function openedBytes(bytes: Uint8Array, mtimeMs: number): OpenedFile {
  const source = bufferSource(bytes);
  return {
    size: source.size,
    mtimeMs,
    get bytesRead() {
      return source.bytesRead;
    },
    read: (position, length) => source.read(position, length),
    close: () => Promise.resolve(),
  };
}
