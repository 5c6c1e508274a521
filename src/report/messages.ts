/**
 * Every sentence a report says: reason codes, notes, copy roles, gate outcomes and warnings turned
 * into words. Findings are data (a code and its arguments); this module is the only place that
 * writes prose about them, for every writer alike.
 */
import type { CopyFinding, CopyRole, ManifestFinding, MessageArgs, Note, ReasonCode, RowFinding } from '../model/finding.js';
import type { GateOutcome, GateReason, GateResult } from '../model/gate.js';
import type {
  FixCounts,
  FleetFinding,
  FleetReason,
  FleetReport,
  HostGate,
  HostResult,
  HostState,
  ReportOrigin,
  ReportProblem,
} from '../model/fleet.js';
import type { ScanReport, Warning } from '../model/report.js';

const str = (value: unknown): string => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "a, b, c and 2 more" from a list and a count of the rest. */
function named(args: MessageArgs): string {
  const paths = (args['paths'] as readonly string[] | undefined) ?? [];
  const more = Number(args['more'] ?? 0);
  return `${paths.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** Why a missing row may be there after all: parts of the target were not listed, or sit behind a link not followed. */
function unlistedSuffix(args: MessageArgs): string {
  const links = (args['folderLinks'] as readonly string[] | undefined) ?? [];
  const linked =
    links.length === 0
      ? ''
      : links.length === 1
        ? `; ${links[0]} is a link to a folder, and links are not followed: scan the folder it points to`
        : `; ${links.join(', ')} are links to folders, and links are not followed: scan the folders they point to`;
  return unlistedParts(args) + linked;
}

function unlistedParts(args: MessageArgs): string {
  const count = Number(args['unlistedCount'] ?? 0);
  if (count === 0) return '';
  const shown = (args['unlisted'] as readonly string[] | undefined) ?? [];
  const list = `${shown.join(', ')}${count > shown.length ? ', ...' : ''}`;
  return `; ${plural(count, 'part')} of the target could not be listed (${list}), so it may be there`;
}

const DATE_SOURCE: Readonly<Record<string, string>> = { 'pe-timestamp': 'PE TimeDateStamp', mtime: 'modification time' };

/** The evidence of a reason, in words ("fixed file version 5.0.1462.9 is older than 5.0.1462.10"). */
export function reasonText(reason: ReasonCode, args: MessageArgs): string {
  switch (reason) {
    case 'version-ok':
      return `fixed file version ${str(args['found'])} is ${str(args['required'])} or later`;
    case 'older':
      return `fixed file version ${str(args['found'])} is older than ${str(args['required'])}`;
    case 'newer':
      return `fixed file version ${str(args['found'])} is newer than the snapshot's ${str(args['required'])}`;
    case 'date-ok':
      return `${DATE_SOURCE[str(args['source'])] ?? str(args['source'])} ${str(args['found'])} is ${str(args['required'])} or later`;
    case 'older-date':
      return `${DATE_SOURCE[str(args['source'])] ?? str(args['source'])} ${str(args['found'])} is earlier than ${str(args['required'])}`;
    case 'present':
      if (args['by'] === 'sha256') return 'present; SHA-256 matches';
      if (args['by'] === 'size') return `present; size ${str(args['size'])} bytes matches`;
      return 'present (the KB gives no version for this file)';
    case 'size-mismatch':
      return args['sameVersion']
        ? `size ${str(args['size'])} bytes at version ${str(args['version'])}, the manifest expects ${str(args['expected'])} at that ` +
            `version`
        : `size ${str(args['size'])} bytes, the manifest expects ${str(args['expected'])}`;
    case 'sha256-mismatch':
      return args['sameVersion']
        ? `content changed at the same version ${str(args['version'])}: SHA-256 ${str(args['found'])} differs from the snapshot's ` +
            `${str(args['expected'])}`
        : `SHA-256 ${str(args['found'])} differs from the manifest's ${str(args['expected'])}`;
    case 'wrong-platform':
      if (args['platforms'] !== undefined)
        return `built for ${str(args['machine'])}; the product was built for ${str(args['platforms'])} only`;
      return args['stated']
        ? `built for ${str(args['machine'])}; the server is ${str(args['platform'])} (--platform)`
        : `built for ${str(args['machine'])}, while the other installed files of this fix are built for ${str(args['platform'])}`;
    case 'mixed-platform':
      return (
        `built for ${str(args['machine'])}; the installed files of this fix are built for ${str(args['machines'])} in equal numbers, ` +
        'so the server cannot be one platform (state it with --platform)'
      );
    case 'not-found':
      if (args['pinned'] !== undefined) return `not found at ${str(args['pinned'])}${unlistedSuffix(args)}`;
      return `not found anywhere under the target${args['aliases'] ? ` (nor as ${str(args['aliases'])})` : ''}${unlistedSuffix(args)}`;
    case 'outside-install-folders':
      return (
        `found only outside the product's install folders (${named(args)}); a copy there is not the one the server runs ` +
        `(name an unusual install root with --install-root)${unlistedSuffix(args)}`
      );
    case 'only-backups':
      return `found only in folders Windows keeps old copies in (${named(args)}); the installed copy is not there${unlistedSuffix(args)}`;
    case 'only-component-store':
      return (
        `found only in the component store (WinSxS: ${named(args)}); the live copy is not there` +
        `${args['component'] !== undefined ? `, though other files of its component (${str(args['component'])}) are live` : ''}` +
        unlistedSuffix(args)
      );
    case 'wrong-system-folder':
      return (
        `found only in ${str(args['found'])} (${named(args)}); this package's ${str(args['platform'])} file is installed in ` +
        `${str(args['folder'])}${unlistedSuffix(args)}`
      );
    case 'not-installed':
      return args['where'] === 'store-only'
        ? `only in the component store (WinSxS: ${named(args)}), like every other file of its component: the component is staged, ` +
            'not installed'
        : 'not on this image, not even in its component store (WinSxS): the feature it belongs to is not installed';
    case 'no-build-for-platform':
      return `no copy built for ${str(args['platform'])}, and no row of the manifest is for the build found (${str(args['builds'])})`;
    case 'other-branch':
      return (
        `fixed file version ${str(args['found'])} belongs to branch ${str(args['foundBranch'])}; this fix is for ` +
        `${str(args['branch'])}`
      );
    case 'other-platform':
      if (args['package'] === true) return `this package is for ${str(args['platform'])}; the server is ${str(args['server'])}`;
      if (args['server'] !== undefined) return `this row is for ${str(args['platform'])}; the server is ${str(args['server'])}`;
      if (args['found'] !== undefined) {
        return `no copy built for ${str(args['platform'])}; the files of this fix on the target are built for ${str(args['found'])}`;
      }
      return `built for ${str(args['machine'])}; this row is for ${str(args['platform'])}`;
    case 'no-version-resource':
      return 'PE file has no version resource (RT_VERSION)';
    case 'no-fixed-info':
      return 'version resource has no valid VS_FIXEDFILEINFO (signature 0xFEEF04BD)';
    case 'not-in-snapshot':
      return 'not in the snapshot';
    default:
      // Reader and source errors: their own words, kept as they were found (a byte offset, an errno).
      return str(args['message']) || reason;
  }
}

