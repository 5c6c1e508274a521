/** Reads one found entry: opens it through its source, reads the PE version info and, when asked, a digest. */
import type { Observation } from '../model/observation.js';
import { readPeVersionInfo } from '../pe/readPeVersionInfo.js';
import { type FileSource, type OpenedFile, type SourceEntry, SourceOpenError } from '../source/types.js';
import { peEvidence } from './peEvidence.js';

/** What to read of an entry. */
export interface ObserveNeeds {
  readonly pe: boolean;
  readonly sha256: boolean;
}

const HASH_CHUNK = 1024 * 1024;

/** Opens and reads one entry; never throws: every failure becomes the observation's `error`. */
export async function observe(source: FileSource, entry: SourceEntry, needs: ObserveNeeds): Promise<Observation> {
  let file: OpenedFile;
  try {
    file = await source.open(entry);
  } catch (error) {
    if (error instanceof SourceOpenError) return { entry, error: { code: error.code, message: error.message } };
    return { entry, error: { code: 'unreadable', message: `cannot be opened: ${(error as Error).message}` } };
  }
  try {
    const pe = needs.pe ? peEvidence(await readPeVersionInfo(file)) : undefined;
    let sha256: string | undefined;
    if (needs.sha256) {
      // node:crypto loads only when a row asks for a digest: most scans never do, and it costs start-up time.
      const { createHash } = await import('node:crypto');
      const hash = createHash('sha256');
      for (let position = 0; position < file.size; ) {
        const chunk = await file.read(position, Math.min(HASH_CHUNK, file.size - position));
        // A file that shrank while it was hashed has no digest to compare: unverifiable, not "changed".
        if (chunk.length === 0) throw new Error(`file shrank while it was read (${position} of ${file.size} bytes)`);
        hash.update(chunk);
        position += chunk.length;
      }
      sha256 = hash.digest('hex');
    }
    return { entry, size: file.size, mtimeMs: file.mtimeMs, ...(pe ? { pe } : {}), ...(sha256 ? { sha256 } : {}) };
  } catch (error) {
    return {
      entry,
      size: file.size,
      mtimeMs: file.mtimeMs,
      error: { code: 'read-error', message: `read failed: ${(error as Error).message}` },
    };
  } finally {
    await file.close().catch(() => undefined);
  }
}
