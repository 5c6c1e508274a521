/**
 * The PE headers, decoded in one place from the field offsets named in
 * constants.ts: IMAGE_DOS_HEADER, the "PE\0\0" signature (or what stands there
 * instead: NE, LE, LX, nothing), IMAGE_FILE_HEADER and the parts of the
 * optional header the reader needs. Each check fails with the place and the
 * value that is wrong.
 */
import {
  IMAGE_DATA_DIRECTORY,
  IMAGE_DIRECTORY_ENTRY_RESOURCE,
  IMAGE_DOS_HEADER,
  IMAGE_DOS_SIGNATURE,
  IMAGE_FILE_DLL,
  IMAGE_FILE_HEADER,
  IMAGE_NT_OPTIONAL_HDR32_MAGIC,
  IMAGE_NT_OPTIONAL_HDR64_MAGIC,
  IMAGE_NT_SIGNATURE,
  IMAGE_OPTIONAL_HEADER32,
  IMAGE_OPTIONAL_HEADER64,
  IMAGE_OS2_SIGNATURE,
  IMAGE_OS2_SIGNATURE_LE,
  IMAGE_OS2_SIGNATURE_LX,
  IMAGE_ROM_OPTIONAL_HDR_MAGIC,
  IMAGE_SIZEOF_DATA_DIRECTORY,
  IMAGE_SIZEOF_DOS_HEADER,
  IMAGE_SIZEOF_FILE_HEADER,
  IMAGE_SIZEOF_NT_SIGNATURE,
} from './constants.js';
import { machineName } from './machine.js';
import { hex, type PeFile, PeReadError, uint16, uint32 } from './peFile.js';
import { READER_LIMITS } from './readerLimits.js';
import type { PeImage } from './types.js';

/** IMAGE_DOS_HEADER, the fields the reader uses. */
export interface DosHeader {
  e_lfarlc: number;
  e_lfanew: number;
}

/** IMAGE_FILE_HEADER, and where it lies. */
export interface FileHeader {
  /** File offset of the header (just after "PE\0\0"). */
  offset: number;
  machine: number;
  numberOfSections: number;
  timeDateStamp: number;
  sizeOfOptionalHeader: number;
  characteristics: number;
}

/** IMAGE_DATA_DIRECTORY. */
export interface DataDirectory {
  virtualAddress: number;
  size: number;
}

/** The parts of IMAGE_OPTIONAL_HEADER32/64 the reader uses. */
export interface OptionalHeader {
  /** File offset of the header. */
  offset: number;
  format: PeImage['format'];
  fileAlignment: number;
  sizeOfHeaders: number;
  numberOfRvaAndSizes: number;
  /** DataDirectory[IMAGE_DIRECTORY_ENTRY_RESOURCE], all zeros when the header has none. */
  resourceTable: DataDirectory;
  /** File offset of the resource table's Size field, for messages. */
  resourceTableSizeAt: number;
}

/** Reads the start of the file and IMAGE_DOS_HEADER; anything but "MZ" at offset 0 is 'not-pe'. */
export function readDosHeader(file: PeFile): DosHeader {
  const size = file.size;
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new PeReadError('read-error', `the byte source reports size ${String(size)}, not a byte count`);
  }
  if (size === 0) throw new PeReadError('not-pe', 'file is empty (0 bytes)', 0);
  const head = file.readHead(Math.min(size, READER_LIMITS.headBytes));
  if (head.byteLength < 2) {
    throw new PeReadError('not-pe', `file is ${size} byte${size === 1 ? '' : 's'}, too small for an MZ header`, 0);
  }
  if (uint16(head, IMAGE_DOS_HEADER.e_magic) !== IMAGE_DOS_SIGNATURE) {
    const first = Array.from(head.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new PeReadError('not-pe', `no MZ signature at offset 0 (file starts with bytes ${first})`, 0);
  }
  const dos = file.exact(0, IMAGE_SIZEOF_DOS_HEADER, 'the DOS header');
  return { e_lfarlc: uint16(dos, IMAGE_DOS_HEADER.e_lfarlc), e_lfanew: uint32(dos, IMAGE_DOS_HEADER.e_lfanew) };
}

