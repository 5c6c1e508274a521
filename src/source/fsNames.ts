/**
 * File names as bytes. Linux names are byte strings that need not be UTF-8;
 * Node decodes them as UTF-8 by default and replaces bad bytes with U+FFFD, so
 * such a folder can neither be opened again nor told apart from its neighbours.
 * We decode with "surrogateescape" (PEP 383): each byte that is not part of a
 * valid UTF-8 sequence becomes the lone surrogate U+DC80..U+DCFF, which valid
 * UTF-8 never yields. The mapping is lossless: encodeFsName gives the bytes back.
 */

/** Decodes a file name (or path) from its bytes; invalid UTF-8 bytes become U+DC80 + (byte - 0x80). Lossless. */
export function decodeFsName(bytes: Uint8Array): string {
  // Fast path for the usual case: Node's decoder is strict (WHATWG), so no U+FFFD means the bytes were valid UTF-8.
  const usual = (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString('utf8');
  if (!usual.includes('\ufffd')) return usual;
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i] as number;
    if (b0 < 0x80) {
      out += String.fromCharCode(b0);
      i += 1;
      continue;
    }
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      out += String.fromCharCode(0xdc00 + b0);
      i += 1;
      continue;
    }
    let code = length === 2 ? b0 & 0x1f : length === 3 ? b0 & 0x0f : b0 & 0x07;
    for (let k = 1; k < length; k++) code = (code << 6) | ((bytes[i + k] as number) & 0x3f);
    out += String.fromCodePoint(code);
    i += length;
  }
  return out;
}

/**
 * The length of the well-formed UTF-8 sequence at `i` (2 to 4), or 0 when it
 * is not one: the ranges of Unicode's Table 3-7, so overlong forms, UTF-16
 * surrogates and code points above U+10FFFF are refused.
 */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] as number;
  const at = (k: number): number => (i + k < bytes.length ? (bytes[i + k] as number) : -1);
  const tail = (k: number): boolean => at(k) >= 0x80 && at(k) <= 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) return tail(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    return at(1) >= lo && at(1) <= hi && tail(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf;
    return at(1) >= lo && at(1) <= hi && tail(2) && tail(3) ? 4 : 0;
  }
  return 0;
}

/** Encodes a name or path decoded by decodeFsName back to its exact bytes. */
export function encodeFsName(text: string): Buffer {
  // Fast path: no escaped byte (a lone U+DC80..U+DCFF; with the u flag a surrogate pair is one code point and does not match).
  if (!/[\udc80-\udcff]/u.test(text)) return Buffer.from(text, 'utf8');
  const parts: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xdc80 && unit <= 0xdcff) {
      // A lone low surrogate: an escaped byte (the low half of a pair is skipped with its high half below).
      parts.push(unit - 0xdc00);
      continue;
    }
    const code = text.codePointAt(i) as number;
    if (code > 0xffff) i++;
    if (code < 0x80) parts.push(code);
    else if (code < 0x800) parts.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) parts.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else parts.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
  return Buffer.from(parts);
}
