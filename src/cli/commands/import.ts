/** The `import` command's options and wiring; the work is in ../importCommand.ts, loaded only when run. */
import type { Argv } from 'yargs';
import type { CliIO } from '../output.js';
import type { CommandSpec } from './spec.js';

/** `hotfix-verify import <articles..> [--out DIR]`. */
export const importCommand: CommandSpec = {
  command: 'import <articles..>',
  describe: 'Turn KB article texts into manifests (one per article, or per product section)',
  builder: (y: Argv) =>
    y
      .positional('articles', { type: 'string', array: true, demandOption: true, description: 'KB article text files (e.g. Q254943.TXT)' })
      .option('out', {
        type: 'string',
        description: 'Write one <id>.json per manifest to this folder (created if needed); default: stdout (one manifest: the object; several: a JSON array)',
      }),
  run: async (args: Record<string, unknown>, io: CliIO) => {
    const { runImport } = await import('../importCommand.js');
    return runImport({ articles: (args['articles'] as unknown[]).map(String), ...(args['out'] !== undefined ? { out: String(args['out']) } : {}) }, io);
  },
};
