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

/** Characters JSON.stringify writes escaped (quote, backslash, controls, and surrogates, which it escapes when lone). */
const NEEDS_ESCAPES = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON.stringify writes it; most need no escape, and quoting them costs less than the call. */
function quote(value: string): string {
  return NEEDS_ESCAPES.test(value) ? JSON.stringify(value) : `"${value}"`;
}

/** A number as JSON.stringify writes it. */
function num(value: number): string {
  return Number.isFinite(value) ? `${value}` : 'null';
}

/** `"key":value` pairs of the numbers and strings that are present, as JSON.stringify leaves out undefined. */
function optionalNumber(key: string, value: number | undefined): string {
  return value === undefined ? '' : `,"${key}":${num(value)}`;
}

/** An object's own enumerable string keys and values, in JSON.stringify's order (Object.keys order). */
function stringsText(strings: Record<string, string>): string {
  let out = '{';
  for (const key of Object.keys(strings)) {
    out += `${out.length > 1 ? ',' : ''}${quote(key)}:${quote(strings[key] as string)}`;
  }
  return `${out}}`;
}

// hexId and formatVersion write ASCII letters, digits and dots only: quoted as they are.
function versionText(resource: VersionResource): string {
  const fixed = resource.fixed;
  const fixedText = fixed
    ? `{"fileVersion":"${formatVersion(fixed.fileVersion)}","productVersion":"${formatVersion(fixed.productVersion)}",` +
      `"fileFlags":"${hexId(fixed.fileFlags & fixed.fileFlagsMask, 8)}","fileOS":"${hexId(fixed.fileOS, 8)}",` +
      `"fileType":${num(fixed.fileType)},"fileSubtype":${num(fixed.fileSubtype)}}`
    : 'null';
  let tables = '';
  for (const table of resource.stringTables) {
    tables +=
      `${tables === '' ? '' : ','}{"key":${quote(table.key)},"language":"${hexId(table.language, 4)}","codepage":${num(table.codepage)},` +
      `"strings":${stringsText(table.strings)}}`;
  }
  let translations = '';
  for (const t of resource.translations) {
    translations += `${translations === '' ? '' : ','}{"language":"${hexId(t.language, 4)}","codepage":${num(t.codepage)}}`;
  }
  return (
    `{"resourceLanguage":"${hexId(resource.resourceLanguage, 4)}","fixed":${fixedText},"stringTables":[${tables}],` +
    `"translations":[${translations}]}`
  );
}

/** One record as the JSON text `inspect --format json` lists under `files` (and `jsonl` writes per line). */
export function inspectRecordText(record: InspectRecord): string {
  const path = quote(record.path);
  if (record.error) return `{"path":${path},"ok":false,"code":${quote(record.error.code)},"message":${quote(record.error.message)}}`;
  const result = record.result!;
  const size = optionalNumber('size', record.size);
  if (!result.ok) {
    const offset = optionalNumber('offset', result.offset);
    return `{"path":${path}${size},"ok":false,"code":${quote(result.code)},"message":${quote(result.message)}${offset}}`;
  }
  const image = result.image;
  let anomalies = '';
  for (const a of result.anomalies) anomalies += `${anomalies === '' ? '' : ','}{"offset":${num(a.offset)},"message":${quote(a.message)}}`;
  let versions = '';
  for (const version of result.versions) versions += `${versions === '' ? '' : ','}${versionText(version)}`;
  // The format and machine names come from fixed tables of ASCII words; a uint32 time stamp is always a valid date.
  return (
    `{"path":${path}${size},"ok":true,"format":"${image.format}","machine":"${image.machine}","isDll":${image.isDll},` +
    `"timeDateStamp":"${new Date(image.timeDateStamp * 1000).toISOString()}","versions":[${versions}],"anomalies":[${anomalies}]}`
  );
}
