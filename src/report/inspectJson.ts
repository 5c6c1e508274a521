/** The JSON form of inspect records, apart from the table writer so that JSON output never loads cli-table3. */
import type { InspectRecord } from '../inspect/inspectFile.js';
import { formatVersion } from '../version/windowsVersion.js';
import { hexId } from '../pe/hexId.js';

/** The schema version of `inspect --format json`. */
export const INSPECT_SCHEMA_VERSION = '1.0.0';

/** One inspect record as the JSON object `inspect --format json` lists under `files` (and `jsonl` writes per line). */
export function inspectRecordJson(record: InspectRecord): object {
  if (record.error) return { path: record.path, ok: false, code: record.error.code, message: record.error.message };
  const result = record.result!;
  if (!result.ok) {
    return {
      path: record.path,
      size: record.size,
      ok: false,
      code: result.code,
      message: result.message,
      ...(result.offset !== undefined ? { offset: result.offset } : {}),
    };
  }
  return {
    path: record.path,
    size: record.size,
    ok: true,
    format: result.image.format,
    machine: result.image.machine,
    isDll: result.image.isDll,
    timeDateStamp: new Date(result.image.timeDateStamp * 1000).toISOString(),
    versions: result.versions.map((resource) => ({
      resourceLanguage: hexId(resource.resourceLanguage, 4),
      fixed: resource.fixed
        ? {
            fileVersion: formatVersion(resource.fixed.fileVersion),
            productVersion: formatVersion(resource.fixed.productVersion),
            fileFlags: hexId(resource.fixed.fileFlags & resource.fixed.fileFlagsMask, 8),
            fileOS: hexId(resource.fixed.fileOS, 8),
            fileType: resource.fixed.fileType,
            fileSubtype: resource.fixed.fileSubtype,
          }
        : null,
      stringTables: resource.stringTables.map((table) => ({
        key: table.key,
        language: hexId(table.language, 4),
        codepage: table.codepage,
        strings: table.strings,
      })),
      translations: resource.translations.map((t) => ({ language: hexId(t.language, 4), codepage: t.codepage })),
    })),
    anomalies: result.anomalies,
  };
}
