/** Minimal ANSI colouring, applied only when the caller says the output is a colour terminal. */
import type { Status, Verdict } from '../model/finding.js';

const CODES = { red: 31, green: 32, yellow: 33, gray: 90, bold: 1 } as const;
export type Colour = keyof typeof CODES;

/** Wraps text in an ANSI colour when `enabled`. */
export function paint(text: string, colour: Colour, enabled: boolean): string {
  return enabled ? `\u001b[${CODES[colour]}m${text}\u001b[0m` : text;
}

/** The colour a status or verdict is shown in. */
export function colourOf(status: Status | Verdict): Colour {
  switch (status) {
    case 'meets':
      return 'green';
    case 'not-applicable':
      return 'gray';
    case 'unverifiable':
      return 'yellow';
    default:
      return 'red';
  }
}
