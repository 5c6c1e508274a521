// A fixed, hand-built ScanReport for the writers' golden files and the gate tests: every
// status, a suppressed and an expired-suppression finding, and paths and details with the
// characters each format must escape (comma, colon, percent, quotes, <, &, |, newlines).
import type { CopyFinding, ManifestFinding, RowFinding, ScanReport, Status } from '../../src/evaluate/types.js';
import { STATUSES } from '../../src/evaluate/types.js';

const copy = (
  path: string,
  status: Status,
  reason: CopyFinding['reason'],
  detail: string,
  extra: Partial<CopyFinding> = {},
): CopyFinding => ({
  path,
  status,
  reason,
  detail,
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
    detail: 'fixed file version 5.0.1462.10 is 5.0.1462.10 or later',
    copies: [
      copy('exchsrvr/bin/emsmta.exe', 'meets', 'version-ok', 'fixed file version 5.0.1462.10 is 5.0.1462.10 or later', pe('5.0.1462.10')),
    ],
  },
  {
    name: 'Mtacheck.exe',
    required: '5.0.1462.10',
    status: 'outdated',
    reason: 'older',
    detail: 'fixed file version 5.0.1462.9 is older than 5.0.1462.10',
    copies: [
      copy('exchsrvr/bin/mtacheck.exe', 'outdated', 'older', 'fixed file version 5.0.1462.9 is older than 5.0.1462.10', pe('5.0.1462.9')),
    ],
  },
  {
    name: 'Mtamsg.dll',
    required: '5.0.1462.10',
    status: 'outdated',
    reason: 'older',
    detail: 'fixed file version 5.0.1460.8 is older than 5.0.1462.10 (2 copies; decided by backup/old, 100%: "mtamsg".dll)',
    copies: [
      copy('backup/old, 100%: "mtamsg".dll', 'outdated', 'older', 'fixed file version 5.0.1460.8 is older than 5.0.1462.10', {
        ...pe('5.0.1460.8'),
        suppression: {
          reason: 'backup folder, removed at the next rebuild',
          expires: '2999-12-31',
          expired: false,
          entry: 'ignore.yml[0]',
        },
      }),
      copy('exchsrvr/bin/mtamsg.dll', 'meets', 'version-ok', 'fixed file version 5.0.1462.10 is 5.0.1462.10 or later', pe('5.0.1462.10')),
    ],
  },
  {
    name: 'X400om.dll',
    required: '5.0.1462.10',
    status: 'unverifiable',
    reason: 'truncated',
    detail: 'truncated: section table ends at 0x1F8, past the end of the file (0x1A0)\nread 416 bytes <of> 1536 & stopped',
    copies: [
      copy(
        'exchsrvr/bin/x400om.dll',
        'unverifiable',
        'truncated',
        'truncated: section table ends at 0x1F8, past the end of the file (0x1A0)\nread 416 bytes <of> 1536 & stopped',
        { size: 416 },
      ),
    ],
  },
  {
    name: 'Address.dll',
    required: '5.0.1462.10',
    status: 'not-applicable',
    reason: 'other-branch',
    detail: 'fixed file version 5.5.2653.23 belongs to branch 5.5; this fix is for 5.0',
    copies: [
      copy(
        'exchsrvr/bin/address.dll',
        'not-applicable',
        'other-branch',
        'fixed file version 5.5.2653.23 belongs to branch 5.5; this fix is for 5.0',
        pe('5.5.2653.23'),
      ),
    ],
  },
  {
    name: 'Dcprods.cat',
    required: null,
    status: 'missing',
    reason: 'not-found',
    detail: 'not found anywhere under the target',
    copies: [],
  },
  {
    name: 'Infoplog.cfg',
    required: null,
    status: 'outdated',
    reason: 'sha256-mismatch',
    detail: `SHA-256 ${'1'.repeat(64)} differs from the manifest's ${'2'.repeat(64)}`,
    copies: [
      copy(
        'exchsrvr/mtadata/infoplog.cfg',
        'outdated',
        'sha256-mismatch',
        `SHA-256 ${'1'.repeat(64)} differs from the manifest's ${'2'.repeat(64)}`,
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
    detail: 'present (the KB gives no version for this file)',
    copies: [
      copy('exchsrvr/mtadata/p3.tpl', 'meets', 'present', 'present (the KB gives no version for this file)', {
        size: 8,
        evidence: 'presence',
      }),
    ],
  },
];

/** The fixed report: one manifest that applies and falls short, one that does not apply. */
export function sampleReport(): ScanReport {
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
            detail: 'fixed file version 5.0.1462.10 belongs to branch 5.0; this fix is for 5.5',
            copies: [
              copy(
                'exchsrvr/bin/emsmta.exe',
                'not-applicable',
                'other-branch',
                'fixed file version 5.0.1462.10 belongs to branch 5.0; this fix is for 5.5',
                pe('5.0.1462.10'),
              ),
            ],
          },
          {
            name: 'P2.xv2',
            required: null,
            status: 'missing',
            reason: 'not-found',
            detail: 'not found anywhere under the target',
            copies: [],
          },
        ],
      ),
    ],
  };
}

/** A report of one manifest with the given rows (counts and verdict filled in as the evaluator would). */
export function reportOf(rows: RowFinding[], options: { verdict?: ManifestFinding['verdict']; complete?: boolean } = {}): ScanReport {
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
