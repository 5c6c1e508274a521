/** The `aggregate` command's options and wiring; the work is in src/fleet, loaded only when run. */
import { FLEET_FORMATS } from '../../fleet/formats.js';
import { parseMaxAge } from '../../fleet/maxAge.js';
import { UsageError } from '../errors.js';
import type { CliIO } from '../output.js';
import type { CommandSpec } from './spec.js';

/** A string option given once, several times (yargs makes an array), or not at all. */
const list = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);

/** `hotfix-verify aggregate <reports..>`. */
export const aggregateCommand: CommandSpec = {
  name: 'aggregate',
  describe: "Judge a fleet from its hosts' JSON scan reports: a line per host, and the fleet meets only when every host does",
  positional: {
    name: 'reports',
    variadic: true,
    description: 'JSON scan reports: files, folders of *.json, or - for JSON lines (one report a line) on standard input',
  },
  options: [
    { name: 'format', alias: 'f', type: 'string', choices: FLEET_FORMATS, default: 'table', description: 'Fleet report format' },
    {
      name: 'output',
      alias: 'o',
      type: 'string',
      description: 'Write the fleet report to this file (whole or not at all) instead of stdout',
    },
    {
      name: 'report',
      type: 'string',
      repeatable: true,
      default: [],
      description: `Also write a fleet report: FORMAT=PATH (repeatable; formats: ${FLEET_FORMATS.join(', ')})`,
    },
    {
      name: 'max-age',
      type: 'string',
      description: 'A report older than this (e.g. 7d, 36h, 90m, 2w), or of unknown age, fails its host',
    },
    {
      name: 'expect-hosts',
      type: 'string',
      description: 'File of the hosts the fleet must have, one a line ("#" comments); a host with no report fails ("no report")',
    },
  ],
  run: async (args: Record<string, unknown>, io: CliIO) => {
    const reports = list(args['reports']);
    if (reports.length === 0) throw new UsageError('name the reports to aggregate: files, folders of *.json, or - for standard input');
    if (reports.some((r) => r === '')) throw new UsageError('a report is named by an empty string; name a file, a folder, or -');
    if (reports.filter((r) => r === '-').length > 1) throw new UsageError('- (standard input) is named more than once; name it once');
    if (args['output'] === '') throw new UsageError('--output is an empty string; name a file, or leave the option out to write to stdout');
    let maxAge: { seconds: number; text: string } | undefined;
    if (args['max-age'] !== undefined) {
      const text = String(args['max-age']);
      const seconds = parseMaxAge(text);
      if (seconds === undefined)
        throw new UsageError(`--max-age ${JSON.stringify(text)}: give a duration such as 7d, 36h, 90m, 600s or 2w (above zero)`);
      maxAge = { seconds, text };
    }
    if (args['expect-hosts'] === '') throw new UsageError('--expect-hosts is an empty string; name a file of host names, one a line');
    const { runAggregate } = await import('../aggregateCommand.js');
    const { parseReportOptions } = await import('../reportOutputs.js');
    return runAggregate(
      {
        reports,
        format: String(args['format']),
        ...(args['output'] ? { output: String(args['output']) } : {}),
        extraReports: parseReportOptions(list(args['report']), FLEET_FORMATS),
        ...(maxAge ? { maxAge } : {}),
        ...(args['expect-hosts'] !== undefined ? { expectHosts: String(args['expect-hosts']) } : {}),
      },
      io,
    );
  },
};
