/**
 * `npm run bench`: how fast hotfix-verify is, as ratios measured side by side
 * in one run on the same machine. It asserts nothing: numbers vary with the
 * machine and its load, so every ratio is taken between commands run in turn.
 *
 * It builds its own trees in a temporary folder (removed afterwards):
 *   - a Windows-like image of 200,000 files with the Exchange files of KB Q254943 in it;
 *   - the 16 files of the sample Exchange server alone;
 *   - a few thousand generated PE files of varied sizes, plus very large sparse ones;
 * then times, warm cache, whole process, each command `--runs` times (interleaved):
 *   - P1: `hotfix-verify scan IMAGE` against `find IMAGE -type f`, and the same two on a slow
 *     file system: an LD_PRELOAD shim (bench/slowfs.c, built with gcc here) adds 1 ms to every
 *     directory listing, as a network share does;
 *   - P3: the 16-file scan against `node -e 0`;
 *   - P2: `hotfix-verify inspect --recursive TREE -f json` against `cat` of every file, and, when
 *     installed, pefile (python3-pefile) and exiftool (libimage-exiftool-perl) reading the same
 *     files; with `--real DIR` also on a folder of real PE files (e.g. the corpus of
 *     ../shared/corpus), with `find`, and a check that every fixed version pefile reads there
 *     is in the inventory; next to each, the floor: a Node script making the inventory's walk and
 *     system calls with no parsing (FLOOR_SCRIPT);
 *   - the fleet: `hotfix-verify aggregate` over `--hosts` JSON reports (aggregateRows) against `cat` of them;
 *   - today's updates (bench/modernBench.ts): import of a 10,000-row CSV and a large Markdown article,
 *     and a scan of a 300,000-file modern Windows tree with a 5,000-row manifest;
 * and prints Markdown tables.
 *
 * Options: --files N (image size, default 200000), --pe N (generated PE files,
 * default 3000), --runs N (default 5), --real DIR, --slow-ms N (delay per
 * listing on the slow file system, default 1), --only scan,startup,inventory,real
 * (sections to run), --hosts N (JSON reports for aggregate, default 10000), --keep (leave the temporary trees).
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSampleServer } from '../src/demo/sampleServer.js';
import { inventory } from '../src/inspect/inventory.js';
import { writePe } from '../src/pe/writePe.js';
import { walkTree } from '../src/source/walkTree.js';
import { formatVersion } from '../src/version/windowsVersion.js';
import { modernBenchmark } from './modernBench.js';

const BIN = fileURLToPath(new URL('../../bin/hotfix-verify.js', import.meta.url));
const SLOWFS_SOURCE = fileURLToPath(new URL('../../bench/slowfs.c', import.meta.url));
const TIME = '/usr/bin/time';
const SECTIONS = ['scan', 'startup', 'inventory', 'real', 'aggregate', 'modern'] as const;
type Section = (typeof SECTIONS)[number];

interface Options {
  files: number;
  pe: number;
  runs: number;
  real?: string;
  slowMs: number;
  only: Set<Section>;
  keep: boolean;
  hosts: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { files: 200_000, pe: 3000, runs: 5, slowMs: 1, only: new Set(SECTIONS), keep: false, hosts: 10_000 };
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
    else if (word === '--slow-ms') options.slowMs = Number(value());
    else if (word === '--only') options.only = new Set(value().split(',') as Section[]);
    else if (word === '--keep') options.keep = true;
    else if (word === '--hosts') options.hosts = Number(value());
    else throw new Error(`unknown option ${word}; see the comment at the top of bench/bench.ts`);
  }
  if (!options.real) options.only.delete('real');
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

/** pefile reading the same fields as `inspect`: headers, fixed info, string tables, translations; one JSON line a file. */
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

