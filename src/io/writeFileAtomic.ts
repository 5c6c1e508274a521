/** The one atomic writer: reports and manifests are written whole or not at all. */
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

let tempCounter = 0;

/** Writes `text` to `file` through a temporary file beside it and a rename, so readers never see half a file. */
export async function writeFileAtomic(file: string, text: string | Uint8Array): Promise<void> {
  // pid plus a counter: two files written to one path in one run must not share a temp file.
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${++tempCounter}.tmp`);
  try {
    await writeFile(temp, text);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw await explainTarget(file, error);
  }
}

/**
 * The error to report for a failed write: the target file's own problem, never the temporary name.
 * ENOENT on the temporary file means the folder is missing: say which.
 */
async function explainTarget(file: string, error: unknown): Promise<unknown> {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    const folder = path.dirname(path.resolve(file));
    const exists = await stat(folder).then(
      (info) => info.isDirectory(),
      () => false,
    );
    if (!exists) return Object.assign(new Error(`folder ${folder} does not exist`), { code: 'ENOENT', folder });
  }
  return error;
}
