// Runs the built CLI (bin/hotfix-verify.js) as a child process, as users do.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The CLI entry point, from dist/test/helpers/. */
export const BIN = fileURLToPath(new URL('../../../bin/hotfix-verify.js', import.meta.url));

/** What a run printed and exited with. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `hotfix-verify ARGS` synchronously, colour off; `env` adds to (or, with undefined values, removes from) the environment. */
export function run(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `hotfix-verify ARGS` without blocking the test process (for many runs side by side). */
export function runAsync(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
