/**
 * An in-memory FileSource for tests: files are bytes, and any entry can carry a
 * fault (open fails with a SourceOpenError code, or every read rejects), so a
 * scan can be driven through every failure a real disk can produce, fast and
 * deterministically.
 */
import { bufferSource } from '../../src/pe/byteSource.js';
import {
  SourceOpenError,
  type EntryType,
  type FileSource,
  type OpenedFile,
  type SourceEntry,
  type SourceProblem,
} from '../../src/source/types.js';

/** What opening or reading an entry does. */
export type MemoryFault = { open: SourceOpenError['code'] } | { read: string };

/** One entry of the in-memory tree. */
export interface MemoryFile {
  readonly path: string;
  readonly bytes?: Uint8Array;
  readonly type?: EntryType;
  readonly fault?: MemoryFault;
  readonly mtimeMs?: number;
}

/** A FileSource over `files`; `problems` are reported by find() as folders that could not be listed. */
export function memorySource(files: readonly MemoryFile[], problems: readonly SourceProblem[] = [], description = '<memory>'): FileSource {
  const byPath = new Map(files.map((f) => [f.path, f]));
  return {
    description,
    async find(names) {
      const entries: SourceEntry[] = [];
      for (const file of files) {
        const name = file.path.slice(file.path.lastIndexOf('/') + 1);
        if (names.has(name.toLowerCase())) entries.push({ path: file.path, name, type: file.type ?? 'file' });
      }
      entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      return { entries, problems: [...problems] };
    },
    async open(entry): Promise<OpenedFile> {
      const file = byPath.get(entry.path);
      if (!file) throw new SourceOpenError('vanished', entry.path, 'deleted between listing and reading');
      if (file.fault && 'open' in file.fault)
        throw new SourceOpenError(file.fault.open, entry.path, `cannot be opened (${file.fault.open}, injected)`);
      const bytes = file.bytes ?? new Uint8Array(0);
      const inner = bufferSource(bytes);
      const failure = file.fault && 'read' in file.fault ? file.fault.read : undefined;
      return {
        size: bytes.byteLength,
        mtimeMs: file.mtimeMs ?? Date.parse('2002-06-01T00:00:00Z'),
        get bytesRead() {
          return inner.bytesRead;
        },
        read: (position, length) => (failure ? Promise.reject(new Error(failure)) : inner.read(position, length)),
        close: async () => undefined,
      };
    },
  };
}
