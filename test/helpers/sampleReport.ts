// A fixed, hand-built ScanReport for the writers' golden files and the gate tests: every
// status, a suppressed and an expired-suppression finding, and paths and details with the
// characters each format must escape (comma, colon, percent, quotes, <, &, |, newlines).
import type { CopyFinding, ManifestFinding, MessageArgs, RowFinding, Status } from '../../src/model/finding.js';
import type { UngatedReport } from '../../src/model/report.js';
import { STATUSES } from '../../src/model/finding.js';

const copy = (
  path: string,
  status: Status,
  reason: CopyFinding['reason'],
  args: MessageArgs,
  extra: Partial<CopyFinding> = {},
): CopyFinding => ({
  path,
  role: 'installed',
  status,
  reason,
  args,
  evidence: status === 'meets' || reason === 'older' || reason === 'other-branch' ? 'fixed-version' : 'none',
  notes: [],
  ...extra,
});

const pe = (version: string) => ({
  size: 1536,
  fixedVersion: version,
  productVersion: version,
  stringVersion: version,
  machine: 'i386',
  languages: ['0x0409'],
});

function manifest(
  id: string,
  title: string,
  product: string,
  branch: string,
  verdict: ManifestFinding['verdict'],
  rows: RowFinding[],
): ManifestFinding {
  const counts = Object.fromEntries(STATUSES.map((status) => [status, rows.filter((row) => row.status === status).length])) as Record<
    Status,
    number
  >;
  return { id, title, product, branch, source: `manifests/${id}.json`, verdict, counts, rows };
}

/** Rows of the applying manifest, one per situation a writer must show. */
export const Q254943_ROWS: RowFinding[] = [
  {
    name: 'Emsmta.exe',
    required: '5.0.1462.10',
    status: 'meets',
    reason: 'version-ok',
    args: { found: '5.0.1462.10', required: '5.0.1462.10' },
    copies: [copy('exchsrvr/bin/emsmta.exe', 'meets', 'version-ok', { found: '5.0.1462.10', required: '5.0.1462.10' }, pe('5.0.1462.10'))],
  },
  {
    name: 'Mtacheck.exe',
    required: '5.0.1462.10',
    status: 'outdated',
    reason: 'older',
    args: { found: '5.0.1462.9', required: '5.0.1462.10' },
    copies: [copy('exchsrvr/bin/mtacheck.exe', 'outdated', 'older', { found: '5.0.1462.9', required: '5.0.1462.10' }, pe('5.0.1462.9'))],
  },
  {
    name: 'Mtamsg.dll',
    required: '5.0.1462.10',
    status: 'outdated',
    reason: 'older',
    args: { found: '5.0.1460.8', required: '5.0.1462.10' },
    decidedBy: 'backup/old, 100%: "mtamsg".dll',
    copies: [
      copy(
        'backup/old, 100%: "mtamsg".dll',
        'outdated',
        'older',
        { found: '5.0.1460.8', required: '5.0.1462.10' },
        {
          ...pe('5.0.1460.8'),
          suppression: {
            reason: 'backup folder, removed at the next rebuild',
            expires: '2999-12-31',
            expired: false,
            entry: 'ignore.yml[0]',
          },
        },
      ),
      copy('exchsrvr/bin/mtamsg.dll', 'meets', 'version-ok', { found: '5.0.1462.10', required: '5.0.1462.10' }, pe('5.0.1462.10')),
    ],
  },
  {
    name: 'X400om.dll',
    required: '5.0.1462.10',
    status: 'unverifiable',
    reason: 'truncated',
    args: { message: 'truncated: section table ends at 0x1F8, past the end of the file (0x1A0)\nread 416 bytes <of> 1536 & stopped' },
    copies: [
      copy(
        'exchsrvr/bin/x400om.dll',
        'unverifiable',
        'truncated',
        { message: 'truncated: section table ends at 0x1F8, past the end of the file (0x1A0)\nread 416 bytes <of> 1536 & stopped' },
        { size: 416 },
      ),
    ],
  },
  {
    name: 'Address.dll',
    required: '5.0.1462.10',
    status: 'not-applicable',
    reason: 'other-branch',
    args: { found: '5.5.2653.23', foundBranch: '5.5', branch: '5.0' },
    copies: [
      copy(
        'exchsrvr/bin/address.dll',
        'not-applicable',
        'other-branch',
        { found: '5.5.2653.23', foundBranch: '5.5', branch: '5.0' },
        pe('5.5.2653.23'),
      ),
    ],
  },
  {
    name: 'Dcprods.cat',
    required: null,
    status: 'missing',
    reason: 'not-found',
    args: {},
    copies: [],
  },
  {
    name: 'Infoplog.cfg',
    required: null,
    status: 'outdated',
    reason: 'sha256-mismatch',
    args: { found: '1'.repeat(64), expected: '2'.repeat(64) },
    copies: [
      copy(
        'exchsrvr/mtadata/infoplog.cfg',
        'outdated',
        'sha256-mismatch',
        { found: '1'.repeat(64), expected: '2'.repeat(64) },
        { size: 14, sha256: '1'.repeat(64), evidence: 'sha256' },
      ),
    ],
    suppression: { reason: 'site-specific log settings | accepted by ops', expires: '2001-01-31', expired: true, entry: 'ignore.yml[1]' },
  },
  {
    name: 'P3.tpl',
    required: null,
    status: 'meets',
    reason: 'present',
    args: { by: 'presence' },
    copies: [
      copy(
        'exchsrvr/mtadata/p3.tpl',
        'meets',
        'present',
        { by: 'presence' },
        {
          size: 8,
          evidence: 'presence',
        },
      ),
    ],
  },
];

