/** `hotfix-verify demo [DIR]`: writes the sample Exchange 5.0 server image and scans it. */
import path from 'node:path';
import { expectedStatuses, writeSampleServer } from '../demo/sampleServer.js';
import { loadBundledManifest } from '../manifest/loadManifest.js';
import { REPORT_WRITERS } from '../report/registry.js';
import { verify } from '../verify.js';
import { EXIT } from './errors.js';
import { colourAllowed, emit, type CliIO } from './output.js';

/** The options of `demo`, as parsed. */
export interface DemoArgs {
  readonly dir: string;
  readonly patched: boolean;
  readonly format: string;
}

/**
 * Writes the sample image, scans it with the bundled Q254943 manifest, prints the report,
 * and checks the result is what the sample was built to show. Exit 0 when it is (the demo
 * worked), 1 when the scan disagrees with the sample (the tool is broken).
 */
export async function runDemo(args: DemoArgs, io: CliIO): Promise<number> {
  const dir = path.resolve(args.dir);
  const files = await writeSampleServer(dir, { patched: args.patched });
  const manifest = await loadBundledManifest();
  const { report } = await verify({ manifests: [manifest], target: dir });
  await emit(io, REPORT_WRITERS[args.format]!.write(report, { color: colourAllowed(io, false) }), undefined);

  const expected = expectedStatuses(args.patched);
  const wrong = report.manifests[0]!.rows.filter((row) => expected[row.name] !== row.status);
  const scanExit = report.gate.pass ? EXIT.ok : EXIT.findings;
  if (wrong.length > 0 || scanExit !== (args.patched ? EXIT.ok : EXIT.findings)) {
    io.stderr.write(
      `demo: the scan did not find what the sample image holds: ` +
        `${wrong.map((row) => `${row.name} is ${row.status}, expected ${expected[row.name]}`).join('; ')}\n`,
    );
    return EXIT.findings;
  }
  if (args.format === 'table') {
    io.stderr.write(
      `\nThe demo wrote a sample Exchange 5.0 server (${files.length} files) to ${dir}` +
        (args.patched
          ? ` with every Q254943 file in place; \`npx hotfix-verify scan ${dir}\` exits ${scanExit}.\n`
          : ` that is half-patched on purpose; \`npx hotfix-verify scan ${dir}\` exits ${scanExit} on it.\n` +
            `Try \`npx hotfix-verify demo --patched\` for a server that meets the fix.\n`),
    );
  }
  return EXIT.ok;
}
