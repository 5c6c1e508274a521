/** The `snapshot` command's options and wiring; the work is in src/snapshot, loaded only when run. */
import type { CliIO } from '../output.js';
import type { CommandSpec } from './spec.js';

/** `hotfix-verify snapshot <root>`. */
export const snapshotCommand: CommandSpec = {
  name: 'snapshot',
  describe: 'Write a manifest of a known-good image: PE files by fixed version, other files by size and SHA-256',
  positional: { name: 'root', description: 'Folder of the known-good image' },
  options: [
    { name: 'output', alias: 'o', type: 'string', description: 'Write the manifest to this file (whole or not at all) instead of stdout' },
    { name: 'id', type: 'string', description: 'Manifest id (letters, digits, ".", "_", "-"); default: snapshot-<folder name>' },
    { name: 'title', type: 'string', description: 'Manifest title; default: Snapshot of <root>' },
    { name: 'product', type: 'string', description: 'Manifest product; default: golden image' },
  ],
  run: async (args: Record<string, unknown>, io: CliIO) => {
    const { runSnapshot } = await import('../snapshotCommand.js');
    return runSnapshot(
      {
        root: String(args['root']),
        ...(args['output'] ? { output: String(args['output']) } : {}),
        ...(args['id'] ? { id: String(args['id']) } : {}),
        ...(args['title'] ? { title: String(args['title']) } : {}),
        ...(args['product'] ? { product: String(args['product']) } : {}),
      },
      io,
    );
  },
};
