/** A FileSource over a folder on disk: a bounded-concurrency walk that never follows links out of the root. */
import { constants as fsConstants } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileHandleSource } from '../pe/byteSource.js';
import { decodeFsName, encodeFsName } from './fsNames.js';
import { SourceOpenError, type FileSource, type OpenedFile, type SourceEntry, type SourceProblem } from './types.js';

/** How many folders are listed at once: enough to overlap I/O, few enough to keep memory flat. */
const WALK_CONCURRENCY = 16;

/** Raised when the target itself cannot be used (missing, not a folder): the tool cannot do its job. */
export class TargetError extends Error {
  readonly code = 'target';
  constructor(readonly target: string, problem: string) {
    super(`${target}: ${problem}`);
    this.name = 'TargetError';
  }
}

function errnoText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'no longer exists';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENAMETOOLONG':
      return 'path too long for the system (over 4,096 bytes, or a name over 255)';
    default:
      return (error as Error).message;
  }
}

/** Opens a folder as a FileSource; throws TargetError when it does not exist or is not a folder. */
export async function directorySource(root: string): Promise<FileSource> {
  const absolute = path.resolve(root);
  let realRoot: string;
  try {
    const info = await stat(absolute);
    if (!info.isDirectory()) throw new TargetError(root, 'is not a folder');
    realRoot = decodeFsName(await realpath(absolute, { encoding: 'buffer' }));
  } catch (error) {
    if (error instanceof TargetError) throw error;
    throw new TargetError(root, `cannot be scanned: ${errnoText(error)}`);
  }
  return new DirectorySource(absolute, realRoot);
}

class DirectorySource implements FileSource {
  readonly description: string;
  constructor(private readonly root: string, private readonly realRoot: string) {
    this.description = root;
  }

  async find(names: ReadonlySet<string>): Promise<{ entries: SourceEntry[]; problems: SourceProblem[] }> {
    const entries: SourceEntry[] = [];
    const problems: SourceProblem[] = [];
    const pending: string[] = [''];
    let active = 0;
    await new Promise<void>((resolve) => {
      const pump = () => {
        while (active < WALK_CONCURRENCY && pending.length > 0) {
          const relative = pending.pop() as string;
          active++;
          this.listOne(relative, names, entries, problems, pending).finally(() => {
            active--;
            if (pending.length === 0 && active === 0) resolve();
            else pump();
          });
        }
      };
      pump();
    });
    const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    entries.sort(byPath);
    problems.sort(byPath);
    return { entries, problems };
  }

  private async listOne(relative: string, names: ReadonlySet<string>, entries: SourceEntry[], problems: SourceProblem[], pending: string[]): Promise<void> {
    let dirents;
    try {
      // Names as bytes: a name that is not UTF-8 must still be found and opened again (see fsNames.ts).
      dirents = await readdir(this.fsPath(relative), { withFileTypes: true, encoding: 'buffer' });
    } catch (error) {
      const tooLong = (error as NodeJS.ErrnoException).code === 'ENAMETOOLONG';
      problems.push({ path: relative === '' ? '.' : relative, code: tooLong ? 'path-too-long' : 'unreadable-folder', message: `folder cannot be listed: ${errnoText(error)}` });
      return;
    }
    for (const dirent of dirents) {
      const name = decodeFsName(dirent.name);
      const child = relative === '' ? name : `${relative}/${name}`;
      if (dirent.isDirectory()) {
        pending.push(child);
      } else if (names.has(name.toLowerCase())) {
        const type = dirent.isFile() ? 'file' : dirent.isSymbolicLink() ? 'symlink' : 'other';
        entries.push({ path: child, name, type });
      }
      // Symbolic links to folders are never walked: a link cannot lead the scan out of the target or round a loop.
    }
  }

  /** The bytes of the path of `relative` (a "/"-separated path as decodeFsName gives it) under the root. */
  private fsPath(relative: string): Buffer {
    return relative === '' ? encodeFsName(this.root) : encodeFsName(`${this.root}${path.sep}${relative}`);
  }

  async open(entry: SourceEntry): Promise<OpenedFile> {
    let target: Buffer = this.fsPath(entry.path);
    if (entry.type === 'other') {
      throw new SourceOpenError('not-regular-file', entry.path, 'not a regular file (a device, FIFO or socket); not opened');
    }
    if (entry.type === 'symlink') {
      let resolved: string;
      try {
        resolved = decodeFsName(await realpath(target, { encoding: 'buffer' }));
      } catch (error) {
        throw new SourceOpenError('broken-link', entry.path, `symbolic link cannot be resolved: ${errnoText(error)}`);
      }
      const inside = path.relative(this.realRoot, resolved);
      if (inside.startsWith('..') || path.isAbsolute(inside)) {
        throw new SourceOpenError('link-outside-target', entry.path, `symbolic link points outside the target (${resolved}); not followed`);
      }
      target = encodeFsName(resolved);
    }
    let handle;
    try {
      // O_NONBLOCK: a FIFO that replaced the file after listing must not block the scan; O_NOFOLLOW: nor a new link.
      handle = await open(target, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK | fsConstants.O_NOFOLLOW);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new SourceOpenError('vanished', entry.path, 'deleted between listing and reading');
      throw new SourceOpenError('unreadable', entry.path, `cannot be opened: ${errnoText(error)}`);
    }
    try {
      const info = await handle.stat();
      if (!info.isFile()) {
        throw new SourceOpenError('not-regular-file', entry.path, 'not a regular file (a device, FIFO, socket or folder); not read');
      }
      const bytes = fileHandleSource(handle, info.size);
      return {
        size: info.size,
        mtimeMs: info.mtimeMs,
        get bytesRead() {
          return bytes.bytesRead;
        },
        read: (position, length) => bytes.read(position, length),
        close: () => handle.close(),
      };
    } catch (error) {
      await handle.close().catch(() => undefined);
      if (error instanceof SourceOpenError) throw error;
      throw new SourceOpenError('unreadable', entry.path, `cannot be read: ${errnoText(error)}`);
    }
  }
}
