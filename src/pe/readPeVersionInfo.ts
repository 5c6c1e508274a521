/**
 * The bounded PE version-resource reader, split as Go's debug/pe is: the
 * headers (headers.ts), the section table and RVA mapping (sections.ts), the
 * resource tree (resourceTree.ts), the version resources in it
 * (versionResources.ts, versionInfo.ts), all reading through one PeFile
 * (peFile.ts). It reads, by position only, those structures and nothing
 * else. Every count is capped (readerLimits.ts) and every offset checked, so
 * the bytes read do not grow with the file (a 100 MB DLL costs a few KB) and
 * crafted files cannot make it loop. It never throws: every failure becomes
 * `{ ok: false, code, message }`.
 */
import type { ByteSource } from './byteSource.js';
import {
  optionalHeaderOffset,
  peImage,
  readDosHeader,
  readFileHeader,
  readNtSignature,
  readOptionalHeader,
  readOptionalHeaderMagic,
} from './headers.js';
import { hex, PeFile } from './peFile.js';
import { readSectionTable } from './sections.js';
import type { PeReadResult } from './types.js';
import { readVersionResources } from './versionResources.js';
import { IMAGE_SIZEOF_NT_SIGNATURE } from './constants.js';

export { READER_LIMITS } from './readerLimits.js';

/** The steps, in file order; each throws a PeReadError that `readPeVersionInfo` turns into a result. */
async function read(file: PeFile): Promise<PeReadResult> {
  const dos = await readDosHeader(file);
  const ntOffset = await readNtSignature(file, dos);
  const fileHeader = await readFileHeader(file, ntOffset + IMAGE_SIZEOF_NT_SIGNATURE);
  const format = await readOptionalHeaderMagic(file, fileHeader);
  // From here on a failure still reports what the file header said.
  file.image = peImage(fileHeader, format);
  const optional = await readOptionalHeader(file, fileHeader, format);
  const sections = await readSectionTable(
    file,
    optionalHeaderOffset(fileHeader) + fileHeader.sizeOfOptionalHeader,
    fileHeader.numberOfSections,
    optional.fileAlignment,
    optional.sizeOfHeaders,
  );
  const resources = optional.resourceTable;
  if (resources.virtualAddress === 0) return file.success([]);
  if (resources.size === 0) {
    file.anomaly(
      optional.resourceTableSizeAt,
      `resource data directory has RVA ${hex(resources.virtualAddress)} but Size 0; reading it anyway`,
    );
  }
  return file.success(await readVersionResources(file, sections, resources.virtualAddress));
}

/**
 * Reads the version resources of a PE image through positional reads of
 * `source`. Never throws and never reads more than a bounded number of bytes.
 */
export async function readPeVersionInfo(source: ByteSource): Promise<PeReadResult> {
  const file = new PeFile(source);
  try {
    return await read(file);
  } catch (error) {
    return file.failure(error);
  }
}
