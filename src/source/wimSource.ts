/**
 * A FileSource over one image of a Windows image file (.wim), read through wimlib
 * (`wimlib-imagex`, Debian's wimtools): `dir --detailed` lists the image, then one
 * `extract` call copies only the files a manifest names into a private temp folder
 * (fs.mkdtemp, mode 0700), which is removed on close, also after an error, at exit and on
 * SIGINT/SIGTERM/SIGHUP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { constants as fsConstants } from 'node:fs';
import { type FileHandle, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { openedFileFromHandle } from './openedFile.js';
import { TargetError } from './directorySource.js';
import { lastSegment, normaliseEntryPath } from './entryPath.js';
import { DEFAULT_LIMITS, ExpandBudget, type ExpandLimits } from './expandLimits.js';
import { byPath, SourceOpenError, type FileSource, type OpenedFile, type SourceEntry, type SourceProblem } from './types.js';

/** The wimlib command-line tool hotfix-verify drives. */
export const WIMLIB_COMMAND = 'wimlib-imagex';
/** What to tell a user who lacks it. */
export const WIMLIB_INSTALL_HINT =
  'install wimlib: `apt-get install wimtools` (Debian/Ubuntu), `dnf install wimlib-utils` (Fedora), `brew install wimlib` (macOS)';

/** Signals after which the temp folder must not be left behind. */
const CLEANUP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** FILE_ATTRIBUTE_DIRECTORY and FILE_ATTRIBUTE_REPARSE_POINT (winnt.h), as `dir --detailed` prints them. */
const FILE_ATTRIBUTE_DIRECTORY = 0x10;
const FILE_ATTRIBUTE_REPARSE_POINT = 0x400;

/** Raised when wimlib-imagex is not installed: the scan cannot read a WIM without it (exit 2). */
export class WimlibMissingError extends TargetError {
  constructor(target: string) {
    super(
      target,
      `is a Windows image (WIM), which hotfix-verify reads through wimlib, but ${WIMLIB_COMMAND} was not found on the PATH; ` +
        `${WIMLIB_INSTALL_HINT}`,
    );
    this.name = 'WimlibMissingError';
  }
}

/** Options of a WIM source. */
export interface WimSourceOptions {
  /** 1-based image index; required when the WIM holds more than one image. */
  readonly imageIndex?: number;
  readonly limits?: ExpandLimits;
  /** The wimlib-imagex executable (default: from the PATH). */
  readonly wimlib?: string;
}

interface WimlibResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** wimlib-imagex processes still running: a signal handler stops them before it removes their temp folder. */
const running = new Set<ChildProcess>();

