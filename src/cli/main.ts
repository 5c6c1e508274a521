/** The command line: parses argv with yargs, runs one command, and returns its exit code. */
import yargs from 'yargs';
import { ManifestError } from '../manifest/errors.js';
import { COMMANDS } from './commands/index.js';
import { TargetError } from '../source/directorySource.js';
import { toolVersion } from '../toolInfo.js';
import { EXIT, OutputError, UsageError } from './errors.js';
import type { CliIO } from './output.js';

/** Runs the CLI on `argv` (without node and script); never throws; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.ok;
  const debug = argv.includes('--debug');
  const parser = yargs([...argv])
    .scriptName('hotfix-verify')
    .usage('$0 <command> [options]\n\nProve whether a hotfix really landed: checks the PE version resources of a server or image against a KB file table.')
    .option('debug', { type: 'boolean', description: 'Show stack traces for errors', global: true })
    .command(
      COMMANDS.map((spec) => ({
        command: spec.command,
        describe: spec.describe,
        builder: spec.builder,
        handler: async (args: Record<string, unknown>) => {
          exitCode = await spec.run(args, io);
        },
      })),
    )
    .demandCommand(1, `Name a command: ${COMMANDS.map((spec) => spec.command.split(' ')[0]).join(', ')}.`)
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

  try {
    await parser.parseAsync();
    return exitCode;
  } catch (error) {
    if (error instanceof UsageError) {
      // yargs writes some messages over several lines ("Invalid values:\n  Argument: ..."): one line is easier to read in a CI log.
      io.stderr.write(`hotfix-verify: ${error.message.replace(/:?\s*\n\s*/g, ': ')}\nRun 'hotfix-verify --help' for usage.\n`);
    } else if (error instanceof ManifestError || error instanceof TargetError || error instanceof OutputError) {
      io.stderr.write(`hotfix-verify: ${error.message}\n`);
    } else {
      io.stderr.write(`hotfix-verify: internal error (a bug; please report it): ${debug ? (error as Error).stack : (error as Error).message}\n`);
    }
    if (debug && (error instanceof UsageError || error instanceof ManifestError || error instanceof TargetError || error instanceof OutputError)) io.stderr.write(`${(error as Error).stack}\n`);
    return EXIT.error;
  }
}
