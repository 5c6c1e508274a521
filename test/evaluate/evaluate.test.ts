// Pure judgement: (row, observations) → finding. Fabricated PE results, no files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCopy } from '../../src/evaluate/evaluateCopy.js';
import { evaluateManifest } from '../../src/evaluate/evaluateManifest.js';
import { decideRow } from '../../src/evaluate/evaluateRow.js';
import { judgeManifest, overallVerdict } from '../../src/evaluate/verdict.js';
import type { RowFinding } from '../../src/model/finding.js';
import type { LoadedManifest, ManifestFile } from '../../src/model/manifest.js';
import type { Observation } from '../../src/model/observation.js';
import type { Machine, PeReadResult, VersionResource } from '../../src/pe/types.js';
import { peEvidence } from '../../src/scan/peEvidence.js';
import { parseVersion } from '../../src/version/windowsVersion.js';
import { noteText, rowDetail } from '../../src/report/messages.js';

function resource(version: string, options: { string?: string; language?: number; signature?: boolean } = {}): VersionResource {
  const language = options.language ?? 0x0409;
  return {
    resourceLanguage: language,
    ...(options.signature === false
      ? {}
      : {
          fixed: {
            fileVersion: parseVersion(version),
            productVersion: parseVersion(version),
            fileFlagsMask: 0x3f,
            fileFlags: 0,
            fileOS: 0x40004,
            fileType: 2,
            fileSubtype: 0,
          },
        }),
    stringTables: [
      {
        key: `${language.toString(16).padStart(4, '0')}04B0`,
        language,
        codepage: 1200,
        strings: { FileVersion: options.string ?? version },
      },
    ],
    translations: [{ language, codepage: 1200 }],
  };
}

function pe(versions: VersionResource[], machine: Machine = 'i386', timeDateStamp = 0x3a000000): PeReadResult {
  return {
    ok: true,
    image: { format: 'PE32', machine, machineCode: machine === 'alpha' ? 0x184 : 0x14c, isDll: true, timeDateStamp, sectionCount: 2 },
    versions,
    anomalies: [],
  };
}

function copy(path: string, result?: PeReadResult, extra: Partial<Observation> = {}): Observation {
  const name = path.split('/').pop()!;
  return {
    entry: { path, name, type: 'file' },
    size: 1536,
    mtimeMs: Date.parse('2000-06-14T12:00:00Z'),
    ...(result ? { pe: peEvidence(result) } : {}),
    ...extra,
  };
}

function loaded(files: ManifestFile[], branch = '5.0'): LoadedManifest {
  return {
    manifest: {
      formatVersion: '1.0.0',
      id: 'Q254943',
      title: 'T',
      product: 'Microsoft Exchange Server',
      productVersion: '5.0',
      language: { name: 'English', id: '0x0409' },
      rule: 'or-later',
      files,
    },
    source: 'test',
    branch,
  };
}

const EMSMTA: ManifestFile = { name: 'Emsmta.exe', version: '5.0.1462.10' };
/** One row judged over installed copies, as evaluateManifest judges each row before the platform checks. */
const judge = (row: ManifestFile, observations: Observation[], branch = '5.0'): RowFinding => {
  const { manifest } = loaded([row], branch);
  const context = { row, branch, language: manifest.language };
  return decideRow(
    row,
    observations.map((observation) => evaluateCopy(context, observation, 'installed')),
  );
};
const manifestVerdict = (rows: readonly RowFinding[]) => judgeManifest(rows).verdict;

test('a copy at the required version or later meets; numerically, not as text', () => {
  for (const version of ['5.0.1462.10', '5.0.1462.11', '5.0.1462.100', '5.0.1500.0']) {
    const row = judge(EMSMTA, [copy('exchsrvr/bin/emsmta.exe', pe([resource(version)]))]);
    assert.equal(row.status, 'meets', version);
    assert.equal(row.reason, 'version-ok');
    assert.equal(row.copies[0]!.fixedVersion, version);
  }
});

test('an older copy is outdated, with the evidence', () => {
  const row = judge(EMSMTA, [copy('exchsrvr/bin/emsmta.exe', pe([resource('5.0.1462.9')]))]);
  assert.equal(row.status, 'outdated');
  assert.equal(row.reason, 'older');
  assert.match(rowDetail(row), /5\.0\.1462\.9 is older than 5\.0\.1462\.10/);
});

test('no copy at all is missing', () => {
  const row = judge(EMSMTA, []);
  assert.equal(row.status, 'missing');
  assert.equal(row.reason, 'not-found');
});

test('a copy of another product branch is not applicable, not newer', () => {
  const row = judge(EMSMTA, [copy('exchsrvr/bin/emsmta.exe', pe([resource('5.5.2653.23')]))]);
  assert.equal(row.status, 'not-applicable');
  assert.equal(row.reason, 'other-branch');
});