/**
 * The floor of an inventory in Node: the walk and the system calls the inventory makes per file (open,
 * a 4 KB read at the start, fstat, one more 4 KB read, close), synchronously, with no parsing and no
 * output. What Node itself costs on this machine; no reader written in Node can go below it.
 */
const FLOOR_SCRIPT = `
import { closeSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
const buffer = new Uint8Array(8192);
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = dir + '/' + entry.name;
    if (entry.isDirectory()) walk(file);
    else if (entry.isFile()) {
      const fd = openSync(file, 'r');
      readSync(fd, buffer, 0, 4096, 0);
      const size = fstatSync(fd).size;
      readSync(fd, buffer, 0, 4096, Math.max(0, size - 4096));
      closeSync(fd);
    }
  }
};
walk(process.argv[2]);
`;

interface Measure {
  /** Wall seconds of each run. */
  seconds: number[];
  /** Peak RSS in KB of each run (from /usr/bin/time), when known. */
  rssKb: number[];
  /** Bytes the command read through read calls (/proc/PID/io rchar, its children included), per run. */
  rchar: number[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A command and the environment it runs in (LD_PRELOAD for the slow file system). */
interface Command {
  readonly line: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Runs a shell command with stdout to /dev/null; returns wall seconds, peak RSS
 * and the bytes it read (the shell adds the I/O counters of the children it
 * waited for to its own, so rchar is the command's).
 */
function timeOnce(command: Command, scratch: string) {
  const rssFile = path.join(scratch, 'rss.txt');
  const ioFile = path.join(scratch, 'io.txt');
  const inner = `${command.line} > /dev/null; s=$?; grep '^rchar:' /proc/$$/io > ${shellQuote(ioFile)}; exit $s`;
  const useTime = existsSync(TIME);
  const line = useTime ? `${TIME} -o ${rssFile} -f %M sh -c ${shellQuote(inner)}` : `sh -c ${shellQuote(inner)}`;
  const options: SpawnSyncOptions = {
    stdio: ['ignore', 'ignore', 'pipe'],
    shell: '/bin/sh',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...command.env },
  };
  const started = performance.now();
  const result = spawnSync(line, options);
  const seconds = (performance.now() - started) / 1000;
  const rss = useTime ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : Number.NaN;
  const rchar = existsSync(ioFile) ? Number(readFileSync(ioFile, 'utf8').replace(/\D/g, '')) : Number.NaN;
  return {
    seconds,
    ...(Number.isFinite(rss) ? { rssKb: rss } : {}),
    ...(Number.isFinite(rchar) ? { rchar } : {}),
    status: result.status,
    stderr: String(result.stderr ?? ''),
  };
}

/**
 * Times each command `runs` times, interleaved (A B C, A B C, ...) so they
 * share the machine's state, after one warm-up round unless `warm` is false
 * (for slow tools run after the files were already read).
 */
function measure(commands: Record<string, Command>, runs: number, scratch: string, warm = true): Record<string, Measure> {
  const results: Record<string, Measure> = {};
  const check = (name: string, once: { status: number | null; stderr: string }) => {
    if (once.status !== 0 && once.status !== 1)
      process.stderr.write(`bench: ${name} exited ${once.status}: ${once.stderr.slice(0, 500)}\n`);
  };
  for (const [name, command] of Object.entries(commands)) {
    if (warm) check(name, timeOnce(command, scratch));
    results[name] = { seconds: [], rssKb: [], rchar: [] };
  }
  for (let run = 0; run < runs; run++) {
    for (const [name, command] of Object.entries(commands)) {
      const once = timeOnce(command, scratch);
      if (!warm && run === 0) check(name, once);
      const m = results[name] as Measure;
      m.seconds.push(once.seconds);
      if (once.rssKb !== undefined) m.rssKb.push(once.rssKb);
      if (once.rchar !== undefined) m.rchar.push(once.rchar);
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

/**
 * Builds the slow file system shim: an LD_PRELOAD library that sleeps before
 * every directory listing (opendir, fdopendir: find; scandir: Node's readdir).
 */
function buildSlowFs(scratch: string): string | undefined {
  if (!have('gcc --version')) return undefined;
  const library = path.join(scratch, 'slowfs.so');
  const built = spawnSync('gcc', ['-shared', '-fPIC', '-O2', '-o', library, SLOWFS_SOURCE, '-ldl'], { encoding: 'utf8' });
  if (built.status !== 0) {
    process.stderr.write(`bench: gcc could not build the slow file system shim: ${built.stderr}\n`);
    return undefined;
  }
  return library;
}

const fmt = (seconds: number) => seconds.toFixed(3);
const mb = (kb: number[]) => (kb.length ? (median(kb) / 1024).toFixed(0) : 'n/a');

interface Row {
  task: string;
  tool: string;
  m: Measure;
  /** Wall seconds of the group's first row: the ratio column is this row over it. */
  baseline: number;
  files?: number;
  /** read() bytes of the same tool with nothing to do, taken off before dividing by the files; without it no bytes are shown. */
  startupRchar?: number;
  /** Shown instead of the bytes read per file. */
  bytesNote?: string;
}

function table(rows: Row[]): string {
  const lines = [
    '| task | command | median wall s (min-max) | × first row | files/s | bytes read per file | peak RSS MB |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    const med = median(row.m.seconds);
    const ratio = med / row.baseline;
    const range = `${fmt(Math.min(...row.m.seconds))}-${fmt(Math.max(...row.m.seconds))}`;
    const rate = row.files ? Math.round(row.files / med).toLocaleString('en-US') : '';
    let bytes = row.bytesNote ?? '';
    if (row.startupRchar !== undefined && row.files && row.m.rchar.length > 0) {
      const perFile = (median(row.m.rchar) - row.startupRchar) / row.files;
      bytes = perFile >= 1024 * 1024 ? `${(perFile / 1024 / 1024).toFixed(2)} MB` : `${(Math.max(0, perFile) / 1024).toFixed(1)} KB`;
    }
    lines.push(`| ${row.task} | ${row.tool} | ${fmt(med)} (${range}) | ${ratio.toFixed(2)}× | ${rate} | ${bytes} | ${mb(row.m.rssKb)} |`);
  }
  return lines.join('\n');
}

/** Every regular file under `root`, as absolute paths, in a list file for the other tools. */
async function listFiles(root: string, scratch: string, label: string): Promise<{ list: string; count: number; files: string[] }> {
  const { entries } = await walkTree(root, () => true);
  const files = entries.filter((e) => e.type === 'file').map((e) => path.join(root, e.path));
  const list = path.join(scratch, `${label}.list`);
  writeFileSync(list, `${files.join('\n')}\n`);
  return { list, count: files.length, files };
}

/** The read() bytes of a command with nothing to do (its start-up: modules, interpreter), to take off per-file figures. */
function startupRchar(command: Command, scratch: string): number {
  const runs = [0, 1, 2].map(() => timeOnce(command, scratch).rchar ?? 0);
  return Math.min(...runs);
}

/** The inventory comparison over one folder: hotfix-verify, cat, find (optionally), and pefile/exiftool when present. */
function inventoryRows(
  label: string,
  root: string,
  listed: { list: string; count: number },
  runs: number,
  slowRuns: number,
  scratch: string,
  withFind: boolean,
): { rows: Row[]; notes: string[]; timings: Record<string, Measure> } {
  const count = listed.count;
  const empty = path.join(scratch, 'empty');
  mkdirSync(empty, { recursive: true });
  const emptyList = path.join(scratch, 'empty.list');
  writeFileSync(emptyList, '');
  const floorScript = path.join(scratch, 'floor.mjs');
  writeFileSync(floorScript, FLOOR_SCRIPT);
  const hv = (dir: string): Command => ({ line: `node ${shellQuote(BIN)} inspect --recursive ${shellQuote(dir)} --format json --quiet` });
  const commands: Record<string, Command> = {
    hv: hv(root),
    cat: { line: `tr '\\n' '\\0' < ${shellQuote(listed.list)} | xargs -0 cat` },
    ...(withFind ? { find: { line: `find ${shellQuote(root)} -type f` } } : {}),
    floor: { line: `node ${shellQuote(floorScript)} ${shellQuote(root)}` },
  };
  const notes: string[] = [];
  const slow: Record<string, { command: Command; tool: string; startup: Command; bytesNote?: string }> = {};
  const python = pefilePython();
  if (python) {
    const script = path.join(scratch, 'pefile_fast.py');
    writeFileSync(script, PEFILE_SCRIPT);
    slow['pefile'] = {
      command: { line: `${python} ${shellQuote(script)} ${shellQuote(listed.list)}` },
      startup: { line: `${python} ${shellQuote(script)} ${shellQuote(emptyList)}` },
      tool: '`pefile`, fast_load + resource directory only',
      bytesNote: 'mmap (not counted)',
    };
  } else notes.push('pefile not installed (apt-get install python3-pefile): its rows are left out.');
  if (have('exiftool -ver')) {
    const fields = '-FileVersionNumber -ProductVersionNumber -FileVersion -ProductVersion';
    slow['exiftool'] = {
      command: { line: `exiftool -q -q -m -json ${fields} -@ ${shellQuote(listed.list)}` },
      startup: { line: `exiftool -q -q -m -json ${fields} -@ ${shellQuote(emptyList)}` },
      tool: '`exiftool -json` (4 version fields)',
    };
  } else notes.push('exiftool not installed (apt-get install libimage-exiftool-perl): its row is left out.');
  const main = measure(commands, runs, scratch);
  const hvStartup = startupRchar(hv(empty), scratch);
  const base = median(main['hv']!.seconds);
  const rows: Row[] = [
    {
      task: label,
      tool: '`hotfix-verify inspect --recursive -f json`',
      m: main['hv']!,
      baseline: base,
      files: count,
      startupRchar: hvStartup,
    },
    { task: label, tool: '`cat` every file to /dev/null', m: main['cat']!, baseline: base, files: count, startupRchar: 0 },
  ];
  if (withFind)
    rows.push({ task: label, tool: '`find DIR -type f`', m: main['find']!, baseline: base, files: count, bytesNote: '0 (names only)' });
  rows.push({
    task: label,
    tool: '`node` walking and reading the same files, no parsing (the floor)',
    m: main['floor']!,
    baseline: base,
    files: count,
  });
  const timings: Record<string, Measure> = { ...main };
  if (Object.keys(slow).length > 0) {
    // The slow tools run fewer times (the files are already in the cache), each round next to a hotfix-verify run.
    const timed = measure(
      { hv: commands['hv'] as Command, ...Object.fromEntries(Object.entries(slow).map(([name, s]) => [name, s.command])) },
      slowRuns,
      scratch,
      false,
    );
    const hvHere = median(timed['hv']!.seconds);
    rows.push({
      task: label,
      tool: '`hotfix-verify` again, next to the slow tools',
      m: timed['hv']!,
      baseline: hvHere,
      files: count,
      startupRchar: hvStartup,
    });
    for (const [name, s] of Object.entries(slow)) {
      const startup = startupRchar(s.startup, scratch);
      rows.push({
        task: label,
        tool: s.tool,
        m: timed[name]!,
        baseline: hvHere,
        files: count,
        startupRchar: startup,
        ...(s.bytesNote ? { bytesNote: s.bytesNote } : {}),
      });
      timings[name] = timed[name]!;
      notes.push(`${name}: ${(median(timed[name]!.seconds) / hvHere).toFixed(1)}× the wall time of hotfix-verify, measured in turn.`);
    }
  }
  return { rows, notes, timings };
}

/**
 * What pefile reads in `list`, against the inventory: files pefile parses as PE that the inventory leaves out, and
 * fixed versions pefile reads that the inventory does not report. Also the inventory's own count of bytes read per file.
 */
async function checkAgainstPefile(root: string, list: string, scratch: string): Promise<string[]> {
  const notes: string[] = [];
  const ours = new Map<string, string[]>();
  let maxBytes = 0;
  let totalBytes = 0;
  let records = 0;
  for await (const record of inventory([root])) {
    records++;
    maxBytes = Math.max(maxBytes, record.bytesRead ?? 0);
    totalBytes += record.bytesRead ?? 0;
    const versions = record.result?.ok ? record.result.versions : [];
    ours.set(
      record.path,
      versions.flatMap((v) => (v.fixed ? [formatVersion(v.fixed.fileVersion)] : [])),
    );
  }
  notes.push(
    `hotfix-verify listed ${records} files and read ${(totalBytes / Math.max(1, records) / 1024).toFixed(1)} KB per file on average, ` +
      `${(maxBytes / 1024).toFixed(1)} KB at most (its own count: headers, section table, resource directory, version resource).`,
  );
  const python = pefilePython();
  if (!python) return notes;
  const script = path.join(scratch, 'pefile_fast.py');
  writeFileSync(script, PEFILE_SCRIPT);
  const run = spawnSync(python, [script, list], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  let pe = 0;
  let versions = 0;
  const missingFiles: string[] = [];
  const missingVersions: string[] = [];
  for (const line of run.stdout.split('\n')) {
    if (!line) continue;
    const rec = JSON.parse(line) as { path: string; error?: string; fileVersion?: string };
    if (rec.error) continue;
    pe++;
    const mine = ours.get(rec.path);
    if (!mine) missingFiles.push(rec.path);
    if (rec.fileVersion) {
      versions++;
      if (!mine?.includes(rec.fileVersion)) missingVersions.push(`${rec.path} ${rec.fileVersion}`);
    }
  }
  const examples = missingVersions.length ? `: ${missingVersions.slice(0, 5).join(', ')}` : '';
  notes.push(
    `pefile reads ${pe} files as PE, ${versions} of them with a fixed file version; the inventory leaves out ${missingFiles.length} of ` +
      `those files and misses ${missingVersions.length} of those versions${examples}.`,
  );
  return notes;
}

/**
 * The fleet: `hotfix-verify aggregate` over `hosts` JSON scan reports in one folder, as a playbook
 * leaves them. The reports are real scans of the demo server (patched, and half-patched for every
 * tenth host), written once per host with its own `host` and `generatedAt`; one in a thousand is cut
 * short. Timed as a whole process against `cat` of the same files; peak RSS shows the reports are
 * not held (the folder is about 19 KB a host).
 */
async function aggregateRows(root: string, hosts: number, runs: number, scratch: string): Promise<{ rows: Row[]; notes: string[] }> {
  const demo = (patched: boolean) => {
    const dir = path.join(root, patched ? 'demo-patched' : 'demo-half');
    spawnSync(process.execPath, [BIN, 'demo', dir, '-f', 'json', ...(patched ? ['--patched'] : [])], { stdio: 'ignore' });
    return spawnSync(process.execPath, [BIN, 'scan', dir, '-f', 'json', '--host', 'HOST'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }).stdout;
  };
  const [patched, half] = [demo(true), demo(false)];
  const reports = path.join(root, 'reports');
  mkdirSync(reports, { recursive: true });
  const started = Date.now();
  let bytes = 0;
  for (let i = 0; i < hosts; i++) {
    const host = `EXCH${String(i).padStart(5, '0')}`;
    const when = new Date(started - (i % 1440) * 60_000).toISOString();
    let text = (i % 10 === 3 ? half : patched)
      .replace('"host": "HOST"', `"host": "${host}"`)
      .replace(/"generatedAt": "[^"]*"/, `"generatedAt": "${when}"`);
    if (i % 1000 === 7) text = text.slice(0, text.length >> 1);
    writeFileSync(path.join(reports, `${host}.json`), text);
    bytes += text.length;
  }
  const times = measure(
    {
      hv: { line: `node ${shellQuote(BIN)} aggregate ${shellQuote(reports)} --max-age 7d` },
      json: { line: `node ${shellQuote(BIN)} aggregate ${shellQuote(reports)} --max-age 7d -f json` },
      cat: { line: `cat ${shellQuote(reports)}/*.json > /dev/null` },
    },
    runs,
    scratch,
  );
  const base = median(times['hv']!.seconds);
  const label = `aggregate, ${hosts.toLocaleString('en-US')} host reports, ${(bytes / 1024 ** 2).toFixed(0)} MB`;
  return {
    rows: [
      { task: label, tool: '`hotfix-verify aggregate DIR --max-age 7d` (table)', m: times['hv']!, baseline: base, files: hosts },
      { task: label, tool: '`hotfix-verify aggregate DIR --max-age 7d -f json`', m: times['json']!, baseline: base, files: hosts },
      { task: label, tool: '`cat` every report to /dev/null', m: times['cat']!, baseline: base, files: hosts },
    ],
    notes: [
      `aggregate: ${hosts.toLocaleString('en-US')} reports of ${(bytes / 1024 ** 2).toFixed(0)} MB in all; peak RSS is the whole process.`,
    ],
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'hv-bench-'));
  const cleanup = () => rm(scratch, { recursive: true, force: true });
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  const say = (text: string) => process.stderr.write(`bench: ${text}\n`);
  const rows: Row[] = [];
  const notes: string[] = [];
  const slowRuns = Math.max(1, Math.min(2, options.runs));
  try {
    if (options.only.has('scan')) {
      const image = path.join(scratch, 'image');
      say(`writing a ${options.files.toLocaleString('en-US')}-file image to ${image}`);
      buildImage(image, options.files - 16);
      await writeSampleServer(path.join(image, 'exchsrvr-server'), { patched: true });
      say(`timing the scan (${options.runs} runs each)`);
      const scan = (env?: NodeJS.ProcessEnv): Record<string, Command> => ({
        find: { line: `find ${shellQuote(image)} -type f`, ...(env ? { env } : {}) },
        hv: { line: `node ${shellQuote(BIN)} scan ${shellQuote(image)} --format json`, ...(env ? { env } : {}) },
      });
      const warm = measure(scan(), options.runs, scratch);
      const label = `P1 scan, ${options.files.toLocaleString('en-US')}-file image`;
      const findMedian = median(warm['find']!.seconds);
      rows.push(
        { task: label, tool: '`find IMAGE -type f`', m: warm['find']!, baseline: findMedian, files: options.files },
        { task: label, tool: '`hotfix-verify scan IMAGE -f json` (Q254943)', m: warm['hv']!, baseline: findMedian, files: options.files },
      );
      notes.push(`P1 scan: ${(median(warm['hv']!.seconds) / findMedian).toFixed(2)}× the wall time of find (warm cache).`);
      const shim = buildSlowFs(scratch);
      if (shim) {
        say(`timing the scan on a slow file system (${options.slowMs} ms per directory listing)`);
        const env = { LD_PRELOAD: shim, SLOWFS_DELAY_US: String(Math.round(options.slowMs * 1000)) };
        const slow = measure(scan(env), slowRuns, scratch);
        const slowLabel = `P1 scan, same image, ${options.slowMs} ms per directory listing`;
        const slowFind = median(slow['find']!.seconds);
        rows.push(
          { task: slowLabel, tool: '`find IMAGE -type f`', m: slow['find']!, baseline: slowFind, files: options.files },
          {
            task: slowLabel,
            tool: '`hotfix-verify scan IMAGE -f json` (Q254943)',
            m: slow['hv']!,
            baseline: slowFind,
            files: options.files,
          },
        );
        notes.push(
          `P1 scan on the slow file system: ${(median(slow['hv']!.seconds) / slowFind).toFixed(2)}× the wall time of find ` +
            `(find lists one folder at a time; hotfix-verify lists several at once).`,
        );
      } else notes.push('gcc not found: the slow file system rows are left out (apt-get install gcc).');
    }

    if (options.only.has('startup')) {
      const server = path.join(scratch, 'server');
      await writeSampleServer(server, { patched: true });
      say('timing start-up');
      const startup = measure(
        { node: { line: 'node -e 0' }, hv: { line: `node ${shellQuote(BIN)} scan ${shellQuote(server)} --format json` } },
        Math.max(options.runs, 10),
        scratch,
      );
      const nodeMedian = median(startup['node']!.seconds);
      const label = 'P3 start-up, the 16-file sample server';
      rows.push(
        { task: label, tool: '`node -e 0`', m: startup['node']!, baseline: nodeMedian },
        { task: label, tool: '`hotfix-verify scan SERVER -f json` (Q254943)', m: startup['hv']!, baseline: nodeMedian, files: 16 },
      );
      notes.push(
        `P3 start-up: the 16-file scan takes ${(median(startup['hv']!.seconds) / nodeMedian).toFixed(2)}× the wall time of node -e 0.`,
      );
    }

    if (options.only.has('inventory')) {
      const peTree = path.join(scratch, 'pe');
      say(`writing ${options.pe} PE files and two sparse ones of 1 and 2 GB to ${peTree}`);
      const pe = buildPeTree(peTree, options.pe);
      say('timing the inventory of the generated files');
      const listed = await listFiles(peTree, scratch, 'generated');
      const label = `P2 inventory, ${pe.files.toLocaleString('en-US')} generated PE files, ${(pe.bytes / 1024 ** 3).toFixed(1)} GB`;
      const generated = inventoryRows(label, peTree, listed, options.runs, slowRuns, scratch, false);
      rows.push(...generated.rows);
      notes.push(...generated.notes.map((n) => `generated files, ${n}`));
    }

    if (options.only.has('real') && options.real) {
      say(`timing the inventory of ${options.real}`);
      const listed = await listFiles(options.real, scratch, 'real');
      const label = `P2 inventory, ${listed.count.toLocaleString('en-US')} real files under ${path.basename(options.real)}`;
      const real = inventoryRows(label, options.real, listed, options.runs, slowRuns, scratch, true);
      rows.push(...real.rows);
      notes.push(...real.notes.map((n) => `real files, ${n}`));
      notes.push(...(await checkAgainstPefile(options.real, listed.list, scratch)));
    }

    if (options.only.has('aggregate')) {
      say(`writing ${options.hosts.toLocaleString('en-US')} hosts' reports and timing aggregate`);
      const fleet = await aggregateRows(path.join(scratch, 'fleet'), options.hosts, options.runs, scratch);
      rows.push(...fleet.rows);
      notes.push(...fleet.notes);
    }

    // Today's updates (issue 12): its own section, in bench/modernBench.ts.
    const modern = options.only.has('modern')
      ? await modernBenchmark(scratch, { files: 300_000, rows: 5000, runs: options.runs }, say)
      : '';
    const cpus = os.cpus();
    process.stdout.write(
      `${[
        `hotfix-verify benchmark, ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ` +
          `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${os.platform()} ${os.release()}, ` +
          `${(os.totalmem() / 1024 ** 3).toFixed(0)} GB; warm cache, whole process, median of ${options.runs} runs ` +
          `(slow tools and slow file system: ${slowRuns}).`,
        '"× first row": wall time over the first row of the group. "bytes read per file": read() bytes (rchar) of the',
        'whole command less what it reads when given nothing to do, over the files.',
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