/** The fixed report: one manifest that applies and falls short, one that does not apply. */
export function sampleReport(): UngatedReport {
  return {
    schemaVersion: '1.1.0',
    tool: { name: 'hotfix-verify', version: '0.1.0' },
    target: '/srv/exchange',
    verdict: 'falls-short',
    complete: true,
    problems: [],
    manifests: [
      manifest(
        'Q254943',
        'XCON: Message Transfer Agent Stops Unexpectedly w. Event ID 9405',
        'Microsoft Exchange Server 5.0',
        '5.0',
        'falls-short',
        Q254943_ROWS,
      ),
      manifest(
        'Q254943-5.5',
        'XCON: Message Transfer Agent Stops Unexpectedly w. Event ID 9405',
        'Microsoft Exchange Server 5.5',
        '5.5',
        'not-applicable',
        [
          {
            name: 'Emsmta.exe',
            required: '5.5.2653.30',
            status: 'not-applicable',
            reason: 'other-branch',
            args: { found: '5.0.1462.10', foundBranch: '5.0', branch: '5.5' },
            copies: [
              copy(
                'exchsrvr/bin/emsmta.exe',
                'not-applicable',
                'other-branch',
                { found: '5.0.1462.10', foundBranch: '5.0', branch: '5.5' },
                pe('5.0.1462.10'),
              ),
            ],
          },
          {
            name: 'P2.xv2',
            required: null,
            status: 'missing',
            reason: 'not-found',
            args: {},
            copies: [],
          },
        ],
      ),
    ],
  };
}

/** A report of one manifest with the given rows (counts and verdict filled in as the evaluator would). */
export function reportOf(rows: RowFinding[], options: { verdict?: ManifestFinding['verdict']; complete?: boolean } = {}): UngatedReport {
  const verdict = options.verdict ?? (rows.every((row) => row.status === 'meets') ? 'meets' : 'falls-short');
  return {
    ...sampleReport(),
    verdict: options.complete === false ? 'falls-short' : verdict,
    complete: options.complete ?? true,
    problems:
      options.complete === false
        ? [{ path: 'locked', code: 'unreadable-folder', message: 'folder cannot be listed: permission denied' }]
        : [],
    manifests: [manifest('Q1', 'T', 'P', '5.0', verdict, rows)],
  };
}