/** A copy's evidence in words. */
export function copyDetail(copy: CopyFinding): string {
  return reasonText(copy.reason, copy.args);
}

/** A row's evidence in words, naming the copy that decided when there were several. */
export function rowDetail(row: RowFinding): string {
  const text = reasonText(row.reason, row.args);
  return row.decidedBy !== undefined ? `${text} (${row.copies.length} copies; decided by ${row.decidedBy})` : text;
}

/** A note in words. */
export function noteText(note: Note): string {
  const a = note.args;
  switch (note.code) {
    case 'versions-disagree':
      return `version resources disagree (${str(a['lowest'])} to ${str(a['highest'])}); judged by the lowest`;
    case 'string-version-differs':
      return (
        `string FileVersion "${str(a['stringVersion'])}" disagrees with the fixed file info ${str(a['fixed'])}; the fixed file info ` +
        `decides`
      );
    case 'other-language':
      return `build language ${str(a['found'])}; the article describes the ${str(a['language'])} build (${str(a['id'])})`;
    case 'size-information':
      return `size ${str(a['size'])} bytes; the KB printed ${str(a['printed'])} (information only: a later build differs)`;
    case 'store-folder':
      return `version ${str(a['version'])} as its WinSxS folder's name states it: a component-store copy never decides, so it was not read`;
  }
}

