/**
 * `npm run bench`: how fast hotfix-verify is on a whole Windows image, as
 * ratios measured side by side in one run on the same machine.
 *
 * It builds its own trees in a temporary folder (removed afterwards):
 *   - a Windows-like image of 200,000 files with the Exchange files of KB Q254943 in it;
 *   - a few thousand generated PE files of varied sizes, plus very large sparse ones;
 * then times, warm cache, whole process, each command `--runs` times (interleaved):
 *   - `hotfix-verify scan IMAGE` against `find IMAGE -type f`;
 *   - `hotfix-verify inspect --recursive PETREE -f jsonl` against `cat` of every file,
 *     and, when installed, pefile (python3-pefile) and exiftool (libimage-exiftool-perl)
 *     reading the same fields of the same files;
 * and prints a Markdown table; then the section of today's updates (bench/modernBench.ts: import of a
 * 10,000-row CSV and a large Markdown article, scan of a 300,000-file modern Windows tree with a 5,000-row
 * manifest). It asserts nothing: numbers vary with the machine.
 *
 * Options: --files N (image size, default 200000), --pe N (generated PE files,
 * default 3000), --runs N (default 5), --real DIR (also inventory a folder of
 * real PE files, e.g. Wine's DLLs; pefile's full parse is timed there only,
 * once), --keep (leave the temporary trees).
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, ftruncateSync, writeFileSync, writeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSampleServer } from '../src/demo/sampleServer.js';
import { hasPeExtension } from '../src/inspect/inventory.js';
import { writePe } from '../src/pe/writePe.js';
import { walkTree } from '../src/source/walkTree.js';
import { modernBenchmark } from './modernBench.js';

const BIN = fileURLToPath(new URL('../../bin/hotfix-verify.js', import.meta.url));
const TIME = '/usr/bin/time';

interface Options {
  files: number;
  pe: number;
  runs: number;
  real?: string;
  keep: boolean;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { files: 200_000, pe: 3000, runs: 5, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${word} needs a value`);
      return v;
    };
    if (word === '--files') options.files = Number(value());
    else if (word === '--pe') options.pe = Number(value());
    else if (word === '--runs') options.runs = Number(value());
    else if (word === '--real') options.real = path.resolve(value());
    else if (word === '--keep') options.keep = true;
    else throw new Error(`unknown option ${word}; see the comment at the top of bench/bench.ts`);
  }
  return options;
}

/** A folder layout like a Windows image: many folders of a few dozen to a few hundred files. */
function buildImage(root: string, count: number): void {
  const tops = [
    'Windows/System32',
    'Windows/SysWOW64',
    'Windows/WinSxS',
    'Windows/assembly/GAC_MSIL',
    'Program Files/Common Files',
    'Program Files (x86)/Microsoft',
    'Windows/servicing/Packages',
    'Windows/Fonts',
  ];
  const extensions = ['.dll', '.dll', '.dll', '.exe', '.sys', '.mui', '.manifest', '.cat', '.mum', '.xml', '.ini', '.ttf', '.png', '.inf'];
  let made = 0;
  for (let folder = 0; made < count; folder++) {
    const top = tops[folder % tops.length] as string;
    const dir = path.join(
      root,
      top,
      `amd64_component-${folder.toString(36)}_31bf3856ad364e35_10.0.19041.${folder % 4000}_none`,
      folder % 3 === 0 ? 'en-US' : '',
    );
    mkdirSync(dir, { recursive: true });
    const inFolder = 20 + ((folder * 37) % 180);
    for (let i = 0; i < inFolder && made < count; i++, made++) {
      closeSync(openSync(path.join(dir, `file${i}-${folder}${extensions[(i + folder) % extensions.length]}`), 'w'));
    }
  }
}

