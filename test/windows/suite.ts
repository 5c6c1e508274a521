// The Windows suite, run once with the real Windows build of Node (bin/hotfix-verify.js under node.exe) and once with
// dist/hotfix-verify.exe (copied alone into an empty folder: no Node, no checkout beside it), both under wine.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expectedStatuses, writeSampleServer } from '../../src/demo/sampleServer.js';
import type { ScanReport } from '../../src/model/report.js';
import { NAME_VERSION } from '../fixtures-kb/articles.js';
import { exchangeServer } from '../helpers/serverTree.js';
import { tarTree, zipTree } from '../helpers/imageBuilders.js';
import { tempDir } from '../helpers/tempDir.js';
import { holdExclusively, mapShare, prepareWine, programErrors, ROOT, runWindows, windowsPath, WINDOWS_SUITE_SKIP } from './wine.js';
import type { WindowsRun } from './wine.js';
import { copyDetail } from '../../src/report/messages.js';

/** How the suite runs hotfix-verify. */
export type Runtime = 'node.exe' | 'hotfix-verify.exe';

/** Row name → status of the (first) manifest of a report. */
function statuses(report: ScanReport): Record<string, string> {
  return Object.fromEntries(report.manifests[0]!.rows.map((row) => [row.name, row.status]));
}

/** Every copy path of a report. */
function copyPaths(report: ScanReport): string[] {
  return report.manifests.flatMap((manifest) => manifest.rows.flatMap((row) => row.copies.map((copy) => copy.path)));
}

