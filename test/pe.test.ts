import assert from 'node:assert/strict';
import { open, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { bufferSource, fileHandleSource, type ByteSource } from '../src/pe/byteSource.js';
import { READER_LIMITS, readPeVersionInfo, readPeVersionInfoSync } from '../src/pe/readPeVersionInfo.js';
import type { PeReadResult, VersionResource } from '../src/pe/types.js';
import { parseVersionInfo } from '../src/pe/versionInfo.js';
import { machineName } from '../src/pe/machine.js';
import { writePe } from '../src/pe/writePe.js';
import { parseLooseVersion } from '../src/version/windowsVersion.js';
import { buildRawPe, buildResourceSection, dosOnlyExecutable, newExecutable, peWithResourceSection } from './helpers/peBuilder.js';
import { fixedFileInfo, stringEntry, stringFileInfo, stringTable, varFileInfo, versionInfoBytes } from './helpers/versionInfoBytes.js';
import { tempDir } from './helpers/tempDir.js';
import { prng } from './fuzz/peFuzzer.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function read(bytes: Uint8Array): Promise<PeReadResult> {
  return readPeVersionInfo(bufferSource(bytes));
}

type Ok = Extract<PeReadResult, { ok: true }>;
type Failed = Extract<PeReadResult, { ok: false }>;

function assertOk(result: PeReadResult): asserts result is Ok {
  assert.equal(result.ok, true, result.ok ? '' : `expected ok, got ${result.code}: ${result.message}`);
}

function assertFailed(result: PeReadResult, code: Failed['code'], message?: RegExp): asserts result is Failed {
  assert.equal(result.ok, false, 'expected a failure');
  if (result.ok) return;
  assert.equal(result.code, code, result.message);
  if (message) assert.match(result.message, message);
}

function onlyVersion(result: PeReadResult): VersionResource {
  assertOk(result);
  assert.equal(result.versions.length, 1);
  return result.versions[0] as VersionResource;
}

/** A PE32 image whose RT_VERSION holds `blob` as it is. */
function withBlob(blob: Uint8Array, machine: 'i386' | 'x64' = 'i386'): Uint8Array {
  return writePe({ machine, versionResource: blob });
}

const exchangeFixed = fixedFileInfo({ fileVersion: [5, 0, 1462, 10] });

describe('readPeVersionInfo on images written by writePe (pe-library + resedit)', () => {
  for (const machine of ['i386', 'x64'] as const) {
    it(`reads a ${machine} image with one language`, async () => {
      const result = await read(writePe({ machine, fileVersion: '5.0.1462.10', originalFilename: 'STORE.EXE', dll: false }));
      assertOk(result);
      assert.deepEqual(result.image, {
        format: machine === 'x64' ? 'PE32+' : 'PE32',
        machine,
        machineCode: machine === 'x64' ? 0x8664 : 0x14c,
        isDll: false,
        timeDateStamp: 0x33000000,
        sectionCount: 1,
        characteristics: 0x102,
      });
      const version = onlyVersion(result);
      assert.equal(version.resourceLanguage, 0x0409);
      assert.equal(version.resourceId, 1);
      assert.deepEqual(version.fixed, {
        fileVersion: [5, 0, 1462, 10],
        productVersion: [5, 0, 1462, 10],
        fileFlagsMask: 0x3f,
        fileFlags: 0,
        fileOS: 0x40004,
        fileType: 1,
        fileSubtype: 0,
      });
      assert.deepEqual(version.translations, [{ language: 0x0409, codepage: 1200 }]);
      assert.equal(version.stringTables.length, 1);
      const table = version.stringTables[0];
      assert.ok(table);
      assert.equal(table.key.toUpperCase(), '040904B0');
      assert.equal(table.language, 0x0409);
      assert.equal(table.codepage, 1200);
      assert.deepEqual(table.strings, {
        CompanyName: 'Microsoft Corporation',
        FileDescription: 'Microsoft Exchange sample file',
        FileVersion: '5.0.1462.10',
        InternalName: 'STORE',
        OriginalFilename: 'STORE.EXE',
        ProductName: 'Microsoft Exchange',
        ProductVersion: '5.0.1462.10',
      });
      assert.deepEqual(result.anomalies, []);
    });
  }

  it('reads several languages: one StringTable each, one VersionResource per RT_VERSION language', async () => {
    const result = await read(
      writePe({
        machine: 'x64',
        fileVersion: '5.5.2653.23',
        languages: [
          { language: 0x0409, codepage: 1200 },
          { language: 0x0407, codepage: 1200 },
        ],
        resourceLanguages: [0x0409, 0x0407],
      }),
    );
    assertOk(result);
    assert.deepEqual(result.versions.map((v) => v.resourceLanguage).sort(), [0x0407, 0x0409]);
    for (const version of result.versions) {
      assert.deepEqual(version.fixed?.fileVersion, [5, 5, 2653, 23]);
      assert.deepEqual(
        version.stringTables.map((t) => [t.key.toUpperCase(), t.language, t.codepage, t.strings.FileVersion]),
        [
          ['040904B0', 0x0409, 1200, '5.5.2653.23'],
          ['040704B0', 0x0407, 1200, '5.5.2653.23'],
        ],
      );
      assert.deepEqual(version.translations, [
        { language: 0x0409, codepage: 1200 },
        { language: 0x0407, codepage: 1200 },
      ]);
    }
  });

  it('keeps comma-style and annotated FileVersion strings as written, next to the binary version', async () => {
    for (const text of ['5, 0, 1462, 10', '5.0.1462.10 (SP4.040602-1200)']) {
      const version = onlyVersion(await read(writePe({ fileVersion: '5.0.1462.10', strings: { FileVersion: text } })));
      const strings = version.stringTables[0]?.strings;
      assert.equal(strings?.FileVersion, text);
      assert.deepEqual(parseLooseVersion(text), [5, 0, 1462, 10]);
      assert.deepEqual(version.fixed?.fileVersion, [5, 0, 1462, 10]);
    }
  });

  it('reports ProductVersion separately from FileVersion', async () => {
    const version = onlyVersion(await read(writePe({ fileVersion: '5.0.1462.10', productVersion: '5.0.1457.7' })));
    assert.deepEqual(version.fixed?.fileVersion, [5, 0, 1462, 10]);
    assert.deepEqual(version.fixed?.productVersion, [5, 0, 1457, 7]);
    assert.equal(version.stringTables[0]?.strings.ProductVersion, '5.0.1457.7');
  });

  it('says "no version resource" (ok, versions []) for a PE without one', async () => {
    const result = await read(writePe({ versionResource: false }));
    assertOk(result);
    assert.deepEqual(result.versions, []);
  });

  it('says "no version resource" when the resource tree has other types only', async () => {
    const manifest = new TextEncoder().encode('<assembly/>');
    const layout = buildResourceSection(0x1000, [
      { type: 24, id: 1, lang: 0x0409, data: manifest },
      { type: 'TYPELIB', id: 1, lang: 0, data: manifest },
    ]);
    const result = await read(peWithResourceSection(layout.bytes));
    assertOk(result);
    assert.deepEqual(result.versions, []);
  });

  it('reads machine type and DLL flag, and Alpha images patched by the writer', async () => {
    const cases = [
      { options: { machine: 'i386', dll: true }, format: 'PE32', machine: 'i386', code: 0x14c, isDll: true },
      { options: { machine: 'x64', dll: false }, format: 'PE32+', machine: 'x64', code: 0x8664, isDll: false },
      { options: { machine: 'alpha', dll: true }, format: 'PE32', machine: 'alpha', code: 0x184, isDll: true },
      { options: { machine: 'alpha', dll: false }, format: 'PE32', machine: 'alpha', code: 0x184, isDll: false },
    ] as const;
    for (const c of cases) {
      const result = await read(writePe({ ...c.options, fileVersion: '4.0.996.0', timeDateStamp: 0x32000000 }));
      assertOk(result);
      assert.equal(result.image.format, c.format);
      assert.equal(result.image.machine, c.machine);
      assert.equal(result.image.machineCode, c.code);
      assert.equal(result.image.isDll, c.isDll);
      assert.equal(result.image.timeDateStamp, 0x32000000);
      const version = onlyVersion(result);
      assert.deepEqual(version.fixed?.fileVersion, [4, 0, 996, 0]);
      assert.equal(version.fixed?.fileType, c.isDll ? 2 : 1);
    }
  });
});

