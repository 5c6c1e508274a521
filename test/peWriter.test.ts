import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NtExecutable, NtExecutableResource } from 'pe-library';
import { Resource } from 'resedit';
import { bufferSource } from '../src/pe/byteSource.js';
import { readPeVersionInfo } from '../src/pe/readPeVersionInfo.js';
import { DEFAULT_TIME_DATE_STAMP, writePe } from '../src/pe/writePe.js';
import { VersionSyntaxError } from '../src/version/windowsVersion.js';
import { fixedFileInfo, stringFileInfo, stringTable, versionInfoBytes } from './helpers/versionInfoBytes.js';

const u16 = (bytes: Uint8Array, at: number): number => new DataView(bytes.buffer, bytes.byteOffset).getUint16(at, true);
const u32 = (bytes: Uint8Array, at: number): number => new DataView(bytes.buffer, bytes.byteOffset).getUint32(at, true);
/** File offset of the COFF file header ("PE\0\0" + 4). */
const coff = (bytes: Uint8Array): number => u32(bytes, 0x3c) + 4;

/** Finds `needle` in `haystack`; -1 when absent. */
function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).indexOf(
    Buffer.from(needle.buffer, needle.byteOffset, needle.byteLength),
  );
}

describe('writePe', () => {
  it('is deterministic: the same options give the same bytes', () => {
    const options = {
      machine: 'x64',
      fileVersion: '5.5.2653.23',
      languages: [
        { language: 0x409, codepage: 1200 },
        { language: 0x407, codepage: 1200 },
      ],
      resourceLanguages: [0x409, 0x407],
    } as const;
    assert.deepEqual(
      writePe(options),
      writePe({ ...options, languages: [...options.languages], resourceLanguages: [...options.resourceLanguages] }),
    );
    assert.deepEqual(writePe(), writePe({}));
  });

  it('writes a small PE32 DLL by default, with the fixed TimeDateStamp', () => {
    const image = writePe();
    assert.ok(image.byteLength <= 2048, `${image.byteLength} bytes`);
    assert.equal(u16(image, 0), 0x5a4d);
    assert.equal(u32(image, coff(image) - 4), 0x4550);
    assert.equal(u16(image, coff(image)), 0x14c);
    assert.equal(u32(image, coff(image) + 4), DEFAULT_TIME_DATE_STAMP);
    assert.equal(u16(image, coff(image) + 18) & 0x2000, 0x2000);
    assert.equal(u16(image, coff(image) + 20), 0x10b);
  });

  it('sets Machine, Magic, IMAGE_FILE_DLL and TimeDateStamp as asked', () => {
    const x64 = writePe({ machine: 'x64', dll: false, timeDateStamp: 0x12345678 });
    assert.equal(u16(x64, coff(x64)), 0x8664);
    assert.equal(u16(x64, coff(x64) + 20), 0x20b);
    assert.equal(u16(x64, coff(x64) + 18) & 0x2000, 0);
    assert.equal(u32(x64, coff(x64) + 4), 0x12345678);
    const alpha = writePe({ machine: 'alpha' });
    assert.equal(u16(alpha, coff(alpha)), 0x184);
    assert.equal(u16(alpha, coff(alpha) + 20), 0x10b);
  });

  it('writes images that pe-library and resedit read back (an independent check of the writer)', () => {
    const image = writePe({
      fileVersion: '5.0.1462.10',
      productVersion: '5.0.1460.8',
      strings: { FileVersion: '5, 0, 1462, 10' },
      originalFilename: 'MAD.EXE',
      dll: false,
    });
    const exe = NtExecutable.from(image);
    assert.equal(exe.is32bit(), true);
    const [info, ...more] = Resource.VersionInfo.fromEntries(NtExecutableResource.from(exe).entries);
    assert.ok(info);
    assert.equal(more.length, 0);
    assert.equal(info.lang, 0x409);
    assert.equal(info.fixedInfo.fileVersionMS, (5 << 16) | 0);
    assert.equal(info.fixedInfo.fileVersionLS, (1462 << 16) | 10);
    assert.equal(info.fixedInfo.productVersionLS, (1460 << 16) | 8);
    assert.equal(info.fixedInfo.fileType, 1);
    assert.deepEqual(info.getStringValues({ lang: 0x409, codepage: 1200 }), {
      CompanyName: 'Microsoft Corporation',
      FileDescription: 'Microsoft Exchange sample file',
      FileVersion: '5, 0, 1462, 10',
      InternalName: 'MAD',
      OriginalFilename: 'MAD.EXE',
      ProductName: 'Microsoft Exchange',
      ProductVersion: '5.0.1460.8',
    });
  });

  it('stores the resource under every resourceLanguages entry', async () => {
    const result = await readPeVersionInfo(bufferSource(writePe({ resourceLanguages: [0x409, 0x40c, 0x411] })));
    assert.ok(result.ok);
    assert.deepEqual(
      result.versions.map((v) => v.resourceLanguage).sort((a, b) => a - b),
      [0x409, 0x40c, 0x411],
    );
  });

  it('embeds raw VS_VERSIONINFO bytes as they are', async () => {
    const blob = versionInfoBytes({
      fixed: fixedFileInfo({ fileVersion: [5, 0, 1462, 10] }),
      children: [stringFileInfo([stringTable('040904E4', { FileVersion: 'raw' })])],
    });
    const image = writePe({ versionResource: blob });
    const at = indexOf(image, blob);
    assert.ok(at > 0, 'the blob is in the image unchanged');
    const result = await readPeVersionInfo(bufferSource(image));
    assert.ok(result.ok);
    assert.equal(result.versions[0]?.offset, at);
  });

  it('writes no resource section at all for versionResource: false', () => {
    const image = writePe({ versionResource: false });
    assert.equal(u16(image, coff(image) + 2), 0, 'NumberOfSections');
    const resourceEntry = coff(image) + 20 + 96 + 2 * 8;
    assert.equal(u32(image, resourceEntry), 0);
  });

  it('appends overlayBytes zero bytes', async () => {
    const base = writePe();
    const padded = writePe({ overlayBytes: 10_000 });
    assert.equal(padded.byteLength, base.byteLength + 10_000);
    assert.deepEqual(padded.subarray(0, base.byteLength), base);
    assert.ok(padded.subarray(base.byteLength).every((b) => b === 0));
    const result = await readPeVersionInfo(bufferSource(padded));
    assert.ok(result.ok && result.versions.length === 1);
  });

  it('refuses bad options with a clear error', () => {
    assert.throws(() => writePe({ fileVersion: '5.0' }), VersionSyntaxError);
    assert.throws(() => writePe({ languages: [] }), /at least one language/);
    assert.throws(() => writePe({ machine: 'mips' as 'i386' }), /machine must be/);
    assert.throws(() => writePe({ timeDateStamp: -1 }), /timeDateStamp/);
    assert.throws(() => writePe({ overlayBytes: 1.5 }), /overlayBytes/);
  });

  it('is fast: thousands of images per second', () => {
    const count = 2000;
    const start = performance.now();
    for (let i = 0; i < count; i++) writePe({ machine: i % 2 ? 'x64' : 'i386', fileVersion: `5.0.${1400 + (i % 100)}.${i % 50}` });
    const seconds = (performance.now() - start) / 1000;
    assert.ok(count / seconds > 1000, `${Math.round(count / seconds)} images per second`);
  });
});
