/**
 * Where a tar archive ends. GNU tar stops reading at the end-of-archive marker (a block of zeros
 * where a header belongs) and ignores whatever follows: the zeros a blocking factor pads with, or
 * garbage appended by a careless copy. tar-stream reads on and refuses the garbage, so this
 * stream walks the headers (the size of each entry, to skip its data) and passes nothing after
 * the marker on; it counts what it left out, and whether any of it was not zeros.
 */
import { Transform, type TransformCallback } from 'node:stream';

const BLOCK = 512;

/** An entry's data size from its header: octal digits, or GNU's base-256 form for large files. */
function entrySize(header: Buffer): number {
  const field = header.subarray(124, 136);
  if ((field[0]! & 0x80) !== 0) {
    let size = 0;
    for (let i = 1; i < field.length; i++) size = size * 256 + field[i]!;
    return size;
  }
  const text = field
    .toString('latin1')
    .replace(/[\0 ]+$/g, '')
    .trim();
  return /^[0-7]+$/.test(text) ? Number.parseInt(text, 8) : 0;
}

/** What came after the end-of-archive marker. */
export interface TarTrailer {
  /** Bytes after the marker that tar-stream was not given. */
  readonly bytes: number;
  /** True when some of them were not zeros (garbage, not padding). */
  readonly garbage: boolean;
}

/** A pass-through stream that ends the tar at its end-of-archive marker; `trailer()` says what was cut. */
export function endAtTarMarker(): Transform & { trailer(): TarTrailer } {
  let pending: Buffer = Buffer.alloc(0);
  let skip = 0; // data bytes of the current entry still to pass
  let ended = false;
  let cut = 0;
  let garbage = false;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      if (ended) {
        cut += chunk.length;
        if (!garbage && chunk.some((byte) => byte !== 0)) garbage = true;
        done();
        return;
      }
      pending = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      let at = 0;
      const out: Buffer[] = [];
      while (at < pending.length && !ended) {
        if (skip > 0) {
          const take = Math.min(skip, pending.length - at);
          out.push(pending.subarray(at, at + take));
          at += take;
          skip -= take;
          continue;
        }
        if (pending.length - at < BLOCK) break;
        const header = pending.subarray(at, at + BLOCK);
        if (header.every((byte) => byte === 0)) {
          // The marker: hand tar-stream two zero blocks so it ends cleanly, and keep the rest back.
          out.push(Buffer.alloc(2 * BLOCK));
          at += BLOCK;
          ended = true;
          break;
        }
        out.push(header);
        at += BLOCK;
        skip = Math.ceil(entrySize(header) / BLOCK) * BLOCK;
      }
      const rest = pending.subarray(at);
      if (ended) {
        // What follows the marker: a second zero block and the blocking factor's padding, or something else.
        cut += rest.length;
        if (rest.some((byte) => byte !== 0)) garbage = true;
        pending = Buffer.alloc(0);
      } else pending = Buffer.from(rest);
      done(null, out.length > 0 ? Buffer.concat(out) : undefined);
    },
    flush(done: TransformCallback) {
      // An archive cut short: whatever is left goes on, and tar-stream says it is truncated.
      done(null, pending.length > 0 ? pending : undefined);
    },
  }) as Transform & { trailer(): TarTrailer };
  stream.trailer = () => ({ bytes: cut, garbage });
  return stream;
}
