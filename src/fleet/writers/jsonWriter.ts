/**
 * The fleet as JSON (FLEET_SCHEMA_VERSION, documented in the README): the FleetReport data as is,
 * with the words beside the codes (`summary`, each host's `why`, `notes`, its problem's `detail`,
 * each finding's `text`).
 */
import type { FleetFinding, FleetReport, HostResult } from '../../model/fleet.js';
import { fleetFindingText, fleetSummary, hostGateText, hostNotes, hostWhy, reportProblemText } from '../../report/messages.js';
import type { FleetWriter } from './writer.js';

function findingJson(finding: FleetFinding): object {
  return { ...finding, text: fleetFindingText(finding) };
}

function hostJson(host: HostResult): object {
  const { problem, gate, worst, findings, origin, ...rest } = host;
  return {
    ...rest,
    why: hostWhy(host),
    notes: hostNotes(host),
    ...(origin !== undefined ? { source: origin.source, ...(origin.line !== undefined ? { line: origin.line } : {}) } : {}),
    ...(problem !== undefined ? { problem: { ...problem, detail: reportProblemText(problem) } } : {}),
    ...(gate !== undefined ? { gate: { ...gate, summary: hostGateText(gate) } } : {}),
    ...(worst !== undefined ? { worst: findingJson(worst) } : {}),
    ...(findings !== undefined ? { findings: findings.map(findingJson) } : {}),
  };
}

/** The fleet as the JSON document the README describes. */
export function fleetJson(fleet: FleetReport): object {
  const { hosts, ...rest } = fleet;
  return { ...rest, summary: fleetSummary(fleet), hosts: hosts.map(hostJson) };
}

/** Writes the fleet as pretty-printed JSON with a trailing newline. */
export const fleetJsonWriter: FleetWriter = {
  name: 'json',
  description: 'the fleet as JSON (a versioned document, see the README), for machines',
  write: (fleet) => `${JSON.stringify(fleetJson(fleet), null, 2)}\n`,
};
