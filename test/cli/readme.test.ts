// The README documents every command and option the CLI declares (the declarations in
// src/cli/commands/ feed --help; this keeps the README's tables from falling behind them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { REPORT_FORMATS } from '../../src/report/formats.js';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

test('the README names every command and every option of each', () => {
  for (const spec of COMMANDS) {
    assert.ok(README.includes(`hotfix-verify ${spec.name}`), `README: hotfix-verify ${spec.name}`);
    for (const option of spec.options) {
      assert.ok(README.includes(`--${option.name}`), `README: ${spec.name} --${option.name}`);
      if (option.alias)
        assert.ok(README.includes(`-${option.alias}, --${option.name}`), `README: ${spec.name} -${option.alias}, --${option.name}`);
    }
  }
});

test('the README names every report format', () => {
  for (const format of REPORT_FORMATS) assert.ok(README.includes(`\`${format}\``), `README: format ${format}`);
});

test('the README opens with the two commands a fresh machine needs', () => {
  const opening = README.slice(0, README.indexOf('\n## '));
  assert.match(opening, /npm install && npm run demo/);
  assert.match(opening, /npm test/);
});
