// Fail closed: seeded random server trees with injected faults. Whenever some row is not proven
// to meet (or the scan was incomplete), the exit code is not 0 and the report says why for every
// such row; when everything is proven, the exit code is 0. Many trees through the library (an
// in-memory FileSource), a few on disk through the real CLI.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitCodeFor } from '../helpers/scan.js';
import type { CopyFinding, Status } from '../../src/model/finding.js';
import type { ScanReport } from '../../src/model/report.js';
import { loadBundledManifest, parseManifest } from '../../src/manifest/loadManifest.js';
import { writePe } from '../../src/pe/writePe.js';
import { REPORT_WRITERS } from '../../src/report/registry.js';
import { scan } from '../helpers/scan.js';
import type { SourceOpenError, SourceProblem } from '../../src/source/types.js';
import { compareVersions, parseVersion } from '../../src/version/windowsVersion.js';
import { decodeFixedAt, loadSeeds, makeCase, prng, type Seed } from '../fuzz/peFuzzer.js';
import { buildResourceSection, peWithResourceSection } from '../helpers/peBuilder.js';
import { memorySource, type MemoryFile, type MemoryFault } from '../helpers/memorySource.js';
import { MTA_BINARIES, MTA_DATA } from '../helpers/serverTree.js';
import { unprivileged } from '../helpers/unprivileged.js';
import { fixedFileInfo, stringFileInfo, stringTable, versionInfoBytes } from '../helpers/versionInfoBytes.js';
import { tempDir } from '../helpers/tempDir.js';
import { copyDetail, rowDetail } from '../../src/report/messages.js';

const REQUIRED = '5.0.1462.10';
const REASONS: Record<Status, readonly string[]> = {
  meets: ['version-ok', 'present', 'date-ok'],
  outdated: ['older', 'older-date', 'size-mismatch', 'sha256-mismatch', 'wrong-platform', 'mixed-platform'],
  missing: ['not-found', 'outside-install-folders', 'only-backups', 'no-build-for-platform', 'only-component-store', 'wrong-system-folder'],
  'not-applicable': ['other-branch', 'other-platform', 'not-installed'],
  unverifiable: [
    'not-pe',
    'truncated',
    'corrupt',
    'read-error',
    'no-version-resource',
    'no-fixed-info',
    'not-regular-file',
    'in-use',
    'link-outside-target',
    'broken-link',
    'unreadable',
    'vanished',
    'archive-link',
    'unsafe-path',
    'expansion-limit',
    'corrupt-entry',
  ],
  unexpected: ['newer', 'not-in-snapshot'],
};

/** What a copy is made of, and what the scan must say of it (undefined status: decided by the independent decoder). */
interface Scenario {
  readonly name: string;
  readonly good: boolean;
  readonly status?: Status;
  readonly reason?: string;
  readonly make: (random: () => number) => { bytes?: Uint8Array; fault?: MemoryFault };
  /** The build's platform, when it is not i386. */
  readonly machine?: string;
}

const images = new Map<string, Uint8Array>();
const pe = (fileVersion: string, strings?: Record<string, string>): Uint8Array => {
  const key = `${fileVersion}|${JSON.stringify(strings ?? {})}`;
  let image = images.get(key);
  if (!image) {
    image = writePe({ fileVersion, ...(strings ? { strings } : {}) });
    images.set(key, image);
  }
  return image;
};
let alphaImage: Uint8Array | undefined;
const alphaPe = (fileVersion: string): Uint8Array => {
  alphaImage ??= writePe({ fileVersion, machine: 'alpha' });
  return alphaImage;
};
const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const openFault = (code: SourceOpenError['code']): Scenario => ({
  name: `open fails: ${code}`,
  good: false,
  status: 'unverifiable',
  reason: code,
  make: () => ({ fault: { open: code } }),
});
const OPEN_FAULTS = (['unreadable', 'vanished', 'not-regular-file', 'link-outside-target', 'broken-link'] as const).map(openFault);

let fuzzSeeds: Seed[] | undefined;
const fuzzSeed = (): Seed[] => (fuzzSeeds ??= loadSeeds().filter((s) => s.name.startsWith('writePe')));

