// The HTML page: self-contained, every scanned string escaped, the JSON embedded so that it parses back to the report.
// (Its golden files are written by writers.test.ts over every gate situation; the browser test is test/report/htmlBrowser.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportJson } from '../../src/report/jsonWriter.js';
import { embedJson, escapeHtml, writeScanHtml } from '../../src/report/htmlWriter.js';
import { SITUATIONS, situationReport } from '../helpers/situations.js';

/** The text of the embedded JSON block, and every <script opening tag of the page. */
function scripts(html: string): { json: string; tags: string[] } {
  const tags = html.match(/<script\b[^>]*>/gi) ?? [];
  const match = /<script type="application\/json" id="hotfix-verify-report">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(match, 'the JSON block is there');
  return { json: match[1]!, tags };
}

test('hostile names cannot inject markup: one script element (the JSON), no raw tags, controls or line separators', async () => {
  const report = await situationReport(SITUATIONS.find((s) => s.name === 'hostile-names')!);
  const html = writeScanHtml(report);
  const { json, tags } = scripts(html);
  assert.deepEqual(tags, ['<script type="application/json" id="hotfix-verify-report">']);
  assert.equal(html.match(/<\/script>/g)?.length, 1, 'the only </script> closes the JSON block');
  assert.doesNotMatch(html, /<img|<b>|alert\(1\)<\/script>/);
  assert.doesNotMatch(html, /[\u001b\u202e\u2028\u2029]/, 'no ESC, bidi override or line/paragraph separator reaches the page');
  // What the data said is still there, visibly escaped.
  assert.match(html, /&lt;\/script&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;\/exchsrvr\/bin\/mtamsg\.dll/);
  assert.match(html, /<dd>EXCH&lt;b&gt;01&lt;\/b&gt;\\u\{2029\}&amp;amp;<\/dd>/);
  assert.match(html, /\\x1B\[32mOK\\x1B\[0m\/exchsrvr\/bin\/emsmta\.exe/);
  // The embedded JSON is the JSON report, exactly.
  assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(reportJson(report))));
});

test('the page loads nothing from anywhere and needs no script', async () => {
  for (const situation of SITUATIONS) {
    const page = writeScanHtml(await situationReport(situation));
    // The embedded JSON holds the data as it is (an "<img src=x>" version string, escaped as \u003c): look at the markup.
    const html = page.slice(0, page.indexOf('<script type="application/json"'));
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';/);
    assert.doesNotMatch(html, /<link|<img|<iframe|<object|\ssrc=|@import|url\(|https?:\/\//i, situation.name);
    // The verdict comes before any fix.
    assert.ok(html.indexOf('class="badge"') < html.indexOf('<section'), situation.name);
    assert.match(html, situation.exit === 0 ? /<p class="badge">PASSED<\/p>/ : /<p class="badge">FAILED<\/p>/);
  }
});

test('embedJson keeps JSON exact while no string can close the block', () => {
  const value = { a: '</script><!-- & > \u2028\u2029', b: ['<', '\u001b', '\u202e\u0085'] };
  const text = embedJson(value);
  assert.doesNotMatch(text, /[<>&\u2028\u2029\u001b\u202e\u0085]/);
  assert.deepEqual(JSON.parse(text), value);
  assert.equal(escapeHtml(`<a href="x">'&'</a>\u001b`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\\x1B');
});
