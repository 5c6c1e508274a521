/**
 * The bounded PE version-resource reader. It reads, by position only: the DOS
 * header, the PE and optional headers, the section table, the RT_VERSION
 * branch of the resource tree and the VS_VERSIONINFO data. Every count is
 * capped and every offset checked, so the bytes read do not grow with the
 * file (a 100 MB DLL costs a few KB) and crafted files cannot make it loop.
 * It never throws: every failure becomes `{ ok: false, code, message }`.
 */
import type { ByteSource } from './byteSource.js';
import {
  DOS_HEADER_E_LFANEW,
  DOS_HEADER_E_LFARLC,
  FILE_ALIGNMENT_HARDCODED_VALUE,
  IMAGE_DIRECTORY_ENTRY_RESOURCE,
  IMAGE_DOS_SIGNATURE,
  IMAGE_FILE_DLL,
  IMAGE_NT_OPTIONAL_HDR32_MAGIC,
  IMAGE_NT_OPTIONAL_HDR64_MAGIC,
  IMAGE_NT_SIGNATURE,
  IMAGE_OS2_SIGNATURE,
  IMAGE_OS2_SIGNATURE_LE,
  IMAGE_OS2_SIGNATURE_LX,
  IMAGE_RESOURCE_DATA_IS_DIRECTORY,
  IMAGE_RESOURCE_NAME_IS_STRING,
  IMAGE_ROM_OPTIONAL_HDR_MAGIC,
  IMAGE_SIZEOF_DATA_DIRECTORY,
  IMAGE_SIZEOF_DOS_HEADER,
  IMAGE_SIZEOF_FILE_HEADER,
  IMAGE_SIZEOF_RESOURCE_DATA_ENTRY,
  IMAGE_SIZEOF_RESOURCE_DIRECTORY,
  IMAGE_SIZEOF_RESOURCE_DIRECTORY_ENTRY,
  IMAGE_SIZEOF_SECTION_HEADER,
  IMAGE_SIZEOF_SHORT_NAME,
  OPTIONAL_HEADER32_DATA_DIRECTORY,
  OPTIONAL_HEADER32_FILE_ALIGNMENT,
  OPTIONAL_HEADER32_NUMBER_OF_RVA_AND_SIZES,
  OPTIONAL_HEADER32_SIZE_OF_HEADERS,
  OPTIONAL_HEADER64_DATA_DIRECTORY,
  OPTIONAL_HEADER64_FILE_ALIGNMENT,
  OPTIONAL_HEADER64_NUMBER_OF_RVA_AND_SIZES,
  OPTIONAL_HEADER64_SIZE_OF_HEADERS,
  RT_VERSION,
} from './constants.js';
import { machineName } from './machine.js';
import type { PeAnomaly, PeErrorCode, PeImage, PeReadResult, VersionResource } from './types.js';
import { parseVersionInfo } from './versionInfo.js';

/** The reader's caps. Together they bound the bytes read for any input to well under 3 MB, and to a few KB for real files. */
export const READER_LIMITS = Object.freeze({
  /** Bytes read at offset 0 in one go; DOS, PE and optional headers and a usual section table fit. */
  headBytes: 1024,
  /** Section headers looked at (Windows XP refused images with more than 96; 2048 is generous). */
  maxSections: 2048,
  /** Resource directory entries read in total, over all directories of the RT_VERSION branch. */
  maxResourceEntries: 4096,
  /** Entries read of one directory (one read of at most 8 KB, however many it declares). */
  maxEntriesPerDirectory: 1024,
  /** Resource directories read (root, RT_VERSION, one per name); real files need three. */
  maxDirectories: 64,
  /** VS_VERSIONINFO resources parsed per file (one per name and language). */
  maxVersionResources: 32,
  /** Bytes read of one VS_VERSIONINFO; its wLength is a WORD, so nothing useful lies beyond 64 KiB. */
  maxVersionBytes: 0x10000,
  /** Characters read of a resource name string. */
  maxNameChars: 256,
  /** Anomalies kept per file. */
  maxAnomalies: 200,
});

/** A failure with a code; thrown inside the reader and turned into `{ ok: false }` at its edge. */
class PeReadError extends Error {
  constructor(
    readonly code: PeErrorCode,
    message: string,
    readonly offset?: number,
  ) {
    super(message);
    this.name = 'PeReadError';
  }
}

