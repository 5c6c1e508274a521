/**
 * `npm run fuzz -- --cases N [--seed S] [--out DIR] [--hang-ms MS]`: runs the PE
 * reader's mutation fuzzer (test/fuzz/) for as many cases as asked, prints a
 * summary, saves failing inputs under DIR, and exits 1 on any failure.
 * `--replay FILE` runs the checks on one saved input instead.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkCase } from '../test/fuzz/peFuzzer.js';
import { formatSummary, runFuzz } from '../test/fuzz/runFuzz.js';

const USAGE = 'usage: npm run fuzz -- [--cases N] [--seed S] [--out DIR] [--hang-ms MS] | --replay FILE [--required a.b.c.d]';

function number(text: string | undefined, fallback: number, what: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    process.stderr.write(`fuzz: --${what} must be a whole number, not ${JSON.stringify(text)}\n${USAGE}\n`);
    process.exit(2);
  }
  return value;
}

const FUZZ_OPTIONS = {
  cases: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  'hang-ms': { type: 'string' },
  replay: { type: 'string' },
  required: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function main(): Promise<number> {
  let values: ReturnType<typeof parseArgs<{ options: typeof FUZZ_OPTIONS }>>['values'];
  try {
    ({ values } = parseArgs({ options: FUZZ_OPTIONS }));
  } catch (error) {
    process.stderr.write(`fuzz: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.replay) {
    const outcome = await checkCase(new Uint8Array(await readFile(values.replay)), values.required ?? '5.0.1462.10');
    process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
    return outcome.failures.length > 0 ? 1 : 0;
  }
  const seed = number(values.seed, 1, 'seed');
  const outDir = path.resolve(values.out ?? path.join('fuzz-failures', String(seed)));
  const summary = await runFuzz({
    cases: number(values.cases, 10_000, 'cases'),
    seed,
    hangMs: number(values['hang-ms'], 10_000, 'hang-ms'),
    outDir,
  });
  process.stdout.write(formatSummary(summary));
  if (summary.failures.length > 0) {
    process.stdout.write(`failing inputs saved to ${outDir}\n`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
