/**
 * The benchmark of today's updates (issue 12), a section of `npm run bench` kept in its own file:
 *   - import of a 10,000-row file-information CSV and of a large Markdown article, in process (the importer alone)
 *     and as a whole `hotfix-verify import` process;
 *   - scan of a synthetic modern Windows tree (System32, SysWOW64, a WinSxS with several versions per component;
 *     300,000 files) with a 5,000-row manifest, against the same scan with the 16-row Q254943 manifest.
 * Targets: import of 10,000 rows under 0.5 s; that scan within 1.5x of the Q254943 one.
 * Runs on its own too: `node dist/bench/modernBench.js [--files N] [--rows N] [--runs N] [--keep]`.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSampleServer } from '../src/demo/sampleServer.js';
import { importKbArticle } from '../src/kb/importKbArticle.js';
import { formatManifest } from '../src/manifest/formatManifest.js';
import { parseManifest } from '../src/manifest/loadManifest.js';
import type { Manifest, ManifestFile } from '../src/model/manifest.js';
import { writePe } from '../src/pe/writePe.js';

const BIN = fileURLToPath(new URL('../../bin/hotfix-verify.js', import.meta.url));
const TIME = '/usr/bin/time';
const TOKEN = '31bf3856ad364e35';
const BUILD = '10.0.30100.4768';

/** Options of the modern section. */
export interface ModernBenchOptions {
  /** Files in the synthetic Windows tree (default 300,000). */
  readonly files: number;
  /** Rows of the scanned manifest (default 5,000) and of the imported CSV (twice that). */
  readonly rows: number;
  readonly runs: number;
}

