/**
 * Text for a terminal or a rendered page never carries raw control characters from the scanned
 * data: a file named with an ESC sequence could otherwise repaint the screen, hide a line, or fake
 * a verdict. Control characters, DEL, C1 controls and the bidirectional overrides are written as
 * visible escapes. JSON keeps the data exact; only the human and CI text formats use this.
 */

// C0 controls (tab and newline included: data never needs them in a cell), DEL, C1, line/paragraph
// separators, and the bidi embedding/override/isolate characters used to reorder text on screen.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The text with every unsafe character written as \xNN or \u{NNNN}. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u{${code.toString(16).toUpperCase()}}`;
  });
}
