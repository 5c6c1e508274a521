/** What kind of image a file is, told by its first bytes (magic values), never by its name. */

/** The image formats a scan target can be, besides a folder. */
export type ImageFormat = 'zip' | 'tar' | 'gzip' | 'wim';

/** Local file header signature "PK\x03\x04" (APPNOTE 4.3.7). */
const ZIP_LOCAL_FILE_HEADER = [0x50, 0x4b, 0x03, 0x04];
/** End of central directory signature "PK\x05\x06": an empty zip starts with it (APPNOTE 4.3.16). */
const ZIP_END_OF_CENTRAL_DIRECTORY = [0x50, 0x4b, 0x05, 0x06];
/** gzip member header ID1 ID2 (RFC 1952 2.3.1). */
const GZIP_ID = [0x1f, 0x8b];
/** WIM header ImageTag "MSWIM\0\0\0" (Windows Imaging File Format, WIMHEADER_V1_PACKED). */
const WIM_IMAGE_TAG = [0x4d, 0x53, 0x57, 0x49, 0x4d, 0x00, 0x00, 0x00];
/** POSIX ustar: "ustar" at offset 257 of the first 512-byte header block. */
const USTAR_MAGIC_OFFSET = 257;
const USTAR_MAGIC = [0x75, 0x73, 0x74, 0x61, 0x72];
/** A tar header block, and where its checksum field lies (offset 148, 8 bytes, octal). */
export const TAR_BLOCK_SIZE = 512;
const TAR_CHKSUM_OFFSET = 148;
const TAR_CHKSUM_LENGTH = 8;

/** How many leading bytes `detectImageFormat` needs to tell every format apart. */
export const DETECT_BYTES = TAR_BLOCK_SIZE;

function startsWith(bytes: Uint8Array, magic: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + magic.length) return false;
  return magic.every((value, index) => bytes[offset + index] === value);
}

/**
 * True when `block` is a tar header: "ustar" at offset 257, or (old V7 tar, which has no
 * magic) a checksum field that matches the block's byte sum with that field read as spaces.
 */
export function isTarHeader(block: Uint8Array): boolean {
  if (block.length < TAR_BLOCK_SIZE) return false;
  if (startsWith(block, USTAR_MAGIC, USTAR_MAGIC_OFFSET)) return true;
  if (block[0] === 0) return false; // V7 headers start with a name; an all-zero block is the end marker.
  const field = Buffer.from(block.subarray(TAR_CHKSUM_OFFSET, TAR_CHKSUM_OFFSET + TAR_CHKSUM_LENGTH)).toString('latin1');
  const digits = field.replace(/[\0 ]+$/, '').replace(/^ +/, '');
  if (!/^[0-7]{1,7}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < TAR_BLOCK_SIZE; i++) {
    sum += i >= TAR_CHKSUM_OFFSET && i < TAR_CHKSUM_OFFSET + TAR_CHKSUM_LENGTH ? 0x20 : block[i]!;
  }
  return sum === Number.parseInt(digits, 8);
}

/** Tells an image's format from its first bytes (up to DETECT_BYTES); undefined when it is none we read. */
export function detectImageFormat(head: Uint8Array): ImageFormat | undefined {
  if (startsWith(head, ZIP_LOCAL_FILE_HEADER) || startsWith(head, ZIP_END_OF_CENTRAL_DIRECTORY)) return 'zip';
  if (startsWith(head, WIM_IMAGE_TAG)) return 'wim';
  if (startsWith(head, GZIP_ID)) return 'gzip';
  if (isTarHeader(head)) return 'tar';
  return undefined;
}
