/** Where command output goes: a stream, or a file written whole or not at all. */
import { errnoWords } from '../errors.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { OutputError } from './errors.js';

/** The streams a command writes to; injectable for tests. */
export interface CliIO {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

/** True when ANSI colour may be written: a terminal, and NO_COLOR unset (https://no-color.org). */
export function colourAllowed(io: CliIO, toFile: boolean): boolean {
  if (toFile) return false;
  if (io.env['NO_COLOR'] !== undefined && io.env['NO_COLOR'] !== '') return false;
  if (io.env['FORCE_COLOR'] !== undefined && io.env['FORCE_COLOR'] !== '0') return true;
  return io.stdout.isTTY === true;
}

/** Writes a command's main output to --output FILE, or to stdout; a failure is an OutputError naming where and why. */
export async function emit(io: CliIO, text: string, file: string | undefined): Promise<void> {
  try {
    if (file) await writeFileAtomic(file, text);
    else await writeToStream(io.stdout, text);
  } catch (error) {
    throw new OutputError(file ?? 'stdout', outputProblem(error));
  }
}

/**
 * Writes `text` to a stream and settles when it is written or fails. A failed write (EPIPE when the
 * reader of a pipe has gone, as `| head` does) also emits 'error' on the stream, after the callback;
 * with no listener that event would crash the process with a stack trace, so one stays attached.
 */
function writeToStream(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    stream.on('error', onError);
    stream.write(text, (error) => {
      if (error) return reject(error);
      stream.removeListener('error', onError);
      resolve();
    });
  });
}

/** Why an output could not be written, in words: the missing folder by name, else the errno's one wording. */
export function outputProblem(error: unknown): string {
  const folder = (error as { folder?: string }).folder;
  if (folder !== undefined) return `folder ${folder} does not exist`;
  return errnoWords(error);
}
