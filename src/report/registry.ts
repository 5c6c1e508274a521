/** Every report format, by name; the CLI's --format choices come from here. */
import { jsonWriter } from './jsonWriter.js';
import { tableWriter } from './tableWriter.js';
import type { ReportWriter } from './writer.js';

/** The registered writers, keyed by format name. */
export const REPORT_WRITERS: Readonly<Record<string, ReportWriter>> = {
  [tableWriter.name]: tableWriter,
  [jsonWriter.name]: jsonWriter,
};

/** The format names, in the order the CLI lists them. */
export const REPORT_FORMATS: readonly string[] = Object.keys(REPORT_WRITERS);
