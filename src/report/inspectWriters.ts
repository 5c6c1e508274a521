/** Writers for `inspect`: every version field per file, as a table (like sigcheck) or JSON. */
import { newTable } from './cliTable.js';
import type { InspectRecord } from '../inspect/inspectFile.js';
import { formatVersion } from '../version/windowsVersion.js';
import { toolVersion } from '../toolInfo.js';
import { INSPECT_SCHEMA_VERSION, inspectRecordJson } from './inspectJson.js';
import { hexId } from '../pe/hexId.js';

export { INSPECT_SCHEMA_VERSION, inspectRecordJson } from './inspectJson.js';

/** JSON for inspect records: versions as "a.b.c.d" strings, ids as hex. */
export function inspectJson(records: readonly InspectRecord[]): string {
  const files = records.map(inspectRecordJson);
  const tool = { name: 'hotfix-verify', version: toolVersion() };
  return `${JSON.stringify({ schemaVersion: INSPECT_SCHEMA_VERSION, tool, files }, null, 2)}\n`;
}

const FIELDS = ['FileVersion', 'ProductVersion', 'OriginalFilename', 'CompanyName', 'ProductName', 'FileDescription'];

/** A two-column table per file: field, value. */
export function inspectTable(records: readonly InspectRecord[]): string {
  return records.map(inspectRecordTable).join('\n');
}

/** One record's part of `inspectTable`: its path and its table (records are separated by a blank line). */
export function inspectRecordTable(record: InspectRecord): string {
  const table = newTable({ style: { head: [], border: [] } });
  const push = (field: string, value: string) => table.push({ [field]: value });
  if (record.error) push('error', `${record.error.code}: ${record.error.message}`);
  else if (!record.result!.ok) push('error', `${record.result!.code}: ${record.result!.message}`);
  else {
    const { image, versions } = record.result!;
    push('Format', `${image.format} ${image.isDll ? 'DLL' : 'executable'}`);
    push('Machine', `${image.machine} (${hexId(image.machineCode, 4)})`);
    push('Size', String(record.size));
    if (versions.length === 0) push('Version', 'no version resource');
    for (const resource of versions) {
      push('Resource language', hexId(resource.resourceLanguage, 4));
      push('Fixed file version', resource.fixed ? formatVersion(resource.fixed.fileVersion) : 'none (no valid VS_FIXEDFILEINFO)');
      if (resource.fixed) push('Fixed product version', formatVersion(resource.fixed.productVersion));
      for (const tableOfStrings of resource.stringTables) {
        for (const field of FIELDS) {
          const value = tableOfStrings.strings[field];
          if (value !== undefined) push(`${field} [${tableOfStrings.key}]`, value);
        }
      }
      if (resource.translations.length > 0)
        push('Translation', resource.translations.map((t) => `${hexId(t.language, 4)}/${t.codepage}`).join(', '));
    }
  }
  return `${record.path}\n${table.toString()}\n`;
}
