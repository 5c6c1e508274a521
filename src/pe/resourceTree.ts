/**
 * The resource tree, only as far as the version resources: root → RT_VERSION
 * → every name or id → every language. Every offset is checked against the
 * data of the section that holds the tree, every count is capped (per
 * directory and in total), an entry pointing at its own or a parent directory
 * is a cycle ('corrupt'), and a directory reached a second time is not read
 * again.
 */
import {
  IMAGE_RESOURCE_DATA_IS_DIRECTORY,
  IMAGE_RESOURCE_DIR_STRING_U,
  IMAGE_RESOURCE_DIRECTORY,
  IMAGE_RESOURCE_DIRECTORY_ENTRY,
  IMAGE_RESOURCE_NAME_IS_STRING,
  IMAGE_SIZEOF_RESOURCE_DIRECTORY,
  IMAGE_SIZEOF_RESOURCE_DIRECTORY_ENTRY,
  RT_VERSION,
} from './constants.js';
import { hex, type PeFile, PeReadError, type RvaMapping, uint16, uint32 } from './peFile.js';
import { READER_LIMITS } from './readerLimits.js';

/** One RT_VERSION leaf: a name/id and language pointing to an IMAGE_RESOURCE_DATA_ENTRY. */
export interface VersionLeaf {
  resourceId: number | string;
  language: number;
  /** Offset of the data entry from the start of the resource directory. */
  dataEntry: number;
}

/** IMAGE_RESOURCE_DIRECTORY_ENTRY as read. */
interface DirectoryEntry {
  name: number;
  offsetToData: number;
  /** Offset of the entry itself from the start of the resource directory. */
  at: number;
}

const utf16 = new TextDecoder('utf-16le');

/** Clears the flag bit of a resource Name or OffsetToData field (IMAGE_RESOURCE_NAME_IS_STRING / IMAGE_RESOURCE_DATA_IS_DIRECTORY). */
function withoutHighBit(value: number): number {
  return value & 0x7fffffff;
}

/** The resource directory, addressed by offsets from its start as the entries store them. */
export class ResourceTree {
  private readonly visited = new Set<number>();
  /** Directory entries that may still be read, over all directories of the walk. */
  private entryBudget = READER_LIMITS.maxResourceEntries;
  /** The first cap that cut the walk short, if any: then "no version resource" cannot be claimed. */
  limitHit: string | undefined;

  /** `rva` is the resource table's RVA and `root` where it lies in the file. */
  constructor(
    private readonly file: PeFile,
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
  read(offset: number, length: number, what: string, from?: number): Uint8Array {
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
    return this.file.readMapped(mapping, length, what);
  }

  /** Takes entries from the shared budget of directory entries; returns how many of `wanted` may be read. */
  private takeEntries(wanted: number): number {
    const granted = Math.min(wanted, this.entryBudget);
    this.entryBudget -= granted;
    return granted;
  }

  /**
   * Reads one IMAGE_RESOURCE_DIRECTORY and its entries (all of them, or only
   * the id entries) in at most two reads, bounded by the per-directory cap and
   * the shared entry budget. `ancestors` are the directories above it, for
   * cycle detection; `from` is the entry that points here.
   */
  directory(offset: number, idsOnly: boolean, what: string, ancestors: readonly number[], from?: number): DirectoryEntry[] {
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
      this.file.anomaly(
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
    const first = this.read(offset, Math.max(guess, IMAGE_SIZEOF_RESOURCE_DIRECTORY), what, from);
    const header = first;
    const named = uint16(header, IMAGE_RESOURCE_DIRECTORY.NumberOfNamedEntries);
    const ids = uint16(header, IMAGE_RESOURCE_DIRECTORY.NumberOfIdEntries);
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
    const granted = this.takeEntries(count);
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
    const array = inFirst ? first.subarray(start - offset, start - offset + length) : this.read(start, length, `the entries of ${what}`);
    const entries = array;
    const result: DirectoryEntry[] = [];
    for (let i = 0; i < count; i++) {
      const p = i * IMAGE_SIZEOF_RESOURCE_DIRECTORY_ENTRY;
      result.push({
        name: uint32(entries, p + IMAGE_RESOURCE_DIRECTORY_ENTRY.Name),
        offsetToData: uint32(entries, p + IMAGE_RESOURCE_DIRECTORY_ENTRY.OffsetToData),
        at: start + p,
      });
    }
    return result;
  }

  /** Notes that a cap cut the walk short. */
  private limited(at: number, message: string): void {
    this.limitHit ??= message;
    this.file.anomaly(at, message);
  }

  /** Reads an IMAGE_RESOURCE_DIR_STRING_U name (capped at READER_LIMITS.maxNameChars). */
  name(offset: number, from: number): string {
    const length = uint16(this.read(offset + IMAGE_RESOURCE_DIR_STRING_U.Length, 2, 'a resource name', from), 0);
    const chars = Math.min(length, READER_LIMITS.maxNameChars);
    const bytes = this.read(offset + IMAGE_RESOURCE_DIR_STRING_U.NameString, chars * 2, 'a resource name', from);
    return utf16.decode(bytes);
  }

  /**
   * All RT_VERSION leaves (name/id × language), capped at
   * READER_LIMITS.maxVersionResources. A broken name branch is an anomaly
   * while another branch has leaves; if none has, its failure is thrown.
   */
  versionLeaves(): VersionLeaf[] {
    const types = this.directory(0, true, 'the root resource directory', []);
    const versionTypes = types.filter((e) => (e.name & IMAGE_RESOURCE_NAME_IS_STRING) === 0 && e.name === RT_VERSION);
    const typeEntry = versionTypes[0];
    if (!typeEntry) return [];
    if (versionTypes.length > 1) {
      this.file.anomaly(
        this.fileOffset(typeEntry.at),
        `the root resource directory lists RT_VERSION ${versionTypes.length} times; only the first is read`,
      );
    }
    const namesOffset = this.subdirectory(typeEntry, 'the RT_VERSION entry');
    const names = this.directory(namesOffset, false, 'the RT_VERSION directory', [0], typeEntry.at);
    const leaves: VersionLeaf[] = [];
    const problems: PeReadError[] = [];
    for (const nameEntry of names) {
      try {
        const named = (nameEntry.name & IMAGE_RESOURCE_NAME_IS_STRING) !== 0;
        const label = named ? 'RT_VERSION (named)' : `RT_VERSION ${nameEntry.name & 0xffff}`;
        const languagesOffset = this.subdirectory(nameEntry, `the ${label} entry`);
        const languages = this.directory(languagesOffset, false, `the language directory of ${label}`, [0, namesOffset], nameEntry.at);
        // A name string costs a read: only fetched when the name has languages to report.
        const resourceId = !named
          ? nameEntry.name & 0xffff
          : languages.length > 0
            ? this.name(withoutHighBit(nameEntry.name), nameEntry.at)
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
            this.file.anomaly(at, `more than ${READER_LIMITS.maxVersionResources} RT_VERSION resources; the rest are not read`);
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
      for (const p of otherProblems) this.file.anomaly(p.offset ?? 0, p.message);
      throw firstProblem;
    }
    for (const p of problems) this.file.anomaly(p.offset ?? 0, p.message);
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