describe('VS_VERSIONINFO quirks (raw bytes)', () => {
  it('reads VarFileInfo before StringFileInfo', async () => {
    const blob = versionInfoBytes({
      fixed: exchangeFixed,
      children: [
        varFileInfo([{ language: 0x0409, codepage: 1252 }]),
        stringFileInfo([stringTable('040904E4', { FileVersion: '5.0.1462.10', ProductName: 'Microsoft Exchange' })]),
      ],
    });
    for (const machine of ['i386', 'x64'] as const) {
      const result = await read(withBlob(blob, machine));
      const version = onlyVersion(result);
      assert.deepEqual(version.translations, [{ language: 0x0409, codepage: 1252 }]);
      assert.deepEqual(version.stringTables, [
        { key: '040904E4', language: 0x0409, codepage: 1252, strings: { FileVersion: '5.0.1462.10', ProductName: 'Microsoft Exchange' } },
      ]);
      assert.deepEqual(version.fixed?.fileVersion, [5, 0, 1462, 10]);
      assertOk(result);
      assert.deepEqual(result.anomalies, []);
    }
  });

  it('reads several StringTables, including a language-neutral 000004B0 one', async () => {
    const blob = versionInfoBytes({
      fixed: exchangeFixed,
      children: [
        stringFileInfo([
          stringTable('000004B0', { FileVersion: '5.0.1462.10' }),
          stringTable('040904B0', { FileVersion: '5, 0, 1462, 10' }),
          stringTable('040704E4', { FileVersion: '5.0' }),
        ]),
        varFileInfo([
          { language: 0, codepage: 1200 },
          { language: 0x0409, codepage: 1200 },
        ]),
      ],
    });
    const version = onlyVersion(await read(withBlob(blob)));
    assert.deepEqual(
      version.stringTables.map((t) => [t.key, t.language, t.codepage, t.strings.FileVersion]),
      [
        ['000004B0', 0, 1200, '5.0.1462.10'],
        ['040904B0', 0x0409, 1200, '5, 0, 1462, 10'],
        ['040704E4', 0x0407, 1252, '5.0'],
      ],
    );
    assert.deepEqual(version.translations, [
      { language: 0, codepage: 1200 },
      { language: 0x0409, codepage: 1200 },
    ]);
  });

  it('tolerates String wValueLength in bytes, 0, or too large, and missing terminators', async () => {
    const blob = versionInfoBytes({
      fixed: exchangeFixed,
      children: [
        stringFileInfo([
          stringTable('040904B0', [
            stringEntry('InBytes', '5, 0, 1462, 10', { valueLength: ('5, 0, 1462, 10'.length + 1) * 2 }),
            stringEntry('Zero', 'zero length', { valueLength: 0 }),
            stringEntry('Huge', 'huge length', { valueLength: 0xffff }),
            stringEntry('NoTerminator', 'abc', { terminate: false }),
            stringEntry('NoTerminatorOdd', 'abcd', { terminate: false }),
            stringEntry('Empty', ''),
            stringEntry('TrailingNuls', 'x\0\0\0'),
            stringEntry('Words', 'exact'),
          ]),
        ]),
      ],
    });
    const version = onlyVersion(await read(withBlob(blob)));
    assert.deepEqual(version.stringTables[0]?.strings, {
      InBytes: '5, 0, 1462, 10',
      Zero: 'zero length',
      Huge: 'huge length',
      NoTerminator: 'abc',
      NoTerminatorOdd: 'abcd',
      Empty: '',
      TrailingNuls: 'x',
      Words: 'exact',
    });
  });

  it('decodes strings as a UTF-16LE TextDecoder does: a leading byte-order mark dropped, a lone surrogate as U+FFFD', async () => {
    const strings = { CompanyName: '\ufeffContoso', Bom: 'a\ufeffb', Lone: 'x\ud800y', Low: '\udc00', Pair: 'smile \ud83d\ude00' };
    const odd = onlyVersion(
      await read(withBlob(versionInfoBytes({ fixed: exchangeFixed, children: [stringFileInfo([stringTable('040904B0', strings)])] }))),
    );
    assert.deepEqual(odd.stringTables[0]?.strings, {
      CompanyName: 'Contoso',
      Bom: 'a\ufeffb',
      Lone: 'x\ufffdy',
      Low: '\ufffd',
      Pair: 'smile \ud83d\ude00',
    });
    // A key is decoded alike; a blob with nothing odd in it reads the same by any route.
    const plain = onlyVersion(
      await read(
        withBlob(
          versionInfoBytes({
            fixed: exchangeFixed,
            children: [stringFileInfo([stringTable('040904B0', { '\ufeffKey': 'v', Plain: 'text' })])],
          }),
        ),
      ),
    );
    assert.deepEqual(plain.stringTables[0]?.strings, { Key: 'v', Plain: 'text' });
  });

  it('gives no fixed info (never 0.0.0.0) and an anomaly for a bad VS_FIXEDFILEINFO signature', async () => {
    const blob = versionInfoBytes({
      fixed: fixedFileInfo({ fileVersion: [5, 0, 1462, 10], signature: 0xfeef04be }),
      children: [stringFileInfo([stringTable('040904B0', { FileVersion: '5.0.1462.10' })])],
    });
    const result = await read(withBlob(blob));
    const version = onlyVersion(result);
    assert.equal(version.fixed, undefined);
    assert.equal(version.stringTables[0]?.strings.FileVersion, '5.0.1462.10');
    assertOk(result);
    assert.equal(result.anomalies.length, 1);
    assert.match(result.anomalies[0]?.message ?? '', /signature 0xfeef04be.*expected 0xfeef04bd/);
    assert.equal(result.anomalies[0]?.offset, version.offset === undefined ? -1 : version.offset + 40);
  });

  it('reads a resource without fixed info (wValueLength 0), and one whose wValueLength 0 hides a fixed info', async () => {
    const none = onlyVersion(
      await read(withBlob(versionInfoBytes({ children: [stringFileInfo([stringTable('040904B0', { FileVersion: '1.2' })])] }))),
    );
    assert.equal(none.fixed, undefined);
    assert.equal(none.stringTables[0]?.strings.FileVersion, '1.2');
    const hidden = await read(
      withBlob(versionInfoBytes({ fixed: exchangeFixed, valueLength: 0, children: [varFileInfo([{ language: 0x409, codepage: 1200 }])] })),
    );
    assert.deepEqual(onlyVersion(hidden).fixed?.fileVersion, [5, 0, 1462, 10]);
    assert.deepEqual(onlyVersion(hidden).translations, [{ language: 0x409, codepage: 1200 }]);
    assertOk(hidden);
    assert.match(hidden.anomalies[0]?.message ?? '', /wValueLength 0 but a VS_FIXEDFILEINFO follows/);
  });

  it('stops a branch with an anomaly on wLength 0 or wLength past the parent, and keeps what came before', async () => {
    const blob = versionInfoBytes({
      fixed: exchangeFixed,
      children: [
        stringFileInfo([
          stringTable('040904B0', [
            stringEntry('FileVersion', '5.0.1462.10'),
            stringEntry('TooLong', 'y', { length: 0x400 }),
            stringEntry('After', 'z'),
          ]),
          stringTable('040704B0', [
            stringEntry('FileVersion', '5.0.1462.10'),
            stringEntry('Zero', 'y', { length: 0 }),
            stringEntry('After', 'z'),
          ]),
        ]),
        varFileInfo([{ language: 0x409, codepage: 1200 }]),
      ],
    });
    const result = await read(withBlob(blob));
    const version = onlyVersion(result);
    assert.deepEqual(
      version.stringTables.map((t) => t.strings),
      [{ FileVersion: '5.0.1462.10' }, { FileVersion: '5.0.1462.10' }],
    );
    assert.deepEqual(version.translations, [{ language: 0x409, codepage: 1200 }]);
    assertOk(result);
    const messages = result.anomalies.map((a) => a.message).join('\n');
    assert.match(messages, /wLength 1024, running \d+ bytes past the end of StringTable 040904B0/);
    assert.match(messages, /node with wLength 0 at offset 0x[0-9a-f]+ in StringTable 040704B0; rest of StringTable 040704B0 skipped/);
  });

  it('never loops on zeros after the fixed info (wLength 0), and reports file offsets', () => {
    const looping = new Uint8Array(200);
    looping.set(versionInfoBytes({ fixed: exchangeFixed, children: [] }));
    new DataView(looping.buffer).setUint16(0, 200, true);
    const parsed = parseVersionInfo(looping, 0x1000);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.info.fixed?.fileVersion, [5, 0, 1462, 10]);
    assert.deepEqual(
      parsed.anomalies.map((a) => [a.offset, a.message]),
      [[0x105c, 'node with wLength 0 at offset 0x105c in VS_VERSIONINFO; rest of VS_VERSIONINFO skipped']],
    );
  });

  it('refuses a blob whose key is not VS_VERSION_INFO, and a 16-bit ANSI VERSIONINFO', async () => {
    const wrongKey = await read(withBlob(versionInfoBytes({ key: 'VS_VERSION_INF0', fixed: exchangeFixed, children: [] })));
    assertFailed(wrongKey, 'corrupt', /VS_VERSIONINFO key at offset 0x[0-9a-f]+ is "VS_VERSION_INF0", expected "VS_VERSION_INFO"/);
    assert.ok(wrongKey.image, 'the image headers are still reported');
    const ansi = new Uint8Array(72);
    ansi.set(new TextEncoder().encode('VS_VERSION_INFO\0'), 4);
    new DataView(ansi.buffer).setUint16(0, 72, true);
    assertFailed(await read(withBlob(ansi)), 'corrupt', /16-bit \(ANSI\) VERSIONINFO/);
  });

  it('parses a blob directly, with file offsets in anomalies', () => {
    const blob = versionInfoBytes({ fixed: fixedFileInfo({ fileVersion: [1, 2, 3, 4], signature: 0 }), children: [] });
    const parsed = parseVersionInfo(blob, 0x400);
    assert.ok(parsed.ok);
    assert.equal(parsed.info.fixed, undefined);
    assert.equal(parsed.anomalies[0]?.offset, 0x400 + 40);
    const tooSmall = parseVersionInfo(new Uint8Array(4), 0x10);
    assert.equal(tooSmall.ok, false);
    assert.ok(!tooSmall.ok && /0x10 is 4 bytes, too small/.test(tooSmall.message));
  });

  it('does not let a "__proto__" string key escape into the prototype', async () => {
    const blob = versionInfoBytes({
      children: [stringFileInfo([stringTable('040904B0', { __proto__: 'x', FileVersion: '1.0' } as Record<string, string>)])],
    });
    const strings = onlyVersion(await read(withBlob(blob))).stringTables[0]?.strings ?? {};
    assert.equal(Object.getPrototypeOf(strings), Object.prototype);
    assert.equal(strings.FileVersion, '1.0');
  });
});

