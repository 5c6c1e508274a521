// Hostile binary inputs, one test per case of the list in the README's "Hostile inputs" section.
// Every input goes through checkCase (test/fuzz/peFuzzer.ts): a typed result, bounded bytes and
// time, and any fixed version reported is decoded again from the bytes at its offset.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateCopy } from '../src/evaluate/evaluateCopy.js';
import { READER_LIMITS } from '../src/pe/readPeVersionInfo.js';
import type { PeReadResult } from '../src/pe/types.js';
import { writePe } from '../src/pe/writePe.js';
import { checkCase, locateFields, type CaseOutcome } from './fuzz/peFuzzer.js';
import { buildRawPe, buildResourceSection, dosOnlyExecutable, newExecutable, peWithResourceSection } from './helpers/peBuilder.js';
import {
  fixedFileInfo,
  stringEntry,
  stringFileInfo,
  stringTable,
  utf16,
  varFileInfo,
  versionInfoBytes,
  versionNode,
} from './helpers/versionInfoBytes.js';
import { peEvidence } from '../src/scan/peEvidence.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const sevenZip = (arch: string): Uint8Array =>
  new Uint8Array(readFileSync(path.join(repoRoot, 'node_modules', '7zip-bin', 'win', arch, '7za.exe')));

type Ok = Extract<PeReadResult, { ok: true }>;

/** Reads `bytes`, asserts every promise of the reader, and returns the outcome. */
async function hostile(bytes: Uint8Array, label: string, required = '5.0.1462.10'): Promise<CaseOutcome & { result: PeReadResult }> {
  const outcome = await checkCase(bytes, required);
  assert.deepEqual(outcome.failures, [], `${label}: ${outcome.failures.join(' | ')}`);
  assert.ok(outcome.result, label);
  return outcome as CaseOutcome & { result: PeReadResult };
}

function fixedVersions(result: PeReadResult): string[] {
  return result.ok ? result.versions.filter((v) => v.fixed).map((v) => v.fixed!.fileVersion.join('.')) : [];
}

const dv = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const blob = versionInfoBytes({
  fixed: fixedFileInfo({ fileVersion: [5, 0, 1462, 10] }),
  children: [stringFileInfo([stringTable('040904B0', { FileVersion: '5.0.1462.10' })]), varFileInfo([{ language: 0x409, codepage: 1200 }])],
});

/** A PE32 image with one RT_VERSION leaf; offsets of its parts (from buildResourceSection) come with it. */
function treeImage(data: Uint8Array = blob) {
  const layout = buildResourceSection(0x1000, [{ type: 16, id: 1, lang: 0x0409, data }]);
  return { layout, rsrc: layout.bytes, image: () => peWithResourceSection(layout.bytes) };
}
/** File offset of .rsrc in images from peWithResourceSection (headers are 0x200 bytes). */
const RSRC = 0x200;
/** File offsets in buildRawPe images: e_lfanew 0x40, so the COFF header is at 0x44 and the optional header at 0x58. */
const COFF = 0x44;
const OPT = 0x58;
const RESOURCE_DD = OPT + 96 + 16;
const SECTION_TABLE = OPT + 224;

describe('hostile PE input: truncation at every structure boundary', () => {
  it('a writePe fixture cut at each header, table, directory, entry and node boundary (and one byte either side)', async () => {
    const full = writePe({ fileVersion: '5.0.1462.10' });
    const cuts = new Set<number>([0, 1, 2, 0x3c, 0x40, 64]);
    for (const f of locateFields(full)) for (const d of [-1, 0, 1, f.width, f.width + 1]) cuts.add(f.offset + d);
    for (const cut of [...cuts].filter((c) => c >= 0 && c < full.length).sort((a, b) => a - b)) {
      const { result } = await hostile(full.subarray(0, cut), `cut at ${cut}`);
      if (result.ok) assert.deepEqual(fixedVersions(result), ['5.0.1462.10'], `cut at ${cut}`);
      else assert.ok(['not-pe', 'truncated', 'corrupt'].includes(result.code), `cut at ${cut}: ${result.code} ${result.message}`);
    }
  });

  it('the real 7za.exe (x64) cut at each structure boundary', async () => {
    const full = sevenZip('x64');
    const cuts = new Set<number>();
    for (const f of locateFields(full)) for (const d of [0, 1, f.width]) cuts.add(f.offset + d);
    for (const cut of [...cuts].filter((c) => c < full.length)) {
      const { result } = await hostile(full.subarray(0, cut), `cut at ${cut}`, '21.7.0.0');
      if (result.ok)
        assert.ok(
          fixedVersions(result).every((v) => v === '21.7.0.0'),
          `cut at ${cut}`,
        );
    }
  });
});