/** IMAGE_SECTION_HEADER, the fields the reader uses. */
interface SectionHeader {
  name: string;
  virtualSize: number;
  virtualAddress: number;
  sizeOfRawData: number;
  /** PointerToRawData as the loader uses it (rounded down to 512 when FileAlignment >= 512). */
  pointerToRawData: number;
}

/** Where an RVA lies in the file. */
interface RvaMapping {
  /** File offset of the RVA. */
  fileOffset: number;
  /** Bytes from the RVA that are backed by file data; past them, up to `span`, the image holds zeros. */
  raw: number;
  /** Bytes from the RVA to the end of its section (or of the headers). */
  span: number;
  /** Section name, or "the headers", for messages. */
  where: string;
}

/** One RT_VERSION leaf: a name/id and language pointing to an IMAGE_RESOURCE_DATA_ENTRY. */
interface VersionLeaf {
  resourceId: number | string;
  language: number;
  /** Offset of the data entry from the start of the resource directory. */
  dataEntry: number;
}

/** The bytes of one VS_VERSIONINFO as the image holds them, and how many of them the file really holds. */
interface VersionBlob {
  bytes: Uint8Array;
  /** File offset of the first byte. */
  offset: number;
  /** Bytes from the start backed by file data; the rest are the zeros past a section's SizeOfRawData. */
  backed: number;
}

/** A resource directory entry as read. */
interface DirectoryEntry {
  name: number;
  offsetToData: number;
  /** Offset of the entry itself from the start of the resource directory. */
  at: number;
}

const hex = (value: number): string => `0x${value.toString(16)}`;
const utf16 = new TextDecoder('utf-16le');

/** Reads one file; holds what is known so far so failures can report it. */
class PeReader {
  readonly anomalies: PeAnomaly[] = [];
  image: PeImage | undefined;
  private head: Uint8Array = new Uint8Array(0);
  private sections: SectionHeader[] = [];
  private sizeOfHeaders = 0;
  private entryBudget = READER_LIMITS.maxResourceEntries;

  constructor(private readonly source: ByteSource) {}

  // ---- byte access -------------------------------------------------------

  get size(): number {
    return this.source.size;
  }

  anomaly(offset: number, message: string): void {
    const max = READER_LIMITS.maxAnomalies;
    if (this.anomalies.length < max) this.anomalies.push({ offset, message });
    else if (this.anomalies.length === max) this.anomalies.push({ offset, message: `more than ${max} anomalies; the rest are not listed` });
  }

  /** Up to `length` bytes at `offset` (fewer only at the end of the file); I/O failures become 'read-error'. */
  async bytes(offset: number, length: number): Promise<Uint8Array> {
    if (offset + length <= this.head.byteLength) return this.head.subarray(offset, offset + length);
    let result: unknown;
    try {
      result = await this.source.read(offset, length);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new PeReadError('read-error', `reading ${length} bytes at offset ${hex(offset)} failed: ${reason}`, offset);
    }
    if (!(result instanceof Uint8Array)) {
      throw new PeReadError('read-error', `reading ${length} bytes at offset ${hex(offset)} returned no bytes`, offset);
    }
    return result.byteLength > length ? result.subarray(0, length) : result;
  }

  /** Exactly `length` bytes at `offset`, or a 'truncated' failure naming `what` they were for. */
  async exact(offset: number, length: number, what: string): Promise<Uint8Array> {
    const bytes = await this.bytes(offset, length);
    if (bytes.byteLength < length) {
      const end = Math.min(offset + bytes.byteLength, this.size);
      throw new PeReadError('truncated', `file ends at ${end} bytes, inside ${what} (needs ${offset + length})`, end);
    }
    return bytes;
  }

  // ---- headers ------------------------------------------------------------

