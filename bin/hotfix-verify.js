#!/usr/bin/env node
// Starts the CLI; everything else lives in dist/src (run `npm run build` after changing src/).
import { setFlagsFromString } from 'node:v8';

// A run lasts a fraction of a second to a few seconds: V8's optimising compiler, started at its usual
// budget, spends more (a third of an inventory's CPU time, on other threads) compiling functions than
// the optimised code saves before the run ends. A 9 times larger budget optimises only what stays hot:
// 0.8 times the CPU time of an inventory and 0.9 that of an aggregate (README, Performance). Set before
// any of our code is loaded, so that every function of it counts with this budget.
setFlagsFromString('--interrupt-budget=600000');

const { main } = await import('../dist/src/cli/main.js');
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
