/**
 * Checks on manifest text that JSON.parse does not make: nesting depth (a
 * manifest is four levels deep; a file of 8 MB of "[" would overflow the stack
 * of the code that reports problems) and duplicate keys (JSON.parse silently
 * keeps the last "files" of two, so the rows a reviewer reads need not be the
 * rows that are checked).
 */

/** Deeper than this is refused; a manifest needs 4 levels ($, files, a row, aliases). */
export const MAX_JSON_DEPTH = 32;

/** The offset of the first bracket that opens a level deeper than `max`, outside strings; undefined when none does. Works on any text. */
export function tooDeepAt(text: string, max: number = MAX_JSON_DEPTH): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}

type Frame = { kind: 'object'; keys: Set<string>; key: string | undefined; expectKey: boolean } | { kind: 'array'; index: number };

/** The JSON path of a member in the manifest's notation: $.files[2].name, or $["odd key"]. */
function member(base: string, key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

function pathOf(frames: readonly Frame[]): string {
  let path = '$';
  for (let i = 0; i < frames.length - 1; i++) {
    const frame = frames[i] as Frame;
    path = frame.kind === 'array' ? `${path}[${frame.index}]` : member(path, frame.key ?? '');
  }
  return path;
}

/** The first key that appears twice in one object of valid JSON text: its JSON path and the key; undefined when none does. */
export function findDuplicateKey(text: string): { path: string; key: string } | undefined {
  const frames: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = frames[frames.length - 1];
    if (c === '{') frames.push({ kind: 'object', keys: new Set(), key: undefined, expectKey: true });
    else if (c === '[') frames.push({ kind: 'array', index: 0 });
    else if (c === '}' || c === ']') frames.pop();
    else if (c === ',') {
      if (top?.kind === 'object') top.expectKey = true;
      else if (top?.kind === 'array') top.index++;
    } else if (c === ':') {
      if (top?.kind === 'object') top.expectKey = false;
    } else if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (top?.kind === 'object' && top.expectKey) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        if (top.keys.has(key)) return { path: member(pathOf(frames), key), key };
        top.keys.add(key);
        top.key = key;
      }
    }
  }
  return undefined;
}
