/** The `inspect` command's options and wiring. */
import { stat } from 'node:fs/promises';
import { errnoCode, errnoWords } from '../../errors.js';
import { TargetError } from '../../source/directorySource.js';
import { UsageError } from '../errors.js';
import type { CliIO } from '../output.js';
import type { CommandSpec } from './spec.js';

/** `hotfix-verify inspect <files..>`. */
export const inspectCommand: CommandSpec = {
  name: 'inspect',
  describe: 'Show every version field of PE files, like sigcheck; with --recursive, of every PE file under folders',
  positional: { name: 'files', variadic: true, description: 'PE files to read (folders, with --recursive)' },
  options: [
    {
      name: 'format',
      alias: 'f',
      type: 'string',
      choices: ['table', 'json', 'jsonl'],
      default: 'table',
      description: 'Output format (jsonl: one JSON object per file and line)',
    },
    { name: 'output', alias: 'o', type: 'string', description: 'Write to this file instead of stdout' },
    {
      name: 'recursive',
      alias: 'r',
      type: 'boolean',
      default: false,
      description: 'Inventory folders: every PE file under them (whatever its name), streamed in sorted path order',
    },
    { name: 'all', type: 'boolean', default: false, description: 'With --recursive: list every file, PE or not' },
    { name: 'quiet', alias: 'q', type: 'boolean', default: false, description: 'No progress line on stderr' },
  ],
  run: async (args: Record<string, unknown>, io: CliIO) => {
    if (args['recursive'] === true || args['format'] === 'jsonl') {
      const { runInventory } = await import('../inventoryCommand.js');
      const format = args['format'] === 'json' ? 'json' : args['format'] === 'jsonl' ? 'jsonl' : 'table';
      return runInventory(
        {
          roots: (args['files'] as unknown[]).map(String),
          format,
          recursive: args['recursive'] === true,
          all: args['all'] === true,
          quiet: args['quiet'] === true,
          ...(args['output'] ? { output: String(args['output']) } : {}),
        },
        io,
      );
    }
    // Each FILE must be a file: a folder is what --recursive is for, and a file that is not there is a usage mistake (exit 2).
    for (const file of (args['files'] as unknown[]).map(String)) {
      const info = await stat(file).catch((error: unknown) => error as NodeJS.ErrnoException);
      if (info instanceof Error)
        throw new TargetError(file, errnoCode(info) === 'ENOENT' ? 'does not exist' : `cannot be read: ${errnoWords(info)}`);
      if (info.isDirectory()) throw new UsageError(`${file} is a folder: use --recursive to list every PE file under it`);
    }
    const { runInspect } = await import('../inspectCommand.js');
    return runInspect(
      {
        files: (args['files'] as unknown[]).map(String),
        format: args['format'] === 'json' ? 'json' : 'table',
        ...(args['output'] ? { output: String(args['output']) } : {}),
      },
      io,
    );
  },
};
