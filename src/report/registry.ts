/** Every report format, by name; the CLI's --format choices come from formats.ts, kept equal to these keys by a test. */
import { csvWriter } from './csvWriter.js';
import { githubWriter } from './githubWriter.js';
import { htmlWriter } from './htmlWriter.js';
import { jsonWriter } from './jsonWriter.js';
import { junitWriter } from './junitWriter.js';
import { markdownWriter } from './markdownWriter.js';
import { sarifWriter } from './sarifWriter.js';
import { tableWriter } from './tableWriter.js';
import type { ReportWriter } from './writer.js';

/** The registered writers, keyed by format name. */
export const REPORT_WRITERS: Readonly<Record<string, ReportWriter>> = Object.fromEntries(
  [tableWriter, jsonWriter, junitWriter, sarifWriter, markdownWriter, githubWriter, csvWriter, htmlWriter].map((writer) => [
    writer.name,
    writer,
  ]),
);

export { REPORT_FORMATS } from './formats.js';
