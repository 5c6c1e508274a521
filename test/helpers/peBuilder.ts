/**
 * Hand-laid PE images and resource sections for the fixtures writePe cannot
 * make: crafted resource trees (cycles, huge directories, data in another
 * section), sections with SizeOfRawData < VirtualSize, and DOS, NE and LE
 * executables. Every field is named as in the PE/COFF specification.
 */

/** One section of a raw image. */
export interface RawSection {
  name: string;
  virtualAddress: number;
  /** Default: data length. */
  virtualSize?: number;
  data: Uint8Array;
  /** Default: data length rounded up to 0x200. */
  sizeOfRawData?: number;
}

/** The headers of a raw image. */
export interface RawPeOptions {
  format?: 'PE32' | 'PE32+';
  /** Optional header Magic; default from format. */
  magic?: number;
  machine?: number;
  characteristics?: number;
  timeDateStamp?: number;
  sections?: RawSection[];
  /** Resource data directory entry. */
  resource?: { rva: number; size: number };
  numberOfRvaAndSizes?: number;
}

const FILE_ALIGNMENT = 0x200;
const roundUp = (n: number, to: number): number => Math.ceil(n / to) * to;

/** A PE image laid out by hand: DOS header, "PE\0\0", COFF header, optional header, section table, section data. */
export function buildRawPe(options: RawPeOptions = {}): Uint8Array {
  const is64 = options.format === 'PE32+';
  const sections = options.sections ?? [];
  const eLfanew = 0x40;
  const sizeOfOptionalHeader = is64 ? 240 : 224;
  const sectionTable = eLfanew + 4 + 20 + sizeOfOptionalHeader;
  const sizeOfHeaders = roundUp(sectionTable + 40 * sections.length, FILE_ALIGNMENT);
  const placed = sections.map((s) => ({
    ...s,
    sizeOfRawData: s.sizeOfRawData ?? roundUp(s.data.byteLength, FILE_ALIGNMENT),
    pointerToRawData: 0,
  }));
  let end = sizeOfHeaders;
  for (const s of placed) {
    s.pointerToRawData = end;
    end += roundUp(Math.max(s.sizeOfRawData, s.data.byteLength), FILE_ALIGNMENT);
  }
  const out = new Uint8Array(end);
  const v = new DataView(out.buffer);
  v.setUint16(0, 0x5a4d, true); // e_magic "MZ"
  v.setUint16(0x18, 0x40, true); // e_lfarlc
  v.setUint32(0x3c, eLfanew, true); // e_lfanew
  v.setUint32(eLfanew, 0x4550, true); // "PE\0\0"
  const fh = eLfanew + 4;
  v.setUint16(fh, options.machine ?? (is64 ? 0x8664 : 0x14c), true);
  v.setUint16(fh + 2, sections.length, true);
  v.setUint32(fh + 4, options.timeDateStamp ?? 0x33000000, true);
  v.setUint16(fh + 16, sizeOfOptionalHeader, true);
  v.setUint16(fh + 18, options.characteristics ?? 0x2102, true);
  const oh = fh + 20;
  v.setUint16(oh, options.magic ?? (is64 ? 0x20b : 0x10b), true);
  v.setUint32(oh + 32, 0x1000, true); // SectionAlignment
  v.setUint32(oh + 36, FILE_ALIGNMENT, true); // FileAlignment
  v.setUint32(oh + 60, sizeOfHeaders, true); // SizeOfHeaders
  v.setUint32(oh + (is64 ? 108 : 92), options.numberOfRvaAndSizes ?? 16, true);
  if (options.resource) {
    const dir = oh + (is64 ? 112 : 96) + 2 * 8;
    v.setUint32(dir, options.resource.rva, true);
    v.setUint32(dir + 4, options.resource.size, true);
  }
  placed.forEach((s, i) => {
    const at = sectionTable + 40 * i;
    for (let c = 0; c < Math.min(8, s.name.length); c++) out[at + c] = s.name.charCodeAt(c);
    v.setUint32(at + 8, s.virtualSize ?? s.data.byteLength, true);
    v.setUint32(at + 12, s.virtualAddress, true);
    v.setUint32(at + 16, s.sizeOfRawData, true);
    v.setUint32(at + 20, s.pointerToRawData, true);
    out.set(s.data, s.pointerToRawData);
  });
  return out;
}

/** One resource: type, name/id and language, and its data. */
export interface ResourceLeaf {
  type: number | string;
  id: number | string;
  lang: number;
  data: Uint8Array;
  /** Write this RVA into the data entry instead of the data's own (to point at another section). */
  dataRva?: number;
}

/** A resource section and where its parts landed (offsets from its start). */
export interface ResourceLayout {
  bytes: Uint8Array;
  /** Directory offsets, breadth first: root, type directories, name directories. */
  directories: number[];
  /** IMAGE_RESOURCE_DATA_ENTRY offsets, in tree order. */
  dataEntries: number[];
}

interface Dir {
  entries: { key: number | string; dir?: Dir; leaf?: ResourceLeaf }[];
}

function sortEntries(dir: Dir): void {
  // Named entries first, in order, then ids ascending, as the specification asks.
  dir.entries.sort((a, b) => {
    if (typeof a.key === 'string' || typeof b.key === 'string') {
      if (typeof a.key === 'number') return 1;
      if (typeof b.key === 'number') return -1;
      return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    }
    return a.key - b.key;
  });
  for (const e of dir.entries) if (e.dir) sortEntries(e.dir);
}