describe('files that are not PE images', () => {
  const cases: { name: string; bytes: Uint8Array; message: RegExp }[] = [
    { name: 'empty file', bytes: new Uint8Array(0), message: /^file is empty \(0 bytes\)$/ },
    { name: 'one byte', bytes: new Uint8Array([0x4d]), message: /file is 1 byte, too small for an MZ header/ },
    {
      name: 'text file',
      bytes: new TextEncoder().encode('hello, this is a README\n'),
      message: /^no MZ signature at offset 0 \(file starts with bytes 68 65 6c 6c\)$/,
    },
    { name: 'ELF file', bytes: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), message: /no MZ signature at offset 0/ },
    { name: 'DOS-only MZ, e_lfanew 0', bytes: dosOnlyExecutable(), message: /^DOS-only MZ executable \(no PE header\)/ },
    {
      name: 'DOS-only MZ, e_lfanew at code',
      bytes: dosOnlyExecutable(0x40),
      message: /^DOS-only MZ executable \(no PE header\): no PE signature at offset 0x40/,
    },
    {
      name: 'DOS-only MZ, e_lfanew past the end',
      bytes: dosOnlyExecutable(0x12345),
      message: /^DOS-only MZ executable \(no PE header\): e_lfanew 0x12345 points past the end/,
    },
    { name: 'NE executable', bytes: newExecutable('NE'), message: /^NE \(16-bit Windows\) executable, not PE/ },
    { name: 'LE executable', bytes: newExecutable('LE'), message: /^LE\/LX executable, not PE/ },
    { name: 'LX executable', bytes: newExecutable('LX'), message: /^LE\/LX executable, not PE/ },
  ];
  for (const c of cases) {
    it(`says not-pe for a ${c.name}`, async () => {
      const result = await read(c.bytes);
      assertFailed(result, 'not-pe', c.message);
      assert.equal(result.image, undefined);
    });
  }

  it('says corrupt for an unexpected optional header Magic, naming it', async () => {
    const result = await read(buildRawPe({ magic: 0x107 }));
    assertFailed(result, 'corrupt', /^unexpected optional header Magic 0x107 \(a ROM image\) at offset 0x58/);
    assert.equal(result.offset, 0x58);
  });
});