/** Checks what e_lfanew points at; returns its offset when it is "PE\0\0", fails with a specific message otherwise. */
export function readNtSignature(file: PeFile, dos: DosHeader): number {
  const size = file.size;
  const eLfanew = dos.e_lfanew;
  if (eLfanew === 0) {
    throw new PeReadError('not-pe', 'DOS-only MZ executable (no PE header): e_lfanew is 0', IMAGE_DOS_HEADER.e_lfanew);
  }
  if (eLfanew + 2 > size) {
    // e_lfarlc 0x40 marks a new-style executable; then the header is missing because the file was cut short.
    if (dos.e_lfarlc >= IMAGE_SIZEOF_DOS_HEADER) {
      throw new PeReadError(
        'truncated',
        `file ends at ${size} bytes, before the new executable header that e_lfanew puts at offset ${hex(eLfanew)} (needs ` +
          `${eLfanew + IMAGE_SIZEOF_NT_SIGNATURE})`,
        size,
      );
    }
    throw new PeReadError(
      'not-pe',
      `DOS-only MZ executable (no PE header): e_lfanew ${hex(eLfanew)} points past the end of the file (${size} bytes)`,
      IMAGE_DOS_HEADER.e_lfanew,
    );
  }
  const signature = file.bytes(eLfanew, IMAGE_SIZEOF_NT_SIGNATURE);
  const word = (signature[0] ?? 0) | ((signature[1] ?? 0) << 8);
  if (word === IMAGE_OS2_SIGNATURE)
    throw new PeReadError('not-pe', `NE (16-bit Windows) executable, not PE (NE header at offset ${hex(eLfanew)})`, eLfanew);
  if (word === IMAGE_OS2_SIGNATURE_LE || word === IMAGE_OS2_SIGNATURE_LX) {
    throw new PeReadError(
      'not-pe',
      `LE/LX executable, not PE (${word === IMAGE_OS2_SIGNATURE_LE ? 'LE' : 'LX'} header at offset ${hex(eLfanew)})`,
      eLfanew,
    );
  }
  if (word !== (IMAGE_NT_SIGNATURE & 0xffff)) {
    throw new PeReadError('not-pe', `DOS-only MZ executable (no PE header): no PE signature at offset ${hex(eLfanew)} (e_lfanew)`, eLfanew);
  }
  if (signature.byteLength < IMAGE_SIZEOF_NT_SIGNATURE) {
    throw new PeReadError(
      'truncated',
      `file ends at ${size} bytes, inside the PE signature (needs ${eLfanew + IMAGE_SIZEOF_NT_SIGNATURE})`,
      size,
    );
  }
  if (uint32(signature, 0) !== IMAGE_NT_SIGNATURE) {
    throw new PeReadError('corrupt', `"PE" at offset ${hex(eLfanew)} is not followed by two zero bytes`, eLfanew);
  }
  return eLfanew;
}

/** Reads IMAGE_FILE_HEADER at `offset`. */
export function readFileHeader(file: PeFile, offset: number): FileHeader {
  const header = file.exact(offset, IMAGE_SIZEOF_FILE_HEADER, 'the COFF file header');
  return {
    offset,
    machine: uint16(header, IMAGE_FILE_HEADER.Machine),
    numberOfSections: uint16(header, IMAGE_FILE_HEADER.NumberOfSections),
    timeDateStamp: uint32(header, IMAGE_FILE_HEADER.TimeDateStamp),
    sizeOfOptionalHeader: uint16(header, IMAGE_FILE_HEADER.SizeOfOptionalHeader),
    characteristics: uint16(header, IMAGE_FILE_HEADER.Characteristics),
  };
}

/** The file offset of the optional header, just after the file header. */
export function optionalHeaderOffset(fileHeader: FileHeader): number {
  return fileHeader.offset + IMAGE_SIZEOF_FILE_HEADER;
}