  async run(): Promise<PeReadResult> {
    const size = this.size;
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new PeReadError('read-error', `the byte source reports size ${String(size)}, not a byte count`);
    }
    if (size === 0) throw new PeReadError('not-pe', 'file is empty (0 bytes)', 0);
    this.head = await this.bytes(0, Math.min(size, READER_LIMITS.headBytes));
    if (this.head.byteLength < 2) {
      throw new PeReadError('not-pe', `file is ${size} byte${size === 1 ? '' : 's'}, too small for an MZ header`, 0);
    }
    const head = view(this.head);
    if (head.getUint16(0, true) !== IMAGE_DOS_SIGNATURE) {
      const first = Array.from(this.head.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
      throw new PeReadError('not-pe', `no MZ signature at offset 0 (file starts with bytes ${first})`, 0);
    }
    const dos = view(await this.exact(0, IMAGE_SIZEOF_DOS_HEADER, 'the DOS header'));
    const eLfanew = dos.getUint32(DOS_HEADER_E_LFANEW, true);
    const newExeOffset = await this.findNewHeader(eLfanew, dos.getUint16(DOS_HEADER_E_LFARLC, true));

    const fileHeaderOffset = newExeOffset + 4;
    const fileHeader = view(await this.exact(fileHeaderOffset, IMAGE_SIZEOF_FILE_HEADER, 'the COFF file header'));
    const machineCode = fileHeader.getUint16(0, true);
    const numberOfSections = fileHeader.getUint16(2, true);
    const timeDateStamp = fileHeader.getUint32(4, true);
    const sizeOfOptionalHeader = fileHeader.getUint16(16, true);
    const characteristics = fileHeader.getUint16(18, true);

    const optionalOffset = fileHeaderOffset + IMAGE_SIZEOF_FILE_HEADER;
    if (sizeOfOptionalHeader < 2) {
      throw new PeReadError(
        'corrupt',
        `SizeOfOptionalHeader at offset ${hex(fileHeaderOffset + 16)} is ${sizeOfOptionalHeader}: no optional header, so not an image`,
        fileHeaderOffset + 16,
      );
    }
    const optional = await this.exact(optionalOffset, 2, 'the optional header');
    const magic = view(optional).getUint16(0, true);
    let format: PeImage['format'];
    if (magic === IMAGE_NT_OPTIONAL_HDR32_MAGIC) format = 'PE32';
    else if (magic === IMAGE_NT_OPTIONAL_HDR64_MAGIC) format = 'PE32+';
    else {
      const rom = magic === IMAGE_ROM_OPTIONAL_HDR_MAGIC ? ' (a ROM image)' : '';
      throw new PeReadError(
        'corrupt',
        `unexpected optional header Magic ${hex(magic)}${rom} at offset ${hex(optionalOffset)}; expected 0x10b (PE32) or 0x20b (PE32+)`,
        optionalOffset,
      );
    }
    this.image = {
      format,
      machine: machineName(machineCode),
      machineCode,
      isDll: (characteristics & IMAGE_FILE_DLL) !== 0,
      timeDateStamp,
      sectionCount: numberOfSections,
      characteristics,
    };

    const is64 = format === 'PE32+';
    const rvaCountAt = is64 ? OPTIONAL_HEADER64_NUMBER_OF_RVA_AND_SIZES : OPTIONAL_HEADER32_NUMBER_OF_RVA_AND_SIZES;
    const dataDirectoryAt = is64 ? OPTIONAL_HEADER64_DATA_DIRECTORY : OPTIONAL_HEADER32_DATA_DIRECTORY;
    if (sizeOfOptionalHeader < dataDirectoryAt) {
      throw new PeReadError(
        'corrupt',
        `SizeOfOptionalHeader is ${sizeOfOptionalHeader}, too small for a ${format} optional header (needs at least ${dataDirectoryAt})`,
        fileHeaderOffset + 16,
      );
    }
    // Read up to the resource directory entry; the data directories after it are of no use here.
    const resourceEntryAt = dataDirectoryAt + IMAGE_SIZEOF_DATA_DIRECTORY * IMAGE_DIRECTORY_ENTRY_RESOURCE;
    const optionalWanted = Math.min(sizeOfOptionalHeader, resourceEntryAt + IMAGE_SIZEOF_DATA_DIRECTORY);
    const opt = view(await this.exact(optionalOffset, optionalWanted, 'the optional header'));
    const fileAlignment = opt.getUint32(is64 ? OPTIONAL_HEADER64_FILE_ALIGNMENT : OPTIONAL_HEADER32_FILE_ALIGNMENT, true);
    this.sizeOfHeaders = opt.getUint32(is64 ? OPTIONAL_HEADER64_SIZE_OF_HEADERS : OPTIONAL_HEADER32_SIZE_OF_HEADERS, true);
    const numberOfRvaAndSizes = opt.getUint32(rvaCountAt, true);
    let resourceRva = 0;
    let resourceSize = 0;
    if (numberOfRvaAndSizes > IMAGE_DIRECTORY_ENTRY_RESOURCE && resourceEntryAt + IMAGE_SIZEOF_DATA_DIRECTORY <= opt.byteLength) {
      resourceRva = opt.getUint32(resourceEntryAt, true);
      resourceSize = opt.getUint32(resourceEntryAt + 4, true);
    } else if (numberOfRvaAndSizes > IMAGE_DIRECTORY_ENTRY_RESOURCE) {
      this.anomaly(
        optionalOffset,
        `NumberOfRvaAndSizes is ${numberOfRvaAndSizes} but SizeOfOptionalHeader ${sizeOfOptionalHeader} leaves no room for the resource ` +
          `directory entry`,
      );
    }

    await this.readSections(optionalOffset + sizeOfOptionalHeader, numberOfSections, fileAlignment);

    if (resourceRva === 0) return this.success([]);
    if (resourceSize === 0) {
      this.anomaly(
        optionalOffset + resourceEntryAt + 4,
        `resource data directory has RVA ${hex(resourceRva)} but Size 0; reading it anyway`,
      );
    }
    return this.success(await this.readVersionResources(resourceRva));
  }