const VERSIONED_GOOD: Scenario = {
  name: 'patched',
  good: true,
  status: 'meets',
  reason: 'version-ok',
  make: (r) => ({ bytes: pe(pick(r, ['5.0.1462.10', '5.0.1462.11', '5.0.1462.100', '5.0.2000.0'])) }),
};
/** A patched build for the other platform the product shipped for: good on an Alpha server, wrong among Intel builds. */
const ALPHA_BUILD: Scenario = {
  name: 'patched, Alpha build',
  good: true,
  machine: 'alpha',
  make: () => ({ bytes: alphaPe(REQUIRED) }),
};
const VERSIONED_BAD: Scenario[] = [
  {
    name: 'older',
    good: false,
    status: 'outdated',
    reason: 'older',
    make: (r) => ({ bytes: pe(pick(r, ['5.0.1462.9', '5.0.1460.8', '5.0.0.0', '5.0.1462.1'])) }),
  },
  {
    name: 'other branch',
    good: false,
    status: 'not-applicable',
    reason: 'other-branch',
    make: (r) => ({ bytes: pe(pick(r, ['5.5.2653.23', '4.0.996.1', '6.0.6249.0', '0.0.0.0'])) }),
  },
  {
    name: 'string says patched, fixed info says older',
    good: false,
    status: 'outdated',
    reason: 'older',
    make: () => ({ bytes: pe('5.0.1462.9', { FileVersion: '5.0.1462.10' }) }),
  },
  {
    name: 'two languages, one older',
    good: false,
    status: 'outdated',
    reason: 'older',
    make: () => ({
      bytes: peWithResourceSection(
        buildResourceSection(0x1000, [
          {
            type: 16,
            id: 1,
            lang: 0x409,
            data: versionInfoBytes({ fixed: fixedFileInfo({ fileVersion: [5, 0, 1462, 10] }), children: [] }),
          },
          {
            type: 16,
            id: 1,
            lang: 0x407,
            data: versionInfoBytes({ fixed: fixedFileInfo({ fileVersion: [5, 0, 1462, 9] }), children: [] }),
          },
        ]).bytes,
      ),
    }),
  },
  {
    name: 'no version resource',
    good: false,
    status: 'unverifiable',
    reason: 'no-version-resource',
    make: () => ({ bytes: writePe({ versionResource: false }) }),
  },
  {
    name: 'bad VS_FIXEDFILEINFO signature',
    good: false,
    status: 'unverifiable',
    reason: 'no-fixed-info',
    make: () => ({
      bytes: writePe({
        versionResource: versionInfoBytes({
          fixed: fixedFileInfo({ fileVersion: [5, 0, 1462, 10], signature: 0 }),
          children: [stringFileInfo([stringTable('040904B0', { FileVersion: REQUIRED })])],
        }),
      }),
    }),
  },
  {
    name: 'not PE',
    good: false,
    status: 'unverifiable',
    reason: 'not-pe',
    make: () => ({ bytes: new TextEncoder().encode('not a program') }),
  },
  {
    name: 'truncated before the end of its version resource',
    good: false,
    status: 'unverifiable',
    make: (r) => {
      const full = pe(REQUIRED);
      const key = Buffer.from(full).indexOf(Buffer.from('VS_VERSION_INFO\0', 'utf16le')) - 6;
      const end = key + ((full[key] as number) | ((full[key + 1] as number) << 8));
      return { bytes: full.subarray(0, Math.floor(r() * end)) };
    },
  },
  {
    name: 'read fails',
    good: false,
    status: 'unverifiable',
    reason: 'read-error',
    make: () => ({ bytes: pe(REQUIRED), fault: { read: 'EIO: i/o error, read' } }),
  },
  ...OPEN_FAULTS,
];
/** A mutant of a patched fixture: its status is not known in advance, but a "meets" must be confirmed by the bytes. */
const FUZZED: Scenario = { name: 'fuzzed', good: false, make: (r) => ({ bytes: makeCase(fuzzSeed(), 99, Math.floor(r() * 1e9)).bytes }) };
const DATA_GOOD: Scenario = {
  name: 'present',
  good: true,
  status: 'meets',
  reason: 'present',
  make: (r) => ({ bytes: new Uint8Array(Math.floor(r() * 64)) }),
};
const DATA_BAD: Scenario[] = OPEN_FAULTS;

