/**
 * Writes small, valid PE images with a version resource: the sample server
 * image of the `demo` command and the test fixtures. The image is made by
 * pe-library and the VS_VERSIONINFO by resedit, so our own reader is checked
 * against an independent writer. Output is deterministic (same options, same
 * bytes) and fast (a fraction of a millisecond per image).
 */
import { NtExecutable, NtExecutableResource } from 'pe-library';
import { Resource } from 'resedit';
import { parseVersion, type WindowsVersion } from '../version/windowsVersion.js';
import {
  IMAGE_FILE_MACHINE_ALPHA,
  RT_VERSION,
  VFT_APP,
  VFT_DLL,
  VOS_NT_WINDOWS32,
  VS_FFI_FILEFLAGSMASK,
  VS_VERSION_INFO,
} from './constants.js';

/** What to put into the image. Every field has a default. */
export interface PeWriteOptions {
  /** Default 'i386'; 'x64' makes a PE32+ image; 'alpha' a PE32 image with Machine 0x184. */
  machine?: 'i386' | 'x64' | 'alpha';
  /** Sets IMAGE_FILE_DLL; default true. */
  dll?: boolean;
  /** Strict "a.b.c.d": VS_FIXEDFILEINFO file version and the default FileVersion string. Default "1.0.0.0". */
  fileVersion?: string;
  /** Strict "a.b.c.d": VS_FIXEDFILEINFO product version and the default ProductVersion string. Default: fileVersion. */
  productVersion?: string;
  /** One StringTable per entry, all listed in VarFileInfo\Translation. Default [{ language: 0x0409, codepage: 1200 }]. */
  languages?: readonly { language: number; codepage: number }[];
  /** String values added to or replacing the defaults (e.g. FileVersion: "5, 0, 1462, 10"), in every StringTable. */
  strings?: Record<string, string>;
  /** OriginalFilename string (InternalName is derived from it). Default "SAMPLE.DLL" or "SAMPLE.EXE". */
  originalFilename?: string;
  /** false: no version resource at all; bytes: a raw VS_VERSIONINFO embedded as it is (for quirk fixtures). */
  versionResource?: false | Uint8Array;
  /** Languages of the RT_VERSION resource entries (one entry each). Default [languages[0].language]. */
  resourceLanguages?: readonly number[];
  /** IMAGE_FILE_HEADER.TimeDateStamp. Default DEFAULT_TIME_DATE_STAMP. */
  timeDateStamp?: number;
  /** Zero bytes appended after the image (an overlay), for size tests. */
  overlayBytes?: number;
}

/** The default TimeDateStamp (0x33000000, February 1997): a fixed value keeps the output deterministic. */
export const DEFAULT_TIME_DATE_STAMP = 0x33000000;

const DEFAULT_LANGUAGES = [{ language: 0x0409, codepage: 1200 }] as const;

/** Writes a PE image with the version resource described by `options`; the same options always give the same bytes. */
export function writePe(options: PeWriteOptions = {}): Uint8Array {
  const machine = options.machine ?? 'i386';
  if (machine !== 'i386' && machine !== 'x64' && machine !== 'alpha') {
    throw new TypeError(`writePe: machine must be 'i386', 'x64' or 'alpha', not ${JSON.stringify(machine)}`);
  }
  const dll = options.dll ?? true;
  const exe = NtExecutable.createEmpty(machine !== 'x64', dll);
  const fileHeader = exe.newHeader.fileHeader;
  fileHeader.timeDateStamp = u32Option('timeDateStamp', options.timeDateStamp ?? DEFAULT_TIME_DATE_STAMP);
  if (machine === 'alpha') {
    // pe-library only writes i386 and AMD64 images; an Alpha NT 4.0 DLL is a PE32 image with another Machine.
    fileHeader.machine = IMAGE_FILE_MACHINE_ALPHA;
  }

  const entries = versionEntries(options, dll);
  if (entries.length > 0) {
    const resources = NtExecutableResource.from(exe);
    resources.dateTime = 0; // IMAGE_RESOURCE_DIRECTORY.TimeDateStamp; fixed for deterministic output
    resources.entries.push(...entries);
    resources.outputResource(exe);
  }

  const image = new Uint8Array(exe.generate());
  const overlay = options.overlayBytes ?? 0;
  if (!Number.isSafeInteger(overlay) || overlay < 0) {
    throw new RangeError(`writePe: overlayBytes must be a non-negative integer, not ${overlay}`);
  }
  if (overlay === 0) return image;
  const withOverlay = new Uint8Array(image.byteLength + overlay);
  withOverlay.set(image);
  return withOverlay;
}

/** The RT_VERSION resource entries for the options: one per resource language. */
function versionEntries(
  options: PeWriteOptions,
  dll: boolean,
): { type: number; id: number; lang: number; codepage: number; bin: ArrayBuffer }[] {
  if (options.versionResource === false) return [];
  const languages = options.languages ?? DEFAULT_LANGUAGES;
  const first = languages[0];
  if (!first) throw new RangeError('writePe: languages must list at least one language');
  const resourceLanguages = options.resourceLanguages ?? [first.language];

  let bin: ArrayBuffer;
  if (options.versionResource instanceof Uint8Array) {
    bin = options.versionResource.slice().buffer;
  } else {
    const fileVersionText = options.fileVersion ?? '1.0.0.0';
    const productVersionText = options.productVersion ?? fileVersionText;
    const fileVersion = parseVersion(fileVersionText);
    const productVersion = parseVersion(productVersionText);
    const originalFilename = options.originalFilename ?? (dll ? 'SAMPLE.DLL' : 'SAMPLE.EXE');
    const values: Record<string, string> = {
      CompanyName: 'Microsoft Corporation',
      FileDescription: 'Microsoft Exchange sample file',
      FileVersion: fileVersionText,
      InternalName: originalFilename.replace(/\.[^.]*$/, ''),
      OriginalFilename: originalFilename,
      ProductName: 'Microsoft Exchange',
      ProductVersion: productVersionText,
      ...options.strings,
    };
    const info = Resource.VersionInfo.create(
      first.language,
      {
        fileVersionMS: high(fileVersion),
        fileVersionLS: low(fileVersion),
        productVersionMS: high(productVersion),
        productVersionLS: low(productVersion),
        fileFlagsMask: VS_FFI_FILEFLAGSMASK,
        fileFlags: 0,
        fileOS: VOS_NT_WINDOWS32,
        fileType: dll ? VFT_DLL : VFT_APP,
        fileSubtype: 0,
      },
      languages.map(({ language, codepage }) => ({ lang: language, codepage, values })),
    );
    info.replaceAvailableLanguages(languages.map(({ language, codepage }) => ({ lang: language, codepage })));
    bin = info.generateResource().bin;
  }
  return resourceLanguages.map((lang) => ({ type: RT_VERSION, id: VS_VERSION_INFO, lang, codepage: 1200, bin }));
}

/** dwFileVersionMS: major in the high word, minor in the low word. */
function high(version: WindowsVersion): number {
  return ((version[0] << 16) | version[1]) >>> 0;
}

/** dwFileVersionLS: build in the high word, revision in the low word. */
function low(version: WindowsVersion): number {
  return ((version[2] << 16) | version[3]) >>> 0;
}

function u32Option(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`writePe: ${name} must be an integer in 0..0xFFFFFFFF, not ${value}`);
  }
  return value;
}
