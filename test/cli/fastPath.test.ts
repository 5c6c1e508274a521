// The yargs-free fast path must mean exactly what yargs means, or step aside.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import yargs from 'yargs';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { parseFast } from '../../src/cli/fastPath.js';
import { commandLine, yargsBuilder } from '../../src/cli/commands/spec.js';

/** What yargs hands a command's runner for `argv`. */
async function yargsArgs(argv: string[]): Promise<Record<string, unknown>> {
  let captured: Record<string, unknown> | undefined;
  await yargs(argv)
    .option('debug', { type: 'boolean', global: true })
    .command(
      COMMANDS.map((spec) => ({
        command: commandLine(spec),
        describe: spec.describe,
        builder: yargsBuilder(spec),
        handler: (args: Record<string, unknown>) => {
          captured = args;
        },
      })),
    )
    .strict()
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new Error(message);
    })
    .parseAsync();
  assert.ok(captured, `yargs ran no command for ${argv.join(' ')}`);
  return captured;
}

/** The option names a runner reads: long names as declared (no aliases, no camelCase copies, no _ and $0). */
function runnerKeys(args: Record<string, unknown>): string[] {
  return Object.keys(args).filter(
    (key) => key.length > 1 && key !== '$0' && !(/[A-Z]/.test(key) && key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`) in args),
  );
}

const LINES = [
  ['scan'],
  ['scan', 'some/root'],
  ['scan', 'root', '-m', 'a.json', '--manifest', 'b.json', '-f', 'json', '-o', 'out.json'],
  ['scan', '--format', 'table', 'root', '--debug'],
  ['inspect', 'a.dll'],
  ['inspect', 'a.dll', 'b.exe', '-f', 'json'],
  ['inspect', '--recursive', 'root', '--all', '--quiet', '-f', 'jsonl', '-o', 'inv.jsonl'],
  ['inspect', '-r', 'root', '-q'],
  [
    'scan',
    'root',
    '--catalog',
    '--details',
    '--fail-on',
    'outdated,missing',
    '--report',
    'junit=a.xml',
    '--report',
    'sarif=b.sarif',
    '-q',
    '--exact',
  ],
  ['scan', '-m', 'a.json', 'root', '--max-expand', '1GiB', '--ignore-file', 'ignore.yml'],
  ['demo'],
  ['demo', 'dir', '--patched', '-f', 'json'],
  ['import', 'a.txt', 'b.txt', '--out', 'dir'],
  ['snapshot', 'root', '-o', 'm.json', '--id', 'golden'],
];

test('on plain lines the fast path gives each runner what yargs gives it', async () => {
  for (const line of LINES) {
    const fast = parseFast(line);
    assert.ok(fast, `the fast path handles ${line.join(' ')}`);
    const slow = await yargsArgs(line);
    for (const key of runnerKeys(slow)) {
      assert.deepEqual(fast.args[key], slow[key], `${line.join(' ')}: --${key} `);
    }
  }
});

test('the fast path leaves help, unknown options, = forms and bad values to yargs', () => {
  for (const line of [
    [],
    ['--help'],
    ['scan', '--help'],
    ['scan', '--version'],
    ['scan', '--format=json'],
    ['scan', '-f', 'xml'],
    ['scan', '-m'],
    ['scan', 'a', 'b'],
    ['scan', '--no-such-option'],
    ['scan', '-f', 'json', '-f', 'table'],
    ['scan', '0123'],
    ['inspect'],
    ['snapshot'],
    ['nonsense', 'x'],
  ]) {
    assert.equal(parseFast(line), undefined, line.join(' '));
  }
});