interface PlannedCopy {
  readonly path: string;
  readonly scenario: Scenario;
  readonly file: MemoryFile;
  /** The role the copy must be given: only installed copies decide. */
  readonly role: 'installed' | 'backup' | 'outside';
}
interface PlannedTree {
  readonly copies: Map<string, PlannedCopy[]>;
  readonly problems: SourceProblem[];
}

/** Where a copy other than the first may sit: a second Exchange root (installed), Windows' backup folders, or stray folders. */
const PLACES: readonly { folder: (versioned: boolean, i: number) => string; role: PlannedCopy['role'] }[] = [
  { folder: (v, i) => `d${i}/exchsrvr/${v ? 'bin' : 'mtadata'}`, role: 'installed' },
  { folder: (_, i) => `winnt/$NtUninstallQ254943$/${i}`, role: 'backup' },
  { folder: (_, i) => `winnt/system32/dllcache/${i}`, role: 'backup' },
  { folder: (_, i) => `winnt/$hf_mig$/Q254943/${i}`, role: 'backup' },
  { folder: (_, i) => `downloads/Q254943/${i}`, role: 'outside' },
  { folder: (_, i) => `exchsrvr/bin.old/${i}`, role: 'outside' },
];

/**
 * A random Q254943 server: per row 0-3 copies; the first in the install folders, the others in a second root,
 * a backup folder or a stray folder; each patched or, with probability `bad`, one of the bad scenarios (or an
 * Alpha build, which only a server of one platform can run).
 */
function plan(seed: number, bad: number): PlannedTree {
  const random = prng(seed);
  const copies = new Map<string, PlannedCopy[]>();
  for (const name of [...MTA_BINARIES, ...MTA_DATA]) {
    const versioned = MTA_BINARIES.includes(name);
    const list: PlannedCopy[] = [];
    const count = random() < bad / 2 ? 0 : random() < 0.25 ? 2 + Math.floor(random() * 2) : 1;
    for (let i = 0; i < count; i++) {
      let scenario: Scenario;
      if (random() >= bad) scenario = versioned ? VERSIONED_GOOD : DATA_GOOD;
      else if (versioned && random() < 0.2) scenario = FUZZED;
      else if (versioned && random() < 0.15) scenario = ALPHA_BUILD;
      else scenario = pick(random, versioned ? VERSIONED_BAD : DATA_BAD);
      const place =
        i === 0 ? { folder: () => (versioned ? 'exchsrvr/bin' : 'exchsrvr/mtadata'), role: 'installed' as const } : pick(random, PLACES);
      const filePath = `${place.folder(versioned, i)}/${random() < 0.5 ? name : name.toUpperCase()}`;
      const made = scenario.make(random);
      list.push({ path: filePath, scenario, file: { path: filePath, ...made }, role: place.role });
    }
    copies.set(name, list);
  }
  const problems: SourceProblem[] =
    random() < bad ? [{ path: 'exchsrvr/locked', code: 'unreadable-folder', message: 'folder cannot be listed: permission denied' }] : [];
  return { copies, problems };
}

/**
 * Checks one report against its plan; returns whether the plan was proven to meet. The oracle: a row is proven
 * only when it has an installed copy and every installed copy is proven (patched, or a fuzzed copy whose reported
 * version its bytes confirm); backups and stray copies never count either way; and the installed copies of the
 * fix must all be of one platform.
 */
