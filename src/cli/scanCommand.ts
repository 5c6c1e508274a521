/** `hotfix-verify scan [TARGET]`: the main job. Parses nothing and decides nothing: verify() does, this prints. */
import type { FailOnStatus } from '../model/gate.js';
import type { Platform } from '../model/manifest.js';
import { warningText } from '../report/messages.js';
import { verify } from '../verify.js';
import { isIsoDate, todayUtc } from '../version/isoDate.js';
import { EXIT } from './errors.js';
import { type CliIO, colourAllowed, emit } from './output.js';
import { startProgress } from './progress.js';
import { type ExtraReport, writeExtraReports } from './reportOutputs.js';

/** The options of `scan`, as parsed. */
export interface ScanArgs {
  readonly target: string;
  readonly manifest: readonly string[];
  readonly format: string;
  readonly output?: string;
  /** WIM image to scan (1-based). */
  readonly imageIndex?: number;
  /** Bytes an archive may expand to while scanned. */
  readonly maxExpand?: number;
  /** Check the bundled Exchange 5.0 catalog (with any --manifest given). */
  readonly catalog?: boolean;
  /** Table report with several manifests: show every manifest's per-file table, not only those that fall short. */
  readonly details?: boolean;
  /** Statuses that fail the gate; default DEFAULT_FAIL_ON. */
  readonly failOn?: readonly FailOnStatus[];
  /** Nothing on stdout; the exit code (and --report files) only. */
  readonly quiet?: boolean;
  /** More reports written in the same run (--report FORMAT=PATH). */
  readonly reports?: readonly ExtraReport[];
  /** Accepted findings (--ignore-file). */
  readonly ignoreFile?: string;
  /** Against snapshot manifests, also report newer files and files the snapshot lacks. */
  readonly exact?: boolean;
  /** The server's platform (--platform). */
  readonly platform?: Platform;
  /** The product's root folder relative to the target (--install-root). */
  readonly installRoot?: string;
  /** The host the report is about (--host); default this machine's name. */
  readonly host?: string;
}

/**
 * The day ignore entries expire against. HOTFIX_VERIFY_TODAY may move it forward (to see what expires next
 * week), never back: a date left in a CI file would otherwise bring every expired entry back to life. A value
 * that is not a real date is refused by verify(), quiet or not.
 */
export function clockDay(fromEnv: string | undefined, now = todayUtc()): string | undefined {
  if (fromEnv === undefined) return undefined;
  return isIsoDate(fromEnv) && fromEnv < now ? now : fromEnv;
}

/** Runs a scan and writes the report; returns the exit code, which follows the gate alone. */
export async function runScan(args: ScanArgs, io: CliIO): Promise<number> {
  // The writers (and cli-table3) load while the tree is walked, not before.
  const writers = import('../report/registry.js');
  writers.catch(() => undefined);
  const progress = startProgress(io, { quiet: args.quiet === true });
  const today = clockDay(io.env['HOTFIX_VERIFY_TODAY']);
  let result: Awaited<ReturnType<typeof verify>>;
  try {
    result = await verify({
      selection: { catalog: args.catalog === true, manifest: args.manifest },
      target: args.target,
      sourceOptions: {
        ...(args.imageIndex !== undefined ? { imageIndex: args.imageIndex } : {}),
        ...(args.maxExpand !== undefined ? { maxExpand: args.maxExpand } : {}),
        folder: {
          onProgress: (c) =>
            progress.update(() => `listing: ${c.folders} folders, ${c.entries} entries, ${c.matched} named in the manifests`),
        },
      },
      ...(args.failOn ? { failOn: args.failOn } : {}),
      ...(args.ignoreFile !== undefined ? { ignoreFile: args.ignoreFile } : {}),
      exact: args.exact === true,
      ...(args.platform ? { platform: args.platform } : {}),
      ...(args.installRoot !== undefined ? { installRoot: args.installRoot } : {}),
      ...(args.host !== undefined ? { host: args.host } : {}),
      // Set but empty is a mistake to report, not "today": verify() checks the value whatever the output mode.
      ...(today !== undefined ? { today } : {}),
    });
  } finally {
    progress.done();
  }
  const { report, warnings } = result;
  if (!args.quiet) for (const warning of warnings) io.stderr.write(`hotfix-verify: ${warningText(warning)}\n`);
  if (!args.quiet || args.output) {
    const writer = (await writers).REPORT_WRITERS[args.format]!;
    const toFile = args.output !== undefined;
    const columns = (io.stdout as { columns?: number }).columns;
    await emit(
      io,
      writer.write(report, {
        color: colourAllowed(io, toFile),
        details: args.details === true,
        ...(!toFile && io.stdout.isTTY && columns ? { columns } : {}),
      }),
      args.output,
    );
  }
  await writeExtraReports(report, args.reports ?? []);
  return report.gate.pass ? EXIT.ok : EXIT.findings;
}
