#!/usr/bin/env node
// Starts the CLI: the bundle in dist/cli when `npm run build` made it from the current dist/src, else dist/src itself.
import { statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// A run lasts a fraction of a second to a few seconds: V8's optimising compiler, started at its usual
// budget, spends more (a third of an inventory's CPU time, on other threads) compiling functions than
// the optimised code saves before the run ends. A 9 times larger budget optimises only what stays hot:
// 0.8 times the CPU time of an inventory and 0.9 that of an aggregate (README, Performance). Set before
// any of our code is loaded, so that every function of it counts with this budget.
setFlagsFromString('--interrupt-budget=600000');

const bundle = new URL('../dist/cli/main.js', import.meta.url);
const modules = new URL('../dist/src/cli/main.js', import.meta.url);
// The bundle starts faster (a few files instead of a hundred); one older than dist/src (a `tsc` run since) is not used.
const bundled = statSync(bundle, { throwIfNoEntry: false });
const compiled = statSync(modules, { throwIfNoEntry: false });
const entry = bundled && (!compiled || bundled.mtimeMs >= compiled.mtimeMs) ? bundle : modules;
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