  /** Checks what e_lfanew points at; returns its offset when it is "PE\0\0", fails with a specific message otherwise. */
  private async findNewHeader(eLfanew: number, eLfarlc: number): Promise<number> {
    const size = this.size;
    if (eLfanew === 0) {
      throw new PeReadError('not-pe', 'DOS-only MZ executable (no PE header): e_lfanew is 0', DOS_HEADER_E_LFANEW);
    }
    if (eLfanew + 2 > size) {
      // e_lfarlc 0x40 marks a new-style executable; then the header is missing because the file was cut short.
      if (eLfarlc >= IMAGE_SIZEOF_DOS_HEADER) {
        throw new PeReadError(
          'truncated',
          `file ends at ${size} bytes, before the new executable header that e_lfanew puts at offset ${hex(eLfanew)} (needs ` +
            `${eLfanew + 4})`,
          size,
        );
      }
      throw new PeReadError(
        'not-pe',
        `DOS-only MZ executable (no PE header): e_lfanew ${hex(eLfanew)} points past the end of the file (${size} bytes)`,
        DOS_HEADER_E_LFANEW,
      );
    }
    const signature = await this.bytes(eLfanew, 4);
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
      throw new PeReadError(
        'not-pe',
        `DOS-only MZ executable (no PE header): no PE signature at offset ${hex(eLfanew)} (e_lfanew)`,
        eLfanew,
      );
    }
    if (signature.byteLength < 4) {
      throw new PeReadError('truncated', `file ends at ${size} bytes, inside the PE signature (needs ${eLfanew + 4})`, size);
    }
    if (view(signature).getUint32(0, true) !== IMAGE_NT_SIGNATURE) {
      throw new PeReadError('corrupt', `"PE" at offset ${hex(eLfanew)} is not followed by two zero bytes`, eLfanew);
    }
    return eLfanew;
  }

  /** Reads the section table (capped at READER_LIMITS.maxSections) and notes sections whose data the file does not hold. */
  private async readSections(offset: number, count: number, fileAlignment: number): Promise<void> {
    const used = Math.min(count, READER_LIMITS.maxSections);
    if (used < count) {
      this.anomaly(offset, `NumberOfSections is ${count}; only the first ${used} section headers are used`);
    }
    const table = await this.exact(offset, used * IMAGE_SIZEOF_SECTION_HEADER, 'the section table');
    const data = view(table);
    for (let i = 0; i < used; i++) {
      const at = i * IMAGE_SIZEOF_SECTION_HEADER;
      const nameBytes = table.subarray(at, at + IMAGE_SIZEOF_SHORT_NAME);
      const nul = nameBytes.indexOf(0);
      const name = String.fromCharCode(...(nul < 0 ? nameBytes : nameBytes.subarray(0, nul)));
      const rawPointer = data.getUint32(at + 20, true);
      let pointerToRawData = rawPointer;
      if (fileAlignment >= FILE_ALIGNMENT_HARDCODED_VALUE) {
        // The loader reads whole 512-byte sectors: an unaligned pointer is rounded down.
        pointerToRawData = rawPointer - (rawPointer % FILE_ALIGNMENT_HARDCODED_VALUE);
        if (pointerToRawData !== rawPointer) {
          this.anomaly(
            offset + at + 20,
            `section ${JSON.stringify(name)} PointerToRawData ${hex(rawPointer)} is not a multiple of 0x200; the loader uses ` +
              `${hex(pointerToRawData)}`,
          );
        }
      }
      const section: SectionHeader = {
        name,
        virtualSize: data.getUint32(at + 8, true),
        virtualAddress: data.getUint32(at + 12, true),
        sizeOfRawData: data.getUint32(at + 16, true),
        pointerToRawData,
      };
      if (section.sizeOfRawData > 0 && section.pointerToRawData + section.sizeOfRawData > this.size) {
        this.anomaly(
          offset + at,
          `file ends at ${this.size} bytes, inside the data of section ${JSON.stringify(name)} (needs ` +
            `${section.pointerToRawData + section.sizeOfRawData})`,
        );
      }
      this.sections.push(section);
    }
  }

  /** Maps an RVA to the file through the section table (or the headers, which are mapped as they are). */
  private mapRva(rva: number): RvaMapping | undefined {
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

  /** Reads `length` bytes of the image at an RVA already mapped; the part past the raw data is zeros, as in memory. */
  async readMapped(mapping: RvaMapping, length: number, what: string): Promise<Uint8Array> {
    const raw = Math.min(length, mapping.raw);
    const bytes = raw > 0 ? await this.exact(mapping.fileOffset, raw, what) : new Uint8Array(0);
    if (raw === length) return bytes;
    const filled = new Uint8Array(length);
    filled.set(bytes);
    return filled;
  }

  // ---- the RT_VERSION branch of the resource tree ------------------------

  /**
   * Walks root → RT_VERSION → every name/id → every language, then parses each
   * VS_VERSIONINFO. A broken leaf is an anomaly while another leaf parses; if
   * none does, the first leaf's failure is the result.
   */
  private async readVersionResources(resourceRva: number): Promise<VersionResource[]> {
    const root = this.mapRva(resourceRva);
    if (!root) {
      throw new PeReadError('corrupt', `resource directory RVA ${hex(resourceRva)} is not inside any section`);
    }
    const tree = new ResourceTree(this, resourceRva, root);
    const leaves = await tree.versionLeaves();
    if (leaves.length === 0 && tree.limitHit !== undefined) {
      throw new PeReadError(
        'corrupt',
        `no version resource found before the reader's limits stopped the walk of the resource tree: ${tree.limitHit}`,
        root.fileOffset,
      );
    }
    const versions: VersionResource[] = [];
    const failures: PeReadError[] = [];
    const blobs = new Map<number, VersionBlob>();
    for (const leaf of leaves) {
      try {
        const blob = await this.versionBlob(tree, leaf, blobs);
        const parsed = parseVersionInfo(blob.bytes, blob.offset, blob.backed);
        for (const a of parsed.anomalies) this.anomaly(a.offset, a.message);
        if (!parsed.ok) throw new PeReadError('corrupt', parsed.message, parsed.offset);
        versions.push({ resourceLanguage: leaf.language, resourceId: leaf.resourceId, offset: blob.offset, ...parsed.info });
      } catch (error) {
        // Truncation and I/O errors concern the whole file; only a corrupt leaf is survivable.
        if (!(error instanceof PeReadError) || error.code !== 'corrupt') throw error;
        failures.push(error);
      }
    }
    if (versions.length === 0 && failures.length > 0) {
      const [first, ...rest] = failures as [PeReadError, ...PeReadError[]];
      for (const f of rest) this.anomaly(f.offset ?? 0, f.message);
      throw first;
    }
    for (const f of failures) this.anomaly(f.offset ?? 0, f.message);
    return versions;
  }

  /** Reads the IMAGE_RESOURCE_DATA_ENTRY of a leaf and the VS_VERSIONINFO bytes it points at (capped). */
  private async versionBlob(tree: ResourceTree, leaf: VersionLeaf, cache: Map<number, VersionBlob>): Promise<VersionBlob> {
    const entry = view(await tree.read(leaf.dataEntry, IMAGE_SIZEOF_RESOURCE_DATA_ENTRY, 'a resource data entry'));
    const dataRva = entry.getUint32(0, true);
    const size = entry.getUint32(4, true);
    const entryOffset = tree.fileOffset(leaf.dataEntry);
    const cached = cache.get(dataRva);
    if (cached) return cached;
    if (size === 0) {
      throw new PeReadError('corrupt', `version resource data entry at offset ${hex(entryOffset)} has Size 0`, entryOffset);
    }
    const mapping = this.mapRva(dataRva);
    if (!mapping) {
      throw new PeReadError(
        'corrupt',
        `version resource data RVA ${hex(dataRva)} (data entry at offset ${hex(entryOffset)}) is not inside any section`,
        entryOffset,
      );
    }
    let length = Math.min(size, READER_LIMITS.maxVersionBytes);
    if (length < size) {
      this.anomaly(
        entryOffset,
        `version resource data entry at offset ${hex(entryOffset)} has Size ${size}; only the first ${length} bytes are read`,
      );
    }
    if (length > mapping.span) {
      this.anomaly(
        entryOffset,
        `version resource data at RVA ${hex(dataRva)} (${size} bytes) runs past the end of ${mapping.where}; reading the ${mapping.span} ` +
          `bytes inside it`,
      );
      length = mapping.span;
    }
    const bytes = await this.readMapped(mapping, length, `the version resource data at offset ${hex(mapping.fileOffset)}`);
    // Past the section's raw data the image holds zeros the file does not: no version may be built from them.
    const blob = { bytes, offset: mapping.fileOffset, backed: Math.min(length, mapping.raw) };
    cache.set(dataRva, blob);
    return blob;
  }

  /** Takes entries from the shared budget of directory entries; returns how many of `wanted` may be read. */
  takeEntries(wanted: number): number {
    const granted = Math.min(wanted, this.entryBudget);
    this.entryBudget -= granted;
    return granted;
  }

  success(versions: VersionResource[]): PeReadResult {
    if (!this.image) throw new Error('image headers not read');
    return { ok: true, image: this.image, versions, anomalies: this.anomalies };
  }

  failure(error: unknown): PeReadResult {
    const base = this.image ? { image: this.image } : {};
    if (error instanceof PeReadError) {
      return {
        ok: false,
        code: error.code,
        message: error.message,
        ...(error.offset === undefined ? {} : { offset: error.offset }),
        ...base,
        anomalies: this.anomalies,
      };
    }
    // Not a format problem we know of: still a result, never an exception, but say what happened.
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      code: 'corrupt',
      message: `unexpected failure while reading the PE file: ${reason}`,
      ...base,
      anomalies: this.anomalies,
    };
  }
}

