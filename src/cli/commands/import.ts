/** The `import` command's options and wiring; the work is in ../importCommand.ts, loaded only when run. */
import type { CliIO } from '../output.js';
import type { CommandSpec } from './spec.js';

/** `hotfix-verify import <articles..> [--out DIR] [--strict]`. */
export const importCommand: CommandSpec = {
  name: 'import',
  describe: 'Turn KB article texts into manifests (one per article, or per product section)',
  positional: { name: 'articles', variadic: true, description: 'KB article text files (e.g. Q254943.TXT)' },
  options: [
    {
      name: 'out',
      type: 'string',
      description:
        'Write one <id>.json per manifest to this folder (created if needed); default: stdout (one manifest: the object; several: a JSON ' +
        'array)',
    },
    {
      name: 'strict',
      type: 'boolean',
      description:
        'A row the importer has to leave out is an error: exit 2 and nothing written (default: exit 1, manifests without the row)',
    },
  ],
  run: async (args: Record<string, unknown>, io: CliIO) => {
    const { runImport } = await import('../importCommand.js');
    return runImport(
      {
        articles: (args['articles'] as unknown[]).map(String),
        ...(args['out'] !== undefined ? { out: String(args['out']) } : {}),
        strict: args['strict'] === true,
      },
      io,
    );
  },
};
