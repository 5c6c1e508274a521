/**
 * The fleet as one self-contained HTML page (the scan page's shell, src/report/htmlWriter.ts): the
 * fleet's verdict first, a line per host, then each host: its report, why it does not count or what
 * its gate decided, its fixes, and its findings (file, where, why) in the table's words.
 */
import type { FleetReport, HostResult } from '../../model/fleet.js';
import { escapeHtml, htmlPage, statusSpan } from '../../report/htmlWriter.js';
import {
  ageText,
  fleetFindingWhy,
  fixCountsText,
  fleetSummary,
  HOST_STATE_WORDS,
  hostGateText,
  hostNotes,
  hostWhy,
  originText,
} from '../../report/messages.js';
import { fleetJson } from './jsonWriter.js';
import type { FleetWriter } from './writer.js';

function hostLine(host: HostResult, index: number): string {
  const fixes = host.fixes;
  const notes = hostNotes(host)
    .map((note) => `<span class="note">note: ${escapeHtml(note)}</span>`)
    .join('');
  return (
    `<tr><td><a href="#host-${index + 1}">${escapeHtml(host.host)}</a></td>` +
    `<td>${statusSpan(HOST_STATE_WORDS[host.state], host.state)}</td>` +
    `<td class="num">${fixes?.meets ?? '-'}</td><td class="num">${fixes?.fallsShort ?? '-'}</td>` +
    `<td class="num">${fixes?.notApplicable ?? '-'}</td><td>${escapeHtml(hostWhy(host))}${notes}</td>` +
    `<td class="nowrap">${host.state === 'no-report' ? '-' : escapeHtml(ageText(host.ageSeconds))}</td></tr>`
  );
}

function facts(host: HostResult): string {
  const items: [string, string][] = [];
  if (host.origin !== undefined) items.push(['Report', originText(host.origin)]);
  if (host.hostFrom === 'file-name') items.push(['Host named by', 'the file name (the report has no host)']);
  if (host.generatedAt !== undefined) items.push(['Generated', `${host.generatedAt} (${ageText(host.ageSeconds)} ago)`]);
  if (host.target !== undefined) items.push(['Target', host.target]);
  if (host.schemaVersion !== undefined)
    items.push(['Schema', `${host.schemaVersion}${host.toolVersion ? `, hotfix-verify ${host.toolVersion}` : ''}`]);
  if (host.gate !== undefined) items.push(['Gate', hostGateText(host.gate)]);
  if (items.length === 0) return '';
  return `<dl class="facts">${items.map(([t, v]) => `<dt>${escapeHtml(t)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
}

function hostSection(host: HostResult, index: number): string {
  const parts = [
    `<section class="host" id="host-${index + 1}">`,
    `<h2>${escapeHtml(host.host)}: ${statusSpan(HOST_STATE_WORDS[host.state], host.state)}</h2>`,
    `<p>${escapeHtml(host.state === 'meets' && host.fixes ? `fixes: ${fixCountsText(host.fixes)}` : hostWhy(host))}</p>`,
    ...hostNotes(host).map((note) => `<p class="note">note: ${escapeHtml(note)}</p>`),
    facts(host),
  ];
  if (host.fixList && host.fixList.length > 0) {
    parts.push(
      '<table><thead><tr><th>Fix</th><th>Verdict</th></tr></thead><tbody>',
      ...host.fixList.map((fix) => `<tr><td>${escapeHtml(fix.id)}</td><td>${statusSpan(fix.verdict, fix.verdict)}</td></tr>`),
      '</tbody></table>',
    );
  }
  const findings = host.findings ?? [];
  if (findings.length > 0) {
    parts.push(
      '<h3>Findings</h3>',
      '<table><thead><tr><th>Fix</th><th>File</th><th>Where</th><th>Status</th><th>Why</th></tr></thead><tbody>',
      ...findings.map(
        (f) =>
          `<tr><td>${escapeHtml(f.manifest)}</td><td>${escapeHtml(f.file)}</td>` +
          `<td>${f.path !== undefined ? `<code>${escapeHtml(f.path)}</code>` : '-'}</td>` +
          `<td>${statusSpan(f.status, f.status)}${f.blocking ? '' : '<span class="note">does not fail the gate</span>'}</td>` +
          `<td>${escapeHtml(fleetFindingWhy(f))}</td></tr>`,
      ),
      '</tbody></table>',
    );
    if ((host.moreFindings ?? 0) > 0)
      parts.push(`<p class="note">${host.moreFindings} more findings: the host's own report has them all.</p>`);
  }
  parts.push('</section>');
  return parts.filter(Boolean).join('\n');
}

/** Writes the fleet as one self-contained HTML page. */
export function writeFleetHtml(fleet: FleetReport): string {
  const body = [
    '<h2>Hosts</h2>',
    '<table><thead><tr><th>Host</th><th>Verdict</th><th>Fixes met</th><th>Falling short</th><th>Not applicable</th>' +
      '<th>Worst finding</th><th>Report age</th></tr></thead><tbody>',
    ...fleet.hosts.map(hostLine),
    '</tbody></table>',
    ...fleet.hosts.map(hostSection),
  ].join('\n');
  const counts = fleet.counts;
  return htmlPage({
    title: `hotfix-verify fleet: ${fleet.pass ? 'meets' : 'falls short'}`,
    pass: fleet.pass,
    badge: fleet.pass ? 'FLEET MEETS' : 'FLEET FALLS SHORT',
    headline: fleetSummary(fleet),
    lines: [],
    facts: [
      [
        'Hosts',
        `${counts.hosts}: ${counts.meets} meet, ${counts['falls-short']} fall short, ${counts['bad-report']} bad reports, ` +
          `${counts['too-old']} too old, ${counts['no-report']} no report`,
      ],
      ['Reports read', String(fleet.reportsRead)],
      ...(fleet.maxAge !== undefined ? [['Max age', fleet.maxAge.text] as [string, string]] : []),
      ...(fleet.expectHosts !== undefined ? [['Expected hosts', fleet.expectHosts] as [string, string]] : []),
      ['Generated', fleet.generatedAt],
    ],
    body,
    jsonId: 'hotfix-verify-fleet',
    json: fleetJson(fleet),
    toolVersion: fleet.tool.version,
  });
}

/** The fleet HTML writer for the registry. */
export const fleetHtmlWriter: FleetWriter = {
  name: 'html',
  description: 'one self-contained HTML page: the fleet verdict, a line per host, then each host in detail, for people',
  write: (fleet) => writeFleetHtml(fleet),
};