/** Reads the optional header's Magic: PE32 or PE32+; no optional header, a ROM image or anything else is not an image. */
export function readOptionalHeaderMagic(file: PeFile, fileHeader: FileHeader): PeImage['format'] {
  const sizeAt = fileHeader.offset + IMAGE_FILE_HEADER.SizeOfOptionalHeader;
  if (fileHeader.sizeOfOptionalHeader < 2) {
    throw new PeReadError(
      'corrupt',
      `SizeOfOptionalHeader at offset ${hex(sizeAt)} is ${fileHeader.sizeOfOptionalHeader}: no optional header, so not an image`,
      sizeAt,
    );
  }
  const offset = optionalHeaderOffset(fileHeader);
  const magic = uint16(file.exact(offset, 2, 'the optional header'), IMAGE_OPTIONAL_HEADER32.Magic);
  if (magic === IMAGE_NT_OPTIONAL_HDR32_MAGIC) return 'PE32';
  if (magic === IMAGE_NT_OPTIONAL_HDR64_MAGIC) return 'PE32+';
  const rom = magic === IMAGE_ROM_OPTIONAL_HDR_MAGIC ? ' (a ROM image)' : '';
  throw new PeReadError(
    'corrupt',
    `unexpected optional header Magic ${hex(magic)}${rom} at offset ${hex(offset)}; expected 0x10b (PE32) or 0x20b (PE32+)`,
    offset,
  );
}

/** What the file header says about the image, as the reader reports it. */
export function peImage(fileHeader: FileHeader, format: PeImage['format']): PeImage {
  return {
    format,
    machine: machineName(fileHeader.machine),
    machineCode: fileHeader.machine,
    isDll: (fileHeader.characteristics & IMAGE_FILE_DLL) !== 0,
    timeDateStamp: fileHeader.timeDateStamp,
    sectionCount: fileHeader.numberOfSections,
    characteristics: fileHeader.characteristics,
  };
}

/**
 * Reads the optional header up to the resource table's data directory (the
 * directories after it are of no use here). A header too short for its
 * format is 'corrupt'; one too short for the resource entry it claims to have
 * is an anomaly.
 */
export function readOptionalHeader(file: PeFile, fileHeader: FileHeader, format: PeImage['format']): OptionalHeader {
  const layout = format === 'PE32+' ? IMAGE_OPTIONAL_HEADER64 : IMAGE_OPTIONAL_HEADER32;
  const offset = optionalHeaderOffset(fileHeader);
  const sizeOfOptionalHeader = fileHeader.sizeOfOptionalHeader;
  if (sizeOfOptionalHeader < layout.DataDirectory) {
    throw new PeReadError(
      'corrupt',
      `SizeOfOptionalHeader is ${sizeOfOptionalHeader}, too small for a ${format} optional header (needs at least ${layout.DataDirectory})`,
      fileHeader.offset + IMAGE_FILE_HEADER.SizeOfOptionalHeader,
    );
  }
  const resourceEntryAt = layout.DataDirectory + IMAGE_SIZEOF_DATA_DIRECTORY * IMAGE_DIRECTORY_ENTRY_RESOURCE;
  const wanted = Math.min(sizeOfOptionalHeader, resourceEntryAt + IMAGE_SIZEOF_DATA_DIRECTORY);
  const header = file.exact(offset, wanted, 'the optional header');
  const numberOfRvaAndSizes = uint32(header, layout.NumberOfRvaAndSizes);
  const resourceTable: DataDirectory = { virtualAddress: 0, size: 0 };
  if (numberOfRvaAndSizes > IMAGE_DIRECTORY_ENTRY_RESOURCE && resourceEntryAt + IMAGE_SIZEOF_DATA_DIRECTORY <= header.byteLength) {
    resourceTable.virtualAddress = uint32(header, resourceEntryAt + IMAGE_DATA_DIRECTORY.VirtualAddress);
    resourceTable.size = uint32(header, resourceEntryAt + IMAGE_DATA_DIRECTORY.Size);
  } else if (numberOfRvaAndSizes > IMAGE_DIRECTORY_ENTRY_RESOURCE) {
    file.anomaly(
      offset,
      `NumberOfRvaAndSizes is ${numberOfRvaAndSizes} but SizeOfOptionalHeader ${sizeOfOptionalHeader} leaves no room for the resource ` +
        `directory entry`,
    );
  }
  return {
    offset,
    format,
    fileAlignment: uint32(header, layout.FileAlignment),
    sizeOfHeaders: uint32(header, layout.SizeOfHeaders),
    numberOfRvaAndSizes,
    resourceTable,
    resourceTableSizeAt: offset + resourceEntryAt + IMAGE_DATA_DIRECTORY.Size,
  };
}
