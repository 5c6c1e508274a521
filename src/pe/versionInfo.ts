/**
 * Parses a VS_VERSIONINFO blob (the data of an RT_VERSION resource) into a
 * VersionResource. Pure and synchronous; every node is checked against its
 * parent, and the walk always moves forward, so a crafted blob can neither
 * loop nor read out of bounds. Odd but survivable layouts become anomalies.
 *
 * Layout of every node (VS_VERSIONINFO, StringFileInfo, StringTable, String,
 * VarFileInfo, Var):
 *   WORD wLength; WORD wValueLength; WORD wType; WCHAR szKey[]; padding to
 *   32 bits; Value; padding to 32 bits; children (each 32-bit aligned).
 */
import { Buffer } from 'node:buffer';
import { versionFromFixed } from '../version/windowsVersion.js';
import { VS_FFI_SIGNATURE, VS_FIXEDFILEINFO_SIZE } from './constants.js';
import type { FixedFileInfo, PeAnomaly, StringTable, Translation } from './types.js';

/** The parts of a VersionResource that come from the blob itself. */
export interface ParsedVersionInfo {
  fixed?: FixedFileInfo;
  stringTables: StringTable[];
  translations: Translation[];
}

/** Outcome of parseVersionInfo; `ok: false` only when the blob is not a VS_VERSIONINFO at all. */
export type VersionInfoParseResult =
  | { ok: true; info: ParsedVersionInfo; anomalies: PeAnomaly[] }
  | { ok: false; message: string; offset: number; anomalies: PeAnomaly[] };

/** sizeof(wLength) + sizeof(wValueLength) + sizeof(wType). */
const NODE_HEADER_SIZE = 6;
/** At most this many anomalies are kept per blob; a crafted blob could otherwise produce thousands. */
const MAX_ANOMALIES = 64;

const VS_VERSION_INFO_KEY = 'VS_VERSION_INFO';
const utf16 = new TextDecoder('utf-16le');
/** Code units a TextDecoder would not pass through as they are (see Walker.units). */
const NEEDS_DECODER = /[\ud800-\udfff\ufeff]/;

/** One node's header, with absolute positions inside the blob. */
interface VersionNode {
  start: number;
  /** start + wLength (already checked to lie inside the parent). */
  end: number;
  valueLength: number;
  type: number;
  key: string;
  /** First byte after the key's terminator, 32-bit aligned (may equal end). */
  valueStart: number;
}

/** Walk state of one blob. */
class Walker {
  readonly anomalies: PeAnomaly[] = [];
  private readonly view: DataView;
  /**
   * The VS_VERSIONINFO as UTF-16 code units, decoded once (keys and values are slices of it), or
   * undefined when some string of it must go through the TextDecoder: one holding a surrogate
   * (the decoder replaces lone ones with U+FFFD) or U+FEFF (it drops one at the start of a
   * string), or before decodeUnits. One decode per blob instead of one per string: a file has dozens.
   */
  private units: string | undefined;
  /** Bytes of the blob that `units` holds: strings inside them are sliced, any other goes through the TextDecoder. */
  private unitBytes = 0;
  /** The first NUL code unit at or after unit `nulFrom` (-1: none), or -2 before the first search. */
  private nulAt = -2;
  private nulFrom = 0;