describe('hostile PE input: e_lfanew pointing anywhere', () => {
  it('every value from 0 to past the end, and the extremes', async () => {
    const base = writePe({ fileVersion: '5.0.1462.10' });
    const values = [...Array.from({ length: base.length + 8 }, (_, i) => i), 0x7fffffff, 0x80000000, 0xfffffffc, 0xffffffff];
    let read = 0;
    for (const value of values) {
      const bytes = base.slice();
      dv(bytes).setUint32(0x3c, value >>> 0, true);
      const { result } = await hostile(bytes, `e_lfanew ${value}`);
      if (result.ok) read++;
    }
    assert.equal(read, 1, 'only the real e_lfanew (0x80) finds the PE header');
  });
});

describe('hostile PE input: RVAs pointing anywhere', () => {
  const targets = [
    0, 1, 0x100, 0x1ff, 0x200, 0xfff, 0x1000, 0x1001, 0x10ff, 0x11ff, 0x1200, 0x2000, 0x7fffffff, 0x80000000, 0xfffffff0, 0xffffffff,
  ];

  it('the resource data directory RVA', async () => {
    const { image } = treeImage();
    for (const rva of targets) {
      const bytes = image();
      dv(bytes).setUint32(RESOURCE_DD, rva >>> 0, true);
      const { result } = await hostile(bytes, `resource RVA ${rva}`);
      if (rva !== 0x1000 && result.ok) assert.deepEqual(fixedVersions(result), [], `resource RVA ${rva}`);
    }
  });

  it('the data entry RVA of the version resource', async () => {
    const { image, layout } = treeImage();
    for (const rva of targets) {
      const bytes = image();
      dv(bytes).setUint32(RSRC + (layout.dataEntries[0] as number), rva >>> 0, true);
      await hostile(bytes, `data RVA ${rva}`);
    }
  });

  it('directory entry offsets, with and without the subdirectory flag', async () => {
    const { image, layout } = treeImage();
    const entries = layout.directories.map((d) => d + 16 + 4);
    for (const at of entries) {
      for (const target of [...targets, 0x80000000 | 0x7ffffff0, 0x80000000 | 0x1ff]) {
        const bytes = image();
        dv(bytes).setUint32(RSRC + at, target >>> 0, true);
        await hostile(bytes, `entry at ${at} -> ${target}`);
      }
    }
  });
});

describe('hostile PE input: section counts and sizes up to their maxima', () => {
  it('NumberOfSections 0, 96, 97, 2048, 2049 and 65,535, with and without room for the table', async () => {
    for (const count of [0, 96, 97, 2048, 2049, 0xffff]) {
      const small = treeImage().image();
      dv(small).setUint16(COFF + 2, count, true);
      await hostile(small, `NumberOfSections ${count} in ${small.length} bytes`);
      // Room for all 65,535 headers (2.6 MB): only READER_LIMITS.maxSections are read.
      const big = new Uint8Array(SECTION_TABLE + 40 * 0xffff + 0x1000);
      big.set(small);
      const outcome = await hostile(big, `NumberOfSections ${count} in ${big.length} bytes`);
      assert.ok(outcome.bytesRead <= 2048 + READER_LIMITS.maxSections * 40 + 0x20000, `${outcome.bytesRead} bytes read`);
    }
  });

  it('VirtualSize, SizeOfRawData, PointerToRawData and VirtualAddress at 0xFFFFFFFF; SizeOfOptionalHeader 0xFFFF', async () => {
    const fields = { VirtualSize: 8, VirtualAddress: 12, SizeOfRawData: 16, PointerToRawData: 20 };
    for (const [name, at] of Object.entries(fields)) {
      for (const value of [0, 0x7fffffff, 0xfffff000, 0xffffffff]) {
        const bytes = treeImage().image();
        dv(bytes).setUint32(SECTION_TABLE + at, value >>> 0, true);
        await hostile(bytes, `${name} ${value}`);
      }
    }
    for (const value of [0, 1, 95, 96, 0xffff]) {
      const bytes = treeImage().image();
      dv(bytes).setUint16(COFF + 16, value, true);
      await hostile(bytes, `SizeOfOptionalHeader ${value}`);
    }
    const rvaCount = treeImage().image();
    dv(rvaCount).setUint32(OPT + 92, 0xffffffff, true);
    await hostile(rvaCount, 'NumberOfRvaAndSizes 0xFFFFFFFF');
  });
});

