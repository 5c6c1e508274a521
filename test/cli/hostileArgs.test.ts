// Every malformed manifest and every bad argument, through the real CLI (child processes): exit 2,
// nothing on stdout, and one line on stderr naming the file, the place (JSON path or line and column)
// and the problem; no stack trace unless --debug.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { writeFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManifestError } from '../../src/manifest/errors.js';
import { parseManifest } from '../../src/manifest/loadManifest.js';
import { prng } from '../fuzz/peFuzzer.js';
import { tempDir } from '../helpers/tempDir.js';

const BIN = fileURLToPath(new URL('../../../bin/hotfix-verify.js', import.meta.url));

const VALID = {
  formatVersion: '1.0.0',
  id: 'Q999001',
  title: 'Test fix',
  product: 'Microsoft Exchange Server',
  rule: 'or-later',
  files: [{ name: 'Emsmta.exe', version: '5.0.1462.10' }],
};
const row = (extra: object) => ({ ...VALID, files: [{ ...VALID.files[0], ...extra }] });

/** A manifest case: the file's text, and what stderr must say after "hotfix-verify: FILE: ". */
interface ManifestCase {
  readonly name: string;
  readonly text: string;
  readonly where: string | RegExp;
  readonly problem: RegExp;
}

const manifestCases: ManifestCase[] = [
  {
    name: 'invalid JSON',
    text: '{\n  "id": "Q1",\n  "files": [,]\n}',
    where: 'line 3, column 13',
    problem: /^not valid JSON: value expected, found ","/,
  },
  { name: 'empty file', text: '', where: 'line 1, column 1', problem: /^not valid JSON: value expected, found the end of the file/ },
  { name: 'binary garbage', text: '\u0000\u0001MZ\u00ff', where: 'line 1, column 1', problem: /^not valid JSON/ },
  { name: 'a comment', text: `${JSON.stringify(VALID)} // reviewed`, where: /^line 1, column \d+$/, problem: /^not valid JSON/ },
  { name: 'not an object', text: '[]', where: '$', problem: /^expected an object, found a JSON array/ },
  {
    name: 'wrong type: title',
    text: JSON.stringify({ ...VALID, title: 5 }),
    where: '$.title',
    problem: /^expected a non-empty string, found 5$/,
  },
  {
    name: 'wrong type: files',
    text: JSON.stringify({ ...VALID, files: { name: 'a' } }),
    where: '$.files',
    problem: /^expected an array of file rows/,
  },
  {
    name: 'wrong type: a row',
    text: JSON.stringify({ ...VALID, files: ['Emsmta.exe'] }),
    where: '$.files[0]',
    problem: /^expected a file row/,
  },
  {
    name: 'wrong type: size',
    text: JSON.stringify(row({ size: '1536' })),
    where: '$.files[0].size',
    problem: /^expected a size in bytes \(a whole number\), found "1536"$/,
  },
  {
    name: 'wrong type: size 1e400',
    text: JSON.stringify(row({})).replace('"5.0.1462.10"', '"5.0.1462.10","size":1e400'),
    where: '$.files[0].size',
    problem: /found Infinity$/,
  },
  {
    name: 'wrong type: aliases',
    text: JSON.stringify(row({ aliases: 'EMSMTA.EXE' })),
    where: '$.files[0].aliases',
    problem: /^expected an array of file names/,
  },
  {
    name: 'wrong type: version',
    text: JSON.stringify(row({ version: 5 })),
    where: '$.files[0].version',
    problem: /^expected a version string or null, found 5$/,
  },
  { name: 'missing field', text: JSON.stringify({ ...VALID, title: undefined }), where: '$.title', problem: /^missing required field$/ },
  {
    name: 'duplicate file rows',
    text: JSON.stringify({ ...VALID, files: [...VALID.files, { name: 'EMSMTA.EXE', version: '5.0.1462.10' }] }),
    where: '$.files[1].name',
    problem: /^"EMSMTA\.EXE" is listed twice \(also at \$\.files\[0\]\)/,
  },
  {
    name: 'duplicate through an alias',
    text: JSON.stringify({
      ...VALID,
      files: [
        { name: 'a.dll', version: null, aliases: ['b.dll'] },
        { name: 'B.dll', version: null },
      ],
    }),
    where: '$.files[1].name',
    problem: /listed twice/,
  },
  {
    name: 'duplicate key',
    text: JSON.stringify(VALID).replace('"rule"', '"files":[],"rule"'),
    where: '$.files',
    problem: /^the key "files" appears twice in one object/,
  },
  {
    name: 'version part above 65535',
    text: JSON.stringify(row({ version: '5.0.1462.65536' })),
    where: '$.files[0].version',
    problem: /part 4 is 65536, above 65535$/,
  },
  {
    name: 'version with three parts',
    text: JSON.stringify(row({ version: '5.0.1462' })),
    where: '$.files[0].version',
    problem: /expected 4 dot-separated parts, found 3$/,
  },
  {
    name: 'negative version part',
    text: JSON.stringify(row({ version: '5.0.-1.10' })),
    where: '$.files[0].version',
    problem: /is not a whole number$/,
  },
  {
    name: 'version with a leading zero',
    text: JSON.stringify(row({ version: '5.0.01462.10' })),
    where: '$.files[0].version',
    problem: /has a leading zero$/,
  },
  { name: 'unknown top-level field', text: JSON.stringify({ ...VALID, colour: 'blue' }), where: '$.colour', problem: /^unknown field/ },
  { name: 'unknown row field', text: JSON.stringify(row({ vers: '1' })), where: '$.files[0].vers', problem: /^unknown field/ },
  { name: 'empty file list', text: JSON.stringify({ ...VALID, files: [] }), where: '$.files', problem: /^the file list is empty/ },
  {
    name: 'too many rows',
    text: JSON.stringify({ ...VALID, files: Array.from({ length: 50_001 }, (_, i) => ({ name: `f${i}.dll`, version: null })) }),
    where: '$.files',
    problem: /^50001 rows is more than the 50000/,
  },
  {
    name: 'nesting 1,000,000 deep',
    text: `{"files": ${'['.repeat(1_000_000)}`,
    where: 'line 1, column 42',
    problem: /^nested deeper than 32 levels/,
  },
  {
    name: 'deep nesting in a valid document',
    text: JSON.stringify(row({})).replace('"5.0.1462.10"', `"5.0.1462.10","note":${'['.repeat(5000)}${']'.repeat(5000)}`),
    where: /^line 1, column \d+$/,
    problem: /^nested deeper than 32 levels/,
  },
  { name: 'format 2.0.0', text: JSON.stringify({ ...VALID, formatVersion: '2.0.0' }), where: '$.formatVersion', problem: /cannot read/ },
  {
    name: 'a huge file (33 MB)',
    text: `${JSON.stringify(VALID)}${' '.repeat(33 * 1024 * 1024)}`,
    where: 'file',
    problem: /^is \d+ bytes, more than the 33554432 a manifest may be$/,
  },
];