  constructor(
    readonly bytes: Uint8Array,
    private readonly baseOffset: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Decodes the first `end` bytes, where every node lies (the root's wLength): never the rest of a larger resource entry. */
  decodeUnits(end: number): void {
    const bytes = this.bytes;
    const units = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(end, bytes.byteLength)).toString('utf16le');
    if (NEEDS_DECODER.test(units)) return;
    this.units = units;
    this.unitBytes = units.length * 2;
  }

  u16(pos: number): number {
    return this.view.getUint16(pos, true);
  }

  u32(pos: number): number {
    return this.view.getUint32(pos, true);
  }

  /** The file offset of a position in the blob, for messages. */
  at(pos: number): number {
    return this.baseOffset + pos;
  }

  hex(pos: number): string {
    return `0x${this.at(pos).toString(16)}`;
  }

  anomaly(pos: number, message: string): void {
    if (this.anomalies.length < MAX_ANOMALIES) {
      this.anomalies.push({ offset: this.at(pos), message });
    } else if (this.anomalies.length === MAX_ANOMALIES) {
      this.anomalies.push({
        offset: this.at(pos),
        message: `more than ${MAX_ANOMALIES} anomalies in this version resource; the rest are not listed`,
      });
    }
  }

  /**
   * Decodes UTF-16LE words in [from, limit) up to the first NUL word.
   * Returns the text and the position just past the NUL (or undefined when
   * there is no terminator before limit).
   */
  text(from: number, limit: number): { text: string; after: number | undefined } {
    const units = this.units;
    if (units === undefined || (from & 1) !== 0 || limit > this.unitBytes) return this.decodedText(from, limit);
    const first = from >> 1;
    const nul = this.nextNul(first);
    // The byte loop of decodedText sees a NUL word at byte 2 * nul when 2 * nul + 1 < limit.
    if (nul >= 0 && 2 * nul + 1 < limit) return { text: units.slice(first, nul), after: 2 * nul + 2 };
    const end = limit - 1 > from ? from + 2 * Math.ceil((limit - 1 - from) / 2) : from;
    return { text: units.slice(first, end >> 1), after: undefined };
  }

  /**
   * The first NUL code unit at or after unit `first`, or -1. The walk moves
   * forward, so one search answers every string up to the NUL it found: a blob
   * is scanned about once, whatever its strings.
   */
  private nextNul(first: number): number {
    if (this.nulAt === -2 || first < this.nulFrom || (this.nulAt >= 0 && first > this.nulAt)) {
      this.nulFrom = first;
      this.nulAt = (this.units as string).indexOf('\0', first);
    }
    return this.nulAt;
  }

  /** text() through the TextDecoder, word by word: the exact definition, for the blobs `units` cannot serve. */
  private decodedText(from: number, limit: number): { text: string; after: number | undefined } {
    const bytes = this.bytes;
    let pos = from;
    while (pos + 1 < limit && (bytes[pos] !== 0 || bytes[pos + 1] !== 0)) pos += 2;
    return { text: utf16.decode(bytes.subarray(from, pos)), after: pos + 1 < limit ? pos + 2 : undefined };
  }

  /**
   * Reads the node header at `pos`, or returns undefined (with an anomaly when
   * something is wrong) when no further sibling can be read before parentEnd.
   */
  node(pos: number, parentEnd: number, parentName: string): VersionNode | undefined {
    if (pos + NODE_HEADER_SIZE > parentEnd) {
      // Up to three bytes of alignment padding are normal; more is worth a note.
      if (parentEnd - pos > 3 && this.bytes.subarray(pos, parentEnd).some((b) => b !== 0)) {
        this.anomaly(pos, `${parentEnd - pos} stray bytes at the end of ${parentName}`);
      }
      return undefined;
    }
    const wLength = this.u16(pos);
    if (wLength === 0) {
      this.anomaly(pos, `node with wLength 0 at offset ${this.hex(pos)} in ${parentName}; rest of ${parentName} skipped`);
      return undefined;
    }
    if (wLength < NODE_HEADER_SIZE) {
      this.anomaly(
        pos,
        `node with wLength ${wLength} at offset ${this.hex(pos)} in ${parentName} is shorter than its own header; rest of ${parentName} ` +
          `skipped`,
      );
      return undefined;
    }
    const end = pos + wLength;
    if (end > parentEnd) {
      this.anomaly(
        pos,
        `node at offset ${this.hex(pos)} has wLength ${wLength}, running ${end - parentEnd} bytes past the end of ${parentName} (offset ` +
          `${this.hex(parentEnd)}); rest of ${parentName} skipped`,
      );
      return undefined;
    }
    const { text: key, after } = this.text(pos + NODE_HEADER_SIZE, end);
    if (after === undefined) {
      this.anomaly(pos, `key "${key}" of the node at offset ${this.hex(pos)} has no NUL terminator inside the node`);
    }
    const valueStart = after === undefined ? end : Math.min(align4(after), end);
    return { start: pos, end, valueLength: this.u16(pos + 2), type: this.u16(pos + 4), key, valueStart };
  }

  /** The first child of `parent`, at or after `from`; undefined when none can be read (see node). */
  firstChild(parent: VersionNode, from: number, parentName: string): VersionNode | undefined {
    return this.childAt(align4(from), parent, parentName);
  }

  /** The sibling after `child` (child.end >= child.start + 6: always forward). */
  nextChild(parent: VersionNode, child: VersionNode, parentName: string): VersionNode | undefined {
    return this.childAt(align4(child.end), parent, parentName);
  }

  private childAt(pos: number, parent: VersionNode, parentName: string): VersionNode | undefined {
    return pos < parent.end ? this.node(pos, parent.end, parentName) : undefined;
  }
}

/** Rounds a blob position up to the next 32-bit boundary. */
function align4(pos: number): number {
  return (pos + 3) & ~3;
}

/**
 * Parses one VS_VERSIONINFO blob. `baseOffset` is the blob's file offset, used
 * only to put file offsets into messages and anomalies; `backed` is how many
 * leading bytes the file really holds (the rest were zero-filled as the loader
 * does past SizeOfRawData): a VS_FIXEDFILEINFO beyond them is ignored.
 */
export function parseVersionInfo(bytes: Uint8Array, baseOffset = 0, backed = bytes.byteLength): VersionInfoParseResult {
  const walker = new Walker(bytes, baseOffset);
  const fail = (pos: number, message: string): VersionInfoParseResult => ({
    ok: false,
    message,
    offset: walker.at(pos),
    anomalies: walker.anomalies,
  });

  if (bytes.byteLength < NODE_HEADER_SIZE + 2) {
    return fail(0, `version resource at offset ${walker.hex(0)} is ${bytes.byteLength} bytes, too small for a VS_VERSIONINFO header`);
  }
  if (isAnsiVersionInfo(bytes)) {
    return fail(0, `version resource at offset ${walker.hex(0)} is a 16-bit (ANSI) VERSIONINFO, not the Win32 VS_VERSIONINFO`);
  }
  let wLength = walker.u16(0);
  if (wLength < NODE_HEADER_SIZE) {
    return fail(0, `VS_VERSIONINFO at offset ${walker.hex(0)} has wLength ${wLength}, shorter than its own header`);
  }
  if (wLength > bytes.byteLength) {
    walker.anomaly(
      0,
      `VS_VERSIONINFO at offset ${walker.hex(0)} has wLength ${wLength} but its resource data is only ${bytes.byteLength} bytes; reading ` +
        `those`,
    );
    wLength = bytes.byteLength;
  }
  walker.decodeUnits(wLength);
  const root: VersionNode | undefined = walker.node(0, wLength, 'the version resource');
  if (!root) {
    return fail(0, `VS_VERSIONINFO at offset ${walker.hex(0)} could not be read`);
  }
  if (root.key !== VS_VERSION_INFO_KEY) {
    return fail(
      NODE_HEADER_SIZE,
      `VS_VERSIONINFO key at offset ${walker.hex(NODE_HEADER_SIZE)} is ${JSON.stringify(root.key)}, expected "${VS_VERSION_INFO_KEY}"`,
    );
  }

  const info: ParsedVersionInfo = { stringTables: [], translations: [] };
  let valueLength = root.valueLength;
  if (valueLength === 0 && root.valueStart + 4 <= root.end && walker.u32(root.valueStart) === VS_FFI_SIGNATURE) {
    // Seen in the wild: the fixed info is there but wValueLength was left 0.
    walker.anomaly(0, `VS_VERSIONINFO at offset ${walker.hex(0)} has wValueLength 0 but a VS_FIXEDFILEINFO follows; reading it`);
    valueLength = VS_FIXEDFILEINFO_SIZE;
  }
  if (valueLength > 0) {
    const fixed = parseFixed(walker, root, valueLength, backed);
    if (fixed) info.fixed = fixed;
  }

  for (
    let child = walker.firstChild(root, root.valueStart + valueLength, 'VS_VERSIONINFO');
    child;
    child = walker.nextChild(root, child, 'VS_VERSIONINFO')
  ) {
    if (child.key === 'StringFileInfo') {
      parseStringFileInfo(walker, child, info.stringTables);
    } else if (child.key === 'VarFileInfo') {
      parseVarFileInfo(walker, child, info.translations);
    } else {
      walker.anomaly(
        child.start,
        `unexpected child ${JSON.stringify(child.key)} of VS_VERSIONINFO at offset ${walker.hex(child.start)}; skipped`,
      );
    }
  }
  return { ok: true, info, anomalies: walker.anomalies };
}

/** A 16-bit VERSIONINFO has no wType and an ANSI key right after wValueLength. */
function isAnsiVersionInfo(bytes: Uint8Array): boolean {
  const key = VS_VERSION_INFO_KEY;
  if (bytes.byteLength < 4 + key.length + 1) return false;
  for (let i = 0; i < key.length; i++) {
    if (bytes[4 + i] !== key.charCodeAt(i)) return false;
  }
  return bytes[4 + key.length] === 0;
}

/** Reads VS_FIXEDFILEINFO; a bad signature or size gives no fixed info (never a 0.0.0.0 version) and an anomaly. */
function parseFixed(walker: Walker, root: VersionNode, valueLength: number, backed: number): FixedFileInfo | undefined {
  const pos = root.valueStart;
  if (valueLength < VS_FIXEDFILEINFO_SIZE) {
    walker.anomaly(
      pos,
      `VS_FIXEDFILEINFO at offset ${walker.hex(pos)} has wValueLength ${valueLength}, less than its ${VS_FIXEDFILEINFO_SIZE} bytes; ` +
        `ignored`,
    );
    return undefined;
  }
  if (pos + VS_FIXEDFILEINFO_SIZE > root.end) {
    walker.anomaly(pos, `VS_FIXEDFILEINFO at offset ${walker.hex(pos)} runs past the end of VS_VERSIONINFO; ignored`);
    return undefined;
  }
  if (pos + VS_FIXEDFILEINFO_SIZE > backed) {
    // The loader would see zeros there, the file holds other bytes (or none): neither proves a version.
    walker.anomaly(
      pos,
      `VS_FIXEDFILEINFO at offset ${walker.hex(pos)} runs past the raw data of its section (SizeOfRawData), into bytes the image fills ` +
        `with zeros; ignored`,
    );
    return undefined;
  }
  if (valueLength !== VS_FIXEDFILEINFO_SIZE) {
    walker.anomaly(pos, `VS_VERSIONINFO wValueLength is ${valueLength}, expected ${VS_FIXEDFILEINFO_SIZE}`);
  }
  const signature = walker.u32(pos);
  if (signature !== VS_FFI_SIGNATURE) {
    walker.anomaly(
      pos,
      `VS_FIXEDFILEINFO at offset ${walker.hex(pos)} has signature 0x${signature.toString(16).padStart(8, '0')}, expected ` +
        `0x${VS_FFI_SIGNATURE.toString(16)}; fixed file info ignored`,
    );
    return undefined;
  }
  const field = (index: number): number => walker.u32(pos + 4 * index);
  return {
    fileVersion: versionFromFixed(field(2), field(3)),
    productVersion: versionFromFixed(field(4), field(5)),
    fileFlagsMask: field(6),
    fileFlags: field(7),
    fileOS: field(8),
    fileType: field(9),
    fileSubtype: field(10),
  };
}

/**
 * StringFileInfo, StringTable and VarFileInfo have no value: their children
 * start right after the key, whatever wValueLength says (its unit would be
 * unknown anyway), so a wrong wValueLength is only noted.
 */
function noValueExpected(walker: Walker, node: VersionNode): void {
  if (node.valueLength !== 0) {
    walker.anomaly(
      node.start,
      `${JSON.stringify(node.key)} at offset ${walker.hex(node.start)} has wValueLength ${node.valueLength}, expected 0; ignored`,
    );
  }
}

/** StringFileInfo: one StringTable per language/code page, each holding String children. */
function parseStringFileInfo(walker: Walker, sfi: VersionNode, out: StringTable[]): void {
  noValueExpected(walker, sfi);
  for (
    let tableNode = walker.firstChild(sfi, sfi.valueStart, 'StringFileInfo');
    tableNode;
    tableNode = walker.nextChild(sfi, tableNode, 'StringFileInfo')
  ) {
    const key = tableNode.key;
    let language = 0;
    let codepage = 0;
    if (/^[0-9a-fA-F]{8}$/.test(key)) {
      language = parseInt(key.slice(0, 4), 16);
      codepage = parseInt(key.slice(4), 16);
    } else {
      walker.anomaly(
        tableNode.start,
        `StringTable key ${JSON.stringify(key)} at offset ${walker.hex(tableNode.start)} is not 8 hex digits (language and code page)`,
      );
    }
    noValueExpected(walker, tableNode);
    const strings: Record<string, string> = {};
    const tableName = `StringTable ${key}`;
    for (
      let stringNode = walker.firstChild(tableNode, tableNode.valueStart, tableName);
      stringNode;
      stringNode = walker.nextChild(tableNode, stringNode, tableName)
    ) {
      const value = stringValue(walker, stringNode);
      if (Object.hasOwn(strings, stringNode.key)) {
        walker.anomaly(stringNode.start, `duplicate string ${JSON.stringify(stringNode.key)} in StringTable ${key}; the first one is kept`);
        continue;
      }
      // A key "__proto__" is stored as data like any other (an assignment would set the prototype).
      if (stringNode.key === '__proto__') {
        Object.defineProperty(strings, stringNode.key, { value, enumerable: true, writable: true, configurable: true });
      } else strings[stringNode.key] = value;
    }
    out.push({ key, language, codepage, strings });
  }
}

/**
 * The value of a String node. wValueLength should count WORDs including the
 * terminator, but compilers also write it in bytes, or 0, and sometimes leave
 * out the terminator; so the count is only trusted when it fits the node, and
 * the text ends at the first NUL, as callers of VerQueryValue see it.
 */
function stringValue(walker: Walker, node: VersionNode): string {
  const available = node.end - node.valueStart;
  const counted = node.valueLength * 2;
  const length = node.valueLength > 0 && counted <= available ? counted : available;
  return walker.text(node.valueStart, node.valueStart + length).text;
}

/** VarFileInfo: Var children; "Translation" holds DWORDs of (language WORD, code page WORD). */
function parseVarFileInfo(walker: Walker, vfi: VersionNode, out: Translation[]): void {
  noValueExpected(walker, vfi);
  for (
    let varNode = walker.firstChild(vfi, vfi.valueStart, 'VarFileInfo');
    varNode;
    varNode = walker.nextChild(vfi, varNode, 'VarFileInfo')
  ) {
    if (varNode.key !== 'Translation') {
      walker.anomaly(
        varNode.start,
        `unexpected Var ${JSON.stringify(varNode.key)} in VarFileInfo at offset ${walker.hex(varNode.start)}; skipped`,
      );
      continue;
    }
    const available = varNode.end - varNode.valueStart;
    // wValueLength of a Var counts bytes; trust it only when it fits the node.
    const length = varNode.valueLength > 0 && varNode.valueLength <= available ? varNode.valueLength : available;
    if (length % 4 !== 0) {
      walker.anomaly(
        varNode.valueStart,
        `Translation value at offset ${walker.hex(varNode.valueStart)} is ${length} bytes, not a whole number of language/code page pairs`,
      );
    }
    for (let pos = varNode.valueStart; pos + 4 <= varNode.valueStart + length; pos += 4) {
      out.push({ language: walker.u16(pos), codepage: walker.u16(pos + 2) });
    }
  }
}
