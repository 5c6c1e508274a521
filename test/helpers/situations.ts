// The gate situations every writer's golden files cover, each run through the real pipeline
// (verify) over an in-memory server: passes; fails; nothing applies; a --fail-on subset; partly
// suppressed; an expired entry; an incomplete scan; a snapshot under --exact; hostile names.
import { parseIgnoreFile } from '../../src/gate/ignoreFile.js';
import { loadBundledManifest, parseManifest } from '../../src/manifest/loadManifest.js';
import type { FailOnStatus } from '../../src/model/gate.js';
import type { LoadedManifest } from '../../src/model/manifest.js';
import type { ScanReport } from '../../src/model/report.js';
import type { SourceProblem } from '../../src/model/source.js';
import { writePe } from '../../src/pe/writePe.js';
import { snapshotManifest } from '../../src/snapshot/snapshot.js';
import { verify } from '../../src/verify.js';
import { type MemoryFile, memorySource } from './memorySource.js';
import { exchangeServer, type TreeFile } from './serverTree.js';

/** The day every situation is judged on (ignore-entry expiry). */
export const SITUATION_TODAY = '2026-06-01';

/** The moment every situation's report is stamped with (generatedAt), and the host it names unless the situation says. */
export const SITUATION_GENERATED_AT = '2026-06-01T02:00:00.000Z';
export const SITUATION_HOST = 'EXCH01';

/** One gate situation: a tree, how it is checked, and what the gate must decide. */
export interface Situation {
  readonly name: string;
  readonly files: Record<string, TreeFile>;
  readonly problems?: readonly SourceProblem[];
  readonly failOn?: readonly FailOnStatus[];
  /** Ignore-file text (YAML), judged on SITUATION_TODAY. */
  readonly ignore?: string;
  /** A snapshot manifest of this tree is taken first, then the situation's files are scanned with --exact against it. */
  readonly snapshotOf?: Record<string, TreeFile>;
  /** The exit code the CLI must give. */
  readonly exit: 0 | 1;
  /** The host the report names (default SITUATION_HOST). */
  readonly host?: string;
}

const halfPatched = () => {
  const files = exchangeServer({ 'Mtacheck.exe': '5.0.1462.9', 'Mtamsg.dll': '5.0.1460.8' }, { omit: ['Dcprods.cat'] });
  files['exchsrvr/bin/x400om.dll'] = { text: 'MZ but cut short' };
  return files;
};

/** Every situation, in the order the golden folders list them. */
export const SITUATIONS: readonly Situation[] = [
  { name: 'passes', files: exchangeServer(), exit: 0 },
  { name: 'fails', files: halfPatched(), exit: 1 },
  {
    name: 'nothing-applies',
    files: exchangeServer(
      Object.fromEntries(
        ['Emsmta.exe', 'Address.dll', 'Emsrid.dll', 'Mmiext.dll', 'Mtacheck.exe', 'Mtamsg.dll', 'X400om.dll', 'X400omv1.dll'].map((n) => [
          n,
          '5.5.2653.23',
        ]),
      ),
    ),
    exit: 1,
  },
  { name: 'fail-on-subset', files: exchangeServer({}, { omit: ['Dcprods.cat'] }), failOn: ['outdated'], exit: 0 },
  {
    name: 'partly-suppressed',
    files: halfPatched(),
    ignore: [
      '- manifest: Q254943',
      '  file: Mtacheck.exe',
      '  reason: vendor build, replaced at the next window',
      '  expires: 2026-12-31',
      '- manifest: Q254943',
      '  file: X400om.dll',
      '  reason: truncated by the backup agent | ticket <42> & co',
    ].join('\n'),
    exit: 1,
  },
  {
    name: 'expired-entry',
    files: exchangeServer({ 'Mtacheck.exe': '5.0.1462.9' }),
    ignore: ['- manifest: Q254943', '  file: Mtacheck.exe', '  reason: accepted until May', '  expires: 2026-05-31'].join('\n'),
    exit: 1,
  },
  {
    name: 'incomplete',
    files: exchangeServer(),
    problems: [{ path: 'exchsrvr/locked', code: 'unreadable-folder', message: 'folder cannot be listed: permission denied' }],
    exit: 1,
  },
  {
    name: 'snapshot-exact',
    snapshotOf: {
      'bin/a.dll': { pe: { fileVersion: '6.1.7601.17514' } },
      'bin/b.dll': { pe: { fileVersion: '6.1.7601.17514' } },
      'docs/readme.txt': { text: 'golden\r\n' },
    },
    files: {
      'bin/a.dll': { pe: { fileVersion: '6.1.7601.18000' } },
      'bin/b.dll': { pe: { fileVersion: '6.1.7601.17514', strings: { Comments: 'replaced' } } },
      'docs/readme.txt': { text: 'golden\r\n' },
      'docs/extra.txt': { text: 'new\r\n' },
    },
    exit: 1,
  },
  {
    name: 'hostile-names',
    files: {
      ...exchangeServer({}, { omit: ['Emsmta.exe', 'Mtacheck.exe'] }),
      '\u001b[32mOK\u001b[0m/exchsrvr/bin/emsmta.exe': {
        pe: { fileVersion: '5.0.1462.9', strings: { FileVersion: '5.0.1462.10\u001b[2K' } },
      },
      'a|b <c> & "d", e%f/exchsrvr/bin/mtacheck.exe': { pe: { fileVersion: '5.0.1462.10', strings: { FileVersion: 'fine\u202Eexe.txt' } } },
      '</script><script>alert(1)</script>/exchsrvr/bin/mtamsg.dll': {
        pe: { fileVersion: '5.0.1462.10', strings: { FileVersion: '5.0.1462.10\u2028<img src=x>' } },
      },
    },
    host: 'EXCH<b>01</b>\u2029&amp;',
    exit: 1,
  },
];

/** The memory files of a tree: PE files written with writePe, text as Latin-1 bytes. */
export function memoryFiles(files: Record<string, TreeFile>): MemoryFile[] {
  return Object.entries(files).map(([path, file]) => ({
    path,
    bytes: 'pe' in file ? writePe(file.pe) : Buffer.from(file.text, 'latin1'),
  }));
}

/** The manifest a situation is checked against: a snapshot of its known-good tree, or the bundled Q254943. */
export async function situationManifest(situation: Situation): Promise<LoadedManifest> {
  if (situation.snapshotOf === undefined) return loadBundledManifest();
  const { manifest } = await snapshotManifest({
    source: memorySource(memoryFiles(situation.snapshotOf)),
    id: 'snapshot-golden',
    date: '2026-05-01',
  });
  return parseManifest(JSON.stringify(manifest), 'snapshot-golden.json');
}

/** Runs a situation through verify() and returns the gated report, as the CLI would write it. */
export async function situationReport(situation: Situation): Promise<ScanReport> {
  const manifest = await situationManifest(situation);
  const { report } = await verify({
    manifests: [manifest],
    source: memorySource(memoryFiles(situation.files), situation.problems ?? [], `/srv/${situation.name}`),
    today: SITUATION_TODAY,
    host: situation.host ?? SITUATION_HOST,
    generatedAt: SITUATION_GENERATED_AT,
    exact: situation.snapshotOf !== undefined,
    ...(situation.failOn ? { failOn: situation.failOn } : {}),
    ...(situation.ignore !== undefined ? { ignoreEntries: parseIgnoreFile(situation.ignore, 'ignore.yml') } : {}),
  });
  return report;
}
