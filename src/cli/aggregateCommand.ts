/** `hotfix-verify aggregate REPORT...`: the fleet's verdict. aggregate() decides; this reads the host list, prints, and exits. */
import { aggregate } from '../fleet/aggregate.js';
import { loadExpectHosts } from '../fleet/expectHosts.js';
import { FLEET_WRITERS } from '../fleet/writers/registry.js';
import { EXIT } from './errors.js';
import { type CliIO, colourAllowed, emit } from './output.js';
import { type ExtraReport, writeOrExplain } from './reportOutputs.js';

/** The options of `aggregate`, as parsed. */
export interface AggregateArgs {
  readonly reports: readonly string[];
  readonly format: string;
  readonly output?: string;
  /** More fleet reports written in the same run (--report FORMAT=PATH). */
  readonly extraReports: readonly ExtraReport[];
  readonly maxAge?: { readonly seconds: number; readonly text: string };
  /** --expect-hosts FILE. */
  readonly expectHosts?: string;
}

/** Aggregates the reports and writes the fleet report; exit 0 when the fleet meets, 1 when it does not. */
export async function runAggregate(args: AggregateArgs, io: CliIO): Promise<number> {
  // The host list first: an unreadable one is a usage error (exit 2), before any report is read.
  const expectHosts = args.expectHosts !== undefined ? await loadExpectHosts(args.expectHosts) : undefined;
  const fleet = await aggregate({
    reports: args.reports,
    stdin: process.stdin,
    ...(args.maxAge ? { maxAgeSeconds: args.maxAge.seconds, maxAgeText: args.maxAge.text } : {}),
    ...(expectHosts !== undefined && args.expectHosts !== undefined ? { expectHosts, expectHostsFile: args.expectHosts } : {}),
  });
  const toFile = args.output !== undefined;
  await emit(io, FLEET_WRITERS[args.format]!.write(fleet, { color: colourAllowed(io, toFile) }), args.output);
  for (const extra of args.extraReports) await writeOrExplain(extra.path, FLEET_WRITERS[extra.format]!.write(fleet, { color: false }));
  return fleet.pass ? EXIT.ok : EXIT.findings;
}
