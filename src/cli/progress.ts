/**
 * A one-line progress indicator on stderr for long scans and inventories.
 * It appears only after a delay (short runs print nothing), only when stderr
 * is a terminal (logs and pipes never get control characters), never with
 * --quiet, and it erases itself when the work is done.
 */
import type { CliIO } from './output.js';

/** A progress line that callers feed as often as they like; it redraws at most every `intervalMs`. */
export interface Progress {
  /** Offers the current state; `text` is called only when the line is redrawn. */
  update(text: () => string): void;
  /** Erases the line (if it was ever drawn); later updates are ignored. */
  done(): void;
}

/** When and where a progress line may appear. */
export interface ProgressOptions {
  /** --quiet: never draw. */
  readonly quiet?: boolean;
  /** Milliseconds of work before the line first appears; default 1000. */
  readonly delayMs?: number;
  /** Milliseconds between redraws; default 100. */
  readonly intervalMs?: number;
  /** The clock, for tests; default performance.now. */
  readonly now?: () => number;
}

const SILENT: Progress = { update: () => undefined, done: () => undefined };

/** Starts a progress line on `io.stderr`, or a silent one when quiet or stderr is not a terminal. */
export function startProgress(io: Pick<CliIO, 'stderr'>, options: ProgressOptions = {}): Progress {
  if (options.quiet === true || io.stderr.isTTY !== true) return SILENT;
  const now = options.now ?? (() => performance.now());
  const interval = options.intervalMs ?? 100;
  const started = now();
  let nextDraw = started + (options.delayMs ?? 1000);
  let drawn = false;
  let finished = false;
  // A pseudo-terminal may report 0 columns: then assume 80.
  const columns = () => Math.max(20, ((io.stderr as { columns?: number }).columns || 80) - 1);
  return {
    update(text) {
      if (finished) return;
      const time = now();
      if (time < nextDraw) return;
      nextDraw = time + interval;
      // \r and "erase line": the next line overwrites this one; cut to the terminal's width so it never wraps.
      io.stderr.write(`\r\u001b[K${text().slice(0, columns())}`);
      drawn = true;
    },
    done() {
      if (finished) return;
      finished = true;
      if (drawn) io.stderr.write('\r\u001b[K');
    },
  };
}