/** Lays out a resource section for RVA `rva`: directories, data entries, name strings, then data. */
export function buildResourceSection(rva: number, leaves: ResourceLeaf[]): ResourceLayout {
  const root: Dir = { entries: [] };
  const child = (dir: Dir, key: number | string): Dir => {
    let entry = dir.entries.find((e) => e.key === key);
    if (!entry) {
      entry = { key, dir: { entries: [] } };
      dir.entries.push(entry);
    }
    return entry.dir as Dir;
  };
  for (const leaf of leaves) child(child(root, leaf.type), leaf.id).entries.push({ key: leaf.lang, leaf });
  sortEntries(root);

  const dirs: Dir[] = [];
  const queue: Dir[] = [root];
  while (queue.length > 0) {
    const dir = queue.shift() as Dir;
    dirs.push(dir);
    for (const e of dir.entries) if (e.dir) queue.push(e.dir);
  }
  const dirOffset = new Map<Dir, number>();
  let at = 0;
  for (const d of dirs) {
    dirOffset.set(d, at);
    at += 16 + 8 * d.entries.length;
  }
  const orderedLeaves: ResourceLeaf[] = [];
  for (const d of dirs) for (const e of d.entries) if (e.leaf) orderedLeaves.push(e.leaf);
  const entryOffset = new Map<ResourceLeaf, number>();
  for (const leaf of orderedLeaves) {
    entryOffset.set(leaf, at);
    at += 16;
  }
  const names = new Map<string, number>();
  for (const d of dirs) {
    for (const e of d.entries) {
      if (typeof e.key === 'string' && !names.has(e.key)) {
        names.set(e.key, at);
        at = roundUp(at + 2 + 2 * e.key.length, 4);
      }
    }
  }
  const dataOffset = new Map<ResourceLeaf, number>();
  for (const leaf of orderedLeaves) {
    at = roundUp(at, 8);
    dataOffset.set(leaf, at);
    at += leaf.data.byteLength;
  }

  const bytes = new Uint8Array(roundUp(at, 8));
  const v = new DataView(bytes.buffer);
  for (const d of dirs) {
    const base = dirOffset.get(d) as number;
    v.setUint16(base + 12, d.entries.filter((e) => typeof e.key === 'string').length, true);
    v.setUint16(base + 14, d.entries.filter((e) => typeof e.key === 'number').length, true);
    d.entries.forEach((e, i) => {
      const p = base + 16 + 8 * i;
      v.setUint32(p, typeof e.key === 'string' ? (0x80000000 | (names.get(e.key) as number)) >>> 0 : e.key, true);
      v.setUint32(
        p + 4,
        e.dir ? (0x80000000 | (dirOffset.get(e.dir) as number)) >>> 0 : (entryOffset.get(e.leaf as ResourceLeaf) as number),
        true,
      );
    });
  }
  for (const [name, p] of names) {
    v.setUint16(p, name.length, true);
    for (let i = 0; i < name.length; i++) v.setUint16(p + 2 + 2 * i, name.charCodeAt(i), true);
  }
  for (const leaf of orderedLeaves) {
    const p = entryOffset.get(leaf) as number;
    const d = dataOffset.get(leaf) as number;
    v.setUint32(p, leaf.dataRva ?? rva + d, true);
    v.setUint32(p + 4, leaf.data.byteLength, true);
    bytes.set(leaf.data, d);
  }
  return {
    bytes,
    directories: dirs.map((d) => dirOffset.get(d) as number),
    dataEntries: orderedLeaves.map((l) => entryOffset.get(l) as number),
  };
}

/** A PE32 image whose only section, .rsrc at RVA 0x1000, holds `rsrc`. */
export function peWithResourceSection(
  rsrc: Uint8Array,
  options: { virtualSize?: number; sizeOfRawData?: number; format?: 'PE32' | 'PE32+' } = {},
): Uint8Array {
  return buildRawPe({
    ...(options.format ? { format: options.format } : {}),
    sections: [
      {
        name: '.rsrc',
        virtualAddress: 0x1000,
        data: rsrc,
        ...(options.virtualSize === undefined ? {} : { virtualSize: options.virtualSize }),
        ...(options.sizeOfRawData === undefined ? {} : { sizeOfRawData: options.sizeOfRawData }),
      },
    ],
    resource: { rva: 0x1000, size: rsrc.byteLength },
  });
}

/** A DOS program: MZ header with e_lfarlc 0x1C and e_lfanew 0, then a little code. */
export function dosOnlyExecutable(eLfanew = 0): Uint8Array {
  const out = new Uint8Array(0x80);
  const v = new DataView(out.buffer);
  v.setUint16(0, 0x5a4d, true);
  v.setUint16(0x08, 4, true); // e_cparhdr: 64-byte header
  v.setUint16(0x18, 0x1c, true); // e_lfarlc: old-style relocation table right after the classic header
  v.setUint32(0x3c, eLfanew, true);
  out.set([0xb4, 0x4c, 0xcd, 0x21], 0x40); // mov ah,4Ch; int 21h
  return out;
}

/** A new-style MZ executable whose e_lfanew points at an NE, LE or LX header. */
export function newExecutable(signature: 'NE' | 'LE' | 'LX'): Uint8Array {
  const out = new Uint8Array(0x200);
  const v = new DataView(out.buffer);
  v.setUint16(0, 0x5a4d, true);
  v.setUint16(0x18, 0x40, true);
  v.setUint32(0x3c, 0x80, true);
  out[0x80] = signature.charCodeAt(0);
  out[0x81] = signature.charCodeAt(1);
  return out;
}
