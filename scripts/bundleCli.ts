/**
 * The last step of `npm run build`: dist/cli/, the CLI bundled by esbuild into a few ES modules, which
 * bin/hotfix-verify.js runs when they are there (falling back to dist/src/ otherwise).
 *
 * Why: Node loads each of the CLI's hundred modules on its own (resolve, read, compile, link); one
 * bundle starts faster (README, Performance). What the CLI loads lazily stays lazy: every
 * `import('./x.js')` of our own code becomes a chunk loaded when the line runs (splitting), and the
 * npm packages (yargs, cli-table3, yaml, jsonc-parser, the archive readers) stay outside, loaded
 * from node_modules as before. Each module's `import.meta.url` is replaced by the URL of its file
 * under dist/src/, so the paths it builds from it (package.json, the bundled manifests, the
 * inventory's worker script, createRequire) are the ones the unbundled module builds.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = path.join(ROOT, 'dist', 'src');
/** Where the bundle goes; bin/hotfix-verify.js knows this path. */
const OUT = path.join(ROOT, 'dist', 'cli');

/** The plugin that keeps each module's import.meta.url pointing at its file under dist/src. */
const moduleUrlPlugin: esbuild.Plugin = {
  name: 'hotfix-verify-module-url',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!args.path.startsWith(SRC + path.sep)) return undefined;
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const relative = path.relative(OUT, args.path).split(path.sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(relative)}, import.meta.url).href`), loader: 'js' };
    });
  },
};

/** Bundles dist/src/cli/main.js (already compiled by tsc) into dist/cli/. */
export async function bundleCli(): Promise<void> {
  await rm(OUT, { recursive: true, force: true });
  const result = await esbuild.build({
    entryPoints: { main: path.join(SRC, 'cli', 'main.js') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outdir: OUT,
    chunkNames: 'chunk-[hash]',
    // Less text to parse at start-up; names kept, so stack traces (--debug) still name our functions.
    minifyWhitespace: true,
    minifySyntax: true,
    plugins: [moduleUrlPlugin],
    logLevel: 'warning',
  });
  if (result.errors.length > 0) throw new Error('esbuild failed to bundle the CLI');
}

await bundleCli();
