/**
 * CSV (RFC 4180): a header row, then one record per copy found; a row with no copy (a
 * missing file) gets one record too. Records end in CRLF; a field holding a comma, a quote,
 * CR or LF is quoted, quotes doubled.
 */
import type { ScanReport } from '../model/report.js';
import { outcomeOf } from './findings.js';
import { copyDetail, rowDetail } from './messages.js';
import type { ReportWriter } from './writer.js';

/** The columns, in order. */
export const CSV_COLUMNS = [
  'manifest',
  'file',
  'required',
  'row_status',
  'path',
  'role',
  'status',
  'reason',
  'gate',
  'fixed_version',
  'string_version',
  'machine',
  'size',
  'sha256',
  'suppressed',
  'suppression_reason',
  'detail',
] as const;

/** One field, quoted when RFC 4180 requires it. */
export function csvField(value: string | number | boolean | undefined | null): string {
  const text = value === undefined || value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes the report as CSV, one record per copy. */
export const csvWriter: ReportWriter = {
  name: 'csv',
  description: 'CSV (RFC 4180): one line per copy found, for spreadsheets',
  write(report: ScanReport): string {
    const records: (string | number | boolean | undefined | null)[][] = [[...CSV_COLUMNS]];
    for (const manifest of report.manifests) {
      for (const row of manifest.rows) {
        const rowOutcome = outcomeOf(row);
        if (row.copies.length === 0) {
          const s = row.suppression;
          records.push([
            manifest.id,
            row.name,
            row.required,
            row.status,
            row.path,
            '',
            row.status,
            row.reason,
            rowOutcome.kind,
            '',
            '',
            '',
            '',
            '',
            rowOutcome.kind === 'suppressed',
            s?.reason ?? '',
            rowDetail(row),
          ]);
          continue;
        }
        for (const copy of row.copies) {
          const s = copy.suppression ?? row.suppression;
          const outcome = outcomeOf(copy);
          records.push([
            manifest.id,
            row.name,
            row.required,
            row.status,
            copy.path,
            copy.role,
            copy.status,
            copy.reason,
            outcome.kind,
            copy.fixedVersion,
            copy.stringVersion,
            copy.machine,
            copy.size,
            copy.sha256,
            outcome.kind === 'suppressed',
            s && copy.status !== 'meets' ? `${s.reason}${s.expired ? ` (expired ${s.expires})` : ''}` : '',
            copyDetail(copy),
          ]);
        }
      }
    }
    return records.map((record) => `${record.map(csvField).join(',')}\r\n`).join('');
  },
};
