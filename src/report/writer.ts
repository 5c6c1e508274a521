/** What every report writer implements. */
import type { ScanReport } from '../evaluate/types.js';

/** How a writer should render. */
export interface WriterOptions {
  /** ANSI colour allowed (a terminal, and NO_COLOR not set). */
  readonly color: boolean;
  /** Table report with several manifests: every manifest's per-file table, not only those that fall short. */
  readonly details?: boolean;
}

/** A report format: a name for --format, and a pure function from report to text. */
export interface ReportWriter {
  readonly name: string;
  readonly description: string;
  write(report: ScanReport, options: WriterOptions): string;
}
