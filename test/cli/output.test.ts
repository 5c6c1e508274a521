// The CLI's output: a reader that goes away is one line and exit 2, never a crash.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { BIN } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';

describe('CLI: a reader that closes stdout before the output is written (| head -0)', () => {
  it('is one line on stderr and exit 2 (a report that cannot be written), not a crash with a stack trace', async () => {
    const dir = await tempDir('hv-rb-');
    const file = path.join(dir, 'Q900003.TXT');
    const text = [
      'DOCUMENT:Q900003  08-MAY-2002  [exchange]',
      'TITLE   :XCON: Test article Q900003',
      'PRODUCT :Microsoft Exchange',
      'PROD/VER:winnt:5.0',
      '',
      'The information in this article applies to:',
      '',
      ' - Microsoft Exchange Server, version 5.0',
      '',
      'The English version of this fix should have the following file attributes or',
      'later:',
      '',
      '   File Name   Version',
      '   -----------------------',
      '   Emsmta.exe  5.0.1462.10',
      '',
    ].join('\n');
    await writeFile(file, text);
    const child = spawn(process.execPath, [BIN, 'import', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // before node has even started: its first write meets a closed pipe
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, 'hotfix-verify: cannot write to stdout: the reader closed the pipe\n');
    assert.equal(code, 2);
  });
});
