/** Distils the PE reader's result into the facts evaluation judges by (src/model/observation.ts). */
import type { PeEvidence, VersionFacts } from '../model/observation.js';
import type { PeReadResult, VersionResource } from '../pe/types.js';

function factsOf(resource: VersionResource): VersionFacts {
  const languages = new Set<number>();
  for (const translation of resource.translations) languages.add(translation.language);
  for (const table of resource.stringTables) languages.add(table.language);
  let stringFileVersion: string | undefined;
  for (const table of resource.stringTables) {
    const value = table.strings['FileVersion'];
    if (value !== undefined && value.trim() !== '') {
      stringFileVersion = value;
      break;
    }
  }
  return {
    ...(resource.fixed ? { fileVersion: resource.fixed.fileVersion, productVersion: resource.fixed.productVersion } : {}),
    ...(stringFileVersion !== undefined ? { stringFileVersion } : {}),
    languages: [...languages],
  };
}

/** The facts of a PE read: machine, link time and version resources, or the reader's error. */
export function peEvidence(result: PeReadResult): PeEvidence {
  if (!result.ok) return { ok: false, code: result.code, message: result.message };
  return { ok: true, machine: result.image.machine, timeDateStamp: result.image.timeDateStamp, versions: result.versions.map(factsOf) };
}
