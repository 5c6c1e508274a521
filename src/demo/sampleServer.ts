/**
 * The built-in example: a sample Exchange Server 5.0 server image, written with real
 * PE32 (i386) files whose version resources say what each file is.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writePe } from '../pe/writePe.js';
import type { Status } from '../evaluate/types.js';

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

/** Writes the sample server image into `dir` (emptied first); returns the paths written. */
export async function writeSampleServer(dir: string, options: { patched?: boolean } = {}): Promise<string[]> {
  await rm(dir, { recursive: true, force: true });
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
  return written;
}