describe('hostile PE input: resource directories of 65,535 entries at each level', () => {
  for (const level of [0, 1, 2] as const) {
    const name = ['root (types)', 'RT_VERSION (names)', 'language'][level];
    it(`${name}: 65,535 named and 65,535 id entries, read in bounded bytes`, async () => {
      const { layout } = treeImage();
      const dir = layout.directories[level] as number;
      const rsrc = new Uint8Array(0x110000);
      rsrc.set(layout.bytes);
      // Re-lay the directory at 0x1000 with 2 x 65,535 entries, each a copy of its one real entry.
      const v = dv(rsrc);
      const name0 = v.getUint32(dir + 16, true);
      const offset0 = v.getUint32(dir + 20, true);
      const big = 0x1000;
      v.setUint16(big + 12, 0xffff, true);
      v.setUint16(big + 14, 0xffff, true);
      for (let i = 0; i < 0x1fffe; i++) {
        v.setUint32(big + 16 + 8 * i, i < 0xffff ? (0x80000000 | 0x20) >>> 0 : name0, true);
        v.setUint32(big + 16 + 8 * i + 4, offset0, true);
      }
      // Point the parent entry (or the data directory, for the root) at the big directory.
      const bytes = peWithResourceSection(rsrc);
      if (level === 0) {
        // The data directory points at the big directory: it is the root (its entries' offsets are then relative to it).
        const copy = peWithResourceSection(rsrc);
        dv(copy).setUint32(RESOURCE_DD, 0x1000 + big, true);
        const outcome = await hostile(copy, name as string);
        assert.ok(outcome.bytesRead < 64 * 1024, `${outcome.bytesRead} bytes read`);
        return;
      }
      const parent = layout.directories[level - 1] as number;
      dv(bytes).setUint32(RSRC + parent + 16 + 4, (0x80000000 | big) >>> 0, true);
      const outcome = await hostile(bytes, name as string);
      assert.ok(outcome.bytesRead < 64 * 1024, `${outcome.bytesRead} bytes read`);
      assert.ok(outcome.reads < 200, `${outcome.reads} reads`);
      if (level === 1) assert.deepEqual(fixedVersions(outcome.result), ['5.0.1462.10'], 'names sharing one language directory: read once');
    });
  }
});

describe('hostile PE input: resource directory cycles', () => {
  it('an entry of each level pointing back at its own directory or any directory above it', async () => {
    const { image, layout } = treeImage();
    const dirs = layout.directories;
    for (let level = 0; level < dirs.length; level++) {
      for (let target = 0; target <= level; target++) {
        const bytes = image();
        dv(bytes).setUint32(RSRC + (dirs[level] as number) + 16 + 4, (0x80000000 | (dirs[target] as number)) >>> 0, true);
        const { result } = await hostile(bytes, `level ${level} -> ${target}`);
        assert.equal(result.ok, false, `level ${level} -> ${target}`);
        if (!result.ok) assert.equal(result.code, 'corrupt');
      }
    }
  });
});

describe('hostile PE input: name offsets out of bounds', () => {
  it('a named RT_VERSION entry whose name offset or name length lies outside .rsrc', async () => {
    const layout = buildResourceSection(0x1000, [{ type: 16, id: 'VERSION', lang: 0x0409, data: blob }]);
    const nameEntry = (layout.directories[1] as number) + 16;
    for (const offset of [0x7fffffff, 0x1000, layout.bytes.length - 1, layout.bytes.length - 2]) {
      const bytes = peWithResourceSection(layout.bytes);
      dv(bytes).setUint32(RSRC + nameEntry, (0x80000000 | offset) >>> 0, true);
      await hostile(bytes, `name offset ${offset}`);
    }
    const longName = peWithResourceSection(layout.bytes);
    const nameAt = dv(longName).getUint32(RSRC + nameEntry, true) & 0x7fffffff;
    dv(longName).setUint16(RSRC + nameAt, 0xffff, true);
    await hostile(longName, 'name length 0xFFFF');
  });
});

describe('hostile PE input: data entries larger than the file', () => {
  it('Size of 0xFFFFFFFF, the file size + 1, and RVA + Size past 2^32', async () => {
    const { image, layout } = treeImage();
    const entry = RSRC + (layout.dataEntries[0] as number);
    for (const [rva, size] of [
      [undefined, 0xffffffff],
      [undefined, 0x10000],
      [undefined, image().length + 1],
      [0xffffff00, 0x1000],
    ] as const) {
      const bytes = image();
      if (rva !== undefined) dv(bytes).setUint32(entry, rva, true);
      dv(bytes).setUint32(entry + 4, size, true);
      const outcome = await hostile(bytes, `size ${size}`);
      assert.ok(outcome.bytesRead < 0x12000, `${outcome.bytesRead} bytes read`);
      if (rva === undefined && outcome.result.ok) assert.deepEqual(fixedVersions(outcome.result), ['5.0.1462.10']);
    }
  });
});

