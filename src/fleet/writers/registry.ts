/** Every fleet report format, by name; `aggregate --format` choices come from ../formats.ts, kept equal to these keys by a test. */
import { fleetCsvWriter } from './csvWriter.js';
import { fleetHtmlWriter } from './htmlWriter.js';
import { fleetJsonWriter } from './jsonWriter.js';
import { fleetJunitWriter } from './junitWriter.js';
import { fleetMarkdownWriter } from './markdownWriter.js';
import { fleetTableWriter } from './tableWriter.js';
import type { FleetWriter } from './writer.js';

/** The registered fleet writers, keyed by format name. */
export const FLEET_WRITERS: Readonly<Record<string, FleetWriter>> = Object.fromEntries(
  [fleetTableWriter, fleetJsonWriter, fleetJunitWriter, fleetMarkdownWriter, fleetCsvWriter, fleetHtmlWriter].map((w) => [w.name, w]),
);