/** What a copy that does not decide is, in words; undefined for installed copies. */
export function roleText(role: CopyRole): string | undefined {
  switch (role) {
    case 'backup':
      return 'a copy Windows keeps for uninstall or repair: listed, never decides';
    case 'component-store':
      return 'the component store (WinSxS): listed, never decides';
    case 'outside':
      return "outside the product's install folders: listed, never decides";
    default:
      return undefined;
  }
}

/** The gate's outcome for a row or copy, in words ("suppressed by ignore.yml[0]"). */
export function outcomeText(outcome: GateOutcome | undefined, failOn: readonly string[]): string {
  if (outcome === undefined) return 'not gated';
  switch (outcome.why) {
    case 'meets':
      return 'passes';
    case 'fail-on':
      return 'fails the gate';
    case 'other-branch-inside':
      return "fails the gate: another branch's file inside a fix that applies";
    case 'ignore-entry':
      return `suppressed by ${outcome.entry ?? 'the ignore file'}`;
    case 'status-not-gated':
      return `not gated (--fail-on ${failOn.join(',')})`;
    case 'not-deciding':
      return 'not gated: the server does not run this copy';
    case 'fix-not-applicable':
      return 'not applicable: the fix does not apply';
    case 'other-platform':
      return 'not applicable: for another platform';
    case 'not-installed':
      return 'not applicable: its component is not installed';
  }
}

/** Why a fix does not apply, in words. */
export function manifestReasonText(manifest: ManifestFinding): string {
  switch (manifest.reason) {
    case 'not-present':
      return 'none of its files is installed on the target';
    case 'other-platform':
      return 'its files on the target are built for another platform';
    case 'other-branch':
      return `its files on the target belong to another branch than ${manifest.branch ?? 'its own'}`;
    default:
      return '';
  }
}

function gateReasonText(reason: GateReason): string {
  switch (reason.code) {
    case 'incomplete':
      return `the scan was incomplete (${plural(reason.parts, 'part')} of the target could not be listed)`;
    case 'rows-fail': {
      const byStatus = Object.entries(reason.byStatus)
        .map(([status, n]) => `${n} ${status}`)
        .join(', ');
      return `${plural(reason.rows, 'row')} fail${reason.rows === 1 ? 's' : ''} (${byStatus})`;
    }
    case 'nothing-meets':
      return 'no manifest meets';
    case 'nothing-applies':
      return 'no manifest applies to the target, so nothing is proven';
  }
}

/** The gate's decision in one line: "passed", or "failed: why" (with suppressed and expired counts). */
export function gateSummary(gate: GateResult): string {
  const extras = [
    gate.suppressed > 0 ? `${plural(gate.suppressed, 'row')} suppressed by the ignore file` : '',
    gate.expired > 0 ? `${plural(gate.expired, 'ignore entry', 'ignore entries')} expired` : '',
  ].filter(Boolean);
  const head = gate.pass ? 'passed' : `failed: ${gate.reasons.map(gateReasonText).join('; ')}`;
  return `${head}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`;
}

/** A warning for stderr, in words. */
export function warningText(warning: Warning): string {
  const a = warning.args;
  const entry = `${a['entry']} (${a['where']})`;
  if (warning.code === 'ignore-expired') return `${entry}: expired on ${a['expires']}; ${a['file']} is reported again`;
  return `${entry}: matches no finding of ${a['manifest']} ${a['file']}${a['path'] ? ` at ${a['path']}` : ''}`;
}

/** The line a table opens with when part of the target could not be listed: before anything that could read as a pass. */
export function incompleteBanner(report: ScanReport): string | undefined {
  if (report.complete) return undefined;
  const shown = report.problems.slice(0, 3).map((problem) => problem.path);
  const more = report.problems.length > shown.length ? ', ...' : '';
  return (
    `SCAN INCOMPLETE, NOT A PASS: ${plural(report.problems.length, 'part')} of the target could not be listed ` +
    `(${shown.join(', ')}${more}); nothing below is proven.`
  );
}

/** A manifest's verdict in capitals, as a summary line shows it; an incomplete scan proves nothing. */
function verdictWords(manifest: ManifestFinding, complete: boolean): string {
  if (manifest.verdict === 'not-applicable') return 'NOT APPLICABLE';
  if (manifest.verdict === 'falls-short') return 'FALLS SHORT';
  return complete ? 'MEETS THE FIX' : 'NOT PROVEN (scan incomplete)';
}

