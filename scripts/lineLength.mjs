#!/usr/bin/env node
// Lines of our own code stay under 140 characters: the formatter wraps code, but not strings or comments.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const LIMIT = 140;
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'src', 'test', 'bench', 'scripts', 'bin'], {
  encoding: 'utf8',
})
  .split('\n')
  .filter((file) => /\.(ts|js|mjs)$/.test(file));
let long = 0;
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue; // deleted in the work tree
  }
  text.split('\n').forEach((line, index) => {
    if (line.length > LIMIT) {
      long++;
      process.stderr.write(`${file}:${index + 1}: ${line.length} characters (limit ${LIMIT})\n`);
    }
  });
}
if (long > 0) {
  process.stderr.write(`${long} line(s) over ${LIMIT} characters\n`);
  process.exit(1);
}