/** Defines the suite for one runtime (skipped unless run by `npm run test:windows`). */
export function defineWindowsSuite(runtime: Runtime): void {
  describe(`on Windows (wine), with ${runtime}`, { skip: WINDOWS_SUITE_SKIP, concurrency: false }, () => {
    let program: string[] = [];
    let nodeExe = '';
    let work = '';
    /** A Windows server share reaching `work`, removed at the end. */
    const server = `hv${process.pid}`;
    let unmap = () => {};

    const run = (args: readonly string[], options: { cwd?: string } = {}): WindowsRun => runWindows(program, args, options);
    const win = (relative: string) => windowsPath(path.join(work, relative));
    const json = async (relative: string): Promise<ScanReport> =>
      JSON.parse(await readFile(path.join(work, relative), 'utf8')) as ScanReport;
    /** Asserts the exit code, showing what the program wrote when it is another. */
    const exits = (result: WindowsRun, code: number) =>
      assert.equal(result.status, code, `exit ${String(result.status)}; stdout:\n${result.stdout}\nstderr:\n${result.stderr}`);

    before(async () => {
      const wine = prepareWine();
      nodeExe = wine.nodeExe;
      work = await tempDir('hv-windows-');
      if (runtime === 'node.exe') program = [nodeExe, windowsPath(path.join(ROOT, 'bin', 'hotfix-verify.js'))];
      else {
        const alone = path.join(work, 'bin');
        await mkdir(alone);
        await copyFile(wine.sea, path.join(alone, 'hotfix-verify.exe'));
        program = [path.join(alone, 'hotfix-verify.exe')];
      }
      unmap = mapShare(server, 'd$', work);
    });
    after(() => unmap());

    it('demo writes the sample server to a drive-letter path and checks it (exit 0)', () => {
      const result = run(['demo', win('half')]);
      exits(result, 0);
      assert.match(result.stdout, /falls short/);
      exits(run(['demo', '--patched', win('patched')]), 0);
    });

    const spellings: [what: string, typed: () => string, cwd?: () => string][] = [
      ['a drive letter', () => win('half')],
      ['upper case', () => win('half').toUpperCase()],
      ['a \\\\?\\ long path', () => `\\\\?\\${win('half')}`],
      ['a relative path', () => 'half', () => work],
      ['a relative path with .\\', () => '.\\half\\', () => work],
      ['an admin share \\\\server\\d$', () => `\\\\${server}\\d$\\half`],
      ['a \\\\?\\UNC\\server\\d$ path', () => `\\\\?\\UNC\\${server}\\d$\\half`],
    ];
    spellings.forEach(([what, typed, cwd], index) => {
      it(`scan by ${what}: every folder listed, paths relative with "/", JSON and JUnit at Windows paths (exit 1)`, async () => {
        const target = typed();
        const result = run(
          ['scan', target, '-f', 'json', '-o', win(`scan-${index}.json`), '--report', `junit=${win(`scan-${index}.xml`)}`],
          {
            ...(cwd ? { cwd: cwd() } : {}),
          },
        );
        exits(result, 1);
        const report = await json(`scan-${index}.json`);
        // The absolute target as the user typed it: a relative one resolved against the working folder.
        assert.equal(report.target, cwd ? win('half') : target);
        assert.equal(report.complete, true);
        assert.deepEqual(report.problems, []);
        assert.deepEqual(statuses(report), expectedStatuses(false));
        for (const copy of copyPaths(report)) assert.match(copy, /^exchsrvr\/(bin|mtadata)\/[a-z0-9_]+\.[a-z0-9]+$/i);
        const junit = await readFile(path.join(work, `scan-${index}.xml`), 'utf8');
        assert.match(junit, /<testsuite[^>]*name="Q254943"/);
        assert.match(junit, /exchsrvr\/bin\/mtacheck\.exe/);
      });
    });

    it('scan of a server that meets the fix exits 0; the bundled catalog is there (exit 1 on the half-patched one)', async () => {
      exits(run(['scan', win('patched'), '-q']), 0);
      exits(run(['scan', win('half'), '--catalog', '-f', 'json', '-o', win('catalog.json')]), 1);
      assert.equal((await json('catalog.json')).manifests.length, 29);
    });

    it('a target that does not exist, or a share no server answers for: exit 2, one line naming the path', () => {
      const missing = run(['scan', 'Q:\\no\\such\\server']);
      exits(missing, 2);
      assert.deepEqual(programErrors(missing), ['hotfix-verify: Q:\\no\\such\\server: cannot be scanned: does not exist']);
      const share = `\\\\nohost${process.pid}\\d$\\exchsrvr`;
      const unreachable = run(['scan', share]);
      exits(unreachable, 2);
      const lines = programErrors(unreachable);
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.ok(lines[0]!.startsWith(`hotfix-verify: ${share}: cannot be scanned: `), lines[0]);
    });

    for (const format of ['zip', 'tar'] as const) {
      it(`scan of a ${format} image at a Windows path (exit 1 for an outdated file)`, async () => {
        const files = exchangeServer({ 'Mtacheck.exe': '5.0.1462.9' });
        const bytes = format === 'zip' ? await zipTree(files) : await tarTree(files);
        await writeFile(path.join(work, `image.${format}`), bytes);
        const result = run(['scan', win(`image.${format}`), '-f', 'json', '-o', win(`image-${format}.json`)]);
        exits(result, 1);
        const report = await json(`image-${format}.json`);
        assert.equal(statuses(report)['Mtacheck.exe'], 'outdated');
        assert.equal(Object.values(statuses(report)).filter((status) => status === 'meets').length, 15);
      });
    }

    it('a file a running service holds open (a sharing violation) is unverifiable "in use", and the scan goes on (exit 1)', async () => {
      await writeSampleServer(path.join(work, 'locked'), { patched: true });
      const release = await holdExclusively(nodeExe, path.join(work, 'locked', 'exchsrvr', 'bin', 'emsmta.exe'));
      let result: WindowsRun;
      try {
        result = run(['scan', win('locked'), '-f', 'json', '-o', win('locked.json')]);
      } finally {
        await release();
      }
      exits(result, 1);
      const report = await json('locked.json');
      assert.equal(report.complete, true);
      const row = report.manifests[0]!.rows.find((each) => each.name === 'Emsmta.exe')!;
      assert.equal(row.status, 'unverifiable');
      assert.match(copyDetail(row.copies[0]!), /in use by another program/);
      assert.equal(Object.values(statuses(report)).filter((status) => status === 'meets').length, 15);
    });

    it('inspect a file and a tree at Windows paths (exit 0)', () => {
      const one = run(['inspect', win('patched\\exchsrvr\\bin\\emsmta.exe')]);
      exits(one, 0);
      assert.match(one.stdout, /5\.0\.1462\.10/);
      const root = `\\\\?\\${win('patched')}`;
      const tree = run(['inspect', '--recursive', root, '-f', 'jsonl', '-q']);
      exits(tree, 0);
      const records = tree.stdout
        .split(/\r?\n/)
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as { path: string });
      assert.ok(records.some((record) => record.path.toLowerCase() === `${root}\\exchsrvr\\bin\\emsmta.exe`.toLowerCase()));
      for (const record of records) assert.ok(record.path.startsWith(`${root}\\`), record.path);
    });

    it('snapshot to a Windows path, and a scan against it (exit 0)', async () => {
      exits(run(['snapshot', win('patched'), '-o', win('snapshot.json')]), 0);
      const snapshot = JSON.parse(await readFile(path.join(work, 'snapshot.json'), 'utf8')) as { files: { path: string }[] };
      // Relative, "/"-separated paths (the demo's own marker file sits at the top).
      for (const file of snapshot.files) assert.match(file.path, /^(\.hotfix-verify-demo|[a-z0-9_]+(\/[a-z0-9_.]+)+)$/i);
      exits(run(['scan', win('patched'), '-m', win('snapshot.json'), '-q']), 0);
    });

    it('import a KB article into a folder at a Windows path (exit 0)', async () => {
      await writeFile(path.join(work, 'Q900102.TXT'), NAME_VERSION);
      exits(run(['import', win('Q900102.TXT'), '--out', win('imported')]), 0);
      assert.deepEqual(await readdir(path.join(work, 'imported')), ['Q900102.json']);
    });

    it('bad usage is exit 2', () => {
      exits(run(['scan', win('half'), '--fail-on', 'nothing']), 2);
    });
  });
}
