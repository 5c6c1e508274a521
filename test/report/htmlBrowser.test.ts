// The HTML pages in a real browser: Debian's headless Chromium loads each page from a file; the test reads the rendered
// DOM (--dump-dom) and keeps a screenshot and a printed PDF under test-output/html/ (CI's artifacts; the folder is not
// committed). Each page's own Content-Security-Policy forbids every script, so what Chromium renders is what a browser
// with scripts off shows (Chromium's --dump-dom and --screenshot need scripts on for their own work, so they stay on).
// .ci/run installs the `chromium` package; without it the test is skipped
// locally and fails when CI=true.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { aggregate } from '../../src/fleet/aggregate.js';
import { writeFleetHtml } from '../../src/fleet/writers/htmlWriter.js';
import { writeScanHtml } from '../../src/report/htmlWriter.js';
import { SITUATIONS, situationReport } from '../helpers/situations.js';
import { tempDir } from '../helpers/tempDir.js';
import { FLEET_NOW, hostReport, writeFiles } from '../fleet/fleetReports.js';

/** Where the screenshots and PDFs are kept: test-output/html/ at the top of the repository. */
export const HTML_OUTPUT_DIR = fileURLToPath(new URL('../../../test-output/html/', import.meta.url));

/** The Chromium to run: $CHROMIUM, else Debian's chromium or chromium-headless-shell. */
function findChromium(): string | undefined {
  const candidates = [process.env['CHROMIUM'], 'chromium', 'chromium-headless-shell', 'chromium-browser'].filter(Boolean) as string[];
  return candidates.find((name) => spawnSync(name, ['--version'], { stdio: 'ignore', timeout: 30_000 }).status === 0);
}

const CHROMIUM = findChromium();

/** Runs headless Chromium on a page with a fresh profile; as root it needs --no-sandbox, and no flag lets it reach the network. */
async function chromium(page: string, extra: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const profile = await tempDir('hv-chromium-');
  const result = spawnSync(
    CHROMIUM as string,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
      ...extra,
      pathToFileURL(page).href,
    ],
    { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The rendered page: the DOM as Chromium serialises it, and its visible text (tags dropped, entities for <>& decoded). */
async function render(page: string): Promise<{ dom: string; text: string }> {
  const result = await chromium(page, ['--dump-dom']);
  assert.equal(result.status, 0, result.stderr);
  const dom = result.stdout;
  assert.match(
    dom,
    /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/,
    'the page forbids every script and every load',
  );
  const body = dom.slice(dom.indexOf('<body'), dom.indexOf('<script type="application/json"'));
  const text = body
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
  return { dom, text };
}

/** A screenshot and a printed PDF of the page, kept under test-output/html/. */
async function keep(page: string, name: string): Promise<void> {
  await mkdir(HTML_OUTPUT_DIR, { recursive: true });
  const png = path.join(HTML_OUTPUT_DIR, `${name}.png`);
  const pdf = path.join(HTML_OUTPUT_DIR, `${name}.pdf`);
  const shot = await chromium(page, ['--window-size=1280,1600', '--hide-scrollbars', `--screenshot=${png}`]);
  assert.equal(shot.status, 0, shot.stderr);
  const png8 = (await readFile(png)).subarray(0, 8);
  assert.deepEqual([...png8], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${png} is a PNG`);
  const printed = await chromium(page, ['--no-pdf-header-footer', `--print-to-pdf=${pdf}`]);
  assert.equal(printed.status, 0, printed.stderr);
  assert.equal((await readFile(pdf)).subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok((await stat(pdf)).size > 10_000, `${pdf} has pages`);
}

describe('the HTML pages in headless Chromium', {
  skip: CHROMIUM === undefined && process.env['CI'] !== 'true' && 'chromium not installed (apt-get install chromium)',
}, () => {
  it('finds Chromium (CI must not skip this)', () => {
    assert.ok(CHROMIUM, 'headless Chromium is required in CI: .ci/run installs the chromium package');
  });

  it('a scan that falls short: verdict first, then every file with what, where and why', async () => {
    const dir = await tempDir('hv-html-scan-');
    const page = path.join(dir, 'fails.html');
    await writeFile(page, writeScanHtml(await situationReport(SITUATIONS.find((s) => s.name === 'fails')!)));
    const { text } = await render(page);
    assert.match(
      text,
      /^ ?FAILED Verdict: \/srv\/fails falls short of the fix\. Gate \(fails on outdated, missing, unverifiable, unexpected\)/,
    );
    assert.match(
      text,
      /Mtacheck\.exe 5\.0\.1462\.10 5\.0\.1462\.9 exchsrvr\/bin\/mtacheck\.exe outdated fixed file version 5\.0\.1462\.9 is older/,
    );
    assert.match(text, /Dcprods\.cat N\/A - - missing not found anywhere under the target/);
    assert.match(text, /Host EXCH01 Target \/srv\/fails/);
    await keep(page, 'scan-fails');
  });

  it('hostile names are text in the rendered page: no element, no script they brought', async () => {
    const dir = await tempDir('hv-html-hostile-');
    const page = path.join(dir, 'hostile.html');
    await writeFile(page, writeScanHtml(await situationReport(SITUATIONS.find((s) => s.name === 'hostile-names')!)));
    const { dom, text } = await render(page);
    assert.deepEqual(dom.match(/<script\b[^>]*>/g), ['<script type="application/json" id="hotfix-verify-report">']);
    assert.doesNotMatch(dom, /<img|<b>/);
    assert.match(text, /<\/script><script>alert\(1\)<\/script>\/exchsrvr\/bin\/mtamsg\.dll/);
    assert.match(text, /Host EXCH<b>01<\/b>\\u\{2029\}&amp;/);
    await keep(page, 'scan-hostile-names');
  });

  it('a fleet: its verdict first, a line per host, each host in detail', async () => {
    const dir = await tempDir('hv-html-fleet-');
    await writeFiles(dir, {
      'EXCH01.json': await hostReport('passes', 'EXCH01'),
      'EXCH02.json': await hostReport('fails', 'EXCH02'),
      'EXCH03.json': (await hostReport('passes', 'EXCH03')).slice(0, 700),
    });
    const page = path.join(await tempDir('hv-html-fleet-page-'), 'fleet.html');
    await writeFile(
      page,
      writeFleetHtml(await aggregate({ reports: [dir], now: FLEET_NOW, expectHosts: ['EXCH01', 'EXCH02', 'EXCH03', 'EXCH04'] })),
    );
    const { text } = await render(page);
    assert.match(
      text,
      /^ ?FLEET FALLS SHORT Fleet falls short: 1 of 4 hosts meets; 1 host falls short, 1 host sent a report that cannot be used, 1 /,
    );
    assert.match(text, /EXCH04 NO REPORT - - - no report: the host is named in --expect-hosts/);
    assert.match(text, /EXCH03 BAD REPORT - - - the report is cut short/);
    assert.match(
      text,
      /EXCH02 FALLS SHORT 0 1 0 Q254943 Mtacheck\.exe at exchsrvr\/bin\/mtacheck\.exe: outdated: fixed file version 5\.0\.1462\.9 is older/,
    );
    assert.match(text, /EXCH01 meets 1 0 0 - 6 hours/);
    await keep(page, 'fleet');
  });
});
