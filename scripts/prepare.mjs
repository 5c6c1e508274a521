#!/usr/bin/env node
// `npm run prepare`: builds dist/ whenever the package is installed from source (npm install in a clone,
// npm install -g ., npx github:...) and packed (npm pack ships dist/, so a registry install needs no compiler).
// npm does not install a folder's devDependencies when it installs the folder itself, so the compiler and the
// type declarations (and esbuild, which bundles the CLI: scripts/bundleCli.ts) are fetched here first when they are missing.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(`${process.cwd()}/package.json`);
const has = (name) => {
  try {
    require.resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
};
// The outer `npm install -g` passes its own settings down (global, prefix, production only): not for this folder's own install.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_config_(global|prefix|location|omit|production|only|include)$/i.test(key)),
);
const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!has('typescript') || !has('@types/node') || !has('esbuild')) {
  process.stderr.write('hotfix-verify: installing the compiler to build dist/ (devDependencies)\n');
  run('npm', ['install', '--include=dev', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund']);
}
run('npm', ['run', 'build']);
