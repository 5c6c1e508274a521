// The progress line: only on a terminal, only after a delay, never with --quiet, erased when done.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startProgress } from '../../src/cli/progress.js';

function fakeStderr(isTTY: boolean) {
  const written: string[] = [];
  return {
    written,
    stderr: {
      isTTY,
      columns: 40,
      write: (text: string) => {
        written.push(text);
        return true;
      },
    } as unknown as NodeJS.WritableStream & {
      isTTY?: boolean;
    },
  };
}

test('nothing before the delay; then at most one redraw per interval; done erases the line', () => {
  const { written, stderr } = fakeStderr(true);
  let clock = 0;
  const progress = startProgress({ stderr }, { now: () => clock, delayMs: 1000, intervalMs: 100 });
  let asked = 0;
  const text = () => {
    asked++;
    return `reading: ${clock}`;
  };
  progress.update(text);
  clock = 999;
  progress.update(text);
  assert.deepEqual(written, []);
  assert.equal(asked, 0, 'the text is not even built before it is shown');
  clock = 1000;
  progress.update(text);
  clock = 1050;
  progress.update(text);
  clock = 1100;
  progress.update(text);
  assert.deepEqual(written, ['\r\u001b[Kreading: 1000', '\r\u001b[Kreading: 1100']);
  progress.done();
  progress.update(text);
  assert.deepEqual(written.slice(2), ['\r\u001b[K']);
});

test('long text is cut to the terminal width', () => {
  const { written, stderr } = fakeStderr(true);
  const progress = startProgress({ stderr }, { now: () => 5000, delayMs: 0 });
  progress.update(() => 'x'.repeat(200));
  assert.equal(written[0], `\r\u001b[K${'x'.repeat(39)}`);
});

test('silent when stderr is not a terminal, or with quiet; done writes nothing then', () => {
  for (const [isTTY, quiet] of [
    [false, false],
    [true, true],
  ] as const) {
    const { written, stderr } = fakeStderr(isTTY);
    const progress = startProgress({ stderr }, { quiet, now: () => 1e9, delayMs: 0 });
    progress.update(() => 'x');
    progress.done();
    assert.deepEqual(written, []);
  }
});
