/** The fleet as CSV (RFC 4180, as the scan's csv): a header row, then one record per host. */
import type { FleetReport } from '../../model/fleet.js';
import { csvField } from '../../report/csvWriter.js';
import { hostNotes, hostWhy, originText } from '../../report/messages.js';
import type { FleetWriter } from './writer.js';

/** The columns, in order. */
export const FLEET_CSV_COLUMNS = [
  'host',
  'state',
  'pass',
  'verdict',
  'fixes_met',
  'fixes_falling_short',
  'fixes_not_applicable',
  'worst_finding',
  'generated_at',
  'age_seconds',
  'report',
  'schema_version',
  'problem',
  'notes',
] as const;

/** Writes the fleet as CSV, one record per host. */
export const fleetCsvWriter: FleetWriter = {
  name: 'csv',
  description: 'CSV (RFC 4180): one line per host, for spreadsheets',
  write(fleet: FleetReport): string {
    const records: (string | number | boolean | undefined)[][] = [[...FLEET_CSV_COLUMNS]];
    for (const host of fleet.hosts) {
      records.push([
        host.host,
        host.state,
        host.pass,
        host.verdict,
        host.fixes?.meets,
        host.fixes?.fallsShort,
        host.fixes?.notApplicable,
        hostWhy(host),
        host.generatedAt,
        host.ageSeconds,
        host.origin !== undefined ? originText(host.origin) : '',
        host.schemaVersion,
        host.problem?.code,
        hostNotes(host).join('; '),
      ]);
    }
    return records.map((record) => `${record.map(csvField).join(',')}\r\n`).join('');
  },
};
