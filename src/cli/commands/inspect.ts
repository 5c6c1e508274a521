/** The `inspect` command's options and wiring. */
import type { Argv } from 'yargs';
import type { CliIO } from '../output.js';
import type { CommandSpec } from './spec.js';

/** `hotfix-verify inspect <files..>`. */
export const inspectCommand: CommandSpec = {
  command: 'inspect <files..>',
  describe: 'Show every version field of PE files, like sigcheck',
  builder: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, description: 'PE files to read' })
      .option('format', { alias: 'f', requiresArg: true, choices: ['table', 'json'], default: 'table', description: 'Output format' })
      .option('output', { alias: 'o', requiresArg: true, type: 'string', description: 'Write to this file instead of stdout' }),
  run: async (args: Record<string, unknown>, io: CliIO) => {
    const { runInspect } = await import('../inspectCommand.js');
    return runInspect(
      { files: (args['files'] as unknown[]).map(String), format: args['format'] === 'json' ? 'json' : 'table', ...(args['output'] ? { output: String(args['output']) } : {}) },
      io,
    );
  },
};
