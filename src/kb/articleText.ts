/**
 * An article's bytes as text, and its text as lines: UTF-16 (with a byte-order mark, or
 * without one when every other byte is zero), UTF-8, or the archive's own Windows-1252;
 * CRLF, LF or CR line ends; tabs expanded to 8-column stops so that positions match the page.
 */

/** How an article's bytes were decoded. */
export type ArticleEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Decodes an article's bytes; never throws (Windows-1252 maps every byte). */
export function decodeArticle(bytes: Uint8Array): { text: string; encoding: ArticleEncoding } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xff && b1 === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (b0 === 0xfe && b1 === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  if (bytes.length >= 4 && bytes.length % 2 === 0) {
    // UTF-16 without a byte-order mark: text of the era is ASCII, so every other byte is zero.
    const sample = bytes.subarray(0, Math.min(bytes.length, 512));
    let evenZeros = 0;
    let oddZeros = 0;
    for (let index = 0; index < sample.length; index++) {
      if (sample[index] === 0) {
        if (index % 2 === 0) evenZeros++;
        else oddZeros++;
      }
    }
    const pairs = sample.length / 2;
    if (oddZeros > pairs * 0.9 && evenZeros === 0) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
    if (evenZeros > pairs * 0.9 && oddZeros === 0) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/**
 * Splits an article into lines as written: CRLF, LF or CR line ends, a leading byte-order mark
 * dropped, and the HTML line breaks some archive copies carry ("-----<BR>", "x86<BR/>") removed.
 */
export function rawArticleLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => (line.includes('<') ? line.replace(/<br\s*\/?>/gi, '') : line));
}

/** Expands the tabs of a line to 8-column stops. */
export function expandTabs(line: string): string {
  return line.includes('\t') ? line.replace(/[^\t]*\t/g, (chunk) => chunk.slice(0, -1).padEnd(Math.ceil(chunk.length / 8) * 8, ' ')) : line;
}

/** Splits an article into lines: CRLF, LF or CR line ends, tabs expanded to 8-column stops so that positions match the printed page. */
export function articleLines(text: string): string[] {
  return rawArticleLines(text).map(expandTabs);
}