function check(report: ScanReport, tree: PlannedTree, label: string): boolean {
  const rows = report.manifests[0]!.rows;
  let allProven = tree.problems.length === 0;
  assert.equal(report.complete, tree.problems.length === 0, label);
  for (const p of report.problems) assert.ok(p.code && p.message, `${label}: problem says why`);
  const machines = new Set<string>();
  for (const row of rows) {
    for (const copy of row.copies)
      if (copy.role === 'installed' && copy.machine && ['i386', 'alpha'].includes(copy.machine)) machines.add(copy.machine);
  }
  const onePlatform = machines.size <= 1;
  if (!onePlatform) allProven = false;
  for (const row of rows) {
    const planned = tree.copies.get(row.name) ?? [];
    const where = `${label}, ${row.name}`;
    assert.ok(REASONS[row.status].includes(row.reason), `${where}: reason ${row.reason} fits status ${row.status}`);
    assert.ok(typeof rowDetail(row) === 'string' && rowDetail(row).length > 5, `${where}: detail`);
    assert.equal(row.copies.length, planned.length, `${where}: every copy is reported, backups and strays too`);
    let rowProven = planned.some((p) => p.role === 'installed');
    for (const copy of row.copies) {
      const plannedCopy = planned.find((p) => p.path === copy.path);
      assert.ok(plannedCopy, `${where}: ${copy.path} was planned`);
      assert.equal(copy.role, plannedCopy.role, `${where} ${copy.path}: role`);
      const { scenario } = plannedCopy;
      assert.ok(
        REASONS[copy.status].includes(copy.reason) && copyDetail(copy).length > 5,
        `${where} ${copy.path}: status, reason and detail`,
      );
      const platformFailed = copy.reason === 'wrong-platform' || copy.reason === 'mixed-platform';
      if (scenario.status && !platformFailed) {
        assert.equal(copy.status, scenario.status, `${where} ${copy.path} (${scenario.name}): ${copyDetail(copy)}`);
      }
      if (scenario.reason && !platformFailed) {
        assert.equal(copy.reason, scenario.reason, `${where} ${copy.path} (${scenario.name}): ${copyDetail(copy)}`);
      }
      if (plannedCopy.role !== 'installed') {
        assert.equal(copy.outcome?.kind, 'not-gated', `${where} ${copy.path}: a copy the server does not run is never gated`);
        continue;
      }
      let proven = scenario.good;
      if (scenario === FUZZED) proven = copy.status === 'meets' && confirmed(plannedCopy.file.bytes!, copy, where);
      if (!proven) {
        // Every installed copy not proven makes the row unproven, another branch's too: which copy runs is not known.
        rowProven = false;
        assert.notEqual(copy.status, 'meets', `${where} ${copy.path} (${scenario.name}) must not meet`);
      }
    }
    if (!rowProven || !onePlatform) {
      if (!rowProven) {
        assert.notEqual(
          row.status,
          'meets',
          `${where} is not proven and must not meet: ${JSON.stringify(planned.map((p) => [p.path, p.scenario.name, p.role]))} ` +
            `${JSON.stringify(row.copies.map((c) => [c.path, c.status, c.role]))}`,
        );
      }
      allProven = false;
    } else {
      assert.equal(row.status, 'meets', `${where} is proven and must meet: ${rowDetail(row)}`);
    }
  }
  assert.equal(exitCodeFor(report), allProven ? 0 : 1, `${label}: exit code (verdict ${report.verdict})`);
  assert.equal(report.verdict === 'meets', allProven, label);
  return allProven;
}

/** A fuzzed copy that "meets": some VS_VERSIONINFO in its bytes must hold the reported version, of the branch, not older than required. */
function confirmed(bytes: Uint8Array, copy: CopyFinding, where: string): boolean {
  assert.ok(copy.fixedVersion, `${where}: a meeting copy shows its version`);
  const reported = parseVersion(copy.fixedVersion);
  const key = Buffer.from('VS_VERSION_INFO\0', 'utf16le');
  let found = false;
  for (let at = Buffer.from(bytes).indexOf(key); at >= 0; at = Buffer.from(bytes).indexOf(key, at + 1)) {
    const decoded = decodeFixedAt(bytes, at - 6);
    if (decoded && compareVersions(decoded.file, reported) === 0) found = true;
  }
  assert.ok(found, `${where}: reported ${copy.fixedVersion}, which no VS_FIXEDFILEINFO in the bytes holds`);
  assert.ok(
    compareVersions(reported, parseVersion(REQUIRED)) >= 0 && copy.fixedVersion.startsWith('5.0.'),
    `${where}: ${copy.fixedVersion}`,
  );
  return true;
}

