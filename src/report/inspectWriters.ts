/** Writers for `inspect`: every version field per file, as a table (like sigcheck) or JSON. */
import Table from 'cli-table3';
import type { InspectRecord } from '../inspect/inspectFile.js';
import { formatVersion } from '../version/windowsVersion.js';
import { toolVersion } from '../toolInfo.js';

/** The schema version of `inspect --format json`. */
export const INSPECT_SCHEMA_VERSION = '1.0.0';

const hex = (n: number, width: number) => `0x${n.toString(16).toUpperCase().padStart(width, '0')}`;

/** JSON for inspect records: versions as "a.b.c.d" strings, ids as hex. */
export function inspectJson(records: readonly InspectRecord[]): string {
  const files = records.map(inspectRecordJson);
  return `${JSON.stringify({ schemaVersion: INSPECT_SCHEMA_VERSION, tool: { name: 'hotfix-verify', version: toolVersion() }, files }, null, 2)}\n`;
}

/** One inspect record as the JSON object `inspect --format json` lists under `files` (and `jsonl` writes per line). */
export function inspectRecordJson(record: InspectRecord): object {
  if (record.error) return { path: record.path, ok: false, code: record.error.code, message: record.error.message };
  const result = record.result!;
  if (!result.ok) {
    return { path: record.path, size: record.size, ok: false, code: result.code, message: result.message, ...(result.offset !== undefined ? { offset: result.offset } : {}) };
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
      resourceLanguage: hex(resource.resourceLanguage, 4),
      fixed: resource.fixed
        ? {
            fileVersion: formatVersion(resource.fixed.fileVersion),
            productVersion: formatVersion(resource.fixed.productVersion),
            fileFlags: hex(resource.fixed.fileFlags & resource.fixed.fileFlagsMask, 8),
            fileOS: hex(resource.fixed.fileOS, 8),
            fileType: resource.fixed.fileType,
            fileSubtype: resource.fixed.fileSubtype,
          }
        : null,
      stringTables: resource.stringTables.map((table) => ({ key: table.key, language: hex(table.language, 4), codepage: table.codepage, strings: table.strings })),
      translations: resource.translations.map((t) => ({ language: hex(t.language, 4), codepage: t.codepage })),
    })),
    anomalies: result.anomalies,
  };
}

const FIELDS = ['FileVersion', 'ProductVersion', 'OriginalFilename', 'CompanyName', 'ProductName', 'FileDescription'];

/** A two-column table per file: field, value. */
export function inspectTable(records: readonly InspectRecord[]): string {
  return records.map(inspectRecordTable).join('\n');
}

/** One record's part of `inspectTable`: its path and its table (records are separated by a blank line). */
export function inspectRecordTable(record: InspectRecord): string {
  const table = new Table({ style: { head: [], border: [] } });
  const push = (field: string, value: string) => table.push({ [field]: value });
  if (record.error) push('error', `${record.error.code}: ${record.error.message}`);
  else if (!record.result!.ok) push('error', `${record.result!.code}: ${record.result!.message}`);
  else {
    const { image, versions } = record.result!;
    push('Format', `${image.format} ${image.isDll ? 'DLL' : 'executable'}`);
    push('Machine', `${image.machine} (${hex(image.machineCode, 4)})`);
    push('Size', String(record.size));
    if (versions.length === 0) push('Version', 'no version resource');
    for (const resource of versions) {
      push('Resource language', hex(resource.resourceLanguage, 4));
      push('Fixed file version', resource.fixed ? formatVersion(resource.fixed.fileVersion) : 'none (no valid VS_FIXEDFILEINFO)');
      if (resource.fixed) push('Fixed product version', formatVersion(resource.fixed.productVersion));
      for (const tableOfStrings of resource.stringTables) {
        for (const field of FIELDS) {
          const value = tableOfStrings.strings[field];
          if (value !== undefined) push(`${field} [${tableOfStrings.key}]`, value);
        }
      }
      if (resource.translations.length > 0) push('Translation', resource.translations.map((t) => `${hex(t.language, 4)}/${t.codepage}`).join(', '));
    }
  }
  return `${record.path}\n${table.toString()}\n`;
}
