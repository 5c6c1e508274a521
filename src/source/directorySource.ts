/** A FileSource over a folder on disk: one listing per folder (walkTree), and links never followed out of the root. */
import { constants as fsConstants } from 'node:fs';
import { type FileHandle, open, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { decodeFsName, encodeFsName } from './fsNames.js';
import { openedFileFromHandle } from './openedFile.js';
import { SourceOpenError, type FileSource, type OpenedFile, type SourceEntry, type SourceProblem } from './types.js';
import { folderPath, nameMatcher, walkTree, type WalkProgress } from './walkTree.js';
import { errnoCode, errnoWords, HotfixError } from '../errors.js';

/** Options of a directory source. */
export interface DirectorySourceOptions {
  /** Called as folders are listed (for a progress indicator). */
  readonly onProgress?: WalkProgress;
}

/** Raised when the target itself cannot be used (missing, not a folder): the tool cannot do its job. */
export class TargetError extends HotfixError {
  constructor(
    readonly target: string,
    problem: string,
  ) {
    super('target', target, undefined, problem);
  }
}

/** Opens a folder as a FileSource; throws TargetError when it does not exist or is not a folder. */
export async function directorySource(root: string, options: DirectorySourceOptions = {}): Promise<FileSource> {
  const absolute = path.resolve(root);
  let realRoot: string;
  try {
    const info = await stat(absolute);
    if (!info.isDirectory()) throw new TargetError(root, 'is not a folder');
    realRoot = decodeFsName(await realpath(absolute, { encoding: 'buffer' }));
  } catch (error) {
    if (error instanceof TargetError) throw error;
    const problem = errnoCode(error) === 'ENOENT' ? 'does not exist' : errnoWords(error);
    throw new TargetError(root, `cannot be scanned: ${problem}`);
  }
  return new DirectorySource(absolute, realRoot, options);
}

class DirectorySource implements FileSource {
  readonly description: string;
  constructor(
    private readonly root: string,
    private readonly realRoot: string,
    private readonly options: DirectorySourceOptions,
  ) {
    this.description = root;
  }

  /** Holds nothing between calls; here so that every source openSource gives can be closed alike. */
  async close(): Promise<void> {}

  /** Walks the whole tree once; only names in `names` are kept, and nothing is stat'ed or opened. */
  find(names: ReadonlySet<string>): Promise<{ entries: SourceEntry[]; problems: SourceProblem[] }> {
    return walkTree(this.root, nameMatcher(names), this.options.onProgress);
  }

  async open(entry: SourceEntry): Promise<OpenedFile> {
    let target: Buffer = folderPath(this.root, entry.path);
    if (entry.type === 'other') {
      throw new SourceOpenError('not-regular-file', entry.path, 'not a regular file (a device, FIFO or socket); not opened');
    }
    if (entry.type === 'symlink') {
      let resolved: string;
      try {
        resolved = decodeFsName(await realpath(target, { encoding: 'buffer' }));
      } catch (error) {
        throw new SourceOpenError('broken-link', entry.path, `symbolic link cannot be resolved: ${errnoWords(error)}`);
      }
      const inside = path.relative(this.realRoot, resolved);
      if (inside.startsWith('..') || path.isAbsolute(inside)) {
        throw new SourceOpenError('link-outside-target', entry.path, `symbolic link points outside the target (${resolved}); not followed`);
      }
      target = encodeFsName(resolved);
    }
    let handle: FileHandle | undefined;
    try {
      // O_NONBLOCK: a FIFO that replaced the file after listing must not block the scan; O_NOFOLLOW: nor a new link.
      handle = await open(target, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK | fsConstants.O_NOFOLLOW);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new SourceOpenError('vanished', entry.path, 'deleted between listing and reading');
      throw new SourceOpenError('unreadable', entry.path, `cannot be opened: ${errnoWords(error)}`);
    }
    return openedFileFromHandle(
      handle,
      entry.path,
      'not a regular file (a device, FIFO, socket or folder); not read',
      (error) => `cannot be read: ${errnoWords(error)}`,
    );
  }
}