describe('truncated files', () => {
  for (const machine of ['i386', 'x64'] as const) {
    it(`fails or reads correctly at every truncation of a ${machine} fixture, never a wrong version`, async () => {
      const full = writePe({ machine, fileVersion: '5.0.1462.10', strings: { FileVersion: '5, 0, 1462, 10' } });
      const complete = await read(full);
      const version = onlyVersion(complete);
      const blobOffset = version.offset ?? 0;
      const blobEnd = blobOffset + ((full[blobOffset] ?? 0) | ((full[blobOffset + 1] ?? 0) << 8)); // + wLength
      let firstOk = -1;
      for (let size = 0; size < full.byteLength; size++) {
        const result = await read(full.subarray(0, size));
        if (result.ok) {
          if (firstOk < 0) firstOk = size;
          const v = onlyVersion(result);
          assert.deepEqual(v.fixed?.fileVersion, [5, 0, 1462, 10], `size ${size}`);
          assert.equal(v.stringTables[0]?.strings.FileVersion, '5, 0, 1462, 10', `size ${size}`);
          assert.ok(
            result.anomalies.some((a) => /inside the data of section ".rsrc"/.test(a.message)),
            `size ${size}: truncation noted`,
          );
        } else {
          assert.equal(firstOk, -1, `size ${size} fails after a shorter prefix read fine`);
          assert.equal(result.code, size < 2 ? 'not-pe' : 'truncated', `size ${size}: ${result.message}`);
          if (size >= 2) assert.match(result.message, new RegExp(`^file ends at ${size} bytes, (inside|before) `), `size ${size}`);
        }
      }
      assert.equal(firstOk, blobEnd, 'a prefix reads only once the whole version resource is in it');
    });
  }

  it('names the structure the file ends in, with the size it needs', async () => {
    const full = writePe();
    const sectionTable = 0x80 + 4 + 20 + 224; // pe-library puts the PE header at 0x80
    assertFailed(await read(full.subarray(0, 40)), 'truncated', /^file ends at 40 bytes, inside the DOS header \(needs 64\)$/);
    assertFailed(
      await read(full.subarray(0, 0x70)),
      'truncated',
      /^file ends at 112 bytes, before the new executable header that e_lfanew puts at offset 0x80/,
    );
    assertFailed(await read(full.subarray(0, 0x90)), 'truncated', /^file ends at 144 bytes, inside the COFF file header \(needs 152\)$/);
    assertFailed(await read(full.subarray(0, 0xa0)), 'truncated', /^file ends at 160 bytes, inside the optional header \(needs 272\)$/);
    assertFailed(
      await read(full.subarray(0, sectionTable + 10)),
      'truncated',
      new RegExp(`^file ends at ${sectionTable + 10} bytes, inside the section table \\(needs ${sectionTable + 40}\\)$`),
    );
    const result = await read(full.subarray(0, 0x210));
    assertFailed(result, 'truncated', /^file ends at 528 bytes, inside the root resource directory at offset 0x200/);
    assert.equal(result.image?.machine, 'i386');
  });
});

