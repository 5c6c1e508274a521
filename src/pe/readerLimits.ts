/** The PE reader's caps, in one place: what bounds the bytes it reads and the work it does for any input. */

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
