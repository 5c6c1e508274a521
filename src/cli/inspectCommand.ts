/** `hotfix-verify inspect FILE...`: every version field of each PE file. */
import { hasVersionInfo, inspectFile } from '../inspect/inspectFile.js';
import { inspectJson, inspectTable } from '../report/inspectWriters.js';
import { mapLimit } from '../scan/mapLimit.js';
import { EXIT } from './errors.js';
import { emit, type CliIO } from './output.js';

/** The options of `inspect`, as parsed. */
export interface InspectArgs {
  readonly files: readonly string[];
  readonly format: 'table' | 'json';
  readonly output?: string;
}

/** Inspects files; exit 0 when every file had version info, 1 otherwise. */
export async function runInspect(args: InspectArgs, io: CliIO): Promise<number> {
  const records = await mapLimit(args.files, 8, inspectFile);
  await emit(io, args.format === 'json' ? inspectJson(records) : inspectTable(records), args.output);
  return records.every(hasVersionInfo) ? EXIT.ok : EXIT.findings;
}