let dir = '';
let target = '';
before(async () => {
  dir = await tempDir('hv-args-');
  target = path.join(dir, 'server');
  await mkdir(target);
  await Promise.all(manifestCases.map((c, i) => writeFile(path.join(dir, `m${i}.json`), c.text)));
  await mkdir(path.join(dir, 'folder.json'));
  spawnSync('mkfifo', [path.join(dir, 'fifo.json')]);
});

after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs the CLI; resolves with exit code and output (killed after 60 s: a hang fails the test). */
function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs many CLI cases, four at a time (each mostly waits on start-up). */
async function runAll<T>(
  cases: readonly T[],
  args: (c: T) => string[],
): Promise<{ code: number | null; stdout: string; stderr: string }[]> {
  const results: { code: number | null; stdout: string; stderr: string }[] = [];
  for (let i = 0; i < cases.length; i += 4) results.push(...(await Promise.all(cases.slice(i, i + 4).map((c) => run(args(c))))));
  return results;
}

function assertOneLine(result: { code: number | null; stdout: string; stderr: string }, label: string): string {
  assert.equal(result.code, 2, `${label}: exit ${result.code}; ${result.stderr}`);
  assert.equal(result.stdout, '', `${label}: nothing on stdout`);
  assert.doesNotMatch(result.stderr, /^\s+at /m, `${label}: no stack trace`);
  const lines = result.stderr.trimEnd().split('\n');
  assert.ok(lines.length <= 2, `${label}: one message (and a usage hint): ${result.stderr}`);
  assert.match(lines[0] as string, /^hotfix-verify: /);
  assert.doesNotMatch(lines[0] as string, /internal error/, label);
  return lines[0] as string;
}

describe('malformed manifests: exit 2, one line naming the file, the JSON path and the problem', () => {
  it(`${manifestCases.length} cases`, async () => {
    const results = await runAll(
      manifestCases.map((c, i) => ({ c, file: path.join(dir, `m${i}.json`) })),
      ({ file }) => ['scan', target, '--manifest', file],
    );
    manifestCases.forEach((c, i) => {
      const file = path.join(dir, `m${i}.json`);
      const line = assertOneLine(results[i]!, c.name);
      const prefix = `hotfix-verify: ${file}: `;
      assert.ok(line.startsWith(prefix), `${c.name}: names the file: ${line}`);
      const rest = line.slice(prefix.length);
      const where = typeof c.where === 'string' ? c.where : (rest.match(c.where.source.replace(/^\^|\$$/g, '')) ?? [''])[0];
      assert.ok(where && rest.startsWith(`${where}: `), `${c.name}: names the place ${String(c.where)}: ${line}`);
      assert.match(rest.slice(where.length + 2), c.problem, `${c.name}: ${line}`);
    });
  });

  it('a manifest that is a folder, a FIFO (never opened), or missing', async () => {
    const cases: [string, RegExp][] = [
      [path.join(dir, 'folder.json'), /folder\.json: folder: holds no \*\.json manifest$/],
      [path.join(dir, 'fifo.json'), /fifo\.json: file: is not a regular file$/],
      [path.join(dir, 'nope.json'), /nope\.json: file: cannot be read: no such file or folder$/],
    ];
    const results = await runAll(cases, ([file]) => ['scan', target, '-m', file]);
    for (const [i, [file, message]] of cases.entries()) assert.match(assertOneLine(results[i]!, file), message);
  });
});

