/**
 * The JSON text of one inventory record, written directly: the same bytes as
 * JSON.stringify(inspectRecordJson(record)) (src/report/inspectJson.ts, the
 * definition; a test holds the two together), without building the object
 * first. An inventory writes thousands of records a second, and the objects
 * only to be turned into text were a fifth of its time.
 */
import { hexId } from '../pe/hexId.js';
import type { VersionResource } from '../pe/types.js';
import { formatVersion } from '../version/windowsVersion.js';
import type { InspectRecord } from './inspectFile.js';

const text = JSON.stringify;

/** `"key":value` pairs of the numbers and strings that are present, as JSON.stringify leaves out undefined. */
function optionalNumber(key: string, value: number | undefined): string {
  return value === undefined ? '' : `,${text(key)}:${text(value)}`;
}

/** An object's own enumerable string keys and values, in JSON.stringify's order (Object.keys order). */
function stringsText(strings: Record<string, string>): string {
  let out = '{';
  let first = true;
  for (const key of Object.keys(strings)) {
    out += `${first ? '' : ','}${text(key)}:${text(strings[key])}`;
    first = false;
  }
  return `${out}}`;
}

function versionText(resource: VersionResource): string {
  const fixed = resource.fixed;
  const fixedText = fixed
    ? `{"fileVersion":${text(formatVersion(fixed.fileVersion))},"productVersion":${text(formatVersion(fixed.productVersion))},` +
      `"fileFlags":${text(hexId(fixed.fileFlags & fixed.fileFlagsMask, 8))},"fileOS":${text(hexId(fixed.fileOS, 8))},` +
      `"fileType":${text(fixed.fileType)},"fileSubtype":${text(fixed.fileSubtype)}}`
    : 'null';
  const tables = resource.stringTables
    .map(
      (table) =>
        `{"key":${text(table.key)},"language":${text(hexId(table.language, 4))},"codepage":${text(table.codepage)},` +
        `"strings":${stringsText(table.strings)}}`,
    )
    .join(',');
  const translations = resource.translations
    .map((t) => `{"language":${text(hexId(t.language, 4))},"codepage":${text(t.codepage)}}`)
    .join(',');
  return (
    `{"resourceLanguage":${text(hexId(resource.resourceLanguage, 4))},"fixed":${fixedText},"stringTables":[${tables}],` +
    `"translations":[${translations}]}`
  );
}

/** One record as the JSON text `inspect --format json` lists under `files` (and `jsonl` writes per line). */
export function inspectRecordText(record: InspectRecord): string {
  const path = text(record.path);
  if (record.error) return `{"path":${path},"ok":false,"code":${text(record.error.code)},"message":${text(record.error.message)}}`;
  const result = record.result!;
  const size = optionalNumber('size', record.size);
  if (!result.ok) {
    const offset = optionalNumber('offset', result.offset);
    return `{"path":${path}${size},"ok":false,"code":${text(result.code)},"message":${text(result.message)}${offset}}`;
  }
  const image = result.image;
  const anomalies = result.anomalies.map((a) => `{"offset":${text(a.offset)},"message":${text(a.message)}}`).join(',');
  return (
    `{"path":${path}${size},"ok":true,"format":${text(image.format)},"machine":${text(image.machine)},"isDll":${text(image.isDll)},` +
    `"timeDateStamp":${text(new Date(image.timeDateStamp * 1000).toISOString())},` +
    `"versions":[${result.versions.map(versionText).join(',')}],"anomalies":[${anomalies}]}`
  );
}
