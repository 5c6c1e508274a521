/**
 * The PE reader's mutation fuzzer: seeds (fixtures written by writePe, hand-laid
 * resource trees, and the real 7za.exe files of the 7zip-bin package) are
 * flipped, overwritten, truncated, spliced and inflated, blindly and field by
 * field (e_lfanew, NumberOfSections, data directories, section headers,
 * resource directory counts and offsets, VS_VERSIONINFO wLength/wValueLength),
 * and every mutant goes through readPeVersionInfo and evaluateCopy. A case
 * fails when an exception escapes, the result is not a typed result, a call
 * reads or takes too much, or a version is reported (or a row "meets") that
 * the mutant's bytes do not encode, as decoded here independently of the reader.
 *
 * Everything is a pure function of (seed, case index), so a failing case can be
 * made again from its two numbers; the runner (runFuzz.ts) keeps the watchdog.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateCopy } from '../../src/evaluate/evaluateCopy.js';
import type { ManifestFile } from '../../src/manifest/types.js';
import { bufferSource, type ByteSource } from '../../src/pe/byteSource.js';
import { readPeVersionInfo, readPeVersionInfoSync } from '../../src/pe/readPeVersionInfo.js';
import type { PeReadResult } from '../../src/pe/types.js';
import { writePe } from '../../src/pe/writePe.js';
import { compareVersions, formatVersion, parseVersion, type WindowsVersion } from '../../src/version/windowsVersion.js';
import { buildResourceSection, peWithResourceSection } from '../helpers/peBuilder.js';
import { fixedFileInfo, stringEntry, stringFileInfo, stringTable, varFileInfo, versionInfoBytes } from '../helpers/versionInfoBytes.js';
import { peEvidence } from '../../src/scan/peEvidence.js';

/** The bounds a call must stay within; a case that goes past one fails. */
export const FUZZ_BOUNDS = Object.freeze({
  /** Bytes one readPeVersionInfo call may read (README: "well under 3 MB for any input"). */
  maxBytesRead: 3 * 1024 * 1024,
  /** Bytes one read request may ask for. */
  maxReadLength: 128 * 1024,
  /** Milliseconds one call may take (generous: a GC pause on a slow CI machine must not fail a run). */
  maxMs: 2000,
});

/** mulberry32: a small seeded PRNG, so every run mutates the same way. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One seed input and what its version resource says. */
export interface Seed {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** The fixed file version the seed carries: a mutant "meets" a row requiring this only when its own bytes say so. */
  readonly version: string;
  /** Where the interesting fields are, found once per seed. */
  readonly fields: readonly Field[];
}

