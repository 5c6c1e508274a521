/**
 * Every sentence a report says: reason codes, notes, copy roles, gate outcomes and warnings turned
 * into words. Findings are data (a code and its arguments); this module is the only place that
 * writes prose about them, for every writer alike.
 */
import type { CopyFinding, CopyRole, ManifestFinding, MessageArgs, Note, ReasonCode, RowFinding } from '../model/finding.js';
import type { GateOutcome, GateReason, GateResult } from '../model/gate.js';
import type { Warning } from '../model/report.js';

const str = (value: unknown): string => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "a, b, c and 2 more" from a list and a count of the rest. */
function named(args: MessageArgs): string {
  const paths = (args['paths'] as readonly string[] | undefined) ?? [];
  const more = Number(args['more'] ?? 0);
  return `${paths.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** Why a missing row may be there after all: parts of the target were not listed. */
function unlistedSuffix(args: MessageArgs): string {
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
