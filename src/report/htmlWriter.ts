/**
 * HTML for people who would rather look than read: one self-contained page (no script, style sheet,
 * font or image is loaded from anywhere, and a Content-Security-Policy says so to the browser),
 * readable with scripts off, styled inline and for print. The verdict comes first, then per fix
 * and per file what was found, where and why, in the words of src/report/messages.ts. The report's
 * JSON is embedded for machines in a <script type="application/json"> block, escaped so that no
 * string in it can close the block. Every string the scanned data contributes (file names, version
 * strings, the host, ignore reasons) goes through escapeHtml: a hostile name cannot inject markup.
 * The page shell and helpers are shared with the fleet's HTML (src/fleet/writers/htmlWriter.ts).
 */
import type { CopyFinding, ManifestFinding, RowFinding } from '../model/finding.js';
import type { ScanReport } from '../model/report.js';
import { escapeControls } from './escapeControls.js';
import { foundOf, rowLabel } from './findings.js';
import { reportJson } from './jsonWriter.js';
import {
  copyDetail,
  gateSummary,
  incompleteBanner,
  manifestSummary,
  noteText,
  outcomeText,
  reportSummary,
  roleText,
  rowDetail,
} from './messages.js';
import type { ReportWriter } from './writer.js';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an HTML element or a quoted attribute: control and bidi characters written visibly, then &, <, >, " and ' as entities. */
export function escapeHtml(text: string): string {
  return escapeControls(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch] as string);
}

/**
 * JSON for a <script type="application/json"> block. "<" (so no "</script>" or "<!--" can end or bend
 * the block), ">" and "&", U+2028/U+2029 (line terminators to older JavaScript parsers), and DEL, the C1
 * controls and the bidi overrides (which would reorder the page's source in a viewer) are written as
 * \u escapes. They can only occur inside JSON strings, where the escape means the same character.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The one style sheet of every page: plain, readable on screen, and black-on-white in print with the verdict colours kept. */
const STYLE = `
:root { color-scheme: light; --pass: #17692b; --fail: #b3261e; --warn: #8a5a00; --na: #5f6368; --line: #d0d7de; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 78rem; padding: 1.5rem;
  font: 15px/1.45 system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2328; background: #fff; }
header.verdict { border: 3px solid var(--fail); border-radius: 8px; padding: 1rem 1.25rem; margin-bottom: 1.5rem; }
header.verdict.pass { border-color: var(--pass); }
.badge { display: inline-block; font-weight: 700; letter-spacing: .06em; color: #fff; background: var(--fail); padding: .15rem .6rem;
  border-radius: 4px; margin: 0 0 .5rem; }
.pass .badge { background: var(--pass); }
h1 { font-size: 1.35rem; margin: .2rem 0 .4rem; }
h2 { font-size: 1.15rem; margin: 1.8rem 0 .3rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
p { margin: .3rem 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .8rem 0 0; }
dl.facts dt { font-weight: 600; color: #57606a; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
/* break-word, not anywhere: a host or file name breaks only when it cannot fit, instead of making its column one letter wide. */
th, td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
thead th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.nowrap { white-space: nowrap; }
code { font: .88em/1.3 ui-monospace, "Cascadia Mono", Consolas, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
.status { font-weight: 600; white-space: nowrap; }
.s-meets, .s-passes { color: var(--pass); }
.s-outdated, .s-missing, .s-unexpected, .s-falls-short, .s-fails, .s-blocking,
.s-bad-report, .s-too-old, .s-no-report { color: var(--fail); }
.s-unverifiable { color: var(--warn); }
.s-not-applicable, .s-suppressed, .s-not-gated { color: var(--na); }
.summary { font-weight: 600; }
.note { display: block; color: #57606a; font-size: .88em; }
ul.problems li { color: var(--fail); }
nav ul { columns: 2; margin: .3rem 0; }
footer { margin-top: 2rem; color: #57606a; font-size: .85em; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  header.verdict, tr, .host { break-inside: avoid; }
  thead { display: table-header-group; }
  h2, h3 { break-after: avoid; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
}
`;

