/**
 * The folder walk under the directory source and `inspect --recursive`: lists a
 * tree of hundreds of thousands of entries with one readdir (with file types)
 * per folder and nothing else: no stat, no open, no realpath per entry.
 */
import { readdir as readdirCallback, readdirSync, statSync, type Dirent } from 'node:fs';
import { errnoWords } from '../errors.js';
import { EVERY_NAME } from './everyName.js';
import { decodeFsName, encodeFsName } from './fsNames.js';
import { joinUnder } from './targetPath.js';
import { byPath, type SourceEntry, type SourceProblem } from './types.js';

/** Folder listings in flight on libuv's thread pool while the main thread lists others itself. */
const ASYNC_LISTINGS = 2;
/** Folders listed synchronously between two turns of the event loop, so a long walk never blocks it for long. */
const SYNC_BATCH = 4;
/**
 * A listing that takes this long comes from a slow file system (a network
 * share): there the time is spent waiting, not working, so once SLOW_LISTINGS
 * of them were seen every folder is listed on the thread pool, SLOW_ASYNC_LISTINGS
 * at a time, and none on the main thread (which would wait for each in turn).
 */
const SLOW_LISTING_MS = 1;
const SLOW_LISTINGS = 8;
/** libuv's thread pool has 4 threads unless UV_THREADPOOL_SIZE says otherwise. */
const SLOW_ASYNC_LISTINGS = Math.max(4, Number(process.env['UV_THREADPOOL_SIZE']) || 0);

/** Called after each folder is listed with the running totals, for a progress indicator. */
export type WalkProgress = (counts: { readonly folders: number; readonly entries: number; readonly matched: number }) => void;

/** What a walk found: matching non-folder entries sorted by path, and folders it could not list. */
export interface WalkResult {
  readonly entries: SourceEntry[];
  readonly problems: SourceProblem[];
  /** Symbolic links (junctions) not named by the manifests, which the walk does not follow: a missing file may be behind one. */
  readonly links?: string[];
}

/** Links a walk reports at most: they are rare, and each may cost a stat later. */
const MAX_LINKS = 256;

/** Which of the links (paths relative to `root`) point at folders; a broken or unreadable link is not one. */
export function foldersAmong(root: string, links: readonly string[]): string[] {
  return links.filter((relative) => {
    try {
      return statSync(folderPath(root, relative)).isDirectory();
    } catch {
      return false;
    }
  });
}

/**
 * A predicate for "the lower-cased name is one of `names`" that skips the
 * lower-casing for names of a length no wanted name has (most of a tree).
 */
export function nameMatcher(names: ReadonlySet<string>): (name: string) => boolean {
  // The set that holds every name (snapshots, scan --exact) has no lengths to filter by.
  if (names === EVERY_NAME) return () => true;
  const lengths = new Set<number>();
  for (const name of names) lengths.add(name.length);
  // Only U+0130 (İ) lower-cases to two code units, so only names holding it can change length.
  return (name) => (lengths.has(name.length) || name.includes('\u0130')) && names.has(name.toLowerCase());
}

/** A folder that cannot be listed, as a source problem (over-long paths have their own code). */
function listingProblem(relative: string, error: unknown): SourceProblem {
  const tooLong = (error as NodeJS.ErrnoException).code === 'ENAMETOOLONG';
  return {
    path: relative === '' ? '.' : relative,
    code: tooLong ? 'path-too-long' : 'unreadable-folder',
    message: `folder cannot be listed: ${errnoWords(error)}`,
  };
}

/**
 * The bytes of the path of `relative` ("/"-separated, as the walk gives it) under `root`. Names are read as bytes and decoded losslessly
 * (fsNames.ts):
 * a folder whose name is not UTF-8 must be found, and listed or opened again by its exact bytes. Joined by joinUnder: on Windows with
 * backslashes only, as a `\\?\` root is not normalised by the system.
 */
export function folderPath(root: string, relative: string): Buffer {
  return encodeFsName(joinUnder(root, relative));
}

/**
 * Names read as UTF-8 (fast: no Buffer per entry); a listing with a U+FFFD in some name may
 * hold bytes that are not UTF-8, and only then is the folder read again as bytes and every
 * name decoded losslessly. (A real U+FFFD in a valid name takes the same, exact, path.)
 */
function exactNames(dirents: Dirent[], root: string, relative: string): Dirent[] {
  if (!dirents.some((dirent) => dirent.name.includes('\ufffd'))) return dirents;
  const raw = readdirSync(folderPath(root, relative), { withFileTypes: true, encoding: 'buffer' }) as unknown as Dirent[];
  for (const dirent of raw) (dirent as { name: string }).name = decodeFsName(dirent.name as unknown as Uint8Array);
  return raw;
}

/** Reads a folder's entries, names exact (see exactNames). */
function listSync(root: string, relative: string): Dirent[] {
  return exactNames(readdirSync(folderPath(root, relative), { withFileTypes: true }), root, relative);
}

/** A dirent's name (already a lossless string: see exactNames). */
function nameOf(dirent: Dirent): string {
  return dirent.name;
}

/**
 * Lists every folder under `root` (an absolute path) and returns the
 * non-folder entries whose name `want` accepts. Symbolic links are reported
 * as links and never walked; a folder that cannot be listed becomes a problem.
 *
 * Why it is shaped so: most of a walk's time is the kernel's getdents and
 * libuv's sort of each listing. Listing some folders synchronously on the
 * main thread while a couple of others are listed on the thread pool uses two
 * cores, costs no promise per folder, and still yields to the event loop
 * every few folders.
 */
