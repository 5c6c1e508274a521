/**
 * The whole pipeline, in numbered stages: load the manifests (and the ignore file) → open the
 * source → list it once → read the copies → evaluate (with --exact) → apply the ignore file →
 * gate. It returns the gated report and the warnings as data; the CLI only prints them and
 * sets the exit code, so a library caller gets exactly the CLI's verdict.
 */
import { hostname } from 'node:os';
import { HotfixError, UsageError } from './errors.js';
import { evaluateManifest } from './evaluate/evaluateManifest.js';
import { rowNames } from './evaluate/evaluateRow.js';
import { applyExact } from './evaluate/exact.js';
import { overallVerdict } from './evaluate/verdict.js';
import { storeFolderFacts } from './evaluate/windowsImage.js';
import { applyIgnores } from './gate/applyIgnores.js';
import { gateReport } from './gate/gate.js';
import type { IgnoreEntry } from './gate/ignoreFile.js';
import { type ManifestSelection, loadManifestSelection } from './manifest/loadCatalog.js';
import type { ManifestFinding } from './model/finding.js';
import { DEFAULT_FAIL_ON, type FailOnStatus } from './model/gate.js';
import type { LoadedManifest, Platform } from './model/manifest.js';
import type { Observation } from './model/observation.js';
import { REPORT_SCHEMA_VERSION, type ScanReport, type UngatedReport, type Warning } from './model/report.js';
import type { SourceEntry } from './model/source.js';
import { mapLimit } from './scan/mapLimit.js';
import { type ObserveNeeds, observe } from './scan/observe.js';
import { EVERY_NAME } from './source/everyName.js';
import { type OpenSourceOptions, openSource } from './source/openSource.js';
import type { FileSource } from './source/types.js';
import { toolVersion } from './toolInfo.js';
import { isIsoDate, todayUtc } from './version/isoDate.js';

/** What to check, where, and how to gate it. */
export interface VerifyOptions {
  /** The manifests to check, already loaded; or `selection` to load them (default: the bundled Q254943). */
  readonly manifests?: readonly LoadedManifest[];
  /** --manifest files and folders, --catalog. */
  readonly selection?: ManifestSelection;
  /** With `manifests`: treat them as a catalog (a fix whose files are absent does not apply). */
  readonly catalog?: boolean;
  /** The target: a folder or an image, opened by content; or `source` to scan an open FileSource. */
  readonly target?: string;
  readonly source?: FileSource;
  /** How to open `target` (WIM index, expansion limits, progress). */
  readonly sourceOptions?: OpenSourceOptions;
  /** Against snapshot manifests, also report newer files and files the snapshot lacks. */
  readonly exact?: boolean;
  /** The server's platform (--platform). */
  readonly platform?: Platform;
  /** The product's root folder relative to the target (--install-root). */
  readonly installRoot?: string;
  /** An ignore file to load, or its entries already parsed. */
  readonly ignoreFile?: string;
  readonly ignoreEntries?: readonly IgnoreEntry[];
  /** The day ignore entries expire against (YYYY-MM-DD); default today (UTC). */
  readonly today?: string;
  /** Statuses that fail the gate (default DEFAULT_FAIL_ON). */
  readonly failOn?: readonly FailOnStatus[];
  /** Files read at once (default 8). */
  readonly concurrency?: number;
  /** The host the report is about (`scan --host`); default this machine's host name. */
  readonly host?: string;
  /** The report's time stamp (UTC ISO 8601); default the moment the report is made. */
  readonly generatedAt?: string;
}

/** The finished, gated report and what the user should be told besides it. */
export interface VerifyResult {
  readonly report: ScanReport;
  readonly warnings: readonly Warning[];
}

/** A bad HOTFIX_VERIFY_TODAY or `today`: a usage error naming the value. */
export class TodayError extends HotfixError {
  constructor(value: string) {
    super(
      'bad-today',
      undefined,
      undefined,
      `HOTFIX_VERIFY_TODAY is ${JSON.stringify(value)}: give a real date as YYYY-MM-DD, or unset it`,
    );
  }
}

/** The last segment of a folder path, whatever its separators ("exchsrvr" for \\EXCH01\d$\exchsrvr). */
function lastSegment(target: string): string | undefined {
  const parts = target.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1];
}