test('any copy that falls short makes the row fall short (an old copy in a backup folder)', () => {
  const row = judge(EMSMTA, [
    copy('exchsrvr/bin/emsmta.exe', pe([resource('5.0.1462.10')])),
    copy('backup/EMSMTA.EXE', pe([resource('5.0.1460.8')])),
  ]);
  assert.equal(row.status, 'outdated');
  assert.deepEqual(
    row.copies.map((c) => c.status),
    ['meets', 'outdated'],
  );
  assert.match(rowDetail(row), /decided by backup\/EMSMTA\.EXE/);
});

test("files that cannot be proven are unverifiable with the reader's reason, never meets", () => {
  const cases: [Observation, string][] = [
    [copy('a/emsmta.exe', { ok: false, code: 'not-pe', message: 'no MZ signature at offset 0', anomalies: [] }), 'not-pe'],
    [copy('a/emsmta.exe', { ok: false, code: 'truncated', message: 'file ends inside the section table', anomalies: [] }), 'truncated'],
    [copy('a/emsmta.exe', { ok: false, code: 'corrupt', message: 'bad', anomalies: [] }), 'corrupt'],
    [copy('a/emsmta.exe', pe([])), 'no-version-resource'],
    [copy('a/emsmta.exe', pe([resource('5.0.1462.10', { signature: false })])), 'no-fixed-info'],
    [copy('a/emsmta.exe', undefined, { error: { code: 'unreadable', message: 'permission denied' } }), 'unreadable'],
    [copy('a/emsmta.exe', undefined, { error: { code: 'not-regular-file', message: 'FIFO' } }), 'not-regular-file'],
    [copy('a/emsmta.exe', undefined, { error: { code: 'link-outside-target', message: 'link' } }), 'link-outside-target'],
  ];
  for (const [observation, reason] of cases) {
    const row = judge(EMSMTA, [observation]);
    assert.equal(row.status, 'unverifiable', reason);
    assert.equal(row.reason, reason);
  }
});

test('the fixed file info decides; a disagreeing string FileVersion is a note', () => {
  const row = judge(EMSMTA, [copy('a/emsmta.exe', pe([resource('5.0.1462.9', { string: '5.0.1462.10' })]))]);
  assert.equal(row.status, 'outdated');
  assert.equal(row.copies[0]!.stringVersion, '5.0.1462.10');
  assert.match(
    row.copies[0]!.notes.map(noteText).join(),
    /string FileVersion "5\.0\.1462\.10" disagrees with the fixed file info 5\.0\.1462\.9/,
  );
  const agree = judge(EMSMTA, [copy('a/emsmta.exe', pe([resource('5.0.1462.10', { string: '5, 0, 1462, 10' })]))]);
  assert.deepEqual(agree.copies[0]!.notes, []);
});

test('another build language is shown as a note', () => {
  const row = judge(EMSMTA, [copy('a/emsmta.exe', pe([resource('5.0.1462.10', { language: 0x0407 })]))]);
  assert.equal(row.status, 'meets');
  assert.deepEqual(row.copies[0]!.languages, ['0x0407']);
  assert.match(row.copies[0]!.notes.map(noteText).join(), /build language 0x0407; the article describes the English build \(0x0409\)/);
});

test('several version resources that disagree are judged by the lowest', () => {
  const row = judge(EMSMTA, [copy('a/emsmta.exe', pe([resource('5.0.1462.10'), resource('5.0.1462.9', { language: 0x0407 })]))]);
  assert.equal(row.status, 'outdated');
});

test('rows with no version meet by presence, and by size or digest when given', () => {
  assert.equal(judge({ name: 'P2.xv2', version: null }, [copy('mtadata/p2.xv2')]).status, 'meets');
  assert.equal(judge({ name: 'P2.xv2', version: null }, []).status, 'missing');
  const sized = judge({ name: 'P2.xv2', version: null, size: 100 }, [copy('mtadata/p2.xv2')]);
  assert.equal(sized.status, 'outdated');
  assert.equal(sized.reason, 'size-mismatch');
  const digest = 'ab'.repeat(32);
  assert.equal(judge({ name: 'P2.xv2', version: null, sha256: digest }, [copy('p2.xv2', undefined, { sha256: digest })]).status, 'meets');
  assert.equal(
    judge({ name: 'P2.xv2', version: null, sha256: digest }, [copy('p2.xv2', undefined, { sha256: 'cd'.repeat(32) })]).reason,
    'sha256-mismatch',
  );
});

test('rows judged by date use the PE timestamp, with one day of tolerance', () => {
  const row = { name: 'a.dll', version: null, date: '2001-01-31' };
  const stamp = (iso: string) => Math.floor(Date.parse(iso) / 1000);
  assert.equal(judge(row, [copy('a.dll', pe([], 'i386', stamp('2001-01-30T23:00:00Z')))]).status, 'meets');
  assert.equal(judge(row, [copy('a.dll', pe([], 'i386', stamp('2001-01-29T12:00:00Z')))]).status, 'outdated');
  // A data file: its modification time is the evidence.
  const data = judge({ name: 'x.cfg', version: null, date: '2000-06-14' }, [copy('x.cfg')]);
  assert.equal(data.status, 'meets');
  assert.equal(data.copies[0]!.evidence, 'date');
});