export function walkTree(root: string, want: (name: string) => boolean, onProgress?: WalkProgress): Promise<WalkResult> {
  const entries: SourceEntry[] = [];
  const problems: SourceProblem[] = [];
  const links: string[] = [];
  const pending: string[] = [''];
  const counts = { folders: 0, entries: 0, matched: 0 };
  let inFlight = 0;
  let scheduled = false;
  let slowListings = 0;

  const take = (relative: string, dirents: Dirent[]) => {
    counts.folders++;
    counts.entries += dirents.length;
    for (const dirent of dirents) {
      const name = nameOf(dirent);
      if (dirent.isDirectory()) {
        pending.push(relative === '' ? name : `${relative}/${name}`);
      } else if (want(name)) {
        // Symbolic links to folders are never walked: a link cannot lead the walk out of the root or round a loop.
        const type = dirent.isFile() ? 'file' : dirent.isSymbolicLink() ? 'symlink' : 'other';
        entries.push({ path: relative === '' ? name : `${relative}/${name}`, name, type });
        counts.matched++;
      } else if (dirent.isSymbolicLink()) {
        links.push(relative === '' ? name : `${relative}/${name}`);
      }
    }
  };
  const fail = (relative: string, error: unknown) => {
    counts.folders++;
    problems.push(listingProblem(relative, error));
  };

  return new Promise<WalkResult>((resolve, reject) => {
    const step = () => {
      scheduled = false;
      try {
        const slow = slowListings >= SLOW_LISTINGS;
        // Keep the thread pool busy with folders from the bottom of the stack (far from the main thread's).
        while (inFlight < (slow ? SLOW_ASYNC_LISTINGS : ASYNC_LISTINGS) && pending.length > (slow ? 0 : 1)) {
          const relative = pending.shift() as string;
          inFlight++;
          readdirCallback(folderPath(root, relative), { withFileTypes: true }, (error, dirents) => {
            inFlight--;
            try {
              if (error) fail(relative, error);
              else take(relative, exactNames(dirents, root, relative));
            } catch (bug) {
              reject(bug);
              return;
            }
            schedule();
          });
        }
        for (let i = 0; i < (slow ? 0 : SYNC_BATCH) && pending.length > 0; i++) {
          const relative = pending.pop() as string;
          let dirents: Dirent[];
          const began = performance.now();
          try {
            dirents = listSync(root, relative);
          } catch (error) {
            fail(relative, error);
            continue;
          }
          if (performance.now() - began > SLOW_LISTING_MS) slowListings++;
          take(relative, dirents);
        }
        onProgress?.(counts);
      } catch (bug) {
        reject(bug);
        return;
      }
      // On a slow file system the next step starts when a listing comes back.
      if (pending.length > 0 && !(slowListings >= SLOW_LISTINGS && inFlight > 0)) schedule();
      else if (pending.length === 0 && inFlight === 0) {
        entries.sort(byPath);
        problems.sort(byPath);
        // The listing itself stats nothing: which links lead to folders is asked only when a report needs it.
        resolve({ entries, problems, ...(links.length > 0 ? { links: links.sort().slice(0, MAX_LINKS) } : {}) });
      }
      // Otherwise a listing on the thread pool is still out; its callback schedules the next step.
    };
    const schedule = () => {
      if (scheduled) return;
      scheduled = true;
      setImmediate(step);
    };
    step();
  });
}

/** One item of a sorted walk: a matching entry, or a folder that could not be listed. */
export type SortedWalkItem =
  | { readonly entry: SourceEntry; readonly problem?: undefined }
  | { readonly entry?: undefined; readonly problem: SourceProblem };

/** A folder being walked: its entries in output order and the next one to visit. */
interface Frame {
  readonly relative: string;
  readonly dirents: { readonly dirent: Dirent; readonly name: string }[];
  next: number;
}

/**
 * Walks `root` depth first, yielding matching entries one at a time in
 * code-unit order of their paths, so a caller can stream a tree of any size
 * without holding its listing: only the folders on the current path are in
 * memory. A folder sorts as if its name ended in "/", which is where its
 * contents fall among full paths; a folder that cannot be listed is yielded
 * as a problem at that place. Listings are synchronous; the caller decides
 * when to let the event loop turn.
 */
export function* walkSorted(root: string, want: (name: string) => boolean, onProgress?: WalkProgress): Generator<SortedWalkItem> {
  const counts = { folders: 0, entries: 0, matched: 0 };
  const list = (relative: string): Frame | SourceProblem => {
    counts.folders++;
    let dirents: Dirent[];
    try {
      dirents = listSync(root, relative);
    } catch (error) {
      return listingProblem(relative, error);
    }
    counts.entries += dirents.length;
    onProgress?.(counts);
    const keyed = dirents.map((dirent) => {
      const name = nameOf(dirent);
      return { dirent, name, key: dirent.isDirectory() ? `${name}/` : name };
    });
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { relative, dirents: keyed.map((k) => ({ dirent: k.dirent, name: k.name })), next: 0 };
  };
  const first = list('');
  if (!('dirents' in first)) {
    yield { problem: first };
    return;
  }
  const stack: Frame[] = [first];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const item = frame.dirents[frame.next++];
    if (item === undefined) {
      stack.pop();
      continue;
    }
    const { dirent, name } = item;
    const relative = frame.relative === '' ? name : `${frame.relative}/${name}`;
    if (dirent.isDirectory()) {
      // Symbolic links to folders are not directories here: never walked.
      const child = list(relative);
      if ('dirents' in child) stack.push(child);
      else yield { problem: child };
    } else if (want(name)) {
      counts.matched++;
      yield { entry: { path: relative, name, type: dirent.isFile() ? 'file' : dirent.isSymbolicLink() ? 'symlink' : 'other' } };
    }
  }
}
