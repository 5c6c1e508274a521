/** The command line: parses argv (plain lines without yargs, see fastPath.ts), runs one command, and returns its exit code. */
import { HotfixError } from '../errors.js';
import { COMMANDS } from './commands/index.js';
import { type CommandSpec, commandLine, DEBUG_OPTION, yargsBuilder } from './commands/spec.js';
import { toolVersion } from '../toolInfo.js';
import { EXIT, UsageError } from './errors.js';
import { parseFast } from './fastPath.js';
import type { CliIO } from './output.js';

/** Runs the CLI on `argv` (without node and script); never throws; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const first = argv[0];
    if (first !== undefined && !first.startsWith('-') && !COMMANDS.some((command) => command.name === first)) {
      throw new UsageError(`unknown command '${first}'; the commands are ${COMMANDS.map((command) => command.name).join(', ')}`);
    }
    const fast = parseFast(argv);
    const spec = fast && COMMANDS.find((command) => command.name === fast.command);
    if (fast && spec) return await spec.run(commonArgs(fast.args), io);
    return await parseWithYargs(argv, io);
  } catch (error) {
    return reportError(error, debug, io);
  }
}

/** Parses and runs a line with yargs: help, version, and every line the fast path leaves alone. */
async function parseWithYargs(argv: readonly string[], io: CliIO): Promise<number> {
  const { default: yargs } = await import('yargs');
  let exitCode: number = EXIT.ok;
  const parser = yargs([...argv])
    .scriptName('hotfix-verify')
    .usage(
      '$0 <command> [options]\n\nProve whether a hotfix really landed: checks the PE version resources of a server or image against a KB ' +
        'file table.',
    )
    .option(DEBUG_OPTION.name, { type: 'boolean', description: DEBUG_OPTION.description, global: true })
    .command(
      COMMANDS.map((spec) => ({
        command: commandLine(spec),
        describe: spec.describe,
        builder: yargsBuilder(spec),
        handler: async (args: Record<string, unknown>) => {
          refuseRepeats(spec, args);
          exitCode = await spec.run(commonArgs(args), io);
        },
      })),
    )
    .demandCommand(1, `Name a command: ${COMMANDS.map((spec) => spec.name).join(', ')}.`)
    .strict()
    .version(toolVersion())
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, (io.stdout as { columns?: number }).columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      // yargs reports some usage problems (an option missing its value) as a YError, not as a message.
      if (error && error.name !== 'YError') throw error;
      throw new UsageError(message ?? error?.message ?? 'bad usage');
    });

  await parser.parseAsync();
  return exitCode;
}

/** What every command means alike: `-o -` is stdout, as in most command-line tools. */
function commonArgs(args: Record<string, unknown>): Record<string, unknown> {
  if (args['output'] !== '-') return args;
  const { output: _stdout, o: _alias, ...rest } = args;
  return rest;
}

/** A single-valued option given twice is a mistake (yargs would make it an array, or join it with a comma): exit 2. */
function refuseRepeats(spec: CommandSpec, args: Record<string, unknown>): void {
  for (const option of spec.options) {
    const value = args[option.name];
    if (option.repeatable || option.type === 'boolean' || !Array.isArray(value)) continue;
    throw new UsageError(
      `--${option.name} was given ${value.length} times (${value.map((v) => JSON.stringify(String(v))).join(', ')}); give it once`,
    );
  }
}

/** Prints a known error in one line (a bug with its cause) and returns exit code 2. */
function reportError(error: unknown, debug: boolean, io: CliIO): number {
  // The errors a user can act on are HotfixErrors: one line (the stack only under --debug), never a bug.
  const known = error instanceof HotfixError;
  if (error instanceof UsageError) {
    // yargs writes some messages over several lines ("Invalid values:\n  Argument: ..."): one line is easier to read in a CI log.
    io.stderr.write(`hotfix-verify: ${error.message.replace(/:?\s*\n\s*/g, ': ')}\nRun 'hotfix-verify --help' for usage.\n`);
  } else if (known) {
    io.stderr.write(`hotfix-verify: ${(error as Error).message}\n`);
  } else {
    io.stderr.write(
      `hotfix-verify: internal error (a bug; please report it): ${debug ? (error as Error).stack : (error as Error).message}\n`,
    );
  }
  if (debug && known) io.stderr.write(`${(error as Error).stack}\n`);
  return EXIT.error;
}