interface Timed {
  readonly seconds: number[];
  readonly rssKb: number[];
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** Runs commands `runs` times, interleaved after one warm-up round; wall seconds and peak RSS of each run. */
function timeCommands(commands: Record<string, string>, runs: number, scratch: string): Record<string, Timed> {
  const out: Record<string, Timed> = {};
  const rssFile = path.join(scratch, 'modern-rss.txt');
  const once = (command: string) => {
    const line = existsSync(TIME) ? `${TIME} -o ${rssFile} -f %M sh -c ${quote(command)}` : command;
    const started = performance.now();
    const result = spawnSync(line, { shell: '/bin/sh', stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const seconds = (performance.now() - started) / 1000;
    if (result.status !== 0 && result.status !== 1) process.stderr.write(`bench: ${command} exited ${result.status}: ${result.stderr}\n`);
    const rss = existsSync(TIME) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : Number.NaN;
    return { seconds, rss };
  };
  for (const [name, command] of Object.entries(commands)) {
    once(command);
    out[name] = { seconds: [], rssKb: [] };
  }
  for (let run = 0; run < runs; run++) {
    for (const [name, command] of Object.entries(commands)) {
      const { seconds, rss } = once(command);
      out[name]!.seconds.push(seconds);
      if (Number.isFinite(rss)) out[name]!.rssKb.push(rss);
    }
  }
  return out;
}

/** A file-information CSV of `rows` rows in the Windows 11 layout: banner rows, quoted cells, PE files and servicing files. */
function csvOf(rows: number): string {
  const lines: string[] = [];
  const perSection = Math.ceil(rows / 2);
  for (const [banner, arch] of [
    ['Windows 11, version 30H2 LCU x64-based', 'amd64'],
    ['Windows 11, version 30H2 LCU arm64-based', 'arm64'],
  ] as const) {
    lines.push(`"${banner}",,,,`, '"File name","File version","Date","Time","File size"');
    for (let i = 0; i < perSection && lines.length < rows + 4; i++) {
      if (i % 5 === 4) {
        const name = `${arch}_widget-${i}_${TOKEN}_${BUILD}_none_${(i * 7919).toString(16).padStart(16, '0')}.manifest`;
        lines.push(`"${name}","Not applicable","15-Jul-2031","05:12","1,234"`);
      } else {
        lines.push(
          `"Widget${i}.${['dll', 'exe', 'sys'][i % 3]}","${BUILD}","15-Jul-2031","05:12","${(12_345 + i).toLocaleString('en-US')}"`,
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A large Markdown article: a section per platform with a table each, and vertical tables of servicing files. */
function markdownOf(rows: number): string {
  const parts = ['---', 'title: A large cumulative update', 'ms.date: 07/15/2031', '---', '# KB5099980 - Large update', ''];
  parts.push('_Original KB number:_ &nbsp; 5099980  ', '', '## File information', '');
  for (const [platform, arch] of [
    ['x64', 'x64'],
    ['Arm64', 'arm64'],
  ] as const) {
    parts.push(`##### For all supported ${platform}-based versions of Windows Server 2030`, '');
    parts.push('|File name|File version|File size|Date|Time|Platform|', '|---|---|---|---|---|---|');
    for (let i = 0; i < Math.floor(rows * 0.4); i++) {
      parts.push(`|Widget${i}.dll|${BUILD}|${(12_345 + i).toLocaleString('en-US')}|15-Jul-2031|05:12|${i % 4 === 3 ? 'x86' : arch}|`);
    }
    parts.push('|||||||', '', `##### Additional files for all supported ${platform}-based versions of Windows Server 2030`, '');
    const records = Math.floor(rows * 0.1);
    for (let i = 0; i < records; i++) {
      const name = `${arch}_widget-${i}_${TOKEN}_${BUILD}_none_${(i * 31).toString(16).padStart(16, '0')}.manifest`;
      if (i === 0) parts.push(`| File name|${name}|`, '|---|---|');
      else parts.push(`| File name|${name}|`);
      parts.push('| File version|Not applicable|', '| File size|1,234|', '| Date (UTC)|15-Jul-2031|', '| Time (UTC)|05:12|', '||');
    }
    parts.push('');
  }
  return `${parts.join('\n')}\n`;
}

/**
 * A modern Windows tree of `total` files: each of `rows` manifest files live in System32 (every fourth an x86 file in
 * SysWOW64), with three versions of its component in WinSxS (older, the fixed one, and a superseded one), filler in
 * between, and the sample Exchange 5.0 server (for the Q254943 scan of the same tree). Returns the manifest.
 */
async function buildModernTree(root: string, total: number, rows: number): Promise<Manifest> {
  const files: ManifestFile[] = [];
  const cache = new Map<string, Uint8Array>();
  const image = (machine: 'x64' | 'i386', version: string) => {
    const key = `${machine}${version}`;
    let bytes = cache.get(key);
    if (bytes === undefined) {
      bytes = writePe({ machine, fileVersion: version });
      cache.set(key, bytes);
    }
    return bytes;
  };
  let made = 0;
  const system32 = path.join(root, 'Windows/System32');
  const syswow64 = path.join(root, 'Windows/SysWOW64');
  mkdirSync(system32, { recursive: true });
  mkdirSync(syswow64, { recursive: true });
  for (let i = 0; i < rows; i++) {
    const wow = i % 4 === 3;
    const name = `widget${i}.dll`;
    const machine = wow ? 'i386' : 'x64';
    writeFileSync(path.join(wow ? syswow64 : system32, name), image(machine, BUILD));
    made++;
    for (const version of ['10.0.30100.1000', BUILD, '10.0.30100.2000']) {
      const folder = path.join(
        root,
        'Windows/WinSxS',
        `${wow ? 'wow64' : 'amd64'}_widget-${i}_${TOKEN}_${version}_none_${(i * 7919).toString(16).padStart(16, '0')}`,
      );
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, name), image(machine, version));
      made++;
    }
    files.push({ name: `Widget${i}.dll`, version: BUILD, platform: machine });
  }
  // Filler: folders of a few dozen to a few hundred files, named like Windows' own.
  const extensions = ['.dll', '.exe', '.sys', '.mui', '.manifest', '.cat', '.mum', '.xml', '.png'];
  for (let folder = 0; made < total - 16; folder++) {
    const top = ['Windows/System32/DriverStore', 'Windows/WinSxS', 'Windows/SysWOW64/en-US', 'Program Files/Common Files'][
      folder % 4
    ] as string;
    const dir = path.join(root, top, `amd64_filler-${folder.toString(36)}_${TOKEN}_10.0.30100.${folder % 4000}_none_0`);
    mkdirSync(dir, { recursive: true });
    const count = 20 + ((folder * 37) % 180);
    for (let i = 0; i < count && made < total - 16; i++, made++) {
      closeSync(openSync(path.join(dir, `filler${i}-${folder}${extensions[(i + folder) % extensions.length]}`), 'w'));
    }
  }
  await writeSampleServer(path.join(root, 'exchsrvr-server'), { patched: true });
  return {
    formatVersion: '1.2.0',
    id: 'KB5099981-x64',
    title: 'A synthetic cumulative update',
    product: 'Windows Server 2030',
    rule: 'or-later',
    packagePlatform: 'x64',
    files,
  };
}

/** Times the importer in process: median milliseconds over `runs` and the rows it read. */
function timeImport(bytes: Uint8Array, name: string, runs: number): { ms: number; rows: number; manifests: number } {
  let rows = 0;
  let manifests = 0;
  const times: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const started = performance.now();
    const result = importKbArticle(bytes, name, { id: 'KB5099980' });
    const elapsed = performance.now() - started;
    if (run > 0) times.push(elapsed);
    rows = result.rows.length;
    manifests = result.manifests.length;
  }
  return { ms: median(times), rows, manifests };
}

/** Runs the modern section; returns its Markdown (a table and notes), to print after the rest of the benchmark. */
export async function modernBenchmark(scratch: string, options: ModernBenchOptions, say: (text: string) => void): Promise<string> {
  const dir = path.join(scratch, 'modern');
  mkdirSync(dir, { recursive: true });
  const csvRows = options.rows * 2;
  const csv = csvOf(csvRows);
  const csvFile = path.join(dir, 'KB5099980.csv');
  writeFileSync(csvFile, csv);
  const markdown = markdownOf(options.rows);
  const markdownFile = path.join(dir, 'kb5099980.md');
  writeFileSync(markdownFile, markdown);
  say(`timing the import of a ${csvRows.toLocaleString('en-US')}-row CSV and a ${(markdown.length / 1024).toFixed(0)} KB Markdown article`);
  const csvInProcess = timeImport(new TextEncoder().encode(csv), csvFile, options.runs);
  const markdownInProcess = timeImport(new TextEncoder().encode(markdown), markdownFile, options.runs);
  const out = path.join(dir, 'out');
  const imports = timeCommands(
    {
      csv: `node ${quote(BIN)} import ${quote(csvFile)} --out ${quote(out)}`,
      markdown: `node ${quote(BIN)} import ${quote(markdownFile)} --out ${quote(out)}`,
    },
    options.runs,
    scratch,
  );

  const tree = path.join(dir, 'tree');
  say(`writing a ${options.files.toLocaleString('en-US')}-file modern Windows tree (System32, SysWOW64, WinSxS) to ${tree}`);
  const manifest = await buildModernTree(tree, options.files, options.rows);
  const manifestFile = path.join(dir, 'KB5099981-x64.json');
  const text = formatManifest(manifest);
  writeFileSync(manifestFile, text);
  const loadTimes: number[] = [];
  for (let run = 0; run <= options.runs; run++) {
    const started = performance.now();
    parseManifest(text, manifestFile);
    if (run > 0) loadTimes.push(performance.now() - started);
  }
  say(`timing the scan of the modern tree (${options.runs} runs each)`);
  const scans = timeCommands(
    {
      q254943: `node ${quote(BIN)} scan ${quote(tree)} --format json`,
      modern: `node ${quote(BIN)} scan ${quote(tree)} --manifest ${quote(manifestFile)} --format json`,
    },
    options.runs,
    scratch,
  );

  const mb = (kb: readonly number[]) => (kb.length > 0 ? (median(kb) / 1024).toFixed(0) : 'n/a');
  const row = (task: string, command: string, timed: Timed, baseline: number) =>
    `| ${task} | ${command} | ${median(timed.seconds).toFixed(3)} (${Math.min(...timed.seconds).toFixed(3)}-${Math.max(
      ...timed.seconds,
    ).toFixed(3)}) | ${(median(timed.seconds) / baseline).toFixed(2)}× | ${mb(timed.rssKb)} |`;
  const q = median(scans['q254943']!.seconds);
  const modernRatio = median(scans['modern']!.seconds) / q;
  const scanLabel = `scan, ${options.files.toLocaleString('en-US')}-file modern Windows tree`;
  return [
    '',
    "Today's updates (issue 12): import and a modern Windows image.",
    '',
    '| task | command | median wall s (min-max) | × baseline | peak RSS MB |',
    '| --- | --- | --- | --- | --- |',
    row(
      `import, ${csvRows.toLocaleString('en-US')}-row CSV`,
      '`hotfix-verify import KB.csv --out DIR`',
      imports['csv']!,
      median(imports['csv']!.seconds),
    ),
    row(
      `import, ${(markdown.length / 1024).toFixed(0)} KB Markdown (${markdownInProcess.rows.toLocaleString('en-US')} rows)`,
      '`hotfix-verify import KB.md --out DIR`',
      imports['markdown']!,
      median(imports['csv']!.seconds),
    ),
    row(scanLabel, '`hotfix-verify scan TREE -f json` (Q254943, 16 rows)', scans['q254943']!, q),
    row(scanLabel, `\`hotfix-verify scan TREE -m KB.json -f json\` (${options.rows.toLocaleString('en-US')} rows)`, scans['modern']!, q),
    '',
    `- The importer alone, in process: ${csvInProcess.rows.toLocaleString('en-US')} CSV rows in ${csvInProcess.ms.toFixed(0)} ms ` +
      `(${csvInProcess.manifests} manifests; target under 500 ms: ${csvInProcess.ms < 500 ? 'met' : 'MISSED'}); ` +
      `the Markdown article's ${markdownInProcess.rows.toLocaleString('en-US')} rows in ${markdownInProcess.ms.toFixed(0)} ms.`,
    `- Loading and validating the ${options.rows.toLocaleString('en-US')}-row manifest: ${median(loadTimes).toFixed(0)} ms.`,
    `- The ${options.rows.toLocaleString('en-US')}-row scan is ${modernRatio.toFixed(2)}× the Q254943 scan of the same tree ` +
      `(target 1.5×: ${modernRatio <= 1.5 ? 'met' : 'MISSED'}); it finds ${(options.rows * 4).toLocaleString('en-US')} copies ` +
      `(each live file and three WinSxS versions) and reads the ${options.rows.toLocaleString('en-US')} live ones ` +
      "(a WinSxS copy's folder names its version); Q254943 reads 16.",
  ].join('\n');
}

/** `node dist/bench/modernBench.js`: this section alone. */
async function standalone(): Promise<void> {
  const argv = process.argv.slice(2);
  const value = (flag: string, fallback: number) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? Number(argv[at + 1]) : fallback;
  };
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'hv-bench-modern-'));
  try {
    const text = await modernBenchmark(
      scratch,
      { files: value('--files', 300_000), rows: value('--rows', 5000), runs: value('--runs', 5) },
      (line) => process.stderr.write(`bench: ${line}\n`),
    );
    process.stdout.write(`${text}\n`);
  } finally {
    if (argv.includes('--keep')) process.stderr.write(`bench: trees kept in ${scratch}\n`);
    else await rm(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await standalone();