describe('resource trees laid out by hand', () => {
  const blob = versionInfoBytes({
    fixed: exchangeFixed,
    children: [stringFileInfo([stringTable('040904B0', { FileVersion: '5.0.1462.10' })])],
  });

  it('reads a named RT_VERSION entry and several ids and languages', async () => {
    const other = versionInfoBytes({ fixed: fixedFileInfo({ fileVersion: [6, 0, 0, 1] }), children: [] });
    const layout = buildResourceSection(0x1000, [
      { type: 16, id: 1, lang: 0x0409, data: blob },
      { type: 16, id: 1, lang: 0x0411, data: other },
      { type: 16, id: 'VERSION', lang: 0, data: other },
    ]);
    const result = await read(peWithResourceSection(layout.bytes));
    assertOk(result);
    assert.deepEqual(
      result.versions.map((v) => [v.resourceId, v.resourceLanguage, v.fixed?.fileVersion.join('.')]),
      [
        ['VERSION', 0, '6.0.0.1'],
        [1, 0x0409, '5.0.1462.10'],
        [1, 0x0411, '6.0.0.1'],
      ],
    );
  });

  it('maps RVAs through the section table: data in another section, and SizeOfRawData < VirtualSize', async () => {
    // .rsrc holds the tree; the VS_VERSIONINFO lives in .data at RVA 0x2000 + 0x10.
    const layout = buildResourceSection(0x1000, [{ type: 16, id: 1, lang: 0x0409, data: new Uint8Array(0), dataRva: 0x2010 }]);
    const dataEntry = layout.dataEntries[0] as number;
    new DataView(layout.bytes.buffer).setUint32(dataEntry + 4, blob.byteLength, true);
    const data = new Uint8Array(0x10 + blob.byteLength);
    data.set(blob, 0x10);
    const image = buildRawPe({
      sections: [
        { name: '.rsrc', virtualAddress: 0x1000, data: layout.bytes, virtualSize: 0x800 },
        { name: '.data', virtualAddress: 0x2000, data, virtualSize: 0x1000 },
      ],
      resource: { rva: 0x1000, size: layout.bytes.byteLength },
    });
    const version = onlyVersion(await read(image));
    assert.deepEqual(version.fixed?.fileVersion, [5, 0, 1462, 10]);
    assert.equal(version.offset, 0x400 + 0x10);

    // Pointing the data into .data's zero-filled tail (past SizeOfRawData, inside VirtualSize) reads zeros: corrupt, not a version.
    new DataView(layout.bytes.buffer).setUint32(dataEntry, 0x2800, true);
    const zeros = buildRawPe({
      sections: [
        { name: '.rsrc', virtualAddress: 0x1000, data: layout.bytes },
        { name: '.data', virtualAddress: 0x2000, data, virtualSize: 0x1000 },
      ],
      resource: { rva: 0x1000, size: layout.bytes.byteLength },
    });
    assertFailed(await read(zeros), 'corrupt', /wLength 0/);
  });

  it('says corrupt when the resource directory RVA is in no section', async () => {
    const image = buildRawPe({
      sections: [{ name: '.text', virtualAddress: 0x1000, data: new Uint8Array(0x100) }],
      resource: { rva: 0x9000, size: 0x100 },
    });
    assertFailed(await read(image), 'corrupt', /^resource directory RVA 0x9000 is not inside any section$/);
  });

  it('says corrupt when the version data RVA is in no section', async () => {
    const layout = buildResourceSection(0x1000, [{ type: 16, id: 1, lang: 0x0409, data: blob, dataRva: 0x7777000 }]);
    assertFailed(
      await read(peWithResourceSection(layout.bytes)),
      'corrupt',
      /^version resource data RVA 0x7777000 \(data entry at offset 0x[0-9a-f]+\) is not inside any section$/,
    );
  });

  it('says corrupt when a directory entry points outside the .rsrc data', async () => {
    const layout = buildResourceSection(0x1000, [{ type: 16, id: 1, lang: 0x0409, data: blob }]);
    const typeEntry = (layout.directories[0] as number) + 16;
    new DataView(layout.bytes.buffer).setUint32(typeEntry + 4, 0x80000000 | 0x1234, true);
    assertFailed(
      await read(peWithResourceSection(layout.bytes)),
      'corrupt',
      new RegExp(
        '^resource directory entry at offset 0x210 points to the RT_VERSION directory at directory offset 0x1234, ' +
          String.raw`outside the \.rsrc data \(512 bytes from RVA 0x1000 in section ".rsrc"\)$`,
      ),
    );
  });

  it('detects a cycle (an entry pointing back at its own or a parent directory)', async () => {
    for (const target of ['root', 'self'] as const) {
      const layout = buildResourceSection(0x1000, [{ type: 16, id: 1, lang: 0x0409, data: blob }]);
      const [, typeDir = 0] = layout.directories;
      const v = new DataView(layout.bytes.buffer);
      // The RT_VERSION directory's only entry should point at the language directory.
      v.setUint32(typeDir + 16 + 4, (0x80000000 | (target === 'root' ? 0 : typeDir)) >>> 0, true);
      const result = await read(peWithResourceSection(layout.bytes));
      assertFailed(
        result,
        'corrupt',
        /^resource directory entry at offset 0x[0-9a-f]+ points back at the directory at offset 0x[0-9a-f]+ above it \(a cycle\)$/,
      );
    }
  });

  it('reads a directory of 65,535 entries in one bounded read, not 65,535', async () => {
    const layout = buildResourceSection(0x1000, [{ type: 16, id: 1, lang: 0x0409, data: blob }]);
    // Re-lay the tree: RT_VERSION directory claims 65,535 id entries, each pointing at the same language directory.
    const rsrc = new Uint8Array(0x90000);
    rsrc.set(layout.bytes);
    const v = new DataView(rsrc.buffer);
    const [root = 0, , languageDir = 0] = layout.directories;
    const bigDir = 0x1000;
    v.setUint32(root + 16 + 4, (0x80000000 | bigDir) >>> 0, true);
    v.setUint16(bigDir + 14, 0xffff, true);
    for (let i = 0; i < 0xffff; i++) {
      v.setUint32(bigDir + 16 + 8 * i, i + 1, true);
      v.setUint32(bigDir + 16 + 8 * i + 4, (0x80000000 | languageDir) >>> 0, true);
    }
    const image = peWithResourceSection(rsrc);
    let reads = 0;
    const inner = bufferSource(image);
    const counting: ByteSource = {
      size: inner.size,
      read: (p, l) => {
        reads++;
        return inner.read(p, l);
      },
    };
    const result = await readPeVersionInfo(counting);
    assertOk(result);
    assert.equal(result.versions.length, 1, 'entries sharing one language directory are read once');
    assert.ok(result.anomalies.some((a) => /declares 65535 entries; only the first 1024 are read/.test(a.message)));
    assert.ok(result.anomalies.some((a) => /already read for another entry; skipped/.test(a.message)));
    assert.ok(reads <= 10, `${reads} reads`);
    assert.ok(inner.bytesRead < 16 * 1024, `${inner.bytesRead} bytes read`);
  });

  it('caps the directories read, and does not claim "no version resource" when a cap stopped the walk', async () => {
    const leaves = Array.from({ length: 100 }, (_, i) => ({ type: 16, id: i + 1, lang: 0x409, data: blob }));
    const layout = buildResourceSection(0x1000, leaves);
    const v = new DataView(layout.bytes.buffer);
    // Empty the language directories of the first 90 names: only names 91..100 have a version.
    for (const dir of layout.directories.slice(2, 92)) v.setUint16(dir + 14, 0, true);
    let reads = 0;
    const inner = bufferSource(peWithResourceSection(layout.bytes));
    const result = await readPeVersionInfo({
      size: inner.size,
      read: (p, l) => {
        reads++;
        return inner.read(p, l);
      },
    });
    assertFailed(
      result,
      'corrupt',
      /^no version resource found before the reader's limits stopped the walk of the resource tree: more than 64 resource directories/,
    );
    assert.ok(reads <= 70, `${reads} reads`);

    // With a version among the first names, it is found and the cap is only an anomaly.
    v.setUint16((layout.directories[2] as number) + 14, 1, true);
    const found = await read(peWithResourceSection(layout.bytes));
    assertOk(found);
    assert.deepEqual(
      found.versions.map((r) => r.resourceId),
      [1],
    );
    assert.ok(found.anomalies.some((a) => /more than 64 resource directories/.test(a.message)));
  });

  it('caps the number of version resources parsed', async () => {
    const leaves = Array.from({ length: 40 }, (_, i) => ({ type: 16, id: 1, lang: i + 1, data: blob }));
    const result = await read(peWithResourceSection(buildResourceSection(0x1000, leaves).bytes));
    assertOk(result);
    assert.equal(result.versions.length, READER_LIMITS.maxVersionResources);
    assert.ok(result.anomalies.some((a) => /more than 32 RT_VERSION resources/.test(a.message)));
  });

  it('keeps the good version resource when another language is broken, noting the broken one', async () => {
    const layout = buildResourceSection(0x1000, [
      { type: 16, id: 1, lang: 0x0407, data: versionInfoBytes({ key: 'garbage', children: [] }) },
      { type: 16, id: 1, lang: 0x0409, data: blob },
    ]);
    const result = await read(peWithResourceSection(layout.bytes));
    assertOk(result);
    assert.deepEqual(
      result.versions.map((v) => v.resourceLanguage),
      [0x0409],
    );
    assert.ok(result.anomalies.some((a) => /"garbage", expected "VS_VERSION_INFO"/.test(a.message)));
  });
});