/**
 * The resource directory, addressed by offsets from its start as the entries
 * store them. Every offset is checked against the data of the section that
 * holds the directory; an entry pointing at its own or a parent directory is
 * a cycle ('corrupt'), and a directory reached a second time is not read again.
 */
class ResourceTree {
  private readonly visited = new Set<number>();
  /** The first cap that cut the walk short, if any: then "no version resource" cannot be claimed. */
  limitHit: string | undefined;

  constructor(
    private readonly reader: PeReader,
    private readonly rva: number,
    private readonly root: RvaMapping,
  ) {}

  /** The file offset of a tree offset, for messages. */
  fileOffset(offset: number): number {
    return this.root.fileOffset + offset;
  }

  /**
   * Reads `length` bytes at a tree offset. An offset outside the resource
   * section's data is 'corrupt'; `from` is the tree offset of the entry that
   * pointed there, named in the message.
   */
  async read(offset: number, length: number, what: string, from?: number): Promise<Uint8Array> {
    if (offset + length > this.root.span) {
      const outside = `outside the .rsrc data (${this.root.span} bytes from RVA ${hex(this.rva)} in ${this.root.where})`;
      if (from === undefined) {
        throw new PeReadError('corrupt', `${what} at offset ${hex(this.fileOffset(offset))} lies ${outside}`, this.fileOffset(offset));
      }
      throw new PeReadError(
        'corrupt',
        `resource directory entry at offset ${hex(this.fileOffset(from))} points to ${what} at directory offset ${hex(offset)}, ${outside}`,
        this.fileOffset(from),
      );
    }
    const mapping: RvaMapping = {
      fileOffset: this.root.fileOffset + offset,
      raw: Math.max(0, this.root.raw - offset),
      span: this.root.span - offset,
      where: this.root.where,
    };
    return this.reader.readMapped(mapping, length, `${what} at offset ${hex(mapping.fileOffset)}`);
  }