/** Runs the whole pipeline; throws HotfixError for what the user must fix (manifests, target, ignore file, options). */
export async function verify(options: VerifyOptions): Promise<VerifyResult> {
  // 1. Inputs: the day, the manifests and the ignore file, all checked before the target is touched.
  const today = options.today ?? todayUtc();
  if (!isIsoDate(today)) throw new TodayError(today);
  const { manifests, catalog } = options.manifests
    ? { manifests: options.manifests, catalog: options.catalog === true }
    : await loadManifestSelection(options.selection ?? {});
  if (options.exact && !manifests.some((loaded) => loaded.manifest.kind === 'snapshot')) {
    throw new UsageError(
      '--exact compares with a snapshot: give a manifest written by `hotfix-verify snapshot` (kind "snapshot") with --manifest',
    );
  }
  const ignoreEntries =
    options.ignoreEntries ??
    (options.ignoreFile !== undefined ? await (await import('./gate/ignoreFile.js')).loadIgnoreFile(options.ignoreFile) : undefined);

  // 2. The source.
  const source = options.source ?? (await openSource(options.target ?? '.', options.sourceOptions));
  try {
    // 3. One listing: the manifests' names, or every name when --exact needs the whole tree.
    const needs = new Map<string, ObserveNeeds>();
    for (const { manifest } of manifests) {
      for (const row of manifest.files) {
        for (const name of rowNames(row)) {
          const need = needs.get(name) ?? { pe: false, sha256: false };
          needs.set(name, {
            pe: need.pe || row.version !== null || row.date !== undefined,
            // A versioned row's digest binds the same version only; it is read only when a row asks for it.
            sha256: need.sha256 || row.sha256 !== undefined,
          });
        }
      }
    }
    const listing = await source.find(options.exact ? EVERY_NAME : new Set(needs.keys()));
    const wanted: SourceEntry[] = options.exact ? listing.entries.filter((e) => needs.has(e.name.toLowerCase())) : [...listing.entries];

    // 4. Read every copy named, a bounded pool at a time. A component-store (WinSxS) copy never decides: its
    // folder's name gives its version, and a modern image has several of each file there (unless a snapshot
    // pins rows to paths, which reads every file it names).
    const pinned = manifests.some((loaded) => loaded.manifest.files.some((row) => row.path !== undefined));
    const observations = await mapLimit(wanted, options.concurrency ?? 8, async (entry): Promise<Observation> => {
      const storeFolder = pinned ? undefined : storeFolderFacts(entry.path);
      if (storeFolder) return { entry, storeFolder };
      return observe(source, entry, needs.get(entry.name.toLowerCase()) as ObserveNeeds);
    });
    const byName = new Map<string, Observation[]>();
    for (const observation of observations) {
      const key = observation.entry.name.toLowerCase();
      const list = byName.get(key);
      if (list) list.push(observation);
      else byName.set(key, [observation]);
    }

    // 5. Evaluate: every manifest, then --exact. Links the listing did not follow may explain a missing file.
    const complete = listing.problems.length === 0;
    const folderLinks = listing.links && source.folderLinks ? await source.folderLinks(listing.links) : [];
    const folderTarget = options.source === undefined && options.target !== undefined ? lastSegment(options.target) : undefined;
    const evaluate = {
      catalog,
      ...(options.platform ? { platform: options.platform } : {}),
      ...(options.installRoot !== undefined ? { installRoot: options.installRoot } : {}),
      ...(folderTarget !== undefined ? { targetName: folderTarget } : {}),
      unlisted: listing.problems.map((problem) => problem.path),
      ...(folderLinks.length > 0 ? { folderLinks } : {}),
    };
    let findings: ManifestFinding[] = manifests.map((loaded) => evaluateManifest(loaded, (name) => byName.get(name) ?? [], evaluate));
    if (options.exact) findings = applyExact(findings, manifests, listing.entries);

    let report: UngatedReport = {
      schemaVersion: REPORT_SCHEMA_VERSION,
      tool: { name: 'hotfix-verify' as const, version: toolVersion() },
      host: options.host ?? hostname(),
      generatedAt: options.generatedAt ?? new Date().toISOString(),
      target: source.description,
      verdict: overallVerdict(findings, complete),
      complete,
      problems: listing.problems,
      ...(listing.notes && listing.notes.length > 0 ? { notes: listing.notes } : {}),
      manifests: findings,
      ...(options.platform ? { platform: options.platform } : {}),
    };

    // 6. The ignore file.
    const warnings: Warning[] = [];
    if (ignoreEntries !== undefined) {
      const applied = applyIgnores(report, ignoreEntries, today);
      report = {
        ...applied.report,
        ignoreEntries: applied.uses.map(({ entry, expired, matched }) => ({
          id: entry.id,
          manifest: entry.manifest,
          file: entry.file,
          ...(entry.path ? { path: entry.path } : {}),
          reason: entry.reason,
          ...(entry.expires ? { expires: entry.expires } : {}),
          expired,
          matched,
        })),
      };
      for (const use of applied.uses) {
        const args = {
          entry: use.entry.id,
          where: use.entry.where,
          manifest: use.entry.manifest,
          file: use.entry.file,
          path: use.entry.path,
        };
        if (use.expired && use.matched > 0) warnings.push({ code: 'ignore-expired', args: { ...args, expires: use.entry.expires } });
        else if (use.matched === 0) warnings.push({ code: 'ignore-unmatched', args });
      }
    }

    // 7. The gate: one decision, stamped on every manifest, row and copy.
    return { report: gateReport(report, options.failOn ?? DEFAULT_FAIL_ON), warnings };
  } finally {
    if (options.source === undefined) await source.close?.();
  }
}
