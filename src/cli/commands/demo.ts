/** The `demo` command's options and wiring. */
import type { Argv } from 'yargs';
import { REPORT_FORMATS } from '../../report/formats.js';
import type { CliIO } from '../output.js';
import type { CommandSpec } from './spec.js';

/** `hotfix-verify demo [dir]`. */
export const demoCommand: CommandSpec = {
  command: 'demo [dir]',
  describe: 'Write a sample Exchange 5.0 server image and scan it with the bundled Q254943 manifest',
  builder: (y: Argv) =>
    y
      .positional('dir', { type: 'string', default: 'hotfix-verify-demo', description: 'Folder to write the sample image to (emptied first)' })
      .option('patched', { type: 'boolean', default: false, description: 'Write a server that meets the fix (default: half-patched)' })
      .option('format', { alias: 'f', requiresArg: true, choices: REPORT_FORMATS, default: 'table', description: 'Report format' }),
  run: async (args: Record<string, unknown>, io: CliIO) => {
    const { runDemo } = await import('../demoCommand.js');
    return runDemo({ dir: String(args['dir']), patched: args['patched'] === true, format: String(args['format']) }, io);
  },
};