describe('hostile PE input: the most a file can make the reader read', () => {
  it('32 distinct version resources of 64 KiB each and more declared: under 2.2 MB read', async () => {
    const big = new Uint8Array(0x10000);
    big.set(blob);
    const leaves = Array.from({ length: 40 }, (_, i) => ({ type: 16, id: 1, lang: i + 1, data: big }));
    const outcome = await hostile(peWithResourceSection(buildResourceSection(0x1000, leaves).bytes), '40 x 64 KiB');
    assert.ok(outcome.result.ok && outcome.result.versions.length === READER_LIMITS.maxVersionResources);
    assert.ok(outcome.bytesRead > 2_000_000 && outcome.bytesRead < 2.2 * 1024 * 1024, `${outcome.bytesRead} bytes read`);
  });
});

describe('hostile PE input: VS_VERSIONINFO and child nodes with wLength 0, 0xFFFF, or larger than their parent', () => {
  const nodes = ['VS_VERSION_INFO', 'StringFileInfo', '040904B0', 'FileVersion', 'VarFileInfo', 'Translation'];
  for (const key of nodes) {
    it(`${key}: wLength 0, 1, 5, 0xFFFF, parent + 4, odd`, async () => {
      const at = Buffer.from(blob).indexOf(Buffer.from(utf16(`${key}\0`))) - 6;
      assert.ok(at >= 0);
      const length = dv(blob).getUint16(at, true);
      for (const value of [0, 1, 5, 0xffff, length + 4, length + 1, length - 1]) {
        const mutated = blob.slice();
        dv(mutated).setUint16(at, value, true);
        const { result } = await hostile(withBlob(mutated), `${key} wLength ${value}`);
        // Whatever survives, a fixed version is only ever the real one.
        for (const v of fixedVersions(result)) assert.equal(v, '5.0.1462.10');
      }
    });
  }

  it('wValueLength 0xFFFF on every node', async () => {
    for (const key of nodes) {
      const at = Buffer.from(blob).indexOf(Buffer.from(utf16(`${key}\0`))) - 6;
      const mutated = blob.slice();
      dv(mutated).setUint16(at + 2, 0xffff, true);
      await hostile(withBlob(mutated), `${key} wValueLength 0xFFFF`);
    }
  });
});

describe('hostile PE input: a bad VS_FIXEDFILEINFO signature', () => {
  it('is "no fixed info" (unverifiable, no-fixed-info), never version 0.0.0.0 or a version at all', async () => {
    for (const signature of [0, 0xfeef04bc, 0xbd04effe, 0xffffffff]) {
      const bad = versionInfoBytes({
        fixed: fixedFileInfo({ fileVersion: [5, 0, 1462, 10], signature }),
        children: [stringFileInfo([stringTable('040904B0', { FileVersion: '5.0.1462.10' })])],
      });
      const { result } = await hostile(withBlob(bad), `signature ${signature}`);
      assert.ok(result.ok);
      const version = (result as Ok).versions[0];
      assert.equal(version?.fixed, undefined);
      const finding = evaluateCopy(
        { row: { name: 'a.dll', version: '0.0.0.0' }, branch: undefined, language: undefined },
        { entry: { path: 'a.dll', name: 'a.dll', type: 'file' }, size: 1, pe: peEvidence(result) },
        'installed',
      );
      assert.deepEqual([finding.status, finding.reason], ['unverifiable', 'no-fixed-info'], 'even a row requiring 0.0.0.0 is not met');
      assert.equal(finding.fixedVersion, undefined);
    }
  });
});

describe('hostile PE input: a VS_FIXEDFILEINFO past SizeOfRawData (found by the fuzzer, seed 7)', () => {
  it('is no fixed info: the zeros the loader would see there are not a version, nor are the file bytes', async () => {
    const { layout } = treeImage();
    const blobAt = (dv(layout.bytes).getUint32(layout.dataEntries[0] as number, true) - 0x1000) as number;
    for (const cut of [blobAt + 40 + 2, blobAt + 40 + 14, blobAt + 40 + 51]) {
      // Raw data ends inside the fixed info; VirtualSize still covers the whole resource.
      const bytes = buildRawPe({
        sections: [{ name: '.rsrc', virtualAddress: 0x1000, data: layout.bytes, virtualSize: layout.bytes.length, sizeOfRawData: cut }],
        resource: { rva: 0x1000, size: layout.bytes.length },
      });
      const { result } = await hostile(bytes, `SizeOfRawData ${cut}`);
      assert.ok(result.ok, `SizeOfRawData ${cut}`);
      assert.equal((result as Ok).versions[0]?.fixed, undefined, `SizeOfRawData ${cut}`);
      assert.ok((result as Ok).anomalies.some((a) => /runs past the raw data of its section/.test(a.message)));
    }
  });
});

