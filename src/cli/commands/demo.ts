/** The `demo` command's options and wiring. */
import { REPORT_FORMATS } from '../../report/formats.js';
import type { CliIO } from '../output.js';
import type { CommandSpec } from './spec.js';

/** `hotfix-verify demo [dir]`. */
export const demoCommand: CommandSpec = {
  name: 'demo',
  describe: 'Write a sample Exchange 5.0 server image and scan it with the bundled Q254943 manifest',
  positional: { name: 'dir', default: 'hotfix-verify-demo', description: 'Folder to write the sample image to (emptied first)' },
  options: [
    { name: 'patched', type: 'boolean', default: false, description: 'Write a server that meets the fix (default: half-patched)' },
    { name: 'format', alias: 'f', type: 'string', choices: REPORT_FORMATS, default: 'table', description: 'Report format' },
  ],
  run: async (args: Record<string, unknown>, io: CliIO) => {
    const { runDemo } = await import('../demoCommand.js');
    return runDemo({ dir: String(args['dir']), patched: args['patched'] === true, format: String(args['format']) }, io);
  },
};
