/** The `import` command's options and wiring; the work is in ../importCommand.ts, loaded only when run. */
import type { CliIO } from '../output.js';
import type { CommandSpec } from './spec.js';

/** `hotfix-verify import <articles..> [--out DIR] [--strict] [--id KB] [--title TEXT] [--product TEXT]`. */
export const importCommand: CommandSpec = {
  name: 'import',
  describe: 'Turn KB articles (archive text, Markdown, saved HTML, text copied from a page) and file-information CSVs into manifests',
  positional: {
    name: 'articles',
    variadic: true,
    description: 'KB article files or file-information CSVs (e.g. Q254943.TXT, kb5034441.md, KB5034441.csv), told apart by content',
  },
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
    {
      name: 'id',
      type: 'string',
      description:
        "The update's KB number (KB5034441), for a source that names none (a CSV); default: the source's, else the file name's. " +
        'One source only',
    },
    { name: 'title', type: 'string', description: "The manifests' title, for a source that names none (a CSV); default: the source's" },
    { name: 'product', type: 'string', description: "The manifests' product (Windows 11, version 24H2); default: what the source says" },
  ],
  run: async (args: Record<string, unknown>, io: CliIO) => {
    const { runImport } = await import('../importCommand.js');
    return runImport(
      {
        articles: (args['articles'] as unknown[]).map(String),
        ...(args['out'] !== undefined ? { out: String(args['out']) } : {}),
        strict: args['strict'] === true,
        ...(args['id'] !== undefined ? { id: String(args['id']) } : {}),
        ...(args['title'] !== undefined ? { title: String(args['title']) } : {}),
        ...(args['product'] !== undefined ? { product: String(args['product']) } : {}),
      },
      io,
    );
  },
};