/** "Q254943 (Microsoft Exchange Server 5.0): FALLS SHORT: 13 meet, 1 outdated, 1 missing". */
export function manifestSummary(manifest: ManifestFinding, complete = true): string {
  const parts = Object.entries(manifest.counts)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status === 'meets' ? (n === 1 ? 'meets' : 'meet') : status}`);
  return `${manifest.id} (${manifest.product}): ${verdictWords(manifest, complete)}: ${parts.join(', ')}`;
}

/** The closing line: the overall verdict in words, counting what it says. */
export function reportSummary(report: ScanReport): string {
  const total = report.manifests.length;
  const incomplete = report.complete
    ? ''
    : ` (scan incomplete: ${plural(report.problems.length, 'part')} of the target could not be listed)`;
  const applying = report.manifests.filter((m) => m.verdict !== 'not-applicable').length;
  const notApplicable = total - applying;
  const short = report.manifests.filter((m) => m.verdict === 'falls-short').length;
  if (total === 1) {
    if (report.verdict === 'meets') return `Verdict: ${report.target} meets the fix.`;
    if (report.verdict === 'not-applicable') return `Verdict: the fix does not apply to ${report.target}${incomplete}.`;
    return `Verdict: ${report.target} falls short of the fix${incomplete}.`;
  }
  const skipped = notApplicable > 0 ? ` (${notApplicable} of ${total} do${notApplicable === 1 ? 'es' : ''} not apply)` : '';
  switch (report.verdict) {
    case 'meets':
      return `Verdict: ${report.target} meets the ${applying === 1 ? 'fix that applies' : `${applying} fixes that apply`}${skipped}.`;
    case 'not-applicable':
      return `Verdict: none of the ${total} fixes applies to ${report.target}${incomplete}.`;
    default: {
      const those = applying === 1 ? 'the fix that applies' : `the ${applying} fixes that apply`;
      if (short === 0) return `Verdict: ${report.target} is not proven to meet ${those}${incomplete}.`;
      const which = short === applying ? (applying === 1 ? those : `all ${applying} fixes that apply`) : `${short} of ${those}`;
      return `Verdict: ${report.target} falls short of ${which}${skipped}${incomplete}.`;
    }
  }
}

/** "29 fixes: 16 installed, 1 not installed, 12 not applicable" (an incomplete scan installs nothing for sure). */
export function fixCountLine(report: ScanReport): string {
  const of = (verdict: ManifestFinding['verdict']) => report.manifests.filter((m) => m.verdict === verdict).length;
  const installed = report.complete ? `${of('meets')} installed` : `${of('meets')} not proven (scan incomplete)`;
  const rest = `${of('falls-short')} not installed, ${of('not-applicable')} not applicable`;
  return `${plural(report.manifests.length, 'fix', 'fixes')}: ${installed}, ${rest}`;
}

/** One sentence about a row that keeps a fix from being installed, for the catalog's Why column. */
function rowWhy(row: RowFinding): string {
  const a = row.args;
  switch (row.reason) {
    case 'older':
      return `${row.name} is ${str(a['found'])}, older than the ${str(a['required'])} this fix needs.`;
    case 'not-found':
      return `${row.name} is not on the target.`;
    case 'outside-install-folders':
      return `${row.name} is not installed; a copy lies outside the product's folders (${named(a)}).`;
    case 'only-backups':
      return `${row.name} is not installed; only old copies Windows keeps are there (${named(a)}).`;
    case 'other-branch':
      return `${row.name} is a ${str(a['foundBranch'])} build (${str(a['found'])}), not the ${str(a['branch'])} file this fix replaces.`;
    default:
      return `${row.name} is ${row.status}: ${rowDetail(row)}.`;
  }
}