/** Generated PE files of varied sizes (overlays up to a few MB), and very large sparse ones. */
function buildPeTree(root: string, count: number): { files: number; bytes: number } {
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const dir = path.join(root, `Windows/System32/sub${i % 50}`);
    if (i < 50) mkdirSync(dir, { recursive: true });
    const overlayBytes = i % 100 === 0 ? 4_000_000 : (i * 7919) % 300_000;
    const image = writePe({ fileVersion: `10.0.19041.${i}`, machine: i % 3 === 0 ? 'i386' : 'x64', dll: i % 5 !== 0, overlayBytes });
    writeFileSync(path.join(dir, `f${i}${i % 5 === 0 ? '.exe' : i % 7 === 0 ? '.sys' : '.dll'}`), image);
    bytes += image.byteLength;
  }
  for (const [name, size] of [
    ['huge-1gb.dll', 1024 ** 3],
    ['huge-2gb.dll', 2 * 1024 ** 3],
  ] as const) {
    const fd = openSync(path.join(root, 'Windows', name), 'w');
    writeSync(fd, writePe({ fileVersion: '10.0.19041.1', machine: 'x64' }));
    ftruncateSync(fd, size);
    closeSync(fd);
    bytes += size;
  }
  return { files: count + 2, bytes };
}

/** pefile reading the same fields as `inspect`: headers, fixed info, string tables, translations. */
const PEFILE_SCRIPT = String.raw`
import json, sys, pefile
out = sys.stdout
for name in open(sys.argv[1], encoding='utf-8').read().splitlines():
    rec = {'path': name}
    try:
        pe = pefile.PE(name, fast_load=True)
        pe.parse_data_directories(directories=[pefile.DIRECTORY_ENTRY['IMAGE_DIRECTORY_ENTRY_RESOURCE']])
        rec['machine'] = pe.FILE_HEADER.Machine
        rec['timeDateStamp'] = pe.FILE_HEADER.TimeDateStamp
        rec['isDll'] = pe.is_dll()
        fixed = getattr(pe, 'VS_FIXEDFILEINFO', None)
        if fixed:
            f = fixed[0]
            ms, ls = f.FileVersionMS, f.FileVersionLS
            rec['fileVersion'] = '%d.%d.%d.%d' % (ms >> 16, ms & 0xffff, ls >> 16, ls & 0xffff)
        strings = {}
        for info in getattr(pe, 'FileInfo', None) or []:
            for entry in info:
                for table in getattr(entry, 'StringTable', []):
                    strings.update({k.decode('utf-8', 'replace'): v.decode('utf-8', 'replace') for k, v in table.entries.items()})
                for var in getattr(entry, 'Var', []):
                    rec['translation'] = [str(v) for v in var.entry.values()]
        rec['strings'] = strings
        pe.close()
    except Exception as e:
        rec['error'] = str(e)
    out.write(json.dumps(rec) + '\n')
`;

