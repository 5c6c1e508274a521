// examples/ansible/playbook.yml run for real (`npm run test:ansible`, which .ci/run calls): three loopback hosts
// (ansible_connection=local) each scan their own demo server, one of them half-patched; the reports are fetched to the
// "controller" and aggregated once. The play must fail while a host falls short, and pass once every host meets.
// Needs Debian's ansible-core (.ci/run installs it); skipped unless HOTFIX_VERIFY_ANSIBLE=1.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, run } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';

const PLAYBOOK = fileURLToPath(new URL('../../../examples/ansible/playbook.yml', import.meta.url));
const ENABLED = process.env['HOTFIX_VERIFY_ANSIBLE'] === '1';
const HOSTS = ['web01', 'web02', 'web03'];

/** Writes a demo server: patched, or half-patched (two files too old, one missing). */
function demo(dir: string, patched: boolean): void {
  const result = run(['demo', dir, '-f', 'json', ...(patched ? ['--patched'] : [])]);
  assert.equal(result.code, 0, result.stderr);
}

function playbook(work: string, inventory: string): { code: number | null; out: string } {
  const vars = {
    hotfix_verify_cli: `${process.execPath} ${BIN}`,
    hotfix_verify_controller_cli: `${process.execPath} ${BIN}`,
    hotfix_verify_reports_dir: path.join(work, 'reports'),
    hotfix_verify_max_age: '1h',
  };
  const result = spawnSync('ansible-playbook', ['-i', inventory, PLAYBOOK, '-e', JSON.stringify(vars)], {
    encoding: 'utf8',
    timeout: 300_000,
    env: {
      ...process.env,
      ANSIBLE_NOCOLOR: '1',
      ANSIBLE_LOCALHOST_WARNING: 'false',
      ANSIBLE_HOST_KEY_CHECKING: 'false',
      ANSIBLE_RETRY_FILES_ENABLED: 'false',
      ANSIBLE_LOCAL_TEMP: path.join(work, 'ansible-tmp'),
      ANSIBLE_REMOTE_TEMP: path.join(work, 'ansible-tmp'),
      ANSIBLE_PYTHON_INTERPRETER: 'auto_silent',
    },
  });
  return { code: result.status, out: `${result.stdout}\n${result.stderr}` };
}

describe('the Ansible playbook over three loopback hosts', {
  skip: !ENABLED && 'set HOTFIX_VERIFY_ANSIBLE=1 (npm run test:ansible)',
}, () => {
  it('fails the play while one host is half-patched, and passes once every host meets', async () => {
    assert.equal(spawnSync('ansible-playbook', ['--version']).status, 0, 'ansible-playbook is required: apt-get install ansible-core');
    const work = await tempDir('hv-ansible-');
    for (const host of HOSTS) demo(path.join(work, host), host !== 'web02');
    const inventory = path.join(work, 'inventory.ini');
    await writeFile(
      inventory,
      [
        '[fleet]',
        ...HOSTS.map((host) => `${host} hotfix_verify_target=${path.join(work, host)}`),
        '',
        '[fleet:vars]',
        'ansible_connection=local',
        '',
      ].join('\n'),
    );

    const short = playbook(work, inventory);
    assert.notEqual(short.code, 0, short.out);
    assert.match(short.out, /Fleet falls short: 2 of 3 hosts meet; 1 host falls short\./, short.out);
    assert.match(short.out, /TASK \[Fail the play when the fleet does not meet\][\s\S]*?fatal: \[localhost\]: FAILED!/, short.out);
    assert.deepEqual((await readdir(path.join(work, 'reports'))).sort(), ['web01.json', 'web02.json', 'web03.json']);
    for (const host of HOSTS) {
      const report = JSON.parse(await readFile(path.join(work, 'reports', `${host}.json`), 'utf8'));
      assert.equal(report.host, host, 'each host named itself with --host {{ inventory_hostname }}');
    }
    const fleet = JSON.parse(await readFile(path.join(work, 'reports.json'), 'utf8'));
    assert.deepEqual(
      fleet.hosts.map((h: { host: string; state: string }) => [h.host, h.state]),
      [
        ['web02', 'falls-short'],
        ['web01', 'meets'],
        ['web03', 'meets'],
      ],
    );
    assert.match(await readFile(path.join(work, 'reports.html'), 'utf8'), /<p class="badge">FLEET FALLS SHORT<\/p>/);

    demo(path.join(work, 'web02'), true);
    const meets = playbook(work, inventory);
    assert.equal(meets.code, 0, meets.out);
    assert.match(meets.out, /Fleet meets: all 3 hosts meet\./);
  });
});