/** Why a fix is installed, falls short or does not apply, one sentence a line, for the catalog's summary table. */
export function catalogWhy(manifest: ManifestFinding): string[] {
  if (manifest.verdict === 'meets') {
    const n = manifest.counts.meets;
    return [`${plural(n, 'file')} ${n === 1 ? 'meets' : 'meet'} the fix.`];
  }
  const found = manifest.rows.flatMap((row) => row.copies).find((copy) => copy.status === 'not-applicable');
  if (manifest.verdict === 'not-applicable') {
    switch (manifest.reason) {
      case 'not-present':
        return ['Its component is not installed: none of its files is on the target.'];
      case 'other-platform':
        return [`It is for another platform${found ? `: ${found.path} is built for ${found.machine ?? 'another platform'}` : ''}.`];
      default:
        return [
          `It is for branch ${manifest.branch ?? 'another'}` +
            (found?.fixedVersion
              ? `; the target's files are ${str(found.args['foundBranch'])} (${found.path} is ${found.fixedVersion}).`
              : '.'),
        ];
    }
  }
  const short = manifest.rows.filter(
    (row) => row.status !== 'meets' && !(row.status === 'not-applicable' && row.reason === 'other-platform'),
  );
  const versioned = manifest.rows.filter((row) => row.required !== null);
  // Its data files are there but none of its programs: say what was found, not only what is missing.
  if (versioned.length > 0 && versioned.every((row) => row.status === 'missing')) {
    const present = manifest.rows.filter((row) => row.required === null && row.status === 'meets').map((row) => row.name);
    return [
      `Its programs are not installed (${versioned.map((row) => row.name).join(', ')}), but ${plural(present.length, 'data file')} ` +
        `${present.length === 1 ? 'is' : 'are'} (${present.join(', ')}): the fix is half there.`,
    ];
  }
  return short.map(rowWhy);
}

// The fleet (aggregate): hosts, their reports, and the fleet's verdict.

/** A host's state as the fleet's reports say it. */
export const HOST_STATE_WORDS: Readonly<Record<HostState, string>> = {
  meets: 'meets',
  'falls-short': 'FALLS SHORT',
  'bad-report': 'BAD REPORT',
  'too-old': 'TOO OLD',
  'no-report': 'NO REPORT',
};

/** An age in words: "under a minute", "5 minutes", "3 hours", "2 days"; "unknown" when the report has no time stamp. */
export function ageText(seconds: number | undefined): string {
  if (seconds === undefined) return 'unknown';
  if (seconds < 0) return 'in the future';
  if (seconds < 60) return 'under a minute';
  if (seconds < 3600) return plural(Math.floor(seconds / 60), 'minute');
  if (seconds < 2 * 86_400) return plural(Math.floor(seconds / 3600), 'hour');
  return plural(Math.floor(seconds / 86_400), 'day');
}

/** Where a report came from: its file, or its line of standard input. */
export function originText(origin: ReportOrigin): string {
  return origin.line !== undefined ? `stdin line ${origin.line}` : origin.source;
}

/** Why a report does not count as its host's word, in words. */
export function reportProblemText(problem: ReportProblem): string {
  const a = problem.args;
  switch (problem.code) {
    case 'unreadable':
      return `the report ${str(a['message'])}`;
    case 'empty':
      return 'the report is empty';
    case 'truncated':
      return `the report is cut short: its JSON ends at ${str(a['where'])} (${str(a['bytes'])} bytes) before the document closes`;
    case 'not-json':
      return `the report is not JSON: ${str(a['where'])}: ${str(a['what'])}`;
    case 'foreign':
      return a['tool'] !== undefined
        ? `a report of another tool (${str(a['tool'])}), not a hotfix-verify scan report`
        : `JSON that is not a hotfix-verify report${a['found'] !== undefined ? ` (${str(a['found'])})` : ''}`;
    case 'not-scan-report':
      return a['kind'] === 'fleet'
        ? "a fleet report of hotfix-verify aggregate, not a scan report: give the hosts' own reports"
        : 'hotfix-verify JSON that is not a scan report (no schemaVersion or manifests): give `scan --format json` output';
    case 'unknown-major':
      return (
        `report schemaVersion ${str(a['found'])}: this hotfix-verify reads ${str(a['reads'])}.x reports only ` +
        '(a newer version wrote it)'
      );
    case 'invalid':
      return `not a valid scan report: ${str(a['where'])}: ${str(a['what'])}`;
    case 'no-host':
      return (
        `the report names no host (schema ${str(a['schemaVersion'])}), and a line of standard input has no file name to take one ` +
        'from: scan with --host, or give the report as a file named after its host'
      );
    case 'from-the-future':
      return `generated ${ageText(Number(a['seconds']))} in the future: the host's clock is wrong, so its age cannot be judged`;
    case 'too-old':
      return `generated ${ageText(Number(a['seconds']))} ago, more than --max-age ${str(a['maxAge'])}`;
    case 'age-unknown':
      return (
        `the report has no generatedAt (schema ${str(a['schemaVersion'])}), so it cannot be shown to be within ` +
        `--max-age ${str(a['maxAge'])}`
      );
  }
}

