// Temporary folders for tests, all under one folder per test process that is removed when the process exits.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

let root: string | undefined;

function processRoot(): string {
  if (root === undefined) {
    const made = mkdtempSync(path.join(tmpdir(), 'hv-test-'));
    // Like /tmp itself, passable by the unprivileged user some tests run the CLI as.
    chmodSync(made, 0o755);
    root = made;
    process.on('exit', () => {
      try {
        rmSync(made, { recursive: true, force: true });
      } catch {
        // A path longer than PATH_MAX (the path-too-long tests): rm -rf walks down with relative names.
        spawnSync('rm', ['-rf', made]);
      }
    });
  }
  return root;
}

/** A fresh temporary folder, removed with all the others when this test process exits. */
export function tempDir(prefix = 'hv-'): Promise<string> {
  return mkdtemp(path.join(processRoot(), prefix));
}