interface Measure {
  /** Wall seconds of each run. */
  seconds: number[];
  /** Peak RSS in KB of each run (from /usr/bin/time), when known. */
  rssKb: number[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Runs a shell command with stdout to /dev/null; returns wall seconds and peak RSS. */
function timeOnce(command: string, scratch: string): { seconds: number; rssKb?: number; status: number | null; stderr: string } {
  const rssFile = path.join(scratch, 'rss.txt');
  const useTime = existsSync(TIME);
  const line = useTime ? `${TIME} -o ${rssFile} -f %M sh -c ${shellQuote(command)}` : command;
  const options: SpawnSyncOptions = {
    stdio: ['ignore', 'ignore', 'pipe'],
    shell: '/bin/sh',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  };
  const started = performance.now();
  const result = spawnSync(line, options);
  const seconds = (performance.now() - started) / 1000;
  const rss = useTime ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : NaN;
  return { seconds, ...(Number.isFinite(rss) ? { rssKb: rss } : {}), status: result.status, stderr: String(result.stderr ?? '') };
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * Times each command `runs` times, interleaved (A B C, A B C, ...) so they
 * share the machine's state, after one warm-up round unless `warm` is false
 * (for slow tools run after the files were already read).
 */
function measure(commands: Record<string, string>, runs: number, scratch: string, warm = true): Record<string, Measure> {
  const results: Record<string, Measure> = {};
  const check = (name: string, once: { status: number | null; stderr: string }) => {
    if (once.status !== 0 && once.status !== 1)
      process.stderr.write(`bench: ${name} exited ${once.status}: ${once.stderr.slice(0, 500)}\n`);
  };
  for (const [name, command] of Object.entries(commands)) {
    if (warm) check(name, timeOnce(command, scratch));
    results[name] = { seconds: [], rssKb: [] };
  }
  for (let run = 0; run < runs; run++) {
    for (const [name, command] of Object.entries(commands)) {
      const once = timeOnce(command, scratch);
      if (!warm && run === 0) check(name, once);
      results[name]!.seconds.push(once.seconds);
      if (once.rssKb !== undefined) results[name]!.rssKb.push(once.rssKb);
    }
  }
  return results;
}

function have(command: string): boolean {
  return spawnSync('/bin/sh', ['-c', command], { stdio: 'ignore' }).status === 0;
}

/** A python3 that can import pefile (Debian's python3-pefile installs into /usr/bin/python3's path). */
function pefilePython(): string | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    if (have(`${python} -c "import pefile"`)) return python;
  }
  return undefined;
}

const fmt = (seconds: number) => seconds.toFixed(3);
const mb = (kb: number[]) => (kb.length ? (median(kb) / 1024).toFixed(0) : 'n/a');

interface Row {
  task: string;
  tool: string;
  m: Measure;
  baseline: number;
  files?: number;
  note?: string;
}

function table(rows: Row[]): string {
  const lines = [
    '| task | command | median wall s (min-max) | × baseline | files/s | peak RSS MB |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    const med = median(row.m.seconds);
    const ratio = med / row.baseline;
    const range = `${fmt(Math.min(...row.m.seconds))}-${fmt(Math.max(...row.m.seconds))}`;
    const rate = row.files ? Math.round(row.files / med).toLocaleString('en-US') : '';
    lines.push(`| ${row.task} | ${row.tool} | ${fmt(med)} (${range}) | ${ratio.toFixed(2)}× | ${rate} | ${mb(row.m.rssKb)} |`);
  }
  return lines.join('\n');
}

/** The inventory comparison over one folder: hotfix-verify, cat, and pefile/exiftool when present. */
async function inventoryRows(
  label: string,
  root: string,
  runs: number,
  scratch: string,
  slowRuns: number,
  fullPefile: boolean,
): Promise<{ rows: Row[]; notes: string[] }> {
  const { entries } = await walkTree(root, hasPeExtension);
  const list = path.join(scratch, `${label.replace(/\W+/g, '-')}.list`);
  writeFileSync(list, `${entries.map((e) => path.join(root, e.path)).join('\n')}\n`);
  const count = entries.length;
  const commands: Record<string, string> = {
    hv: `node ${shellQuote(BIN)} inspect --recursive ${shellQuote(root)} --format jsonl --quiet`,
    cat: `tr '\\n' '\\0' < ${shellQuote(list)} | xargs -0 cat > /dev/null`,
  };
  const notes: string[] = [];
  const main = measure(commands, runs, scratch);
  const hv = main['hv']!;
  const base = median(hv.seconds);
  const rows: Row[] = [
    { task: label, tool: '`hotfix-verify inspect --recursive -f jsonl`', m: hv, baseline: base, files: count },
    { task: label, tool: '`cat` every file to /dev/null', m: main['cat']!, baseline: base, files: count },
  ];
  const python = pefilePython();
  const slow: Record<string, { command: string; tool: string }> = {};
  if (python) {
    const fast = path.join(scratch, 'pefile_fast.py');
    const full = path.join(scratch, 'pefile_full.py');
    writeFileSync(fast, PEFILE_SCRIPT);
    // pefile's usual call: PE(path) parses every data directory, then the version fields are read the same way.
    writeFileSync(full, PEFILE_SCRIPT.replace('fast_load=True', 'fast_load=False').replace(/^ +pe\.parse_data_directories.*$/m, ''));
    slow['pefile'] = {
      command: `${python} ${shellQuote(fast)} ${shellQuote(list)}`,
      tool: '`pefile`, fast_load + resource directory only',
    };
    if (fullPefile)
      slow['pefile-full'] = {
        command: `${python} ${shellQuote(full)} ${shellQuote(list)}`,
        tool: '`pefile`, `PE(path)` (parses every directory)',
      };
  } else notes.push('pefile not installed (apt-get install python3-pefile): its rows are left out.');
  if (have('exiftool -ver')) {
    slow['exiftool'] = { command: `exiftool -q -q -m -j -EXE:all -@ ${shellQuote(list)}`, tool: '`exiftool -j -EXE:all`' };
  } else notes.push('exiftool not installed (apt-get install libimage-exiftool-perl): its row is left out.');
  if (Object.keys(slow).length > 0) {
    // The slow tools run fewer times (the files are already in the cache), each round next to a hotfix-verify run.
    const timed = measure(
      { hv: commands.hv as string, ...Object.fromEntries(Object.entries(slow).map(([name, s]) => [name, s.command])) },
      slowRuns,
      scratch,
      false,
    );
    const hvHere = median(timed['hv']!.seconds);
    rows.push({ task: label, tool: '`hotfix-verify` again, next to the slow tools', m: timed['hv']!, baseline: hvHere, files: count });
    for (const [name, s] of Object.entries(slow)) rows.push({ task: label, tool: s.tool, m: timed[name]!, baseline: hvHere, files: count });
  }
  return { rows, notes };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'hv-bench-'));
  const cleanup = () => rm(scratch, { recursive: true, force: true });
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    const say = (text: string) => process.stderr.write(`bench: ${text}\n`);
    const image = path.join(scratch, 'image');
    say(`writing a ${options.files.toLocaleString('en-US')}-file image to ${image}`);
    buildImage(image, options.files - 16);
    await writeSampleServer(path.join(image, 'exchsrvr-server'), { patched: true });
    const peTree = path.join(scratch, 'pe');
    say(`writing ${options.pe} PE files and two sparse ones of 1 and 2 GB to ${peTree}`);
    const pe = buildPeTree(peTree, options.pe);

    say(`timing the scan (${options.runs} runs each)`);
    const scanTimes = measure(
      {
        find: `find ${shellQuote(image)} -type f`,
        hv: `node ${shellQuote(BIN)} scan ${shellQuote(image)} --format json`,
      },
      options.runs,
      scratch,
    );
    const findMedian = median(scanTimes['find']!.seconds);
    const scanLabel = `scan, ${options.files.toLocaleString('en-US')}-file image`;
    const rows: Row[] = [
      { task: scanLabel, tool: '`find IMAGE -type f`', m: scanTimes['find']!, baseline: findMedian, files: options.files },
      {
        task: scanLabel,
        tool: '`hotfix-verify scan IMAGE -f json` (Q254943)',
        m: scanTimes['hv']!,
        baseline: findMedian,
        files: options.files,
      },
    ];
    const notes: string[] = [];
    say('timing the inventory');
    const slowRuns = Math.max(1, Math.min(2, options.runs));
    // pefile's full parse is left out here: on the two sparse files alone it takes minutes and GBs of memory.
    const generated = await inventoryRows(
      `inventory, ${(pe.files).toLocaleString('en-US')} generated PE files, ${(pe.bytes / 1024 ** 3).toFixed(1)} GB`,
      peTree,
      options.runs,
      scratch,
      slowRuns,
      false,
    );
    rows.push(...generated.rows);
    notes.push(...generated.notes);
    if (options.real) {
      const real = await inventoryRows(`inventory, real PE files under ${options.real}`, options.real, options.runs, scratch, 1, true);
      rows.push(...real.rows);
    }
    // Today's updates (issue 12): its own section, in bench/modernBench.ts.
    const modern = await modernBenchmark(scratch, { files: 300_000, rows: 5000, runs: options.runs }, say);
    const cpus = os.cpus();
    process.stdout.write(
      `${[
        `hotfix-verify benchmark, ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ` +
          `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${os.platform()} ${os.release()}; ` +
          `warm cache, whole process, median of ${options.runs} runs (slow tools: ${slowRuns}).`,
        '"× baseline": wall time over the first row of the group (scan: find; inventory: hotfix-verify).',
        '',
        table(rows),
        '',
        ...notes.map((n) => `- ${n}`),
        modern,
      ].join('\n')}\n`,
    );
  } finally {
    if (options.keep) process.stderr.write(`bench: trees kept in ${scratch}\n`);
    else await cleanup();
  }
}

await main();
