/** Chooses the FileSource for a scan target: a folder, or a zip, tar, tar.gz or WIM image told by its content. */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { errnoWords } from '../errors.js';
import { directorySource, TargetError, type DirectorySourceOptions } from './directorySource.js';
import { DEFAULT_MAX_EXPAND, DEFAULT_MAX_RATIO, type ExpandLimits } from './expandLimits.js';
import { DETECT_BYTES, detectImageFormat, isTarHeader, type ImageFormat } from './imageFormat.js';
import { resolveTarget } from './targetPath.js';
import type { FileSource } from './types.js';

/** How to open a target. */
export interface OpenSourceOptions {
  /** WIM image to scan (1-based); required for a WIM with several images, refused for anything else. */
  readonly imageIndex?: number;
  /** Total bytes an archive may expand to while scanned (default 4 GiB). */
  readonly maxExpand?: number;
  /** Largest compression ratio of one entry or gzip stream (default 200:1). */
  readonly maxRatio?: number;
  /** For folders: called as the walk goes (the CLI's progress line). */
  readonly folder?: DirectorySourceOptions;
  /** The wimlib-imagex executable (default: from the PATH). */
  readonly wimlib?: string;
}

/** What a target turned out to be; 'gzip' is a gzip file that does not (readably) hold a tar. */
export type TargetKind = 'folder' | 'zip' | 'tar' | 'tar.gz' | 'wim' | 'gzip';

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = new Uint8Array(DETECT_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, DETECT_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The first tar block inside a gzip file, or fewer bytes when the stream is shorter (or broken). */
async function gunzipHead(file: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let length = 0;
  const input = createReadStream(file);
  const gunzip = createGunzip();
  try {
    for await (const chunk of input.pipe(gunzip)) {
      chunks.push(chunk as Buffer);
      length += (chunk as Buffer).length;
      if (length >= DETECT_BYTES) break;
    }
  } catch {
    // A broken stream shows as too few bytes; the tar pass then names the error.
  } finally {
    input.destroy();
    gunzip.destroy();
  }
  return Buffer.concat(chunks).subarray(0, DETECT_BYTES);
}

/** Tells what `target` is by its content: a folder, or an image format from its magic bytes. */
export async function detectTarget(target: string): Promise<TargetKind | undefined> {
  const info = await stat(target);
  if (info.isDirectory()) return 'folder';
  if (!info.isFile()) return undefined;
  const format: ImageFormat | undefined = detectImageFormat(await readHead(target));
  if (format !== 'gzip') return format;
  return isTarHeader(await gunzipHead(target)) ? 'tar.gz' : 'gzip';
}

/**
 * Opens a scan target as a FileSource: a folder, a zip, a tar, a tar.gz or one image of a WIM,
 * chosen by content (magic bytes), not by extension. Throws TargetError (exit 2) when the target
 * is missing, of another kind, or cannot be read.
 */
export async function openSource(target: string, options: OpenSourceOptions = {}): Promise<FileSource> {
  try {
    await stat(target);
  } catch {
    return directorySource(target); // names the problem (missing, permission denied) in the folder source's words
  }
  let kind: TargetKind | undefined;
  try {
    kind = await detectTarget(target);
  } catch (error) {
    throw new TargetError(target, `cannot be read: ${errnoWords(error)}`);
  }
  if (kind === undefined) {
    throw new TargetError(target, 'is neither a folder nor a zip, tar, tar.gz or WIM image (told by content, not by name)');
  }
  if (kind === 'gzip') {
    throw new TargetError(
      target,
      'is gzip-compressed, but does not begin with a tar archive (or the stream is corrupt or truncated); only tar.gz is read',
    );
  }
  if (options.imageIndex !== undefined && kind !== 'wim') {
    throw new TargetError(target, `--image-index applies to WIM images only; this is a ${kind}`);
  }
  if (kind === 'folder') return directorySource(target, options.folder);
  const file = resolveTarget(target);
  const limits: ExpandLimits = { maxExpand: options.maxExpand ?? DEFAULT_MAX_EXPAND, maxRatio: options.maxRatio ?? DEFAULT_MAX_RATIO };
  // Each image reader (and its library) is loaded only for its own kind: a folder scan loads none.
  switch (kind) {
    case 'zip':
      return (await import('./zipSource.js')).zipSource(file, { limits });
    case 'tar':
      return (await import('./tarSource.js')).tarSource(file, { gzip: false, limits });
    case 'tar.gz':
      return (await import('./tarSource.js')).tarSource(file, { gzip: true, limits });
    case 'wim':
      return (await import('./wimSource.js')).wimSource(file, {
        limits,
        ...(options.imageIndex !== undefined ? { imageIndex: options.imageIndex } : {}),
        ...(options.wimlib ? { wimlib: options.wimlib } : {}),
      });
  }
}