/** Why a finding of a host's report is one, in words: the reason's words from its arguments, as the scan's writers say it. */
export function fleetFindingWhy(finding: FleetFinding): string {
  // A reason this version does not know (a newer report), or a report without arguments (before 1.2), keeps the report's own words.
  const fromArgs = finding.args !== undefined ? reasonText(finding.reason as ReasonCode, finding.args) : '';
  return fromArgs !== '' && fromArgs !== finding.reason ? fromArgs : (finding.detail ?? finding.reason);
}

/** A finding a host's report holds, in one line: "Q254943 Mtacheck.exe at exchsrvr/bin/mtacheck.exe: outdated: fixed file version ...". */
export function fleetFindingText(finding: FleetFinding): string {
  const where = finding.path !== undefined && finding.path !== finding.file ? ` at ${finding.path}` : '';
  return `${finding.manifest} ${finding.file}${where}: ${finding.status}: ${fleetFindingWhy(finding)}`;
}

/** Why a host's own gate failed, in words, from its codes (or the report's own summary). */
export function hostGateText(gate: HostGate): string {
  if (gate.pass) return 'passed';
  if (gate.reasons !== undefined && gate.reasons.length > 0) return `failed: ${gate.reasons.map(gateReasonText).join('; ')}`;
  return gate.summary ?? 'failed';
}

/** The fleet table's "worst finding" of a host: the report's problem, its worst finding, or why its gate failed. */
export function hostWhy(host: HostResult): string {
  switch (host.state) {
    case 'no-report':
      return 'no report: the host is named in --expect-hosts, and no report names it';
    case 'bad-report':
    case 'too-old':
      return host.problem !== undefined ? reportProblemText(host.problem) : HOST_STATE_WORDS[host.state];
    default:
      if (host.worst !== undefined) return fleetFindingText(host.worst);
      if (host.gate !== undefined && !host.gate.pass) return hostGateText(host.gate);
      return '-';
  }
}

/** Notes on a host: other reports of it that did not count, and whether --expect-hosts names it. */
export function hostNotes(host: HostResult): string[] {
  const notes: string[] = [];
  const others = host.superseded ?? [];
  if (others.length > 0) {
    const which =
      host.generatedAt === undefined && host.state === 'bad-report'
        ? 'this one cannot be read, so it cannot be shown to be older, and counts'
        : host.generatedAt === undefined
          ? 'none of them is dated, so the last one given counts'
          : `the newest (${host.generatedAt}) counts`;
    const list = others.map((o) => `${originText(o)}${o.generatedAt !== undefined ? ` (${o.generatedAt})` : ''}`).join(', ');
    notes.push(`${others.length + 1} reports for this host: ${which}; not counted: ${list}`);
  }
  if (host.expected === false) notes.push('not named in --expect-hosts');
  return notes;
}

/** Fixes of a host, counted: "1 met, 0 falling short, 0 not applicable". */
export function fixCountsText(fixes: FixCounts): string {
  return `${fixes.meets} met, ${fixes.fallsShort} falling short, ${fixes.notApplicable} not applicable`;
}

function fleetReasonText(reason: FleetReason): string {
  switch (reason.code) {
    case 'hosts-fall-short':
      return `${plural(reason.hosts, 'host')} ${reason.hosts === 1 ? 'falls' : 'fall'} short`;
    case 'bad-reports':
      return `${plural(reason.hosts, 'host')} sent a report that cannot be used`;
    case 'too-old':
      return `${plural(reason.hosts, 'host')} sent a report older than --max-age`;
    case 'no-report':
      return `${plural(reason.hosts, 'expected host')} sent no report`;
    case 'no-hosts':
      return 'no host reported';
  }
}

/** The fleet's verdict in one line: "Fleet meets: all 3 hosts meet." or "Fleet falls short: 2 of 3 hosts meet; 1 host falls short." */
export function fleetSummary(fleet: FleetReport): string {
  const hosts = fleet.counts.hosts;
  if (fleet.pass) return `Fleet meets: ${hosts === 1 ? 'its one host meets' : `all ${hosts} hosts meet`}.`;
  if (hosts === 0) return 'Fleet falls short: no host reported, so nothing is proven.';
  const meet = `${fleet.counts.meets} of ${plural(hosts, 'host')} ${fleet.counts.meets === 1 ? 'meets' : 'meet'}`;
  return `Fleet falls short: ${meet}; ${fleet.reasons.map(fleetReasonText).join(', ')}.`;
}
