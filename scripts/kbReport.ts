/**
 * `npm run kb-report -- DIR [--json] [--warnings]`: imports every article in DIR (no manifest
 * is written) and prints how many articles and rows were read, left out and why, per class of
 * what the articles print (src/kb/importReport.ts). `--warnings` also lists every warning,
 * one line each; `--json` prints the report as JSON. Exit 0, or 2 when DIR cannot be read.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_ARTICLE_BYTES } from '../src/cli/importCommand.js';
import { HotfixError } from '../src/errors.js';
import { readUserFile } from '../src/io/readUserFile.js';
import { importKbArticle } from '../src/kb/importKbArticle.js';
import { type ArticleOutcome, formatImportReport, importReport } from '../src/kb/importReport.js';
import { KbImportError } from '../src/kb/KbImportError.js';
import { formatKbWarning } from '../src/kb/warnings.js';

const USAGE = 'usage: npm run kb-report -- DIR [--json] [--warnings]';

class ReportFailure extends HotfixError {
  constructor(file: string, problem: string) {
    super('kb-report', file, undefined, problem);
  }
}

async function main(): Promise<number> {
  let parsed: ReturnType<
    typeof parseArgs<{ options: { json: { type: 'boolean' }; warnings: { type: 'boolean' } }; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({ options: { json: { type: 'boolean' }, warnings: { type: 'boolean' } }, allowPositionals: true });
  } catch (error) {
    process.stderr.write(`kb-report: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [dir, ...rest] = parsed.positionals;
  if (dir === undefined || rest.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    process.stderr.write(`kb-report: ${dir}: cannot be read as a folder: ${(error as Error).message}\n`);
    return 2;
  }
  const outcomes: ArticleOutcome[] = [];
  const warningLines: string[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      const bytes = await readUserFile(file, {
        maxBytes: MAX_ARTICLE_BYTES,
        what: 'a KB article',
        fail: (named, problem) => new ReportFailure(named, problem),
      });
      const result = importKbArticle(bytes, name);
      outcomes.push({ article: name, result });
      for (const warning of result.warnings) warningLines.push(formatKbWarning(warning));
    } catch (error) {
      if (error instanceof KbImportError) outcomes.push({ article: name, error });
      else if (error instanceof HotfixError) process.stderr.write(`kb-report: ${error.message}\n`);
      else throw error;
    }
  }
  const report = importReport(outcomes);
  if (parsed.values.json === true) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    process.stdout.write(formatImportReport(report));
    if (parsed.values.warnings === true) process.stdout.write(`\nwarnings:\n${warningLines.map((line) => `  ${line}`).join('\n')}\n`);
  }
  return 0;
}

process.exitCode = await main();
