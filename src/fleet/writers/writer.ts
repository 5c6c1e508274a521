/** What every fleet writer implements: a name for `aggregate --format`, and a pure function from the fleet to text. */
import type { FleetReport } from '../../model/fleet.js';

/** How a fleet writer should render. */
export interface FleetWriterOptions {
  /** ANSI colour allowed (a terminal, and NO_COLOR not set). */
  readonly color: boolean;
}

/** A fleet report format. */
export interface FleetWriter {
  readonly name: string;
  readonly description: string;
  write(fleet: FleetReport, options: FleetWriterOptions): string;
}
