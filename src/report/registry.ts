/** Every report format, by name; the CLI's --format choices come from here. */
import { jsonWriter } from './jsonWriter.js';
import { tableWriter } from './tableWriter.js';
import type { ReportWriter } from './writer.js';

/** The registered writers, keyed by format name. */
export const REPORT_WRITERS: Readonly<Record<string, ReportWriter>> = {
  [tableWriter.name]: tableWriter,
  [jsonWriter.name]: jsonWriter,
};

export { REPORT_FORMATS } from './formats.js';
