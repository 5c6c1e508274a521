/**
 * The section table and RVA mapping: where a relative virtual address of the
 * loaded image lies in the file, as the Windows loader maps it (PointerToRawData
 * rounded down to 512, VirtualSize 0 meaning SizeOfRawData, zeros past the raw
 * data, the headers mapped as they are).
 */
import { FILE_ALIGNMENT_HARDCODED_VALUE, IMAGE_SECTION_HEADER, IMAGE_SIZEOF_SECTION_HEADER, IMAGE_SIZEOF_SHORT_NAME } from './constants.js';
import { hex, type PeFile, type RvaMapping, uint32 } from './peFile.js';
import { READER_LIMITS } from './readerLimits.js';

/** IMAGE_SECTION_HEADER, the fields the reader uses. */
export interface SectionHeader {
  name: string;
  virtualSize: number;
  virtualAddress: number;
  sizeOfRawData: number;
  /** PointerToRawData as the loader uses it (rounded down to 512 when FileAlignment >= 512). */
  pointerToRawData: number;
}

/** The section table of an image, and the size of its headers (mapped at RVA 0). */
export class SectionTable {
  constructor(
    readonly sections: readonly SectionHeader[],
    private readonly sizeOfHeaders: number,
  ) {}

  /** Maps an RVA to the file through the section table (or the headers, which are mapped as they are). */
  map(rva: number): RvaMapping | undefined {
    for (const s of this.sections) {
      // VirtualSize 0 was written by old linkers to mean "same as SizeOfRawData".
      const span = Math.max(s.virtualSize, s.sizeOfRawData);
      if (rva >= s.virtualAddress && rva < s.virtualAddress + span) {
        const delta = rva - s.virtualAddress;
        return {
          fileOffset: s.pointerToRawData + delta,
          raw: s.pointerToRawData === 0 ? 0 : Math.max(0, s.sizeOfRawData - delta),
          span: span - delta,
          where: `section ${JSON.stringify(s.name)}`,
        };
      }
    }
    if (rva < this.sizeOfHeaders) {
      return { fileOffset: rva, raw: this.sizeOfHeaders - rva, span: this.sizeOfHeaders - rva, where: 'the headers' };
    }
    return undefined;
  }
}

/** IMAGE_SECTION_HEADER.Name: up to 8 bytes, NUL-padded, each byte one character. */
function sectionName(table: Uint8Array, at: number): string {
  let name = '';
  for (let i = 0; i < IMAGE_SIZEOF_SHORT_NAME; i++) {
    const byte = table[at + i] as number;
    if (byte === 0) break;
    name += String.fromCharCode(byte);
  }
  return name;
}

/**
 * Reads the section table at `offset` (capped at READER_LIMITS.maxSections) and
 * notes sections whose data the file does not hold.
 */
export function readSectionTable(file: PeFile, offset: number, count: number, fileAlignment: number, sizeOfHeaders: number): SectionTable {
  const used = Math.min(count, READER_LIMITS.maxSections);
  if (used < count) {
    file.anomaly(offset, `NumberOfSections is ${count}; only the first ${used} section headers are used`);
  }
  const table = file.exact(offset, used * IMAGE_SIZEOF_SECTION_HEADER, 'the section table');
  const data = table;
  const sections: SectionHeader[] = [];
  for (let i = 0; i < used; i++) {
    const at = i * IMAGE_SIZEOF_SECTION_HEADER;
    const name = sectionName(table, at + IMAGE_SECTION_HEADER.Name);
    const rawPointer = uint32(data, at + IMAGE_SECTION_HEADER.PointerToRawData);
    let pointerToRawData = rawPointer;
    if (fileAlignment >= FILE_ALIGNMENT_HARDCODED_VALUE) {
      // The loader reads whole 512-byte sectors: an unaligned pointer is rounded down.
      pointerToRawData = rawPointer - (rawPointer % FILE_ALIGNMENT_HARDCODED_VALUE);
      if (pointerToRawData !== rawPointer) {
        file.anomaly(
          offset + at + IMAGE_SECTION_HEADER.PointerToRawData,
          `section ${JSON.stringify(name)} PointerToRawData ${hex(rawPointer)} is not a multiple of 0x200; the loader uses ` +
            `${hex(pointerToRawData)}`,
        );
      }
    }
    const section: SectionHeader = {
      name,
      virtualSize: uint32(data, at + IMAGE_SECTION_HEADER.VirtualSize),
      virtualAddress: uint32(data, at + IMAGE_SECTION_HEADER.VirtualAddress),
      sizeOfRawData: uint32(data, at + IMAGE_SECTION_HEADER.SizeOfRawData),
      pointerToRawData,
    };
    if (section.sizeOfRawData > 0 && section.pointerToRawData + section.sizeOfRawData > file.size) {
      file.anomaly(
        offset + at,
        `file ends at ${file.size} bytes, inside the data of section ${JSON.stringify(name)} (needs ` +
          `${section.pointerToRawData + section.sizeOfRawData})`,
      );
    }
    sections.push(section);
  }
  return new SectionTable(sections, sizeOfHeaders);
}