describe('reading through file handles', () => {
  it('reads a 100 MB sparse file with the PE at its front in a few KB', async () => {
    const dir = await tempDir('hotfix-verify-pe-');
    try {
      const file = path.join(dir, 'big.dll');
      await writeFile(file, writePe({ fileVersion: '5.0.1462.10' }));
      const size = 100 * 1024 * 1024;
      const handle = await open(file, 'r+');
      try {
        await handle.truncate(size);
        const source = fileHandleSource(handle, size);
        const version = onlyVersion(await readPeVersionInfo(source));
        assert.deepEqual(version.fixed?.fileVersion, [5, 0, 1462, 10]);
        assert.ok(source.bytesRead < 4096, `${source.bytesRead} bytes read`);
      } finally {
        await handle.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('turns a failing read into read-error, never an exception', async () => {
    const image = writePe();
    const rejecting: ByteSource = { size: image.byteLength, read: () => Promise.reject(new Error('EIO: i/o error, read')) };
    assertFailed(await readPeVersionInfo(rejecting), 'read-error', /^reading 1024 bytes at offset 0x0 failed: EIO: i\/o error, read$/);
    const throwing: ByteSource = {
      size: image.byteLength,
      read: () => {
        throw new Error('sync boom');
      },
    };
    assertFailed(await readPeVersionInfo(throwing), 'read-error', /sync boom/);
    // Failing after the headers: the image is still reported.
    const inner = bufferSource(image);
    const late: ByteSource = { size: image.byteLength, read: (p, l) => (p === 0 ? inner.read(p, l) : Promise.reject(new Error('gone'))) };
    const lateResult = await readPeVersionInfo(late);
    assertFailed(lateResult, 'read-error', /gone/);
    assert.equal(lateResult.image?.machine, 'i386');
    const badSize: ByteSource = { size: Number.NaN, read: (p, l) => inner.read(p, l) };
    assertFailed(await readPeVersionInfo(badSize), 'read-error', /size NaN/);
  });
});

describe('synchronous and asynchronous reads', () => {
  const blob = versionInfoBytes({
    fixed: exchangeFixed,
    children: [stringFileInfo([stringTable('040904B0', { FileVersion: '5.0.1462.10' })])],
  });

  it('give the same result; an asynchronous source is asked for each range once, in the order the reader needs them', async () => {
    const leaves = [
      { type: 16, id: 1, lang: 0x0409, data: blob },
      { type: 16, id: 1, lang: 0x0407, data: blob },
      { type: 16, id: 2, lang: 0x0409, data: versionInfoBytes({ key: 'garbage', children: [] }) },
    ];
    const image = peWithResourceSection(buildResourceSection(0x1000, leaves).bytes);
    const sync: string[] = [];
    const inner = bufferSource(image);
    const direct = readPeVersionInfoSync({
      size: inner.size,
      readSync: (p, l) => {
        sync.push(`${p}+${l}`);
        return inner.readSync(p, l);
      },
    });
    const awaited: string[] = [];
    const viaPromises = await readPeVersionInfo({
      size: inner.size,
      read: async (p, l) => {
        awaited.push(`${p}+${l}`);
        return inner.readSync(p, l);
      },
    });
    assert.deepEqual(viaPromises, direct);
    assert.equal(direct.ok, true);
    assert.deepEqual(awaited, [...new Set(sync)], 'each distinct range once, first-asked first');
    // A source that can read synchronously is read directly.
    assert.deepEqual(await readPeVersionInfo(bufferSource(image)), direct);
  });
});

describe('real third-party PE files (7-Zip 7za.exe from the 7zip-bin package)', () => {
  // Expected values were read independently of this reader: with pefile
  // (VS_FIXEDFILEINFO, StringTable, Translation, FILE_HEADER) and by decoding
  // the UTF-16LE strings and the 0xFEEF04BD structure out of the raw bytes.
  const files = [
    {
      arch: 'ia32',
      format: 'PE32',
      machine: 'i386',
      code: 0x14c,
      characteristics: 0x12e,
      stamp: 1640527200,
      fixed: [21, 7, 0, 0],
      text: '21.07',
      offset: 0xb9cc8 - 40,
    },
    {
      arch: 'x64',
      format: 'PE32+',
      machine: 'x64',
      code: 0x8664,
      characteristics: 0x22,
      stamp: 1640527200,
      fixed: [21, 7, 0, 0],
      text: '21.07',
      offset: 0x12a0c8 - 40,
    },
    {
      arch: 'arm64',
      format: 'PE32+',
      machine: 'arm64',
      code: 0xaa64,
      characteristics: 0x22,
      stamp: 1621975828,
      fixed: [21, 2, 0, 0],
      text: '21.02 alpha',
      offset: 0x107cc8 - 40,
    },
  ] as const;
  for (const f of files) {
    it(`reads win/${f.arch}/7za.exe: ${f.text}`, async () => {
      const file = path.join(repoRoot, 'node_modules', '7zip-bin', 'win', f.arch, '7za.exe');
      const handle = await open(file, 'r');
      try {
        const { size } = await handle.stat();
        const source = fileHandleSource(handle, size);
        const result = await readPeVersionInfo(source);
        assertOk(result);
        assert.deepEqual(result.image, {
          format: f.format,
          machine: f.machine,
          machineCode: f.code,
          isDll: false,
          timeDateStamp: f.stamp,
          sectionCount: 6,
          characteristics: f.characteristics,
        });
        const version = onlyVersion(result);
        assert.equal(version.resourceLanguage, 0x0409);
        assert.equal(version.offset, f.offset);
        assert.deepEqual(version.fixed, {
          fileVersion: f.fixed,
          productVersion: f.fixed,
          fileFlagsMask: 0x3f,
          fileFlags: 0,
          fileOS: 0x40004,
          fileType: 1,
          fileSubtype: 0,
        });
        assert.deepEqual(version.translations, [{ language: 0x0409, codepage: 1200 }]);
        assert.deepEqual(version.stringTables, [
          {
            key: '040904b0',
            language: 0x0409,
            codepage: 1200,
            strings: {
              CompanyName: 'Igor Pavlov',
              FileDescription: '7-Zip Standalone Console',
              FileVersion: f.text,
              InternalName: '7za',
              LegalCopyright: 'Copyright (c) 1999-2021 Igor Pavlov',
              OriginalFilename: '7za.exe',
              ProductName: '7-Zip',
              ProductVersion: f.text,
            },
          },
        ]);
        assert.deepEqual(result.anomalies, []);
        assert.ok(source.bytesRead < 4096, `${source.bytesRead} of ${size} bytes read`);
      } finally {
        await handle.close();
      }
    });
  }
});

describe('machineName', () => {
  it('names the machine codes of the era and today', () => {
    const names = [0x14c, 0x8664, 0x184, 0x284, 0x200, 0x1c0, 0x1c4, 0xaa64, 0x166, 0x1f0, 0x0, 0x9041].map(machineName);
    assert.deepEqual(names, ['i386', 'x64', 'alpha', 'alpha64', 'ia64', 'arm', 'arm', 'arm64', 'mips', 'powerpc', 'unknown', 'unknown']);
  });
});

describe('never throws, never hangs', () => {
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
  const seeds: Uint8Array[] = [
    writePe({ fileVersion: '5.0.1462.10' }),
    writePe({
      machine: 'x64',
      languages: [
        { language: 0x409, codepage: 1200 },
        { language: 0x407, codepage: 1252 },
      ],
      resourceLanguages: [0x409, 0x407],
    }),
    withBlob(quirky),
    peWithResourceSection(
      buildResourceSection(0x1000, [
        { type: 16, id: 'NAMED', lang: 0x409, data: quirky },
        { type: 16, id: 2, lang: 0x411, data: quirky },
        { type: 24, id: 1, lang: 0, data: new Uint8Array(16) },
      ]).bytes,
    ),
  ];
  const extremes = [0, 1, 0x7f, 0x80, 0xff, 0xfffe, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 0x80000000 | 0x10, 0x1000];

  it('returns a result for 600 mutated and truncated inputs, reading a bounded number of bytes', async () => {
    const random = prng(0x5eed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    let failures = 0;
    let successes = 0;
    for (let i = 0; i < 600; i++) {
      const seed = pick(seeds);
      const bytes = seed.slice();
      const view = new DataView(bytes.buffer);
      const mutations = 1 + Math.floor(random() * 4);
      for (let m = 0; m < mutations; m++) {
        const kind = random();
        if (kind < 0.4) {
          bytes[Math.floor(random() * bytes.byteLength)] = Math.floor(random() * 256);
        } else if (kind < 0.8) {
          // Extreme 16- or 32-bit values where lengths, counts and offsets live.
          const at = Math.floor(random() * (bytes.byteLength - 4)) & ~1;
          const value = pick(extremes);
          if (random() < 0.5) view.setUint16(at, value & 0xffff, true);
          else view.setUint32(at, value >>> 0, true);
        } else {
          bytes.fill(0, Math.floor(random() * bytes.byteLength), bytes.byteLength);
        }
      }
      const input = random() < 0.3 ? bytes.subarray(0, Math.floor(random() * bytes.byteLength)) : bytes;
      const source = bufferSource(input);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), 2000);
      });
      const result = await Promise.race([readPeVersionInfo(source), timeout]);
      clearTimeout(timer);
      assert.notEqual(result, 'timeout', `input ${i} hung`);
      if (result === 'timeout') return;
      assert.equal(typeof result.ok, 'boolean');
      if (result.ok) {
        successes++;
        for (const v of result.versions) {
          if (v.fixed) for (const part of v.fixed.fileVersion) assert.ok(part >= 0 && part <= 0xffff);
        }
      } else {
        failures++;
        assert.ok(['not-pe', 'truncated', 'corrupt', 'read-error'].includes(result.code));
        assert.doesNotMatch(result.message, /unexpected failure/, `input ${i}: ${result.message}`);
        assert.ok(result.message.length > 10);
      }
      assert.ok(source.bytesRead < 3 * 1024 * 1024, `input ${i}: ${source.bytesRead} bytes read`);
    }
    assert.ok(failures > 50 && successes > 50, `${successes} read, ${failures} refused`);
  });
});
