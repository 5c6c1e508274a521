// Builds server trees on disk for scanner and CLI tests: real PE32 files with version resources.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writePe, type PeWriteOptions } from '../../src/pe/writePe.js';
import { tempDir } from './tempDir.js';

/** The Q254943 versioned files and where a real Exchange 5.0 server keeps them. */
export const MTA_BINARIES = [
  'Emsmta.exe',
  'Address.dll',
  'Emsrid.dll',
  'Mmiext.dll',
  'Mtacheck.exe',
  'Mtamsg.dll',
  'X400om.dll',
  'X400omv1.dll',
];
export const MTA_DATA = ['Dbserver.sch', 'Dcprods.cat', 'Infoplog.cfg', 'Infotlog.cfg', 'Infoxlog.cfg', 'P2.xv2', 'P3.tpl', 'P772.tpl'];

/** A file to put in a tree: a PE file (options) or plain bytes (text). */
export type TreeFile = { pe: PeWriteOptions } | { text: string };

/** Writes files (relative path → content) under a fresh temp folder; returns its path. */
export async function makeTree(files: Record<string, TreeFile>, prefix = 'hv-tree-'): Promise<string> {
  const root = await tempDir(prefix);
  for (const [relative, file] of Object.entries(files)) {
    const target = path.join(root, ...relative.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, 'pe' in file ? writePe(file.pe) : file.text);
  }
  return root;
}

/** A whole Exchange 5.0 server with every Q254943 file; `version` per binary can be overridden. */
export function exchangeServer(versions: Record<string, string> = {}, options: { omit?: string[] } = {}): Record<string, TreeFile> {
  const files: Record<string, TreeFile> = {};
  for (const name of MTA_BINARIES) {
    if (options.omit?.includes(name)) continue;
    files[`exchsrvr/bin/${name.toLowerCase()}`] = {
      pe: { fileVersion: versions[name] ?? '5.0.1462.10', dll: name.endsWith('.dll'), originalFilename: name },
    };
  }
  for (const name of MTA_DATA) {
    if (options.omit?.includes(name)) continue;
    files[`exchsrvr/mtadata/${name.toLowerCase()}`] = { text: `${name}\r\n` };
  }
  return files;
}
