// Builds patch images in tests: zip (yazl), tar and tar.gz (tar-stream), WIM (wimlib-imagex capture). Never committed as binaries.
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import yazl from 'yazl';
import { writePe } from '../../src/pe/writePe.js';
import type { TreeFile } from './serverTree.js';
import { tempDir } from './tempDir.js';

/** The bytes of a tree file. */
export function treeBytes(file: TreeFile): Buffer {
  return 'pe' in file ? Buffer.from(writePe(file.pe)) : Buffer.from(file.text);
}

/** Extra zip entries: links and raw names yazl refuses to write. */
export interface ZipExtras {
  /** Store (no compression) instead of deflate. */
  readonly store?: boolean;
  /** Symbolic link entries: path → link target. */
  readonly symlinks?: Record<string, string>;
  /** Entries written under a same-length placeholder, then renamed in the bytes (for "../x", "C:/x", "a\\b"). */
  readonly raw?: Record<string, TreeFile>;
  /** More entries with their own bytes. */
  readonly buffers?: Record<string, Buffer>;
}

/** A zip of `files` (path → content), as bytes. */
export async function zipTree(files: Record<string, TreeFile>, extras: ZipExtras = {}): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const mtime = new Date('2002-05-08T12:00:00Z');
  const compress = !extras.store;
  for (const [name, file] of Object.entries(files)) zip.addBuffer(treeBytes(file), name, { mtime, compress });
  for (const [name, bytes] of Object.entries(extras.buffers ?? {})) zip.addBuffer(bytes, name, { mtime, compress });
  for (const [name, target] of Object.entries(extras.symlinks ?? {}))
    zip.addBuffer(Buffer.from(target), name, { mtime, mode: 0o120777, compress: false });
  const renames: [string, string][] = [];
  for (const [name, file] of Object.entries(extras.raw ?? {})) {
    const placeholder = name.replace(/[^A-Za-z0-9.]/g, 'Q');
    renames.push([placeholder, name]);
    zip.addBuffer(treeBytes(file), placeholder, { mtime, compress });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  let bytes: Buffer = Buffer.concat(chunks);
  for (const [placeholder, name] of renames) bytes = replaceAll(bytes, Buffer.from(placeholder), Buffer.from(name));
  return bytes;
}

function replaceAll(bytes: Buffer, from: Buffer, to: Buffer): Buffer {
  for (let at = bytes.indexOf(from); at !== -1; at = bytes.indexOf(from, at + to.length)) to.copy(bytes, at);
  return bytes;
}

/** A tar entry beyond plain files. */
export type TarExtra = { type: 'symlink' | 'link'; linkname: string } | { type: 'file'; bytes: Buffer };

/** A tar (or tar.gz) of `files`, as bytes; `extras` adds links and raw-named entries (tar-stream writes any name). */
export async function tarTree(
  files: Record<string, TreeFile>,
  options: { gzip?: boolean; extras?: Record<string, TarExtra> } = {},
): Promise<Buffer> {
  const pack = tar.pack();
  const mtime = new Date('2002-05-08T12:00:00Z');
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of pack) chunks.push(chunk as Buffer);
  })();
  const folders = new Set<string>();
  for (const [name, file] of Object.entries(files)) {
    const parts = name.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      if (!folders.has(folder)) {
        pack.entry({ name: `${folder}/`, type: 'directory', mtime, mode: 0o755 });
        folders.add(folder);
      }
    }
    pack.entry({ name, mtime, mode: 0o644 }, treeBytes(file));
  }
  for (const [name, extra] of Object.entries(options.extras ?? {})) {
    if (extra.type === 'file') pack.entry({ name, mtime, mode: 0o644 }, extra.bytes);
    else pack.entry({ name, mtime, type: extra.type, linkname: extra.linkname, mode: 0o777 });
  }
  pack.finalize();
  await done;
  const bytes = Buffer.concat(chunks);
  return options.gzip ? gzipSync(bytes) : bytes;
}

/** Writes bytes to a fresh temp folder under `name`; returns the file's path. */
export async function writeTemp(name: string, bytes: Uint8Array): Promise<string> {
  const file = path.join(await tempDir('hv-image-'), name);
  await writeFile(file, bytes);
  return file;
}

/** True when wimlib-imagex can be run here; throws when it cannot and HOTFIX_VERIFY_REQUIRE_WIMLIB is set (CI). */
export function hasWimlib(): boolean {
  const result = spawnSync('wimlib-imagex', ['--version'], { encoding: 'utf8' });
  if (result.status !== 0 && process.env['HOTFIX_VERIFY_REQUIRE_WIMLIB']) {
    throw new Error('HOTFIX_VERIFY_REQUIRE_WIMLIB is set but wimlib-imagex cannot be run: apt-get install wimtools');
  }
  return result.status === 0;
}

/** Why the WIM tests are skipped, when they are. */
export const NO_WIMLIB = 'wimlib-imagex is not installed (apt-get install wimtools); WIM tests skipped';

/** Captures folders into one WIM, one image per folder (wimlib-imagex capture, then append); returns its path. */
export async function wimOf(folders: readonly string[], name = 'image.wim'): Promise<string> {
  const file = path.join(await tempDir('hv-wim-test-'), name);
  folders.forEach((folder, i) => {
    const result = spawnSync('wimlib-imagex', [i === 0 ? 'capture' : 'append', folder, file, `image ${i + 1}`, '--no-acls'], {
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`wimlib-imagex failed: ${result.stderr}`);
  });
  return file;
}
