/** An OpenedFile over bytes already in memory (an inflated zip entry, a tar entry kept from its pass). */
import { bufferSource } from '../pe/byteSource.js';
import type { OpenedFile } from './types.js';

/** Wraps `bytes` as an OpenedFile; `onClose` runs once, when it is closed (to release what holding it cost). */
export function openedBytes(bytes: Uint8Array, mtimeMs: number, onClose?: () => void): OpenedFile {
  let closed = false;
  const source = bufferSource(bytes);
  return {
    size: source.size,
    mtimeMs,
    get bytesRead() {
      return source.bytesRead;
    },
    read: (position, length) => source.read(position, length),
    close: () => {
      if (!closed) onClose?.();
      closed = true;
      return Promise.resolve();
    },
  };
}