  /**
   * Reads one IMAGE_RESOURCE_DIRECTORY and its entries (all of them, or only
   * the id entries) in at most two reads, bounded by the per-directory cap and
   * the shared entry budget. `ancestors` are the directories above it, for
   * cycle detection; `from` is the entry that points here.
   */
  async directory(offset: number, idsOnly: boolean, what: string, ancestors: readonly number[], from?: number): Promise<DirectoryEntry[]> {
    const at = this.fileOffset(from ?? 0);
    if (ancestors.includes(offset)) {
      throw new PeReadError(
        'corrupt',
        `resource directory entry at offset ${hex(at)} points back at the directory at offset ` +
          `${hex(this.fileOffset(offset))} above it (a cycle)`,
        at,
      );
    }
    if (this.visited.has(offset)) {
      this.reader.anomaly(
        at,
        `resource directory entry at offset ${hex(at)} points to the directory at offset ${hex(this.fileOffset(offset))}, already read ` +
          `for another entry; skipped`,
      );
      return [];
    }
    this.visited.add(offset);
    if (this.visited.size > READER_LIMITS.maxDirectories) {
      this.limited(at, `more than ${READER_LIMITS.maxDirectories} resource directories in the RT_VERSION branch; the rest are not read`);
      return [];
    }
    // Read the header together with the first few entries: usually all of them.
    const guess = Math.min(this.root.span - offset, IMAGE_SIZEOF_RESOURCE_DIRECTORY + 16 * IMAGE_SIZEOF_RESOURCE_DIRECTORY_ENTRY);
    const first = await this.read(offset, Math.max(guess, IMAGE_SIZEOF_RESOURCE_DIRECTORY), what, from);
    const header = view(first);
    const named = header.getUint16(12, true);
    const ids = header.getUint16(14, true);
    const skip = idsOnly ? named : 0;
    const declared = idsOnly ? ids : named + ids;
    const start = offset + IMAGE_SIZEOF_RESOURCE_DIRECTORY + skip * IMAGE_SIZEOF_RESOURCE_DIRECTORY_ENTRY;
    const fit = Math.max(0, Math.floor((this.root.span - start) / IMAGE_SIZEOF_RESOURCE_DIRECTORY_ENTRY));
    const here = this.fileOffset(offset);
    let count = declared;
    if (count > fit) {
      this.limited(here, `${what} at offset ${hex(here)} declares ${count} entries but only ${fit} fit in the .rsrc data`);
      count = fit;
    }
    if (count > READER_LIMITS.maxEntriesPerDirectory) {
      this.limited(
        here,
        `${what} at offset ${hex(here)} declares ${count} entries; only the first ${READER_LIMITS.maxEntriesPerDirectory} are read`,
      );
      count = READER_LIMITS.maxEntriesPerDirectory;
    }
    const granted = this.reader.takeEntries(count);
    if (granted < count) {
      this.limited(
        here,
        `resource entry budget of ${READER_LIMITS.maxResourceEntries} used up at ${what} (offset ${hex(here)}); ${count - granted} ` +
          `entries not read`,
      );
      count = granted;
    }
    const length = count * IMAGE_SIZEOF_RESOURCE_DIRECTORY_ENTRY;
    const inFirst = start - offset + length <= first.byteLength;
    const array = inFirst
      ? first.subarray(start - offset, start - offset + length)
      : await this.read(start, length, `the entries of ${what}`);
    const entries = view(array);
    const result: DirectoryEntry[] = [];
    for (let i = 0; i < count; i++) {
      const p = i * IMAGE_SIZEOF_RESOURCE_DIRECTORY_ENTRY;
      result.push({ name: entries.getUint32(p, true), offsetToData: entries.getUint32(p + 4, true), at: start + p });
    }
    return result;
  }

