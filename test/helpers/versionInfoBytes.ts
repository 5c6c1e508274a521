/**
 * Builds raw VS_VERSIONINFO bytes node by node, so tests can make the quirks
 * real files have (VarFileInfo first, wValueLength in bytes or 0, missing
 * terminators, bad signatures, wrong wLength) that resedit will not write.
 */

/** One node: VS_VERSIONINFO, StringFileInfo, StringTable, String, VarFileInfo or Var. */
export interface VersionNodeSpec {
  key: string;
  /** A string is written as UTF-16LE (plus a NUL unless `terminate` is false); bytes as they are. */
  value?: string | Uint8Array;
  /** Write the NUL after a string value (default true). */
  terminate?: boolean;
  /** wValueLength; default: WORDs (with the NUL) for a string, bytes for binary, 0 for none. */
  valueLength?: number;
  /** wType; default 1 (text) for a string value, else 0. */
  type?: number;
  /** wLength; default: the node's real length. */
  length?: number;
  children?: VersionNodeSpec[];
}

/** UTF-16LE bytes of `text` (no terminator). */
export function utf16(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes[2 * i] = code & 0xff;
    bytes[2 * i + 1] = code >> 8;
  }
  return bytes;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

const pad4 = (length: number): Uint8Array => new Uint8Array((4 - (length % 4)) % 4);

/** Serializes one node and its children; every child starts on a 32-bit boundary of the node. */
export function versionNode(spec: VersionNodeSpec): Uint8Array {
  const parts: Uint8Array[] = [new Uint8Array(6), utf16(spec.key), new Uint8Array(2)];
  let length = 6 + spec.key.length * 2 + 2;
  const push = (bytes: Uint8Array): void => {
    parts.push(bytes);
    length += bytes.byteLength;
  };
  let valueLength = 0;
  if (spec.value !== undefined) {
    push(pad4(length));
    if (typeof spec.value === 'string') {
      const terminate = spec.terminate ?? true;
      push(utf16(spec.value + (terminate ? '\0' : '')));
      valueLength = spec.value.length + (terminate ? 1 : 0);
    } else {
      push(spec.value);
      valueLength = spec.value.byteLength;
    }
  }
  for (const child of spec.children ?? []) {
    push(pad4(length));
    push(versionNode(child));
  }
  const out = concat(parts);
  const view = new DataView(out.buffer);
  view.setUint16(0, spec.length ?? out.byteLength, true);
  view.setUint16(2, spec.valueLength ?? valueLength, true);
  view.setUint16(4, spec.type ?? (typeof spec.value === 'string' ? 1 : 0), true);
  return out;
}

/** Fields of VS_FIXEDFILEINFO; versions as four numbers. */
export interface FixedSpec {
  fileVersion: readonly [number, number, number, number];
  productVersion?: readonly [number, number, number, number];
  signature?: number;
  fileFlagsMask?: number;
  fileFlags?: number;
  fileOS?: number;
  fileType?: number;
  fileSubtype?: number;
}

/** The 52 bytes of a VS_FIXEDFILEINFO. */
export function fixedFileInfo(spec: FixedSpec): Uint8Array {
  const out = new Uint8Array(52);
  const view = new DataView(out.buffer);
  const product = spec.productVersion ?? spec.fileVersion;
  const words = [
    spec.signature ?? 0xfeef04bd,
    0x00010000,
    ((spec.fileVersion[0] << 16) | spec.fileVersion[1]) >>> 0,
    ((spec.fileVersion[2] << 16) | spec.fileVersion[3]) >>> 0,
    ((product[0] << 16) | product[1]) >>> 0,
    ((product[2] << 16) | product[3]) >>> 0,
    spec.fileFlagsMask ?? 0x3f,
    spec.fileFlags ?? 0,
    spec.fileOS ?? 0x40004,
    spec.fileType ?? 2,
    spec.fileSubtype ?? 0,
    0,
    0,
  ];
  for (const [i, word] of words.entries()) view.setUint32(i * 4, word, true);
  return out;
}

/** A String node; options let it carry the usual quirks. */
export function stringEntry(key: string, value: string, options: Omit<VersionNodeSpec, 'key' | 'value'> = {}): VersionNodeSpec {
  return { key, value, ...options };
}

/** A StringTable node ("040904B0") with String children in the given order. */
export function stringTable(key: string, strings: Record<string, string> | VersionNodeSpec[]): VersionNodeSpec {
  const children = Array.isArray(strings) ? strings : Object.entries(strings).map(([k, v]) => stringEntry(k, v));
  return { key, children };
}

/** A StringFileInfo node holding the tables. */
export function stringFileInfo(tables: VersionNodeSpec[]): VersionNodeSpec {
  return { key: 'StringFileInfo', children: tables };
}

/** A VarFileInfo node with one "Translation" Var. */
export function varFileInfo(translations: readonly { language: number; codepage: number }[]): VersionNodeSpec {
  const value = new Uint8Array(translations.length * 4);
  const view = new DataView(value.buffer);
  translations.forEach((t, i) => {
    view.setUint16(i * 4, t.language, true);
    view.setUint16(i * 4 + 2, t.codepage, true);
  });
  return { key: 'VarFileInfo', children: [{ key: 'Translation', value }] };
}

/** A whole VS_VERSIONINFO: the fixed info (if any) and the children in the given order. */
export function versionInfoBytes(options: {
  fixed?: Uint8Array;
  children: VersionNodeSpec[];
  valueLength?: number;
  length?: number;
  key?: string;
}): Uint8Array {
  return versionNode({
    key: options.key ?? 'VS_VERSION_INFO',
    ...(options.fixed ? { value: options.fixed } : {}),
    ...(options.valueLength === undefined ? {} : { valueLength: options.valueLength }),
    ...(options.length === undefined ? {} : { length: options.length }),
    children: options.children,
  });
}
