#!/usr/bin/env node
// `npm run test:install` (run by .ci/run): the package installs as users install it.
//  1. npm pack ships dist/ and the manifests: the tarball installs with no compiler, and its CLI runs.
//  2. A fresh clone installs with `npm install -g .` (the package builds itself when installed from source).
// Both install into temporary prefixes and need the npm registry for the runtime dependencies.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = process.cwd();
const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
const work = mkdtempSync(path.join(tmpdir(), 'hv-install-'));
let failures = 0;

const run = (command, args, options = {}) => {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  return { code: result.status, stdout: result.stdout ?? '', out: `${result.stdout ?? ''}${result.stderr ?? ''}` };
};
const check = (what, ok, detail = '') => {
  process.stdout.write(`${ok ? 'ok' : 'not ok'} - ${what}${ok || !detail ? '' : `\n${detail}`}\n`);
  if (!ok) failures++;
};
/** The CLI installed under `prefix` answers --version and runs the demo. */
const tryCli = (label, prefix) => {
  const bin = path.join(prefix, process.platform === 'win32' ? 'hotfix-verify.cmd' : 'bin/hotfix-verify');
  const versionRun = run(bin, ['--version']);
  check(`${label}: hotfix-verify --version prints ${version}`, versionRun.code === 0 && versionRun.out.trim() === version, versionRun.out);
  const demo = run(bin, ['demo', path.join(work, `${label}-demo`)]);
  check(`${label}: hotfix-verify demo exits 0`, demo.code === 0, demo.out);
};

try {
  const packed = run('npm', ['pack', '--pack-destination', work, '--json'], { cwd: root });
  check('npm pack', packed.code === 0, packed.out);
  // npm pack --json prints its JSON last, after what the prepare script printed.
  const info = JSON.parse(packed.stdout.slice(packed.stdout.lastIndexOf('[\n  {')))[0];
  const files = new Set(info.files.map((file) => file.path));
  const needs = ['bin/hotfix-verify.js', 'dist/cli/main.js', 'dist/src/cli/main.js', 'dist/src/index.js', 'manifests/Q254943.json'];
  needs.push('manifests/manifest.schema.json');
  for (const needed of needs) {
    check(`the tarball holds ${needed}`, files.has(needed));
  }
  check('the tarball holds no tests', ![...files].some((file) => file.startsWith('dist/test/')));
  const tarball = path.join(work, info.filename);
  const fromTarball = path.join(work, 'prefix-tarball');
  const install = run('npm', ['install', '-g', '--prefix', fromTarball, '--no-audit', '--no-fund', tarball]);
  check('npm install -g of the tarball', install.code === 0, install.out);
  tryCli('tarball', fromTarball);

  const clone = path.join(work, 'clone');
  const cloned = run('git', ['clone', '--quiet', root, clone]);
  check('git clone', cloned.code === 0, cloned.out);
  const fromSource = path.join(work, 'prefix-source');
  const sourceInstall = run('npm', ['install', '-g', '--prefix', fromSource, '--no-audit', '--no-fund', '.'], { cwd: clone });
  check('npm install -g . in a fresh clone', sourceInstall.code === 0, sourceInstall.out);
  tryCli('source', fromSource);
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.stdout.write(failures === 0 ? '# install tests passed\n' : `# ${failures} install test(s) failed\n`);
process.exit(failures === 0 ? 0 : 1);
