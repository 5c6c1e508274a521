/** Writers for `inspect`: every version field per file, as a table (like sigcheck) or JSON. */
import { newTable } from './cliTable.js';
import type { InspectRecord } from '../inspect/inspectFile.js';
import { formatVersion } from '../version/windowsVersion.js';
import { toolVersion } from '../toolInfo.js';
import { INSPECT_SCHEMA_VERSION, inspectRecordJson } from './inspectJson.js';
import { hexId } from '../pe/hexId.js';
import { escapeControls as safe } from './escapeControls.js';

export { INSPECT_SCHEMA_VERSION, inspectRecordJson } from './inspectJson.js';

/** JSON for inspect records: versions as "a.b.c.d" strings, ids as hex. */
export function inspectJson(records: readonly InspectRecord[]): string {
  const files = records.map(inspectRecordJson);
  const tool = { name: 'hotfix-verify', version: toolVersion() };
  return `${JSON.stringify({ schemaVersion: INSPECT_SCHEMA_VERSION, tool, files }, null, 2)}\n`;
}

/** A table per file with every field its JSON record has (inspect --format json): the two never disagree. */
export function inspectTable(records: readonly InspectRecord[]): string {
  return records.map(inspectRecordTable).join('\n');
}

/** One record's part of `inspectTable`: its path and its table (records are separated by a blank line). */
export function inspectRecordTable(record: InspectRecord): string {
  const table = newTable({ style: { head: [], border: [] } });
  const push = (field: string, value: string) => table.push({ [field]: safe(value) });
  if (record.error) push('error', `${record.error.code}: ${record.error.message}`);
  else if (!record.result!.ok) push('error', `${record.result!.code}: ${record.result!.message}`);
  else {
    const { image, versions, anomalies } = record.result!;
    push('Format', `${image.format} ${image.isDll ? 'DLL' : 'executable'}`);
    push('Machine', `${image.machine} (${hexId(image.machineCode, 4)})`);
    push('Size', String(record.size));
    push('Link time (TimeDateStamp)', new Date(image.timeDateStamp * 1000).toISOString());
    if (versions.length === 0) push('Version', 'no version resource');
    for (const resource of versions) {
      push('Resource language', hexId(resource.resourceLanguage, 4));
      if (resource.fixed) {
        const fixed = resource.fixed;
        push('Fixed file version', formatVersion(fixed.fileVersion));
        push('Fixed product version', formatVersion(fixed.productVersion));
        push('File flags', hexId(fixed.fileFlags & fixed.fileFlagsMask, 8));
        push('File OS', hexId(fixed.fileOS, 8));
        push('File type / subtype', `${fixed.fileType} / ${fixed.fileSubtype}`);
      } else push('Fixed file version', 'none (no valid VS_FIXEDFILEINFO)');
      for (const strings of resource.stringTables) {
        for (const [field, value] of Object.entries(strings.strings)) push(`${field} [${strings.key}]`, value);
      }
      if (resource.translations.length > 0)
        push('Translation', resource.translations.map((t) => `${hexId(t.language, 4)}/${t.codepage}`).join(', '));
    }
    for (const anomaly of anomalies) push('Anomaly', `at ${hexId(anomaly.offset, 1)}: ${anomaly.message}`);
  }
  return `${safe(record.path)}\n${table.toString()}\n`;
}
