/** How a command is declared: yargs options for help and parsing, and a lazily loaded runner. */
import type { Argv } from 'yargs';
import type { CliIO } from '../output.js';

/** One subcommand. `run` resolves to the exit code; heavy modules are imported inside it. */
export interface CommandSpec {
  readonly command: string;
  readonly describe: string;
  readonly builder: (y: Argv) => Argv<any>;
  readonly run: (args: Record<string, unknown>, io: CliIO) => Promise<number>;
}
