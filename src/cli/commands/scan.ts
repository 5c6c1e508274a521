/** The `scan` command's options and wiring; the work is in ../scanCommand.ts, loaded only when run. */
import { REPORT_FORMATS } from '../../report/formats.js';
import { parseSize } from '../../source/expandLimits.js';
import { UsageError } from '../errors.js';
import { DEFAULT_FAIL_ON, FAIL_ON_CHOICES } from '../../model/gate.js';
import { PLATFORMS } from '../../model/manifest.js';
import { parsePlatform } from '../../evaluate/platform.js';
import type { CliIO } from '../output.js';
import type { CommandSpec } from './spec.js';

/** A string option given once, several times (yargs makes an array), or not at all. */
const list = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);

/** A --host value is a name: not empty, no control characters, at most 255 characters (a DNS name's limit). */
function checkHostName(host: string): void {
  if (host.trim() === '') throw new UsageError('--host is empty; name the host the scan is about (e.g. EXCH01), or leave the option out');
  if (/[\u0000-\u001f\u007f-\u009f]/.test(host) || host.length > 255)
    throw new UsageError(`--host ${JSON.stringify(host)}: give a host name of at most 255 characters, without control characters`);
}

/** `hotfix-verify scan [target]`. */
export const scanCommand: CommandSpec = {
  name: 'scan',
  describe: 'Check a folder, or a zip, tar, tar.gz or WIM image, against manifests (default: the bundled Q254943 manifest)',
  positional: {
    name: 'target',
    default: '.',
    description: 'What to scan: a folder, or a .zip, .tar, .tar.gz or .wim image (told by content)',
  },
  options: [
    {
      name: 'manifest',
      alias: 'm',
      type: 'string',
      repeatable: true,
      default: [],
      description: 'Manifest file, or folder of *.json manifests checked as a catalog (repeatable); default: the bundled Q254943 manifest',
    },
    {
      name: 'catalog',
      type: 'boolean',
      default: false,
      description: 'Check every fix of the bundled Exchange 5.0 catalog (a fix whose files are all absent does not apply)',
    },
    {
      name: 'details',
      type: 'boolean',
      default: false,
      description: 'With several manifests, show the per-file table of every fix (default: only of fixes that fall short)',
    },
    { name: 'format', alias: 'f', type: 'string', choices: REPORT_FORMATS, default: 'table', description: 'Report format' },
    { name: 'output', alias: 'o', type: 'string', description: 'Write the report to this file (whole or not at all) instead of stdout' },
    { name: 'image-index', type: 'string', description: 'WIM image to scan (1-based); required when the WIM holds several images' },
    {
      name: 'max-expand',
      type: 'string',
      default: '4GiB',
      description: 'Most bytes an archive may expand to while scanned (e.g. 512MiB, 4GiB)',
    },
    {
      name: 'report',
      type: 'string',
      repeatable: true,
      default: [],
      description: `Also write a report: FORMAT=PATH (repeatable; formats: ${REPORT_FORMATS.join(', ')})`,
    },
    {
      name: 'platform',
      type: 'string',
      description: `The server's platform: ${PLATFORMS.join(', ')} (or x86, Intel, amd64); a file built for another fails its row`,
    },
    {
      name: 'install-root',
      type: 'string',
      description: "The product's root folder, relative to TARGET ('.' for TARGET itself), when it is not where the manifest expects it",
    },
    {
      name: 'fail-on',
      type: 'string',
      repeatable: true,
      default: [DEFAULT_FAIL_ON.join(',')],
      description: `Statuses that fail the scan (exit 1), comma-separated: ${FAIL_ON_CHOICES.join(', ')}`,
    },
    {
      name: 'quiet',
      alias: 'q',
      type: 'boolean',
      default: false,
      description: 'Print nothing on stdout: the exit code only (--report and --output files are still written)',
    },
    {
      name: 'ignore-file',
      type: 'string',
      description: 'YAML or JSON list of accepted findings (manifest, file, path?, reason, expires?)',
    },
    {
      name: 'host',
      type: 'string',
      description:
        "The host the report is about (the report's `host`, which `aggregate` keys the fleet by), e.g. EXCH01 when scanning " +
        "\\\\EXCH01\\d$ from a workstation; default: this machine's host name",
    },
    {
      name: 'exact',
      type: 'boolean',
      default: false,
      description: 'Against snapshot manifests, also report newer files and files the snapshot lacks (status unexpected)',
    },
  ],
  run: async (args: Record<string, unknown>, io: CliIO) => {
    // An empty value is usually an unset shell variable ("$SERVER_ROOT"): refuse it rather than scan the current folder.
    if (args['target'] === '')
      throw new UsageError('TARGET is an empty string; name the folder or image to scan (or "." for the current folder)');
    if ((args['manifest'] as unknown[]).some((m) => String(m) === ''))
      throw new UsageError('--manifest is an empty string; name a manifest file');
    if (args['output'] === '') throw new UsageError('--output is an empty string; name a file, or leave the option out to write to stdout');
    const indexText = args['image-index'] === undefined ? undefined : String(args['image-index']);
    if (indexText !== undefined && !/^[1-9][0-9]{0,5}$/.test(indexText)) {
      throw new UsageError(
        `--image-index wants a positive whole number, the image's number in the WIM (1 for the first); got ${JSON.stringify(indexText)}`,
      );
    }
    const imageIndex = indexText === undefined ? undefined : Number(indexText);
    const maxExpand = parseSize(String(args['max-expand']));
    if (maxExpand === undefined)
      throw new UsageError(`--max-expand must be a size such as 4GiB, 512MiB or 1048576 (got ${JSON.stringify(args['max-expand'])})`);
    let platform: ReturnType<typeof parsePlatform>;
    if (args['platform'] !== undefined) {
      platform = parsePlatform(String(args['platform']));
      if (platform === undefined) {
        throw new UsageError(
          `--platform ${JSON.stringify(args['platform'])}: not a platform; give one of ${PLATFORMS.join(', ')} (or x86, Intel, amd64, ` +
            `AXP, aarch64)`,
        );
      }
    }
    const host = args['host'] === undefined ? undefined : String(args['host']);
    if (host !== undefined) checkHostName(host);
    if (args['install-root'] === '')
      throw new UsageError("--install-root is an empty string; name a folder relative to TARGET, or '.' for TARGET itself");
    const { runScan } = await import('../scanCommand.js');
    const { parseFailOn, parseReportOptions, refuseSharedFiles } = await import('../reportOutputs.js');
    const reports = parseReportOptions(list(args['report']));
    refuseSharedFiles(args['output'] === undefined ? undefined : String(args['output']), reports);
    return runScan(
      {
        target: String(args['target']),
        manifest: (args['manifest'] as unknown[]).map(String),
        format: String(args['format']),
        catalog: args['catalog'] === true,
        details: args['details'] === true,
        ...(args['output'] ? { output: String(args['output']) } : {}),
        ...(imageIndex !== undefined ? { imageIndex } : {}),
        maxExpand,
        failOn: parseFailOn(list(args['fail-on']), FAIL_ON_CHOICES),
        quiet: args['quiet'] === true,
        reports,
        ...(args['ignore-file'] ? { ignoreFile: String(args['ignore-file']) } : {}),
        exact: args['exact'] === true,
        ...(platform ? { platform } : {}),
        ...(args['install-root'] !== undefined ? { installRoot: String(args['install-root']) } : {}),
        ...(host !== undefined ? { host } : {}),
      },
      io,
    );
  },
};