/** A header field the field-aware mutations aim at. */
export interface Field {
  readonly name: string;
  readonly offset: number;
  readonly width: 2 | 4;
  /** Offsets from the start of the resource directory of every directory in it, for cycle-making values. */
  readonly directories?: readonly number[];
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The seed corpus: generated fixtures and the three real 7za.exe files (skipped if the package is not installed). */
export function loadSeeds(): Seed[] {
  const exchangeFixed = fixedFileInfo({ fileVersion: [5, 0, 1462, 10] });
  const quirky = versionInfoBytes({
    fixed: exchangeFixed,
    children: [
      varFileInfo([{ language: 0x409, codepage: 1200 }]),
      stringFileInfo([
        stringTable('040904B0', [
          stringEntry('FileVersion', '5, 0, 1462, 10', { valueLength: 30 }),
          stringEntry('X', 'y', { terminate: false }),
        ]),
      ]),
    ],
  });
  const raw: { name: string; bytes: Uint8Array; version: string }[] = [
    {
      name: 'writePe-i386',
      bytes: writePe({ fileVersion: '5.0.1462.10', strings: { FileVersion: '5, 0, 1462, 10' } }),
      version: '5.0.1462.10',
    },
    {
      name: 'writePe-x64-2lang',
      bytes: writePe({
        machine: 'x64',
        fileVersion: '5.0.1462.10',
        languages: [
          { language: 0x409, codepage: 1200 },
          { language: 0x407, codepage: 1252 },
        ],
        resourceLanguages: [0x409, 0x407],
      }),
      version: '5.0.1462.10',
    },
    { name: 'writePe-quirky-blob', bytes: writePe({ versionResource: quirky }), version: '5.0.1462.10' },
    {
      name: 'hand-laid-tree',
      bytes: peWithResourceSection(
        buildResourceSection(0x1000, [
          { type: 16, id: 'NAMED', lang: 0x409, data: quirky },
          { type: 16, id: 2, lang: 0x411, data: quirky },
          { type: 24, id: 1, lang: 0, data: new Uint8Array(16) },
        ]).bytes,
      ),
      version: '5.0.1462.10',
    },
  ];
  for (const [arch, version] of [
    ['ia32', '21.7.0.0'],
    ['x64', '21.7.0.0'],
    ['arm64', '21.2.0.0'],
  ] as const) {
    try {
      raw.push({
        name: `7za-${arch}`,
        bytes: new Uint8Array(readFileSync(path.join(repoRoot, 'node_modules', '7zip-bin', 'win', arch, '7za.exe'))),
        version,
      });
    } catch {
      // Not installed: fuzz the generated seeds only.
    }
  }
  return raw.map((s) => ({ ...s, fields: locateFields(s.bytes) }));
}

// ---- finding the fields (a small walker of its own, so the fuzzer does not trust the reader it tests) ----

function u16(b: Uint8Array, at: number): number {
  return at + 2 <= b.length ? (b[at] as number) | ((b[at + 1] as number) << 8) : -1;
}
function u32(b: Uint8Array, at: number): number {
  return at + 4 <= b.length
    ? ((b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16) | ((b[at + 3] as number) << 24)) >>> 0
    : -1;
}

/** Lists the header, section, resource and VS_VERSIONINFO fields of a well-formed seed. */
export function locateFields(b: Uint8Array): Field[] {
  const fields: Field[] = [{ name: 'e_lfanew', offset: 0x3c, width: 4 }];
  const pe = u32(b, 0x3c);
  if (pe < 0 || u32(b, pe) !== 0x4550) return fields;
  const fh = pe + 4;
  fields.push(
    { name: 'NumberOfSections', offset: fh + 2, width: 2 },
    { name: 'SizeOfOptionalHeader', offset: fh + 16, width: 2 },
    { name: 'Machine', offset: fh, width: 2 },
  );
  const oh = fh + 20;
  const is64 = u16(b, oh) === 0x20b;
  const dd = oh + (is64 ? 112 : 96);
  fields.push(
    { name: 'Magic', offset: oh, width: 2 },
    { name: 'FileAlignment', offset: oh + 36, width: 4 },
    { name: 'SizeOfHeaders', offset: oh + 60, width: 4 },
    { name: 'NumberOfRvaAndSizes', offset: oh + (is64 ? 108 : 92), width: 4 },
    { name: 'ResourceDirectory.VirtualAddress', offset: dd + 16, width: 4 },
    { name: 'ResourceDirectory.Size', offset: dd + 20, width: 4 },
  );
  const sectionTable = oh + u16(b, fh + 16);
  const sections: { va: number; vs: number; raw: number; ptr: number }[] = [];
  for (let i = 0; i < Math.min(u16(b, fh + 2), 96); i++) {
    const at = sectionTable + 40 * i;
    if (at + 40 > b.length) break;
    sections.push({ vs: u32(b, at + 8), va: u32(b, at + 12), raw: u32(b, at + 16), ptr: u32(b, at + 20) });
    fields.push(
      { name: `section[${i}].VirtualSize`, offset: at + 8, width: 4 },
      { name: `section[${i}].VirtualAddress`, offset: at + 12, width: 4 },
      { name: `section[${i}].SizeOfRawData`, offset: at + 16, width: 4 },
      { name: `section[${i}].PointerToRawData`, offset: at + 20, width: 4 },
    );
  }
  const toFile = (rva: number): number => {
    for (const s of sections) if (rva >= s.va && rva < s.va + Math.max(s.vs, s.raw)) return s.ptr + (rva - s.va);
    return -1;
  };
  const rsrcRva = u32(b, dd + 16);
  const root = toFile(rsrcRva);
  if (root < 0) return fields;
  // Breadth-first over the whole resource tree (it is small in every seed), bounded.
  const directories: number[] = [];
  const queue = [0];
  const leaves: number[] = [];
  while (queue.length > 0 && directories.length < 64) {
    const dir = queue.shift() as number;
    if (directories.includes(dir)) continue;
    directories.push(dir);
    const at = root + dir;
    const count = u16(b, at + 12) + u16(b, at + 14);
    fields.push(
      { name: `rsrcdir@${dir}.NumberOfNamedEntries`, offset: at + 12, width: 2 },
      { name: `rsrcdir@${dir}.NumberOfIdEntries`, offset: at + 14, width: 2 },
    );
    for (let i = 0; i < Math.min(count, 64); i++) {
      const e = at + 16 + 8 * i;
      if (e + 8 > b.length) break;
      fields.push(
        { name: `rsrcdir@${dir}.entry[${i}].Name`, offset: e, width: 4 },
        { name: `rsrcdir@${dir}.entry[${i}].OffsetToData`, offset: e + 4, width: 4 },
      );
      const target = u32(b, e + 4);
      if (target & 0x80000000) queue.push(target & 0x7fffffff);
      else leaves.push(target);
    }
  }
  for (const f of fields) if (f.name.startsWith('rsrcdir@')) Object.assign(f, { directories });
  for (const leaf of leaves) {
    const at = root + leaf;
    fields.push(
      { name: `dataentry@${leaf}.OffsetToData`, offset: at, width: 4 },
      { name: `dataentry@${leaf}.Size`, offset: at + 4, width: 4 },
    );
    const blob = toFile(u32(b, at));
    if (blob >= 0) versionNodes(b, blob, blob + u16(b, blob), 0, fields);
  }
  return fields;
}

/** The wLength and wValueLength of every VS_VERSIONINFO node under [start, end), walked naively (depth 4 at most). */
function versionNodes(b: Uint8Array, start: number, end: number, depth: number, out: Field[]): void {
  let pos = start;
  while (pos + 6 <= end && depth < 5 && out.length < 4000) {
    const length = u16(b, pos);
    if (length < 6 || pos + length > end) return;
    out.push({ name: `vsnode@${pos}.wLength`, offset: pos, width: 2 }, { name: `vsnode@${pos}.wValueLength`, offset: pos + 2, width: 2 });
    let key = pos + 6;
    while (key + 1 < pos + length && u16(b, key) !== 0) key += 2;
    let child = (key + 2 + 3) & ~3;
    const valueLength = u16(b, pos + 2);
    const type = u16(b, pos + 4);
    if (depth === 0) child = (child + valueLength + 3) & ~3;
    else if (depth >= 3 || type === 1) child = pos + length; // String and Var nodes have no children
    versionNodes(b, child, pos + length, depth + 1, out);
    pos = (pos + length + 3) & ~3;
  }
}

// ---- mutations ----

const EXTREMES = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 0x10, 0x3f, 0x40, 0x7f, 0x80, 0xff, 0x100, 0x1000, 0x7fff, 0x8000, 0xfffe, 0xffff, 0x10000, 0x7fffffff,
  0x80000000, 0x80000010, 0xfffffff0, 0xfffffffe, 0xffffffff,
];

