/**
 * The one error base the CLI recognises, and the one table of errno wordings.
 * Every error a user can act on names the file, where in it, and what is wrong; anything
 * else that reaches the CLI is a bug and shows its stack.
 */

/** An error a user can act on: a stable code, the file (if any), where in it, and the problem in words. */
export class HotfixError extends Error {
  constructor(
    /** Stable, machine-readable ("usage", "manifest-json", "kb-no-file-table", ...). */
    readonly code: string,
    /** The file the problem is in, as the user named it; undefined for the command line itself. */
    readonly file: string | undefined,
    /** Where in the file: a JSON path, "line 4, column 7", a byte offset; undefined when the whole file is meant. */
    readonly where: string | undefined,
    /** What is wrong, in words, without the file and place. */
    readonly problem: string,
  ) {
    super([file, where, problem].filter((part) => part !== undefined && part !== '').join(': '));
    this.name = new.target.name;
  }
}

/** The command line itself is wrong (unknown option, bad value, missing argument). Exit 2. */
export class UsageError extends HotfixError {
  constructor(problem: string) {
    super('usage', undefined, undefined, problem);
  }
}

/** The errno code of a failed system call, or undefined for other errors. */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

// Node on Windows maps Windows errors to these codes through libuv (ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION to EBUSY,
// ERROR_ACCESS_DENIED to EACCES, ERROR_NETNAME_DELETED to ECONNRESET, ERROR_BAD_NETPATH and ERROR_BAD_NET_NAME to UNKNOWN, ...):
// the words say what each means there too.
const ERRNO_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied (on Windows: access denied)',
  EPERM: 'operation not permitted (on Windows: a privilege not held, or access denied)',
  EBUSY: 'in use by another program (on Windows: a sharing or lock violation, such as a file a running service holds open)',
  EISDIR: 'is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'path too long for the system',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
  EPIPE: 'the reader closed the pipe',
  EIO: 'input/output error',
  EINVAL: 'invalid argument',
  ENXIO: 'no such device',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host cannot be reached',
  ENETUNREACH: 'network cannot be reached',
  EEXIST: 'already exists',
  ENOTEMPTY: 'folder is not empty',
  ECONNRESET: 'the connection was reset (on Windows: the share or server went away)',
  ECONNABORTED: 'the connection was aborted',
  ECONNREFUSED: 'the connection was refused',
  ENOTCONN: 'not connected (on Windows: the network connection does not exist)',
  ECHARSET: 'a name that has no Unicode form',
  ECANCELED: 'the operation was canceled',
  ENOTSUP: 'operation not supported',
  EAGAIN: 'resource temporarily unavailable',
  EBADF: 'bad file descriptor',
  UNKNOWN:
    'unknown system error (on Windows: a server or share that cannot be reached, a logon failure, network access denied, ' +
    'or a name it refuses)',
};

/** The one wording of an errno code ("no such file or folder"); other errors give their own message. */
export function errnoWords(error: unknown): string {
  const code = errnoCode(error);
  if (code !== undefined && ERRNO_WORDS[code] !== undefined) return ERRNO_WORDS[code];
  return error instanceof Error ? error.message : String(error);
}