/** Runs wimlib-imagex; `onLine` receives stdout line by line instead of collecting it. */
function runWimlib(command: string, args: readonly string[], target: string, onLine?: (line: string) => void): Promise<WimlibResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    if (onLine) createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', onLine);
    else child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new WimlibMissingError(target) : error));
    child.on('close', (code) => {
      running.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}

/** wimlib's own words for what went wrong, on one line. */
function wimlibMessage(result: WimlibResult): string {
  const lines = result.stderr
    .split('\n')
    .map((line) => line.replace(/^\[?ERROR\]?:?\s*/, '').trim())
    .filter((line) => line !== '' && !/^Exiting with error code/.test(line));
  return [...new Set(lines)].join('; ') || `${WIMLIB_COMMAND} exited with code ${result.code}`;
}

/** The images a WIM holds: index and name, from `wimlib-imagex info`. */
async function imagesOf(command: string, file: string): Promise<{ index: number; name: string }[]> {
  const result = await runWimlib(command, ['info', file], file);
  if (result.code !== 0) throw new TargetError(file, `corrupt or unreadable WIM image: ${wimlibMessage(result)}`);
  const images: { index: number; name: string }[] = [];
  for (const line of result.stdout.split('\n')) {
    const index = /^Index:\s+(\d+)\s*$/.exec(line);
    if (index) images.push({ index: Number(index[1]), name: '' });
    const name = /^Name:\s+(.*)$/.exec(line);
    if (name && images.length > 0) images[images.length - 1]!.name = name[1]!.trim();
  }
  return images;
}

/**
 * Opens one image of a WIM as a FileSource; throws TargetError (exit 2) when wimlib is missing, the WIM is broken or the index is wrong.
 */
export async function wimSource(file: string, options: WimSourceOptions = {}): Promise<FileSource> {
  const command = options.wimlib ?? WIMLIB_COMMAND;
  const images = await imagesOf(command, file);
  if (images.length === 0) throw new TargetError(file, 'WIM image holds no images');
  const listed = images.map((image) => `${image.index}${image.name ? ` "${image.name}"` : ''}`).join(', ');
  let index = options.imageIndex;
  if (index === undefined) {
    if (images.length > 1) throw new TargetError(file, `WIM holds ${images.length} images (${listed}); choose one with --image-index N`);
    index = images[0]!.index;
  } else if (!images.some((image) => image.index === index)) {
    throw new TargetError(file, `WIM has no image ${index}; it holds ${images.length} (${listed})`);
  }
  return new WimSource(file, index, command, new ExpandBudget(options.limits ?? DEFAULT_LIMITS));
}

/** One file of the listing, as `dir --detailed` describes it. */
interface Listed {
  wimPath: string;
  attributes: number;
  size: number;
}

interface Found {
  readonly wimPath: string;
  refusal?: SourceOpenError;
}

class WimSource implements FileSource {
  readonly description: string;
  private readonly found = new Map<SourceEntry, Found>();
  private tempDir: string | undefined;
  private readonly removeOnExit = () => {
    if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true });
    this.tempDir = undefined;
  };
  /** Ctrl-C or a kill during a scan: remove the temp folder, then die of the same signal as we would have. */
  private readonly removeOnSignal = (signal: NodeJS.Signals) => {
    for (const child of running) child.kill('SIGKILL'); // an extract still writing must not outlive its folder
    this.removeOnExit();
    this.unwatch();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };

  private watch(): void {
    process.once('exit', this.removeOnExit);
    for (const signal of CLEANUP_SIGNALS) process.once(signal, this.removeOnSignal);
  }

  private unwatch(): void {
    process.removeListener('exit', this.removeOnExit);
    for (const signal of CLEANUP_SIGNALS) process.removeListener(signal, this.removeOnSignal);
  }

  constructor(
    private readonly file: string,
    private readonly index: number,
    private readonly command: string,
    private readonly budget: ExpandBudget,
  ) {
    this.description = `${file} (image ${index})`;
  }

  /** Streams the listing; keeps the files whose names match, and every reparse point (a link, or a junction folder). */
  private async list(names: ReadonlySet<string>): Promise<{ matches: Listed[]; reparse: Set<string> }> {
    const matches: Listed[] = [];
    const reparse = new Set<string>();
    let current: Listed | undefined;
    let inUnnamedStream = false;
    const flush = () => {
      if (current && current.wimPath !== '/') {
        if (current.attributes & FILE_ATTRIBUTE_REPARSE_POINT) reparse.add(current.wimPath);
        const isFolder = (current.attributes & FILE_ATTRIBUTE_DIRECTORY) !== 0 && (current.attributes & FILE_ATTRIBUTE_REPARSE_POINT) === 0;
        if (!isFolder && names.has(lastSegment(current.wimPath.replace(/\\/g, '/')).toLowerCase())) matches.push(current);
      }
      current = undefined;
    };
    const result = await runWimlib(this.command, ['dir', this.file, String(this.index), '--detailed'], this.file, (line) => {
      if (/^-{20,}$/.test(line)) return flush();
      const fullPath = /^Full Path\s+= "(.*)"$/.exec(line);
      if (fullPath) {
        flush();
        current = { wimPath: fullPath[1]!, attributes: 0, size: 0 };
        inUnnamedStream = false;
        return;
      }
      if (!current) return;
      const attributes = /^Attributes\s+= 0x([0-9a-fA-F]+)/.exec(line);
      if (attributes) current.attributes = Number.parseInt(attributes[1]!, 16);
      else if (/^\s*Unnamed data stream:/.test(line)) inUnnamedStream = true;
      else if (/^\s*\S.*stream.*:\s*$/i.test(line)) inUnnamedStream = false;
      else if (inUnnamedStream) {
        const size = /^Uncompressed size\s+= (\d+) bytes/.exec(line);
        if (size) current.size = Number(size[1]);
      }
    });
    flush();
    if (result.code !== 0) throw new TargetError(this.file, `corrupt or unreadable WIM image: ${wimlibMessage(result)}`);
    return { matches, reparse };
  }

  async find(names: ReadonlySet<string>): Promise<{ entries: SourceEntry[]; problems: SourceProblem[] }> {
    const { matches, reparse } = await this.list(names);
    const entries: SourceEntry[] = [];
    const toExtract: string[] = [];
    for (const listed of matches) {
      const named = normaliseEntryPath(listed.wimPath.replace(/^\/+/, ''));
      const name = named.ok ? named.name : lastSegment(named.path);
      const isLink = (listed.attributes & FILE_ATTRIBUTE_REPARSE_POINT) !== 0;
      const entry: SourceEntry = { path: named.path, name, type: isLink ? 'symlink' : named.ok ? 'file' : 'other' };
      const found: Found = { wimPath: listed.wimPath };
      const linkedFolder = ancestors(listed.wimPath).find((folder) => reparse.has(folder));
      if (!named.ok) found.refusal = new SourceOpenError('unsafe-path', entry.path, `WIM entry not read: ${named.reason}`);
      else if (isLink)
        found.refusal = new SourceOpenError(
          'archive-link',
          entry.path,
          'reparse point (symbolic link or junction) in the WIM image; never followed',
        );
      else if (linkedFolder)
        found.refusal = new SourceOpenError(
          'archive-link',
          entry.path,
          `lies under ${linkedFolder}, a reparse point (link or junction) in the WIM image; never followed`,
        );
      else if (/["\r\n]/.test(listed.wimPath))
        found.refusal = new SourceOpenError('unreadable', entry.path, 'WIM entry name holds a quote or line break; not extracted');
      else {
        const over = this.budget.take(listed.size);
        if (over) found.refusal = new SourceOpenError('expansion-limit', entry.path, `WIM entry: ${over}`);
        else toExtract.push(listed.wimPath);
      }
      entries.push(entry);
      this.found.set(entry, found);
    }
    if (toExtract.length > 0) await this.extract(toExtract);
    return { entries: entries.sort(byPath), problems: [] };
  }

  /** Extracts exactly `wimPaths` (no globbing) into a fresh private temp folder. */
  private async extract(wimPaths: readonly string[]): Promise<void> {
    await this.close();
    const temp = await mkdtemp(path.join(tmpdir(), 'hotfix-verify-wim-'));
    this.tempDir = temp;
    this.watch();
    const listFile = path.join(temp, 'paths.txt');
    await writeFile(listFile, wimPaths.map((wimPath) => `"${wimPath}"\n`).join(''), { mode: 0o600 });
    const result = await runWimlib(
      this.command,
      [
        'extract',
        this.file,
        String(this.index),
        `@${listFile}`,
        `--dest-dir=${path.join(temp, 'image')}`,
        '--no-acls',
        '--no-attributes',
        '--no-globs',
        '--preserve-dir-structure',
      ],
      this.file,
    );
    if (result.code !== 0) {
      await this.close();
      throw new TargetError(this.file, `corrupt or unreadable WIM image: extracting image ${this.index} failed: ${wimlibMessage(result)}`);
    }
  }

  async open(entry: SourceEntry): Promise<OpenedFile> {
    const found = this.found.get(entry);
    if (!found) throw new SourceOpenError('vanished', entry.path, 'not an entry this WIM source listed');
    if (found.refusal) throw found.refusal;
    if (!this.tempDir) throw new SourceOpenError('vanished', entry.path, 'the WIM source was closed');
    const root = path.join(this.tempDir, 'image');
    const location = path.join(root, ...found.wimPath.split('/').filter((part) => part !== ''));
    if (path.relative(root, location).startsWith('..'))
      throw new SourceOpenError('unsafe-path', entry.path, 'WIM entry path leaves the extraction folder; not read');
    let handle: FileHandle | undefined;
    try {
      handle = await open(location, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK | fsConstants.O_NOFOLLOW);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'wimlib did not extract it (a name Linux cannot hold?)' : (error as Error).message;
      throw new SourceOpenError('unreadable', entry.path, `WIM entry cannot be read: ${why}`);
    }
    return openedFileFromHandle(
      handle,
      entry.path,
      'WIM entry did not extract as a regular file; not read',
      (error) => `WIM entry cannot be read: ${(error as Error).message}`,
    );
  }

  /** Removes the temp folder and everything extracted into it. */
  async close(): Promise<void> {
    const temp = this.tempDir;
    this.tempDir = undefined;
    this.unwatch();
    if (temp) await rm(temp, { recursive: true, force: true });
  }
}

/** "/a/b/c.dll" → ["/a", "/a/b"]. */
function ancestors(wimPath: string): string[] {
  const parts = wimPath.split('/').filter((part) => part !== '');
  return parts.slice(0, -1).map((_, i) => `/${parts.slice(0, i + 1).join('/')}`);
}