/** A mutant and how it was made (for the failure report). */
export interface Mutant {
  readonly seed: Seed;
  readonly bytes: Uint8Array;
  readonly ops: readonly string[];
}

/** Makes case `index` of a run with PRNG seed `runSeed`: a pure function of its arguments. */
export function makeCase(seeds: readonly Seed[], runSeed: number, index: number): Mutant {
  const random = prng((Math.imul(runSeed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const int = (n: number): number => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const seed = pick(seeds);
  let bytes = seed.bytes.slice();
  const ops: string[] = [];
  const set = (offset: number, width: 2 | 4, value: number): void => {
    if (offset < 0 || offset + width > bytes.length) return;
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (width === 2) v.setUint16(offset, value & 0xffff, true);
    else v.setUint32(offset, value >>> 0, true);
  };
  const get = (offset: number, width: 2 | 4): number => (width === 2 ? u16(bytes, offset) : u32(bytes, offset));

  // Field-aware mutations first, while the field offsets still hold.
  const fieldMutations = seed.fields.length > 0 ? int(4) : 0;
  for (let m = 0; m < fieldMutations; m++) {
    const field = pick(seed.fields);
    const old = get(field.offset, field.width);
    const kind = int(7);
    let value: number;
    if (kind === 0) value = pick(EXTREMES);
    else if (kind === 1) value = old + pick([-8, -4, -2, -1, 1, 2, 4, 8, 0x10, 0x200, 0x1000]);
    else if (kind === 2) value = int(0x100000000);
    else if (kind === 3) value = old * pick([2, 4, 16, 256]);
    else if (kind === 4 && field.directories && field.directories.length > 0)
      value = (0x80000000 | pick(field.directories)) >>> 0; // cycles
    else if (kind === 5) value = (old ^ (1 << int(field.width * 8))) >>> 0;
    else value = get(pick(seed.fields).offset, field.width); // another field's value
    set(field.offset, field.width, value);
    ops.push(`${field.name}: ${old} -> ${field.width === 2 ? value & 0xffff : value >>> 0}`);
  }

  // Blind mutations.
  const blind = fieldMutations === 0 ? 1 + int(4) : int(3);
  for (let m = 0; m < blind; m++) {
    const kind = int(8);
    const at = int(Math.max(1, bytes.length));
    if (kind === 0) {
      const bits = 1 + int(8);
      for (let k = 0; k < bits; k++) {
        const p = int(bytes.length);
        bytes[p] = (bytes[p] as number) ^ (1 << int(8));
      }
      ops.push(`flip ${bits} bits`);
    } else if (kind === 1) {
      const n = 1 + int(16);
      for (let k = 0; k < n && at + k < bytes.length; k++) bytes[at + k] = int(256);
      ops.push(`random ${n} bytes at ${at}`);
    } else if (kind === 2) {
      const value = pick(EXTREMES);
      const width = random() < 0.5 ? 2 : 4;
      set(at & ~1, width, value);
      ops.push(`u${width * 8} ${value} at ${at & ~1}`);
    } else if (kind === 3) {
      const cut = random() < 0.5 ? int(Math.min(bytes.length, 4096)) : at;
      bytes = bytes.subarray(0, cut);
      ops.push(`truncate to ${cut}`);
    } else if (kind === 4) {
      // Splice: a chunk of another seed (or this one) over a random place.
      const donor = pick(seeds).bytes;
      const from = int(donor.length);
      const n = Math.min(1 + int(512), donor.length - from, bytes.length - at);
      if (n > 0) bytes.set(donor.subarray(from, from + n), at);
      ops.push(`splice ${n} bytes from ${from} at ${at}`);
    } else if (kind === 5) {
      // Inflate: insert bytes, shifting everything after them.
      const n = pick([1, 2, 3, 4, 8, 16, 512, 4096]);
      const grown = new Uint8Array(bytes.length + n);
      grown.set(bytes.subarray(0, at));
      if (random() < 0.5) for (let k = 0; k < n; k++) grown[at + k] = int(256);
      grown.set(bytes.subarray(at), at + n);
      bytes = grown;
      ops.push(`insert ${n} bytes at ${at}`);
    } else if (kind === 6) {
      const n = 1 + int(Math.min(bytes.length, 256));
      const end = Math.min(bytes.length, at + n);
      const shrunk = new Uint8Array(bytes.length - (end - at));
      shrunk.set(bytes.subarray(0, at));
      shrunk.set(bytes.subarray(end), at);
      bytes = shrunk;
      ops.push(`delete ${n} bytes at ${at}`);
    } else {
      bytes.fill(0, at, Math.min(bytes.length, at + 1 + int(4096)));
      ops.push(`zero from ${at}`);
    }
  }
  return { seed, bytes, ops };
}

// ---- the oracle ----

/** What one case measured, and what went wrong (empty when nothing did). */
export interface CaseOutcome {
  readonly failures: string[];
  readonly bytesRead: number;
  readonly maxReadLength: number;
  readonly reads: number;
  readonly ms: number;
  readonly ok: boolean;
  readonly meets: boolean;
  /** The reader's result (absent only when an exception escaped). */
  readonly result?: PeReadResult;
}

const VS_KEY = 'VS_VERSION_INFO\0';
const PE_CODES = new Set(['not-pe', 'truncated', 'corrupt', 'read-error']);

/**
 * The fixed file and product version at a VS_VERSIONINFO's file offset, decoded from the bytes alone; undefined when no valid one is
 * there.
 */
export function decodeFixedAt(bytes: Uint8Array, offset: number): { file: WindowsVersion; product: WindowsVersion } | undefined {
  for (let i = 0; i < VS_KEY.length; i++) if (u16(bytes, offset + 6 + 2 * i) !== VS_KEY.charCodeAt(i)) return undefined;
  const fixed = offset + 40; // 6-byte header + 32-byte key, aligned to 4
  if (u32(bytes, fixed) !== 0xfeef04bd) return undefined;
  const split = (ms: number, ls: number): WindowsVersion => [ms >>> 16, ms & 0xffff, ls >>> 16, ls & 0xffff];
  return { file: split(u32(bytes, fixed + 8), u32(bytes, fixed + 12)), product: split(u32(bytes, fixed + 16), u32(bytes, fixed + 20)) };
}

/** Runs the reader and the evaluator on one mutant and checks every promise they make. Never throws. */
export async function checkCase(bytes: Uint8Array, required: string): Promise<CaseOutcome> {
  const failures: string[] = [];
  const inner = bufferSource(bytes);
  let maxReadLength = 0;
  let reads = 0;
  const source: ByteSource = {
    size: inner.size,
    read: (position, length) => {
      reads++;
      maxReadLength = Math.max(maxReadLength, length);
      return inner.read(position, length);
    },
  };
  const started = performance.now();
  let result: PeReadResult | undefined;
  try {
    result = await readPeVersionInfo(source);
  } catch (error) {
    failures.push(`exception escaped readPeVersionInfo: ${(error as Error)?.stack ?? String(error)}`);
  }
  const ms = performance.now() - started;
  if (ms > FUZZ_BOUNDS.maxMs) failures.push(`took ${ms.toFixed(0)} ms (bound ${FUZZ_BOUNDS.maxMs})`);
  if (inner.bytesRead > FUZZ_BOUNDS.maxBytesRead) failures.push(`read ${inner.bytesRead} bytes (bound ${FUZZ_BOUNDS.maxBytesRead})`);
  if (maxReadLength > FUZZ_BOUNDS.maxReadLength)
    failures.push(`asked for ${maxReadLength} bytes in one read (bound ${FUZZ_BOUNDS.maxReadLength})`);
  let meets = false;
  if (result) {
    // The inventory reads synchronously (readPeVersionInfoSync); both ways must give the same result.
    try {
      const direct = readPeVersionInfoSync(bufferSource(bytes));
      if (JSON.stringify(direct) !== JSON.stringify(result))
        failures.push('the synchronous reader gave another result than the asynchronous one');
    } catch (error) {
      failures.push(`exception escaped readPeVersionInfoSync: ${(error as Error)?.stack ?? String(error)}`);
    }
    failures.push(...resultProblems(result, bytes));
    try {
      meets = verifyMeets(result, bytes, required, failures);
    } catch (error) {
      failures.push(`exception escaped evaluateCopy: ${(error as Error)?.stack ?? String(error)}`);
    }
  }
  return { failures, bytesRead: inner.bytesRead, maxReadLength, reads, ms, ok: result?.ok === true, meets, ...(result ? { result } : {}) };
}

/** Shape checks, and every reported fixed info decoded again from the bytes. */
function resultProblems(result: PeReadResult, bytes: Uint8Array): string[] {
  const problems: string[] = [];
  if (typeof result !== 'object' || result === null || typeof result.ok !== 'boolean') return [`not a typed result: ${String(result)}`];
  if (!Array.isArray(result.anomalies)) problems.push('anomalies is not an array');
  else if (result.anomalies.length > 201) problems.push(`${result.anomalies.length} anomalies (bound 201)`);
  if (!result.ok) {
    if (!PE_CODES.has(result.code)) problems.push(`unknown failure code ${String(result.code)}`);
    if (typeof result.message !== 'string' || result.message.length < 10) problems.push(`no clear message: ${String(result.message)}`);
    else if (/unexpected failure/.test(result.message)) problems.push(`an internal error was turned into a result: ${result.message}`);
    return problems;
  }
  for (const v of result.versions) {
    if (!v.fixed) continue;
    if (typeof v.offset !== 'number') {
      problems.push('a fixed version without the offset of its VS_VERSIONINFO');
      continue;
    }
    const decoded = decodeFixedAt(bytes, v.offset);
    if (!decoded) {
      problems.push(
        `fixed version ${formatVersion(v.fixed.fileVersion)} reported at offset ${v.offset}, but no VS_VERSION_INFO with signature ` +
          `0xFEEF04BD is there`,
      );
    } else if (compareVersions(decoded.file, v.fixed.fileVersion) !== 0 || compareVersions(decoded.product, v.fixed.productVersion) !== 0) {
      problems.push(
        `fixed version ${formatVersion(v.fixed.fileVersion)} reported at offset ${v.offset}, but the bytes there say ` +
          `${formatVersion(decoded.file)}`,
      );
    }
  }
  return problems;
}

/** Judges the mutant against a row requiring `required`; a "meets" must be backed by fixed infos decoded independently. */
function verifyMeets(result: PeReadResult, bytes: Uint8Array, required: string, failures: string[]): boolean {
  const row: ManifestFile = { name: 'Fuzzed.dll', version: required };
  const branch = required.split('.').slice(0, 2).join('.');
  const finding = evaluateCopy(
    { row, branch, language: undefined },
    { entry: { path: 'Fuzzed.dll', name: 'Fuzzed.dll', type: 'file' }, size: bytes.length, mtimeMs: 0, pe: peEvidence(result) },
    'installed',
  );
  if (finding.status !== 'meets') return false;
  if (!result.ok) {
    failures.push(`"meets" from a failed read (${result.code})`);
    return true;
  }
  const decoded = result.versions
    .filter((v) => v.fixed)
    .map((v) => (typeof v.offset === 'number' ? decodeFixedAt(bytes, v.offset) : undefined));
  if (decoded.length === 0 || decoded.some((d) => d === undefined)) {
    failures.push('"meets" without a fixed file info that the bytes really hold');
    return true;
  }
  const lowest = decoded.map((d) => d!.file).sort(compareVersions)[0] as WindowsVersion;
  if (compareVersions(lowest, parseVersion(required)) < 0)
    failures.push(`"meets" ${required}, but the bytes hold ${formatVersion(lowest)}`);
  if (lowest.slice(0, 2).join('.') !== branch)
    failures.push(`"meets" ${required}, but the bytes hold ${formatVersion(lowest)} of another branch`);
  return true;
}