describe('fail closed (library: scan + exitCodeFor over an in-memory source)', () => {
  it('400 seeded trees with injected faults: exit 0 exactly when every row is proven, and every other row says why', async (t) => {
    const loaded = await loadBundledManifest();
    let proven = 0;
    let fuzzedMeets = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const tree = plan(seed, seed % 4 === 0 ? 0.3 : 0.035);
      const files = [...tree.copies.values()].flat().map((c) => c.file);
      const report = await scan({ manifests: [loaded], source: memorySource(files, tree.problems) });
      if (check(report, tree, `tree ${seed}`)) proven++;
      fuzzedMeets += report.manifests[0]!.rows.flatMap((r) => r.copies).filter(
        (c) => c.status === 'meets' && [...tree.copies.values()].flat().find((p) => p.path === c.path)?.scenario === FUZZED,
      ).length;
      // The JSON report carries the same: status, reason and detail for every row that is not met.
      const json = JSON.parse(REPORT_WRITERS.json!.write(report, { color: false })) as ScanReport;
      assert.equal(json.verdict, report.verdict);
      for (const row of json.manifests[0]!.rows)
        if (row.status !== 'meets') assert.ok(row.reason && rowDetail(row), `tree ${seed}: JSON row ${row.name} says why`);
    }
    // Not vacuous: both outcomes occur often.
    assert.ok(proven > 60 && proven < 340, `${proven} of 400 trees proven`);
    t.diagnostic(`${proven} of 400 trees proven to meet; ${fuzzedMeets} fuzzed copies met, each confirmed from its bytes`);
  });
});

describe('fail closed (the real CLI on disk)', () => {
  const BIN = fileURLToPath(new URL('../../../bin/hotfix-verify.js', import.meta.url));
  const roots: string[] = [];
  after(() => {
    for (const root of roots) spawnSync('rm', ['-rf', root]);
  });

  /** Writes a planned tree to disk; faults become what a disk can hold (no permission, FIFO, links). */
  async function writeTree(tree: PlannedTree): Promise<{ root: string; locked: string[] }> {
    const root = await tempDir('hv-fail-closed-');
    roots.push(root);
    const outside = await tempDir('hv-fail-closed-out-');
    roots.push(outside);
    writeFileSync(path.join(outside, 'patched.exe'), pe(REQUIRED));
    spawnSync('chmod', ['-R', 'a+rX', outside]);
    const locked: string[] = [];
    for (const copy of [...tree.copies.values()].flat()) {
      const file = path.join(root, copy.path);
      mkdirSync(path.dirname(file), { recursive: true });
      const fault = copy.file.fault;
      if (!fault) writeFileSync(file, copy.file.bytes ?? new Uint8Array(0));
      else if ('read' in fault || fault.open === 'unreadable') {
        writeFileSync(file, pe(REQUIRED));
        locked.push(file);
      } else if (fault.open === 'not-regular-file') spawnSync('mkfifo', [file]);
      else if (fault.open === 'link-outside-target') symlinkSync(path.join(outside, 'patched.exe'), file);
      else if (fault.open === 'broken-link') symlinkSync('no-such-file', file);
      // 'vanished': a listing cannot be raced from here; the file is simply absent (the row then has one copy fewer).
    }
    if (tree.problems.length > 0) {
      mkdirSync(path.join(root, 'exchsrvr/locked'), { recursive: true });
      writeFileSync(path.join(root, 'exchsrvr/locked/EMSMTA.EXE'), pe(REQUIRED));
      locked.push(path.join(root, 'exchsrvr/locked'));
    }
    spawnSync('chmod', ['-R', 'a+rX', root]);
    for (const p of locked) chmodSync(p, 0o000);
    return { root, locked };
  }

  it('8 seeded trees: the exit code and the JSON report agree with the plan', async (t) => {
    if (!unprivileged(['true'])) {
      t.skip('running as root without setpriv: files without permission would be read');
      return;
    }
    let proven = 0;
    for (let seed = 1001; seed <= 1008; seed++) {
      const planned = plan(seed, seed % 2 === 0 ? 0.2 : 0.02);
      // Faults a disk cannot reproduce deterministically are dropped from the plan.
      const tree: PlannedTree = {
        problems: planned.problems,
        copies: new Map(
          [...planned.copies].map(([name, list]) => [
            name,
            list
              .filter((c) => !(c.file.fault && 'open' in c.file.fault && c.file.fault.open === 'vanished'))
              .map((c) => (c.file.fault && 'read' in c.file.fault ? { ...c, scenario: openFault('unreadable') } : c)),
          ]),
        ),
      };
      const { root } = await writeTree(tree);
      const command = [process.execPath, BIN, 'scan', root, '--format', 'json'];
      const argv = unprivileged(command) as string[];
      const result = spawnSync(argv[0] as string, argv.slice(1), { encoding: 'utf8', timeout: 60_000 });
      assert.equal(result.signal, null, 'no hang');
      const report = JSON.parse(result.stdout) as ScanReport;
      const expected = check(report, tree, `disk tree ${seed}`);
      assert.equal(result.status, expected ? 0 : 1, `disk tree ${seed}: ${result.stderr}`);
      if (expected) proven++;
    }
    t.diagnostic(`${proven} of 8 disk trees proven to meet`);
    assert.ok(proven >= 1 && proven <= 7, `${proven} of 8 disk trees proven`);
  });
});

