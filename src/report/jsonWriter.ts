/** The JSON report: the ScanReport data as is, documented in the README. */
import type { ReportWriter } from './writer.js';

/** Writes the report as pretty-printed JSON with a trailing newline. */
export const jsonWriter: ReportWriter = {
  name: 'json',
  description: 'the full report as JSON (schemaVersion 1.x), for machines',
  write: (report) => `${JSON.stringify(report, null, 2)}\n`,
};