describe('bad arguments: exit 2 and one clear message', () => {
  it('unknown options and commands, bad values, missing values, bad targets and outputs', async () => {
    const cases: [string[], RegExp][] = [
      [[], /Name a command/],
      [['frobnicate'], /unknown command 'frobnicate'; the commands are scan, inspect, import, snapshot, aggregate, demo/],
      [['scan', '.', '--bogus'], /Unknown argument: bogus/],
      [['scan', '.', 'extra'], /Unknown argument: extra/],
      [['scan', '.', '--format', 'pdf'], /Invalid values:.*format.*pdf/s],
      [['scan', '.', '--manifest'], /Not enough arguments following: manifest/],
      [['scan', '.', '-m'], /Not enough arguments following: m/],
      [['scan', '.', '--format'], /Not enough arguments following: format/],
      [['scan', '.', '-o'], /Not enough arguments following: o/],
      [['scan', ''], /TARGET is an empty string/],
      [['scan', '.', '-m', ''], /--manifest is an empty string/],
      [['scan', '.', '-o', ''], /--output is an empty string/],
      [['scan', '/no/such/server'], /\/no\/such\/server: cannot be scanned: does not exist/],
      [['scan', '/etc/hostname'], /\/etc\/hostname: is neither a folder nor a zip, tar, tar\.gz or WIM image/],
      [
        ['scan', '.', '-o', '/no/such/folder/report.txt'],
        /cannot write to \/no\/such\/folder\/report\.txt: folder \/no\/such\/folder does not exist/,
      ],
      [['scan', '.', '-o', '/tmp'], /cannot write to \/tmp: is a folder/],
      [['inspect'], /Not enough non-option arguments/],
      [['inspect', 'x.dll', '--format', 'xml'], /Invalid values:.*format.*xml/s],
      [['demo', '--format', 'pdf'], /Invalid values/],
    ];
    const results = await runAll(cases, ([args]) => args.map((a) => (a === '.' ? target : a)));
    cases.forEach(([args, message], i) => {
      const first = assertOneLine(results[i]!, args.join(' '));
      assert.match(results[i]!.stderr, message, `${args.join(' ')}: ${first}`);
    });
  });
});

describe('--debug', () => {
  it('adds the stack trace to the one-line message', async () => {
    const file = path.join(dir, 'm0.json');
    const [plain, debug] = await Promise.all([run(['scan', target, '-m', file]), run(['scan', target, '-m', file, '--debug'])]);
    assert.equal(plain.code, 2);
    assert.equal(debug.code, 2);
    assert.equal(debug.stderr.split('\n')[0], plain.stderr.split('\n')[0]);
    assert.match(debug.stderr, /^\s+at /m);
  });
});

describe('mutated manifests (library): a valid manifest or a ManifestError, never another exception', () => {
  it('5,000 seeded mutations of the bundled-style manifest text', () => {
    const base = JSON.stringify(
      {
        ...VALID,
        branch: '5.0',
        language: { name: 'English', id: '0x0409' },
        files: [...VALID.files, { name: 'P2.xv2', version: null, aliases: ['P2.XV2'], size: 12, sha256: 'a'.repeat(64) }],
      },
      null,
      1,
    );
    const tokens = [
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"',
      '\\',
      'null',
      'true',
      '1e400',
      '-0',
      '"__proto__"',
      '"files"',
      '"name"',
      '\u0000',
      '\ud800',
      '65536',
      '"5.0.1462.65536"',
    ];
    const random = prng(0x3a11f);
    const int = (n: number): number => Math.floor(random() * n);
    let valid = 0;
    for (let i = 0; i < 5000; i++) {
      let text = base;
      for (let m = 0, n = 1 + int(3); m < n; m++) {
        const at = int(text.length + 1);
        const kind = int(4);
        if (kind === 0) text = text.slice(0, at) + (tokens[int(tokens.length)] as string) + text.slice(at);
        else if (kind === 1) text = text.slice(0, at) + text.slice(at + 1 + int(8));
        else if (kind === 2) text = text.slice(0, at) + String.fromCharCode(int(0x10000)) + text.slice(at + 1);
        else text = text.slice(0, at) + '['.repeat(int(100)) + text.slice(at);
      }
      try {
        parseManifest(text, 'm.json');
        valid++;
      } catch (error) {
        assert.ok(error instanceof ManifestError, `mutation ${i}: ${(error as Error)?.stack ?? String(error)}\n${text}`);
        assert.ok(error.message.startsWith('m.json: ') && error.problem.length > 5, `mutation ${i}: ${error.message}`);
      }
    }
    assert.ok(valid > 0 && valid < 5000, `${valid} of 5000 mutants still valid`);
  });
});