/** Nothing may be loaded, no script runs, no form posts: only the inline style applies. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** What a page needs: its title, the verdict banner's state and words, the body, and the JSON to embed. */
export interface HtmlPage {
  readonly title: string;
  readonly pass: boolean;
  /** The banner's word ("PASSED", "FLEET MEETS"); plain text, escaped here. */
  readonly badge: string;
  /** The verdict line under the banner; plain text, escaped here. */
  readonly headline: string;
  /** Lines under the headline (the gate); plain text, escaped here. */
  readonly lines: readonly string[];
  /** Facts beside the verdict (host, target, when); plain text, escaped here. */
  readonly facts: readonly (readonly [string, string])[];
  /** The rest of the page, already HTML. */
  readonly body: string;
  /** The embedded JSON's element id and value. */
  readonly jsonId: string;
  readonly json: unknown;
  /** The tool's version, for the generator line. */
  readonly toolVersion: string;
}

/** A whole page: doctype, a policy that forbids loading anything, the style, the verdict first, the body, the embedded JSON. */
export function htmlPage(page: HtmlPage): string {
  const facts = page.facts.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="hotfix-verify ${escapeHtml(page.toolVersion)}">`,
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<header class="verdict ${page.pass ? 'pass' : 'fail'}">`,
    `<p class="badge">${escapeHtml(page.badge)}</p>`,
    `<h1>${escapeHtml(page.headline)}</h1>`,
    ...page.lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    facts ? `<dl class="facts">${facts}</dl>` : '',
    '</header>',
    '<main>',
    page.body,
    '</main>',
    `<footer>Written by hotfix-verify ${escapeHtml(page.toolVersion)}. The report as JSON is embedded in this file ` +
      `(<code>script#${escapeHtml(page.jsonId)}</code>).</footer>`,
    `<script type="application/json" id="${escapeHtml(page.jsonId)}">${embedJson(page.json)}</script>`,
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** A status as a coloured word; the word carries the meaning, the colour only helps. */
export function statusSpan(word: string, kind: string): string {
  return `<span class="status s-${escapeHtml(kind)}">${escapeHtml(word)}</span>`;
}

/** What was found: the date that decided, the fixed version (with a disagreeing string version), or "present". */
function found(copy: CopyFinding): string {
  const { shown, differingString } = foundOf(copy);
  return differingString !== undefined
    ? `${escapeHtml(shown)} <span class="note">string "${escapeHtml(differingString)}"</span>`
    : escapeHtml(shown);
}

/** The small print under a why: the gate's outcome when it is not a pass, the suppression, a role, notes. */
function smallPrint(lines: readonly (string | undefined)[]): string {
  return lines
    .filter((line): line is string => line !== undefined && line !== '')
    .map((line) => `<span class="note">${escapeHtml(line)}</span>`)
    .join('');
}

function suppressionLine(row: RowFinding, copy?: CopyFinding): string | undefined {
  const s = copy?.suppression ?? row.suppression;
  if (!s || (copy && copy.status === 'meets')) return undefined;
  return s.expired ? `ignore entry ${s.entry} expired on ${s.expires}: shown again` : `suppressed by ${s.entry}: ${s.reason}`;
}

function rowLines(row: RowFinding, failOn: readonly string[]): string[] {
  const name = escapeHtml(rowLabel(row));
  const required = escapeHtml(row.required ?? 'N/A');
  const outcome = row.outcome && row.outcome.kind !== 'passes' ? outcomeText(row.outcome, failOn) : undefined;
  const head =
    row.copies.length === 0 || row.status === 'missing'
      ? [
          `<tr><td>${name}</td><td>${required}</td><td>-</td><td>-</td><td>${statusSpan(row.status, row.status)}</td>` +
            `<td>${escapeHtml(rowDetail(row))}${smallPrint([outcome, suppressionLine(row)])}</td></tr>`,
        ]
      : [];
  const copies = row.copies.map((copy, index) => {
    const first = index === 0 && head.length === 0;
    const installed = copy.role === 'installed';
    const status = installed ? statusSpan(copy.status, copy.status) : statusSpan(`${copy.status} (${copy.role})`, 'not-applicable');
    const copyOutcome = copy.outcome && copy.outcome.kind !== 'passes' && installed ? outcomeText(copy.outcome, failOn) : undefined;
    return (
      `<tr><td>${first ? name : ''}</td><td>${first ? required : ''}</td><td>${found(copy)}</td>` +
      `<td><code>${escapeHtml(copy.path)}</code></td>` +
      `<td>${status}</td><td>${escapeHtml(copyDetail(copy))}` +
      smallPrint([
        roleText(copy.role),
        ...copy.notes.map((note) => `note: ${noteText(note)}`),
        copyOutcome,
        installed && copy.status !== 'meets' ? suppressionLine(row, copy) : undefined,
      ]) +
      '</td></tr>'
    );
  });
  return [...head, ...copies];
}

function fixSection(manifest: ManifestFinding, index: number, failOn: readonly string[], complete: boolean): string {
  return [
    `<section class="fix" id="fix-${index + 1}">`,
    `<h2>${escapeHtml(`${manifest.id}: ${manifest.title}`)}</h2>`,
    `<p class="summary s-${manifest.verdict}">${escapeHtml(manifestSummary(manifest, complete))}</p>`,
    '<table>',
    '<thead><tr><th>File</th><th>Required</th><th>Found</th><th>Where</th><th>Status</th><th>Why</th></tr></thead>',
    '<tbody>',
    ...manifest.rows.flatMap((row) => rowLines(row, failOn)),
    '</tbody>',
    '</table>',
    '</section>',
  ].join('\n');
}

/** The body of a scan's page: what could not be listed, a contents list for several fixes, each fix, the ignore entries. */
function scanBody(report: ScanReport): string {
  const failOn = report.gate.failOn;
  const parts: string[] = [];
  if (report.problems.length > 0) {
    parts.push(
      '<h2>Not listed</h2>',
      '<ul class="problems">',
      ...report.problems.map((problem) => `<li>incomplete: <code>${escapeHtml(problem.path)}</code>: ${escapeHtml(problem.message)}</li>`),
      '</ul>',
    );
  }
  if (report.manifests.length > 1) {
    parts.push(
      '<nav><h2>Fixes</h2><ul>',
      ...report.manifests.map((m, i) => `<li><a href="#fix-${i + 1}">${escapeHtml(m.id)}</a>: ${statusSpan(m.verdict, m.verdict)}</li>`),
      '</ul></nav>',
    );
  }
  // A fix that falls short first: an auditor reads what fails before what passes.
  const order = report.manifests.map((manifest, index) => ({ manifest, index }));
  order.sort((a, b) => Number(b.manifest.verdict === 'falls-short') - Number(a.manifest.verdict === 'falls-short') || a.index - b.index);
  parts.push(...order.map(({ manifest, index }) => fixSection(manifest, index, failOn, report.complete)));
  if (report.ignoreEntries && report.ignoreEntries.length > 0) {
    parts.push(
      '<h2>Ignore file</h2>',
      '<table><thead><tr><th>Entry</th><th>Fix</th><th>File</th><th>Reason</th><th>Expires</th><th>Matched</th></tr></thead><tbody>',
      ...report.ignoreEntries.map(
        (e) =>
          `<tr><td>${escapeHtml(e.id)}</td><td>${escapeHtml(e.manifest)}</td><td>${escapeHtml(e.path ?? e.file)}</td>` +
          `<td>${escapeHtml(e.reason)}</td><td>${escapeHtml(e.expires ?? '-')}${e.expired ? ' (expired)' : ''}</td>` +
          `<td class="num">${e.matched}</td></tr>`,
      ),
      '</tbody></table>',
    );
  }
  return parts.join('\n');
}

/** The scan's facts beside its verdict. */
function scanFacts(report: ScanReport): [string, string][] {
  return [
    ...(report.host !== undefined ? [['Host', report.host] as [string, string]] : []),
    ['Target', report.target],
    ...(report.platform !== undefined ? [['Platform', report.platform] as [string, string]] : []),
    ...(report.generatedAt !== undefined ? [['Generated', report.generatedAt] as [string, string]] : []),
    ['Fixes', String(report.manifests.length)],
    ['Report', `hotfix-verify ${report.tool.version}, schemaVersion ${report.schemaVersion}`],
  ];
}

/** Writes a scan report as one self-contained HTML page. */
export function writeScanHtml(report: ScanReport): string {
  const gate = report.gate;
  const word = gate.pass ? 'passed' : 'failed';
  return htmlPage({
    title: `hotfix-verify: ${report.host ?? report.target}: ${word}`,
    pass: gate.pass,
    badge: word.toUpperCase(),
    headline: incompleteBanner(report) ?? reportSummary(report),
    lines: [...(report.complete ? [] : [reportSummary(report)]), `Gate (fails on ${gate.failOn.join(', ')}): ${gateSummary(gate)}.`],
    facts: scanFacts(report),
    body: scanBody(report),
    jsonId: 'hotfix-verify-report',
    json: reportJson(report),
    toolVersion: report.tool.version,
  });
}

/** The HTML writer for the registry. */
export const htmlWriter: ReportWriter = {
  name: 'html',
  description: 'one self-contained HTML page (verdict first, every fix and file; prints well; the JSON embedded), for people',
  write: (report) => writeScanHtml(report),
};