  /** Notes that a cap cut the walk short. */
  private limited(at: number, message: string): void {
    this.limitHit ??= message;
    this.reader.anomaly(at, message);
  }

  /** Reads an IMAGE_RESOURCE_DIR_STRING_U name (capped at READER_LIMITS.maxNameChars). */
  async name(offset: number, from: number): Promise<string> {
    const length = view(await this.read(offset, 2, 'a resource name', from)).getUint16(0, true);
    const chars = Math.min(length, READER_LIMITS.maxNameChars);
    const bytes = await this.read(offset + 2, chars * 2, 'a resource name', from);
    return utf16.decode(bytes);
  }

  /**
   * All RT_VERSION leaves (name/id × language), capped at
   * READER_LIMITS.maxVersionResources. A broken name branch is an anomaly
   * while another branch has leaves; if none has, its failure is thrown.
   */
  async versionLeaves(): Promise<VersionLeaf[]> {
    const types = await this.directory(0, true, 'the root resource directory', []);
    const versionTypes = types.filter((e) => (e.name & IMAGE_RESOURCE_NAME_IS_STRING) === 0 && e.name === RT_VERSION);
    const typeEntry = versionTypes[0];
    if (!typeEntry) return [];
    if (versionTypes.length > 1) {
      this.reader.anomaly(
        this.fileOffset(typeEntry.at),
        `the root resource directory lists RT_VERSION ${versionTypes.length} times; only the first is read`,
      );
    }
    const namesOffset = this.subdirectory(typeEntry, 'the RT_VERSION entry');
    const names = await this.directory(namesOffset, false, 'the RT_VERSION directory', [0], typeEntry.at);
    const leaves: VersionLeaf[] = [];
    const problems: PeReadError[] = [];
    for (const nameEntry of names) {
      try {
        const named = (nameEntry.name & IMAGE_RESOURCE_NAME_IS_STRING) !== 0;
        const label = named ? 'RT_VERSION (named)' : `RT_VERSION ${nameEntry.name & 0xffff}`;
        const languagesOffset = this.subdirectory(nameEntry, `the ${label} entry`);
        const languages = await this.directory(
          languagesOffset,
          false,
          `the language directory of ${label}`,
          [0, namesOffset],
          nameEntry.at,
        );
        // A name string costs a read: only fetched when the name has languages to report.
        const resourceId = !named
          ? nameEntry.name & 0xffff
          : languages.length > 0
            ? await this.name(withoutHighBit(nameEntry.name), nameEntry.at)
            : '';
        for (const languageEntry of languages) {
          const at = this.fileOffset(languageEntry.at);
          if ((languageEntry.offsetToData & IMAGE_RESOURCE_DATA_IS_DIRECTORY) !== 0) {
            throw new PeReadError('corrupt', `${label} language entry at offset ${hex(at)} points to a directory, not to a data entry`, at);
          }
          if ((languageEntry.name & IMAGE_RESOURCE_NAME_IS_STRING) !== 0) {
            throw new PeReadError('corrupt', `${label} language entry at offset ${hex(at)} has a string name, not a language id`, at);
          }
          if (leaves.length === READER_LIMITS.maxVersionResources) {
            this.reader.anomaly(at, `more than ${READER_LIMITS.maxVersionResources} RT_VERSION resources; the rest are not read`);
            return leaves;
          }
          leaves.push({ resourceId, language: languageEntry.name & 0xffff, dataEntry: languageEntry.offsetToData });
        }
      } catch (error) {
        if (!(error instanceof PeReadError) || error.code !== 'corrupt') throw error;
        problems.push(error);
      }
    }
    const [firstProblem, ...otherProblems] = problems;
    if (leaves.length === 0 && firstProblem) {
      for (const p of otherProblems) this.reader.anomaly(p.offset ?? 0, p.message);
      throw firstProblem;
    }
    for (const p of problems) this.reader.anomaly(p.offset ?? 0, p.message);
    return leaves;
  }

  /** The offset of the subdirectory an entry points to; an entry pointing to data here is 'corrupt'. */
  private subdirectory(entry: DirectoryEntry, what: string): number {
    if ((entry.offsetToData & IMAGE_RESOURCE_DATA_IS_DIRECTORY) === 0) {
      const at = this.fileOffset(entry.at);
      throw new PeReadError('corrupt', `${what} at offset ${hex(at)} points to data, not to a directory`, at);
    }
    return withoutHighBit(entry.offsetToData);
  }
}

/** Clears the flag bit of a resource Name or OffsetToData field (IMAGE_RESOURCE_NAME_IS_STRING / IMAGE_RESOURCE_DATA_IS_DIRECTORY). */
function withoutHighBit(value: number): number {
  return value & 0x7fffffff;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Reads the version resources of a PE image through positional reads of
 * `source`. Never throws and never reads more than a bounded number of bytes.
 */
export async function readPeVersionInfo(source: ByteSource): Promise<PeReadResult> {
  const reader = new PeReader(source);
  try {
    return await reader.run();
  } catch (error) {
    return reader.failure(error);
  }
}
