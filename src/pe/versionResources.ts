/**
 * The version resources of an image: the RT_VERSION leaves of the resource
 * tree, the IMAGE_RESOURCE_DATA_ENTRY of each, the VS_VERSIONINFO bytes it
 * points at (capped, zeros past the raw data marked as such), parsed by
 * versionInfo.ts. A broken leaf is an anomaly while another leaf parses.
 */
import { IMAGE_RESOURCE_DATA_ENTRY, IMAGE_SIZEOF_RESOURCE_DATA_ENTRY } from './constants.js';
import { hex, type PeFile, PeReadError, uint32 } from './peFile.js';
import { READER_LIMITS } from './readerLimits.js';
import { ResourceTree, type VersionLeaf } from './resourceTree.js';
import type { SectionTable } from './sections.js';
import type { VersionResource } from './types.js';
import { parseVersionInfo } from './versionInfo.js';

/** The bytes of one VS_VERSIONINFO as the image holds them, and how many of them the file really holds. */
interface VersionBlob {
  bytes: Uint8Array;
  /** File offset of the first byte. */
  offset: number;
  /** Bytes from the start backed by file data; the rest are the zeros past a section's SizeOfRawData. */
  backed: number;
}

/**
 * Walks root → RT_VERSION → every name/id → every language of the resource
 * table at `resourceRva`, then parses each VS_VERSIONINFO. A broken leaf is an
 * anomaly while another leaf parses; if none does, the first leaf's failure is
 * the result.
 */
export function readVersionResources(file: PeFile, sections: SectionTable, resourceRva: number): VersionResource[] {
  const root = sections.map(resourceRva);
  if (!root) {
    throw new PeReadError('corrupt', `resource directory RVA ${hex(resourceRva)} is not inside any section`);
  }
  const tree = new ResourceTree(file, resourceRva, root);
  const leaves = tree.versionLeaves();
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
      const blob = versionBlob(file, sections, tree, leaf, blobs);
      // The same offset, length and backing always hold the same bytes within one read of a file.
      const parsed = file.remember(`version blob ${blob.offset}+${blob.bytes.byteLength}/${blob.backed}`, () =>
        parseVersionInfo(blob.bytes, blob.offset, blob.backed),
      );
      for (const a of parsed.anomalies) file.anomaly(a.offset, a.message);
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
    for (const f of rest) file.anomaly(f.offset ?? 0, f.message);
    throw first;
  }
  for (const f of failures) file.anomaly(f.offset ?? 0, f.message);
  return versions;
}

/** Reads the IMAGE_RESOURCE_DATA_ENTRY of a leaf and the VS_VERSIONINFO bytes it points at (capped). */
function versionBlob(
  file: PeFile,
  sections: SectionTable,
  tree: ResourceTree,
  leaf: VersionLeaf,
  cache: Map<number, VersionBlob>,
): VersionBlob {
  const entry = tree.read(leaf.dataEntry, IMAGE_SIZEOF_RESOURCE_DATA_ENTRY, 'a resource data entry');
  const dataRva = uint32(entry, IMAGE_RESOURCE_DATA_ENTRY.OffsetToData);
  const size = uint32(entry, IMAGE_RESOURCE_DATA_ENTRY.Size);
  const entryOffset = tree.fileOffset(leaf.dataEntry);
  const cached = cache.get(dataRva);
  if (cached) return cached;
  if (size === 0) {
    throw new PeReadError('corrupt', `version resource data entry at offset ${hex(entryOffset)} has Size 0`, entryOffset);
  }
  const mapping = sections.map(dataRva);
  if (!mapping) {
    throw new PeReadError(
      'corrupt',
      `version resource data RVA ${hex(dataRva)} (data entry at offset ${hex(entryOffset)}) is not inside any section`,
      entryOffset,
    );
  }
  let length = Math.min(size, READER_LIMITS.maxVersionBytes);
  if (length < size) {
    file.anomaly(
      entryOffset,
      `version resource data entry at offset ${hex(entryOffset)} has Size ${size}; only the first ${length} bytes are read`,
    );
  }
  if (length > mapping.span) {
    file.anomaly(
      entryOffset,
      `version resource data at RVA ${hex(dataRva)} (${size} bytes) runs past the end of ${mapping.where}; reading the ${mapping.span} ` +
        `bytes inside it`,
    );
    length = mapping.span;
  }
  const bytes = file.readMapped(mapping, length, 'the version resource data');
  // Past the section's raw data the image holds zeros the file does not: no version may be built from them.
  const blob = { bytes, offset: mapping.fileOffset, backed: Math.min(length, mapping.raw) };
  cache.set(dataRva, blob);
  return blob;
}
