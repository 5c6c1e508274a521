/** The `scan` command's options and wiring; the work is in ../scanCommand.ts, loaded only when run. */
import type { Argv } from 'yargs';
import { REPORT_FORMATS } from '../../report/formats.js';
import { UsageError } from '../errors.js';
import type { CliIO } from '../output.js';
import type { CommandSpec } from './spec.js';

/** `hotfix-verify scan [target]`. */
export const scanCommand: CommandSpec = {
  command: 'scan [target]',
  describe: 'Check a folder against manifests (default: the bundled Q254943 manifest)',
  builder: (y: Argv) =>
    y
      .positional('target', { type: 'string', default: '.', description: 'Folder to scan: a server root or an unpacked patch image' })
      .option('manifest', { alias: 'm', requiresArg: true, type: 'string', array: true, default: [] as string[], description: 'Manifest file (repeatable); default: the bundled Q254943 manifest' })
      .option('format', { alias: 'f', requiresArg: true, choices: REPORT_FORMATS, default: 'table', description: 'Report format' })
      .option('output', { alias: 'o', requiresArg: true, type: 'string', description: 'Write the report to this file (whole or not at all) instead of stdout' })
      // An empty value is usually an unset shell variable ("$SERVER_ROOT"): refuse it rather than scan the current folder.
      .check((argv) => {
        if (argv['target'] === '') throw new UsageError('TARGET is an empty string; name the folder to scan (or "." for the current one)');
        if ((argv['manifest'] as unknown[]).some((m) => String(m) === '')) throw new UsageError('--manifest is an empty string; name a manifest file');
        if (argv['output'] === '') throw new UsageError('--output is an empty string; name a file, or leave the option out to write to stdout');
        return true;
      }),
  run: async (args: Record<string, unknown>, io: CliIO) => {
    const { runScan } = await import('../scanCommand.js');
    return runScan(
      {
        target: String(args['target']),
        manifest: (args['manifest'] as unknown[]).map(String),
        format: String(args['format']),
        ...(args['output'] ? { output: String(args['output']) } : {}),
      },
      io,
    );
  },
};
