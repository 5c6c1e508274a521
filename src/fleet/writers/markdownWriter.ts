/**
 * The fleet as Markdown for a GitHub step summary: the verdict, then a line per host, hosts that
 * fail first. Cut at a line below GitHub's 1 MiB step-summary limit (10,000 hosts do not fit), with a note.
 */
import type { FleetReport, HostResult } from '../../model/fleet.js';
import { cell, MARKDOWN_MAX_BYTES } from '../../report/markdownWriter.js';
import { ageText, fleetSummary, HOST_STATE_WORDS, hostNotes, hostWhy } from '../../report/messages.js';
import type { FleetWriter } from './writer.js';

function row(host: HostResult): string {
  const fixes = host.fixes;
  const why = [hostWhy(host), ...hostNotes(host).map((note) => `note: ${note}`)].join('\n');
  return (
    `| ${cell(host.host)} | ${host.pass ? '✅' : '❌'} ${HOST_STATE_WORDS[host.state]} | ` +
    `${fixes?.meets ?? '-'} | ${fixes?.fallsShort ?? '-'} | ` +
    `${fixes?.notApplicable ?? '-'} | ${cell(why)} | ${host.state === 'no-report' ? '-' : ageText(host.ageSeconds)} |`
  );
}

/** Writes the fleet as GitHub-flavoured Markdown, at most `maxBytes`. */
export function writeFleetMarkdown(fleet: FleetReport, maxBytes = MARKDOWN_MAX_BYTES): string {
  const head = [
    `## ${fleet.pass ? '✅' : '❌'} hotfix-verify fleet: ${fleet.pass ? 'meets' : 'falls short'}`,
    '',
    cell(fleetSummary(fleet)),
    '',
  ];
  if (fleet.hosts.length === 0) return `${head.join('\n')}\n`;
  head.push(
    '| Host | Verdict | Fixes met | Falling short | Not applicable | Worst finding | Report age |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  // Room for the note, whatever is cut.
  let budget = maxBytes - Buffer.byteLength(head.join('\n'), 'utf8') - 512;
  const lines: string[] = [];
  let cut = 0;
  for (const host of fleet.hosts) {
    const text = row(host);
    const size = Buffer.byteLength(text, 'utf8') + 1;
    if (cut > 0 || size > budget) {
      cut++;
      continue;
    }
    lines.push(text);
    budget -= size;
  }
  const note =
    cut > 0
      ? `\n> ✂️ Cut here: ${cut} more host${cut === 1 ? '' : 's'} not shown, to stay under GitHub's 1 MiB step-summary limit. ` +
        'The JSON, CSV or HTML report has every host.\n'
      : '';
  return `${[...head, ...lines].join('\n')}\n${note}`;
}

/** The fleet Markdown writer for the registry. */
export const fleetMarkdownWriter: FleetWriter = {
  name: 'markdown',
  description: 'Markdown for a GitHub step summary: the verdict and a line per host (kept under 1 MiB)',
  write: (fleet) => writeFleetMarkdown(fleet),
};
