/** The command line: parses argv with yargs, runs one command, and returns its exit code. */
import yargs from 'yargs';
import { ManifestError } from '../manifest/errors.js';
import { REPORT_FORMATS } from '../report/registry.js';
import { TargetError } from '../source/directorySource.js';
import { toolVersion } from '../toolInfo.js';
import { EXIT, UsageError } from './errors.js';
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
      'scan [target]',
      'Check a folder against manifests (default: the bundled Q254943 manifest)',
      (y) =>
        y
          .positional('target', { type: 'string', default: '.', description: 'Folder to scan: a server root or an unpacked patch image' })
          .option('manifest', { alias: 'm', type: 'string', array: true, default: [] as string[], description: 'Manifest file (repeatable); default: the bundled Q254943 manifest' })
          .option('format', { alias: 'f', choices: REPORT_FORMATS as string[], default: 'table', description: 'Report format' })
          .option('output', { alias: 'o', type: 'string', description: 'Write the report to this file (whole or not at all) instead of stdout' }),
      async (args) => {
        const { runScan } = await import('./scanCommand.js');
        exitCode = await runScan({ target: args.target!, manifest: args.manifest.map(String), format: args.format, ...(args.output ? { output: args.output } : {}) }, io);
      },
    )
    .command(
      'inspect <files..>',
      'Show every version field of PE files, like sigcheck',
      (y) =>
        y
          .positional('files', { type: 'string', array: true, demandOption: true, description: 'PE files to read' })
          .option('format', { alias: 'f', choices: ['table', 'json'] as const, default: 'table' as const, description: 'Output format' })
          .option('output', { alias: 'o', type: 'string', description: 'Write to this file instead of stdout' }),
      async (args) => {
        const { runInspect } = await import('./inspectCommand.js');
        exitCode = await runInspect({ files: args.files.map(String), format: args.format, ...(args.output ? { output: args.output } : {}) }, io);
      },
    )
    .command(
      'demo [dir]',
      'Write a sample Exchange 5.0 server image and scan it with the bundled Q254943 manifest',
      (y) =>
        y
          .positional('dir', { type: 'string', default: 'hotfix-verify-demo', description: 'Folder to write the sample image to (emptied first)' })
          .option('patched', { type: 'boolean', default: false, description: 'Write a server that meets the fix (default: half-patched)' })
          .option('format', { alias: 'f', choices: REPORT_FORMATS as string[], default: 'table', description: 'Report format' }),
      async (args) => {
        const { runDemo } = await import('./demoCommand.js');
        exitCode = await runDemo({ dir: args.dir!, patched: args.patched, format: args.format }, io);
      },
    )
    .demandCommand(1, 'Name a command: scan, inspect or demo.')
    .strict()
    .version(toolVersion())
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, (io.stdout as { columns?: number }).columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    });

  try {
    await parser.parseAsync();
    return exitCode;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`hotfix-verify: ${error.message}\nRun 'hotfix-verify --help' for usage.\n`);
    } else if (error instanceof ManifestError || error instanceof TargetError) {
      io.stderr.write(`hotfix-verify: ${error.message}\n`);
    } else {
      io.stderr.write(`hotfix-verify: internal error (a bug; please report it): ${debug ? (error as Error).stack : (error as Error).message}\n`);
    }
    if (debug && (error instanceof UsageError || error instanceof ManifestError || error instanceof TargetError)) io.stderr.write(`${(error as Error).stack}\n`);
    return EXIT.error;
  }
}
