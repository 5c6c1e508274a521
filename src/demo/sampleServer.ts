/**
 * The built-in example: a sample Exchange Server 5.0 server image, written with real
 * PE32 (i386) files whose version resources say what each file is.
 */
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { errnoCode, HotfixError } from '../errors.js';
import path from 'node:path';
import { writePe } from '../pe/writePe.js';
import type { Status } from '../model/finding.js';

/** One file of the sample image. */
interface SampleFile {
  readonly path: string;
  /** Fixed file version for PE files; absent for data files. */
  readonly version?: string;
  /** StringFileInfo FileVersion, when it is to differ from the fixed version. */
  readonly stringVersion?: string;
  readonly dll?: boolean;
  /** Content for data files. */
  readonly text?: string;
}

const FIXED = '5.0.1462.10';
const OLD_SP = '5.0.1460.8';

/** The image: some MTA files patched, one left at SP1 level, one a build too old, one data file missing. */
function sampleFiles(patched: boolean): SampleFile[] {
  const files: SampleFile[] = [
    { path: 'exchsrvr/bin/EMSMTA.EXE', version: FIXED, dll: false },
    { path: 'exchsrvr/bin/address.dll', version: FIXED },
    { path: 'exchsrvr/bin/emsrid.dll', version: FIXED },
    { path: 'exchsrvr/bin/mmiext.dll', version: FIXED, stringVersion: '5, 0, 1462, 10' },
    { path: 'exchsrvr/bin/mtacheck.exe', version: patched ? FIXED : '5.0.1462.9', dll: false },
    { path: 'exchsrvr/bin/mtamsg.dll', version: patched ? FIXED : OLD_SP },
    { path: 'exchsrvr/bin/x400om.dll', version: FIXED, stringVersion: '5.0.1462.10 (XCON.000606-1200)' },
    { path: 'exchsrvr/bin/X400OMV1.DLL', version: FIXED },
    // Files the manifest does not name: present in a real server, never opened by the scan.
    { path: 'exchsrvr/bin/store.exe', version: '5.0.1460.8', dll: false },
    { path: 'exchsrvr/bin/dsamain.exe', version: '5.0.1460.8', dll: false },
    { path: 'exchsrvr/mtadata/Dbserver.sch', text: 'MTA schema\r\n' },
    { path: 'exchsrvr/mtadata/INFOPLOG.CFG', text: 'P log\r\n' },
    { path: 'exchsrvr/mtadata/infotlog.cfg', text: 'T log\r\n' },
    { path: 'exchsrvr/mtadata/infoxlog.cfg', text: 'X log\r\n' },
    { path: 'exchsrvr/mtadata/p2.xv2', text: 'P2\r\n' },
    { path: 'exchsrvr/mtadata/p3.tpl', text: 'P3\r\n' },
    { path: 'exchsrvr/mtadata/p772.tpl', text: 'P772\r\n' },
    { path: 'winnt/system32/kernel32.dll', version: '4.0.1381.133' },
  ];
  if (patched) files.push({ path: 'exchsrvr/mtadata/dcprods.cat', text: 'catalog\r\n' });
  return files;
}

/** What a scan of the sample image must find, row by row (the demo checks itself against this). */
export function expectedStatuses(patched: boolean): Record<string, Status> {
  const expected: Record<string, Status> = {};
  for (const name of [
    'Emsmta.exe',
    'Address.dll',
    'Emsrid.dll',
    'Mmiext.dll',
    'X400om.dll',
    'X400omv1.dll',
    'Dbserver.sch',
    'Infoplog.cfg',
    'Infotlog.cfg',
    'Infoxlog.cfg',
    'P2.xv2',
    'P3.tpl',
    'P772.tpl',
  ]) {
    expected[name] = 'meets';
  }
  expected['Mtacheck.exe'] = patched ? 'meets' : 'outdated';
  expected['Mtamsg.dll'] = patched ? 'meets' : 'outdated';
  expected['Dcprods.cat'] = patched ? 'meets' : 'missing';
  return expected;
}

/** The file a demo folder is marked with: the paths the demo wrote, so a later demo removes exactly those. */
export const DEMO_MARKER = '.hotfix-verify-demo';

/** A demo folder that holds what the demo did not write: nothing is touched. */
export class DemoFolderError extends HotfixError {
  constructor(dir: string, problem: string) {
    super('demo-folder', dir, undefined, problem);
  }
}

/**
 * Makes `dir` ready for the sample: created when missing; an empty folder is used as is; a previous
 * demo's files (listed in its marker) are removed, and nothing else. Any other folder is refused.
 */
async function prepareFolder(dir: string): Promise<void> {
  let names: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw new DemoFolderError(dir, 'is not a folder; the demo writes a folder of sample files');
    names = await readdir(dir);
  } catch (error) {
    if (error instanceof DemoFolderError) throw error;
    if (errnoCode(error) !== 'ENOENT') throw error;
    await mkdir(dir, { recursive: true });
    return;
  }
  if (names.length === 0) return;
  if (!names.includes(DEMO_MARKER)) {
    throw new DemoFolderError(
      dir,
      `is not empty and was not written by \`hotfix-verify demo\` (it holds ${names.length} entr${names.length === 1 ? 'y' : 'ies'}); ` +
        'nothing was touched: give a new or empty folder',
    );
  }
  const written = (await readFile(path.join(dir, DEMO_MARKER), 'utf8')).split('\n').filter(Boolean);
  for (const file of written) {
    // Only the relative paths a demo writes; a marker edited to name anything else is ignored.
    if (file.split('/').some((part) => part === '..' || part === '') || path.isAbsolute(file)) continue;
    await rm(path.join(dir, ...file.split('/')), { force: true });
  }
}

/** Writes the sample server image into `dir` (new, empty, or a previous demo's); returns the paths written. */
export async function writeSampleServer(dir: string, options: { patched?: boolean } = {}): Promise<string[]> {
  await prepareFolder(dir);
  const written: string[] = [];
  for (const file of sampleFiles(options.patched ?? false)) {
    const target = path.join(dir, ...file.path.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    const name = path.basename(file.path);
    const bytes =
      file.version !== undefined
        ? writePe({
            machine: 'i386',
            dll: file.dll ?? true,
            fileVersion: file.version,
            originalFilename: name.toUpperCase(),
            strings: { FileDescription: `Microsoft Exchange ${name}`, ...(file.stringVersion ? { FileVersion: file.stringVersion } : {}) },
          })
        : Buffer.from(file.text ?? '', 'latin1');
    await writeFile(target, bytes);
    written.push(file.path);
  }
  await writeFile(path.join(dir, DEMO_MARKER), `${written.join('\n')}\n`);
  return written;
}
