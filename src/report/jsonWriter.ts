/**
 * The JSON report: the gated ScanReport data as is, with the words beside the codes (every row and
 * copy gets `detail`, notes are written as sentences with their codes in `noteCodes`, the gate a
 * `summary`). Documented in the README; data stays exact (no escaping beyond JSON's own).
 */
import type { CopyFinding, ManifestFinding, RowFinding } from '../model/finding.js';
import type { ScanReport } from '../model/report.js';
import { copyDetail, gateSummary, noteText, roleText, rowDetail } from './messages.js';
import type { ReportWriter } from './writer.js';

function copyJson(copy: CopyFinding): object {
  const { path, role, status, reason, args, notes, ...rest } = copy;
  const role_ = roleText(role);
  return {
    path,
    role,
    status,
    reason,
    detail: role_ ? `${copyDetail(copy)} (${role_})` : copyDetail(copy),
    args,
    ...rest,
    notes: notes.map(noteText),
    noteCodes: notes,
  };
}

function rowJson(row: RowFinding): object {
  const { name, status, reason, args, copies, ...rest } = row;
  return { name, ...rest, status, reason, detail: rowDetail(row), args, copies: copies.map(copyJson) };
}

function manifestJson(manifest: ManifestFinding): object {
  return { ...manifest, rows: manifest.rows.map(rowJson) };
}

/** The report as the JSON document the README describes (schemaVersion 1.x). */
export function reportJson(report: ScanReport): object {
  return { ...report, manifests: report.manifests.map(manifestJson), gate: { ...report.gate, summary: gateSummary(report.gate) } };
}

/** Writes the report as pretty-printed JSON with a trailing newline. */
export const jsonWriter: ReportWriter = {
  name: 'json',
  description: 'the full report as JSON (schemaVersion 1.x), for machines',
  write: (report) => `${JSON.stringify(reportJson(report), null, 2)}\n`,
};