describe('hostile PE input: odd or missing terminators in keys and strings', () => {
  it('keys without a NUL, keys of an odd byte length, strings without a NUL, and an odd-sized node', async () => {
    const cases: Record<string, Uint8Array> = {
      'VS_VERSION_INFO key without NUL, node ends in it': (() => {
        const b = new Uint8Array(6 + 30);
        dv(b).setUint16(0, b.length, true);
        b.set(utf16('VS_VERSION_INFO'), 6);
        return b;
      })(),
      'StringTable key without NUL': versionInfoBytes({
        fixed: fixedFileInfo({ fileVersion: [5, 0, 1462, 10] }),
        children: [stringFileInfo([{ key: '040904B0', length: 6 + 16 }])],
      }),
      'String value without NUL at the end of the table': versionInfoBytes({
        fixed: fixedFileInfo({ fileVersion: [5, 0, 1462, 10] }),
        children: [stringFileInfo([stringTable('040904B0', [stringEntry('FileVersion', '5.0.1462.10', { terminate: false })])])],
      }),
      'String node of an odd length (key ends mid-character)': versionInfoBytes({
        fixed: fixedFileInfo({ fileVersion: [5, 0, 1462, 10] }),
        children: [stringFileInfo([stringTable('040904B0', [{ key: 'FileVersion', value: '5', length: 6 + 7 }])])],
      }),
      'an unpaired surrogate in a key and a value': versionInfoBytes({
        fixed: fixedFileInfo({ fileVersion: [5, 0, 1462, 10] }),
        children: [stringFileInfo([stringTable('040904B0', [stringEntry('File\ud800Version', 'x\udc00y')])])],
      }),
      'odd blob length': (() => {
        const b = new Uint8Array(blob.length + 1);
        b.set(blob);
        dv(b).setUint16(0, b.length, true);
        return b;
      })(),
      'key runs to the end of the blob': versionNode({ key: 'VS_VERSION_INFO', children: [{ key: 'StringFileInfo'.repeat(200) }] }),
    };
    for (const [label, data] of Object.entries(cases)) {
      const { result } = await hostile(withBlob(data), label);
      for (const v of fixedVersions(result)) assert.equal(v, '5.0.1462.10', label);
    }
  });
});

describe('hostile PE input: NE, LE, LX and DOS-only MZ files', () => {
  it('are not-pe with the kind named, at any size', async () => {
    const cases: [string, Uint8Array, RegExp][] = [
      ['NE', newExecutable('NE'), /^NE \(16-bit Windows\)/],
      ['LE', newExecutable('LE'), /^LE\/LX/],
      ['LX', newExecutable('LX'), /^LE\/LX/],
      ['DOS-only, e_lfanew 0', dosOnlyExecutable(), /^DOS-only MZ/],
      ['DOS-only, e_lfanew into code', dosOnlyExecutable(0x40), /^DOS-only MZ/],
      ['DOS-only, e_lfanew past the end', dosOnlyExecutable(0xffffffff), /^DOS-only MZ/],
      ['MZ and nothing else', new Uint8Array([0x4d, 0x5a]), /DOS header/],
    ];
    for (const [label, bytes, message] of cases) {
      const { result } = await hostile(bytes, label);
      assert.equal(result.ok, false, label);
      if (!result.ok) assert.match(result.message, message, label);
    }
  });

  it('a PE whose "PE" is followed by junk, and a ROM image', async () => {
    const junk = buildRawPe();
    junk[0x42] = 1;
    const { result } = await hostile(junk, 'PE\\1\\0');
    assert.equal(!result.ok && result.code, 'corrupt');
    const rom = await hostile(buildRawPe({ magic: 0x107 }), 'ROM');
    assert.equal(!rom.result.ok && rom.result.code, 'corrupt');
  });
});

/** A writePe image whose RT_VERSION holds `data` as it is. */
function withBlob(data: Uint8Array): Uint8Array {
  return writePe({ versionResource: data });
}
