/**
 * Result types of the bounded PE version-resource reader.
 */
import type { WindowsVersion } from '../version/windowsVersion.js';

/** CPU architecture named from IMAGE_FILE_HEADER.Machine. */
export type Machine = 'i386' | 'x64' | 'alpha' | 'alpha64' | 'ia64' | 'arm' | 'arm64' | 'mips' | 'powerpc' | 'unknown';

/**
 * What the PE headers say about the image. (Fields beyond the lead's brief are optional, so code that builds these by hand keeps
 * compiling.)
 */
export interface PeImage {
  /** PE32 (optional header Magic 0x10b) or PE32+ (0x20b). */
  format: 'PE32' | 'PE32+';
  machine: Machine;
  /** The raw IMAGE_FILE_HEADER.Machine value. */
  machineCode: number;
  /** IMAGE_FILE_DLL is set in Characteristics. */
  isDll: boolean;
  /** IMAGE_FILE_HEADER.TimeDateStamp (seconds since 1970, as the linker wrote it). */
  timeDateStamp: number;
  /** IMAGE_FILE_HEADER.NumberOfSections. */
  sectionCount: number;
  /** IMAGE_FILE_HEADER.Characteristics. */
  characteristics?: number;
}

/** VS_FIXEDFILEINFO, the binary part of a version resource. */
export interface FixedFileInfo {
  fileVersion: WindowsVersion;
  productVersion: WindowsVersion;
  fileFlagsMask: number;
  fileFlags: number;
  fileOS: number;
  fileType: number;
  fileSubtype: number;
}

/** One StringTable of StringFileInfo. */
export interface StringTable {
  /** The table's key as stored, e.g. "040904B0" (language id then code page, in hex). */
  key: string;
  /** Language id from the key (0x0409 for "040904B0"); 0 when the key is not 8 hex digits. */
  language: number;
  /** Code page from the key (1200 for "040904B0"); 0 when the key is not 8 hex digits. */
  codepage: number;
  /** String values by key (FileVersion, ProductVersion, CompanyName, ...), trailing NULs removed. */
  strings: Record<string, string>;
}

/** One language/code page pair of VarFileInfo\Translation. */
export interface Translation {
  language: number;
  codepage: number;
}

/** One parsed VS_VERSIONINFO resource. */
export interface VersionResource {
  /** Language id of the RT_VERSION resource entry this came from. */
  resourceLanguage: number;
  /** Name or id of the RT_VERSION resource entry (1 by convention). */
  resourceId?: number | string;
  /** File offset of the VS_VERSIONINFO data. */
  offset?: number;
  /** Absent when the resource has no VS_FIXEDFILEINFO or its signature is wrong. */
  fixed?: FixedFileInfo;
  stringTables: StringTable[];
  translations: Translation[];
}

/** Why a file could not be read as a PE image. */
export type PeErrorCode = 'not-pe' | 'truncated' | 'corrupt' | 'read-error';

/** Something odd but survivable found while reading (pefile's "warnings"). */
export interface PeAnomaly {
  /** File offset the anomaly was found at. */
  offset: number;
  message: string;
}

/** Outcome of readPeVersionInfo: never an exception. */
export type PeReadResult =
  // versions: [] means "PE file with no version resource"
  | { ok: true; image: PeImage; versions: VersionResource[]; anomalies: PeAnomaly[] }
  | { ok: false; code: PeErrorCode; message: string; offset?: number; image?: PeImage; anomalies: PeAnomaly[] };