/**
 * A modern Windows image adds two ways for a row not to count against a fix: its file's component is not installed
 * ("not-installed"). The property: the gate passes exactly when every row is proven (a live copy in its own system
 * folder, patched, of the package's platform) or provably not installed (on an image whose store services the
 * package: no copy anywhere; or only in the store, with siblings of its store component and none of them live), and
 * at least one row is proven.
 */
describe('fail closed on a modern Windows image (library)', () => {
  const FIXED = '10.0.30100.4768';
  const TOKEN = '31bf3856ad364e35';
  /** Rows of an x64 package: two siblings of one component, a lone file, a feature of two files, a WOW64 file. */
  const ROWS = [
    { name: 'Alphawidget.dll', platform: 'x64', component: 'core' },
    { name: 'Betawidget.dll', platform: 'x64', component: 'core' },
    { name: 'Gammawidget.exe', platform: 'x64', component: 'gamma' },
    { name: 'Deltawidget.sys', platform: 'x64', component: 'feature' },
    { name: 'Epsilonwidget.dll', platform: 'x64', component: 'feature' },
    { name: 'Wowwidget.dll', platform: 'i386', component: 'wowthing' },
  ] as const;
  type Live = 'good' | 'newer' | 'older' | 'wrong-folder' | 'wrong-machine' | 'corrupt' | 'store-only' | 'nowhere';
  const LIVE: readonly Live[] = [
    'good',
    'good',
    'good',
    'newer',
    'older',
    'wrong-folder',
    'wrong-machine',
    'corrupt',
    'store-only',
    'nowhere',
  ];
  const cache = new Map<string, Uint8Array>();
  const build = (machine: 'i386' | 'x64', version: string): Uint8Array => {
    const key = `${machine}|${version}`;
    let bytes = cache.get(key);
    if (bytes === undefined) {
      bytes = writePe({ machine, fileVersion: version });
      cache.set(key, bytes);
    }
    return bytes;
  };
  const loaded = parseManifest(
    JSON.stringify({
      formatVersion: '1.2.0',
      id: 'KB5099991-x64',
      title: 'T',
      product: 'Windows Server 2030',
      rule: 'or-later',
      packagePlatform: 'x64',
      files: ROWS.map((row) => ({ name: row.name, version: FIXED, platform: row.platform })),
    }),
    'KB5099991-x64.json',
  );

  it('300 seeded images: exit 0 exactly when every row is proven or provably not installed, and one is proven', async (t) => {
    let passed = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const random = prng(seed * 7919);
      const files: MemoryFile[] = [];
      // Most images mostly patched, every third one anything goes.
      const bad = seed % 3 === 0 ? 1 : 0.12;
      const plan = ROWS.map((row) => {
        const live = random() < bad ? pick(random, LIVE) : pick(random, ['good', 'newer'] as const);
        const wow = row.platform === 'i386';
        const own = wow ? 'Windows/SysWOW64' : 'Windows/System32';
        const other = wow ? 'Windows/System32' : 'Windows/SysWOW64';
        const machine = wow ? 'i386' : 'x64';
        const lower = row.name.toLowerCase();
        if (live === 'good' || live === 'newer' || live === 'older') {
          const version = live === 'good' ? FIXED : live === 'newer' ? '10.0.30100.5000' : '10.0.30100.1000';
          files.push({ path: `${own}/${lower}`, bytes: build(machine, version) });
        } else if (live === 'wrong-folder') files.push({ path: `${other}/${lower}`, bytes: build(machine, FIXED) });
        else if (live === 'wrong-machine') files.push({ path: `${own}/${lower}`, bytes: build(wow ? 'x64' : 'i386', FIXED) });
        else if (live === 'corrupt') files.push({ path: `${own}/${lower}`, bytes: build(machine, FIXED).subarray(0, 300) });
        // The component store: some versions of the file in its component's folder (always one when only there).
        const stored = live === 'nowhere' ? 0 : live === 'store-only' ? 1 + Math.floor(random() * 2) : Math.floor(random() * 3);
        for (let i = 0; i < stored; i++) {
          const version = pick(random, ['10.0.30100.1000', FIXED, '10.0.30100.5000']);
          const folder = `Windows/WinSxS/${wow ? 'wow64' : 'amd64'}_widget-${row.component}_${TOKEN}_${version}_none_${i}abcdef0123456789`;
          files.push({ path: `${folder}/${lower}`, bytes: build(machine, version) });
        }
        return { row, live, stored };
      });
      const report = await scan({ manifests: [loaded], source: memorySource(files) });
      // The oracle.
      const isLive = (each: (typeof plan)[number]) => ['good', 'newer', 'older', 'wrong-machine', 'corrupt'].includes(each.live);
      // The store services the package: some file is in WinSxS, and every live file is there too.
      const storeExists = plan.some((each) => each.stored > 0) && plan.every((each) => !isLive(each) || each.stored > 0);
      const proven = plan.map((each) => each.live === 'good' || each.live === 'newer');
      const notInstalled = plan.map((each) => {
        if (each.live === 'nowhere') return storeExists;
        if (each.live !== 'store-only') return false;
        const siblings = plan.filter((other) => other !== each && other.row.component === each.row.component && other.stored > 0);
        return siblings.length > 0 && siblings.every((sibling) => !isLive(sibling));
      });
      const expected = proven.some(Boolean) && plan.every((_, index) => proven[index] || notInstalled[index]);
      const label = `image ${seed}: ${plan.map((each) => `${each.row.name}=${each.live}/${each.stored}`).join(' ')}`;
      const rows = report.manifests[0]!.rows;
      rows.forEach((row, index) => {
        assert.ok(REASONS[row.status].includes(row.reason), `${label}: ${row.name} reason ${row.reason} fits ${row.status}`);
        if (!proven[index]) assert.notEqual(row.status, 'meets', `${label}: ${row.name} is not proven`);
        if (row.reason === 'not-installed') assert.ok(notInstalled[index], `${label}: ${row.name} is not provably not installed`);
        for (const copy of row.copies) {
          if (copy.path.includes('/WinSxS/')) assert.equal(copy.outcome?.kind, 'not-gated', `${label}: a store copy never decides`);
        }
      });
      assert.equal(report.gate.pass, expected, `${label}: gate ${report.gate.pass}, expected ${expected}`);
      if (expected) passed++;
    }
    assert.ok(passed > 10 && passed < 290, `${passed} of 300 images pass`);
    t.diagnostic(`${passed} of 300 modern images pass the gate`);
  });
});
