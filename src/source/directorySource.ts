/** A FileSource over a folder on disk: one listing per folder (walkTree), and links never followed out of the root. */
import { realpath, stat } from 'node:fs/promises';
import { decodeFsName, encodeFsName } from './fsNames.js';
import { openedFileFromHandle } from './openedFile.js';
import { openNoFollow } from './openNoFollow.js';
import { relativeUnder, resolveTarget } from './targetPath.js';
import { SourceOpenError, type FileSource, type Listing, type OpenedFile, type SourceEntry } from './types.js';
import { folderPath, foldersAmong, nameMatcher, walkTree, type WalkProgress } from './walkTree.js';
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
  // As typed where the system would read it so (a \\?\ path is not normalised); resolved otherwise.
  const absolute = resolveTarget(root);
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

  /** Which links lead to folders: a stat each, asked only when the listing had links. */
  async folderLinks(links: readonly string[]): Promise<string[]> {
    return foldersAmong(this.root, links);
  }

  /** Walks the whole tree once; only names in `names` are kept, and nothing is stat'ed or opened. */
  find(names: ReadonlySet<string>): Promise<Listing> {
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
      // Both sides resolved by the system: on Windows through junctions too, compared case-insensitively.
      if (relativeUnder(this.realRoot, resolved) === undefined) {
        throw new SourceOpenError('link-outside-target', entry.path, `symbolic link points outside the target (${resolved}); not followed`);
      }
      target = encodeFsName(resolved);
    }
    const handle = await openNoFollow(target, entry.path);
    return openedFileFromHandle(
      handle,
      entry.path,
      'not a regular file (a device, FIFO, socket or folder); not read',
      (error) => `cannot be read: ${errnoWords(error)}`,
    );
  }
}