test('platform rows judge only copies of their own machine', () => {
  const intel: ManifestFile = { name: 'Colleval.dll', version: '5.0.1462.10', platform: 'i386' };
  const alpha: ManifestFile = { name: 'Colleval.dll', version: '5.0.1462.10', platform: 'alpha' };
  const copies = [copy('bin/colleval.dll', pe([resource('5.0.1462.10')], 'i386'))];
  assert.equal(judge(intel, copies).status, 'meets');
  assert.equal(judge(alpha, copies).status, 'not-applicable');
  assert.equal(judge(alpha, copies).reason, 'other-platform');
});

test('aliases: a copy under another name of the same file counts', () => {
  const finding = evaluateManifest(loaded([{ name: 'Emsrid.dll', version: '5.0.1462.10', aliases: ['Ems_rid.dll'] }]), (name) =>
    name === 'ems_rid.dll' ? [copy('bin/EMS_RID.DLL', pe([resource('5.0.1462.10')]))] : [],
  );
  assert.equal(finding.rows[0]!.status, 'meets');
});

test('manifest verdicts: meets, falls short, not applicable', () => {
  const row = (status: 'meets' | 'outdated' | 'not-applicable' | 'missing', required: string | null = '5.0.1462.10') =>
    ({ name: 'x', required, status, reason: 'present', args: {}, copies: [] }) as const;
  assert.equal(manifestVerdict([row('meets'), row('meets', null)]), 'meets');
  assert.equal(manifestVerdict([row('meets'), row('outdated')]), 'falls-short');
  assert.equal(manifestVerdict([row('meets'), row('missing', null)]), 'falls-short');
  assert.equal(manifestVerdict([row('not-applicable'), row('not-applicable'), row('missing', null)]), 'not-applicable');
  assert.equal(manifestVerdict([row('not-applicable'), row('meets')]), 'falls-short');
});

test('overall: an incomplete scan never meets', () => {
  const m = (verdict: 'meets' | 'falls-short' | 'not-applicable') => ({ verdict }) as Parameters<typeof overallVerdict>[0][number];
  assert.equal(overallVerdict([m('meets'), m('not-applicable')], true), 'meets');
  assert.equal(overallVerdict([m('meets')], false), 'falls-short');
  assert.equal(overallVerdict([m('not-applicable')], true), 'not-applicable');
  assert.equal(overallVerdict([m('meets'), m('falls-short')], true), 'falls-short');
});

test('a copy of another branch beside one that meets: the row does not meet (which one runs is not proven)', () => {
  const row = judge(EMSMTA, [
    copy('backup/emsmta.exe', pe([resource('5.0.1462.10')])),
    copy('exchsrvr/bin/emsmta.exe', pe([resource('5.5.2653.23')])),
  ]);
  assert.equal(row.status, 'not-applicable');
  assert.equal(row.reason, 'other-branch');
  assert.match(rowDetail(row), /decided by exchsrvr\/bin\/emsmta\.exe/);
});

test('a row judged by date takes the KB size as information: a later build has another size', () => {
  const row: ManifestFile = { name: 'x.cfg', version: null, date: '2000-06-14', size: 999 };
  const later = judge(row, [copy('x.cfg')]);
  assert.equal(later.status, 'meets');
  assert.equal(later.reason, 'date-ok');
  assert.match(later.copies[0]!.notes.map(noteText).join(), /size 1536 bytes; the KB printed 999 \(information only/);
});

test('a build for a machine no manifest names (MIPS, PowerPC, an unknown code) among Intel builds does not meet either', () => {
  const files: ManifestFile[] = [
    { name: 'A.dll', version: '5.0.1462.10' },
    { name: 'B.dll', version: '5.0.1462.10' },
    { name: 'C.dll', version: '5.0.1462.10' },
  ];
  for (const odd of ['mips', 'powerpc', 'unknown'] as const) {
    const observations: Record<string, Observation[]> = {
      'a.dll': [copy('bin/a.dll', pe([resource('5.0.1462.10')]))],
      'b.dll': [copy('bin/b.dll', pe([resource('5.0.1462.10')]))],
      'c.dll': [copy('bin/c.dll', pe([resource('5.0.1462.10')], odd))],
    };
    const finding = evaluateManifest(loaded(files), (name) => observations[name] ?? []);
    const c = finding.rows[2]!;
    assert.deepEqual([c.status, c.reason], ['outdated', 'wrong-platform'], odd);
    assert.equal(finding.verdict, 'falls-short', odd);
  }
});
