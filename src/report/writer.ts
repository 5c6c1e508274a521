/** What every report writer implements. */
import type { ScanReport } from '../model/report.js';

/** How a writer should render. */
export interface WriterOptions {
  /** ANSI colour allowed (a terminal, and NO_COLOR not set). */
  readonly color: boolean;
  /** Table report with several manifests: every manifest's per-file table, not only those that fall short. */
  readonly details?: boolean;
  /** Terminal width, when writing to one: the table's widest column wraps to fit. */
  readonly columns?: number;
}

/** A report format: a name for --format, and a pure function from the gated report to text. */
export interface ReportWriter {
  readonly name: string;
  readonly description: string;
  write(report: ScanReport, options: WriterOptions): string;
}
