#!/usr/bin/env node
// Starts the CLI; everything else lives in dist/src (run `npm run build` after changing src/).
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
