// The ignore file: parsing (YAML and JSON, errors with file, line and column) and applying
// live and expired entries to a report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyIgnores } from '../../src/gate/applyIgnores.js';
import { gateReport } from '../../src/gate/gate.js';
import { IgnoreFileError, parseIgnoreFile } from '../../src/gate/ignoreFile.js';
import { sampleReport } from '../helpers/sampleReport.js';

const YAML_TEXT = `# accepted findings
- manifest: Q254943
  file: Mtacheck.exe
  reason: vendor confirmed the fix is in 5.0.1462.9
  expires: 2999-12-31
- manifest: Q254943
  file: Dcprods.cat
  reason: catalog shipped separately
  expires: 2000-01-01
- manifest: Q254943
  file: X400om.dll
  path: exchsrvr/bin/x400om.dll
  reason: truncated by the imaging tool
`;

test('parses a YAML list and the same list as JSON', () => {
  const entries = parseIgnoreFile(YAML_TEXT, 'ignore.yml');
  assert.equal(entries.length, 3);
  assert.deepEqual(
    { ...entries[0], where: undefined },
    {
      manifest: 'Q254943',
      file: 'Mtacheck.exe',
      reason: 'vendor confirmed the fix is in 5.0.1462.9',
      expires: '2999-12-31',
      id: 'ignore.yml[0]',
      where: undefined,
    },
  );
  assert.equal(entries[2]!.path, 'exchsrvr/bin/x400om.dll');
  assert.match(entries[1]!.where, /^line 6, column 3/);
  const json = JSON.stringify(
    entries.map(({ manifest, file, path, reason, expires }) => ({
      manifest,
      file,
      ...(path ? { path } : {}),
      reason,
      ...(expires ? { expires } : {}),
    })),
  );
  assert.deepEqual(
    parseIgnoreFile(json, 'ignore.json').map((e) => e.reason),
    entries.map((e) => e.reason),
  );
  assert.deepEqual(parseIgnoreFile('', 'empty.yml'), []);
});

test('a malformed ignore file names the file, the place and the problem', () => {
  const cases: [string, RegExp][] = [
    ['- manifest: Q1\n  file: a.dll\n  reason: [unclosed\n', /^bad\.yml: line \d+, column \d+: not valid YAML or JSON/],
    ['manifest: Q1\n', /^bad\.yml: line 1, column 1 \(\$\): expected a list of entries/],
    ['- manifest: Q1\n  file: a.dll\n', /^bad\.yml: line 1, column 3 \(\$\[0\]\): missing required field "reason"/],
    [
      '- manifest: Q1\n  file: a.dll\n  reason: ok\n  expires: 2026-02-30\n',
      /^bad\.yml: line 4, column 12 \(\$\[0\]\.expires\): "2026-02-30" is not a date YYYY-MM-DD/,
    ],
    ['- manifest: Q1\n  file: a.dll\n  reason: ok\n  owner: me\n', /^bad\.yml: line 4, column 3 \(\$\[0\]\.owner\): unknown field/],
    ['- manifest: Q1\n  file: 7\n  reason: ok\n', /^bad\.yml: line 2, column 9 \(\$\[0\]\.file\): expected a non-empty string, found 7/],
    [
      '- manifest: Q1\n  file: a.dll\n  file: b.dll\n  reason: ok\n',
      /^bad\.yml: line 3, column 3: not valid YAML or JSON: Map keys must be unique/,
    ],
    ['[{"manifest": "Q1", "file": "a.dll"', /^bad\.yml: line 1, column \d+: not valid YAML or JSON/],
    ['- just a string\n', /^bad\.yml: line 1, column 3 \(\$\[0\]\): expected an entry/],
  ];
  for (const [text, message] of cases) {
    assert.throws(
      () => parseIgnoreFile(text, 'bad.yml'),
      (error: unknown) => {
        assert.ok(error instanceof IgnoreFileError, String(error));
        assert.match(error.message, message);
        return true;
      },
      text,
    );
  }
});

test('a live entry hides its finding; an expired one is marked expired and hides nothing', () => {
  const report = sampleReport();
  const entries = parseIgnoreFile(YAML_TEXT, 'ignore.yml');
  const { report: applied, uses } = applyIgnores(report, entries, '2026-06-01');
  const row = (name: string) => applied.manifests[0]!.rows.find((r) => r.name === name)!;
  assert.deepEqual(row('Mtacheck.exe').suppression, {
    reason: 'vendor confirmed the fix is in 5.0.1462.9',
    expires: '2999-12-31',
    expired: false,
    entry: 'ignore.yml[0]',
  });
  assert.equal(row('Dcprods.cat').suppression?.expired, true);
  assert.equal(row('X400om.dll').suppression, undefined, 'a path entry marks the copy, not the row');
  assert.equal(row('X400om.dll').copies[0]!.suppression?.expired, false);
  assert.deepEqual(
    uses.map((u) => [u.expired, u.matched]),
    [
      [false, 1],
      [true, 1],
      [false, 1],
    ],
  );
  assert.equal(row('Emsmta.exe').suppression, undefined, 'rows that meet are never marked');

  // Mtacheck.exe and X400om.dll are hidden; Dcprods.cat (expired) and Infoplog.cfg (expired in the sample) still block,
  // and so does Address.dll (a 5.5 file inside the 5.0 fix).
  const { gate } = gateReport(applied);
  assert.deepEqual([gate.pass, gate.blocking, gate.suppressed, gate.expired], [false, 3, 3, 2]);

  // The day of expiry still hides; the day after does not.
  const onTheDay = applyIgnores(report, [{ ...entries[1]!, expires: '2026-06-01' }], '2026-06-01');
  assert.equal(onTheDay.report.manifests[0]!.rows.find((r) => r.name === 'Dcprods.cat')!.suppression?.expired, false);
  const dayAfter = applyIgnores(report, [{ ...entries[1]!, expires: '2026-05-31' }], '2026-06-01');
  assert.equal(dayAfter.report.manifests[0]!.rows.find((r) => r.name === 'Dcprods.cat')!.suppression?.expired, true);
});

test('entries match manifest ids and file names case-insensitively; a path must match the copy', () => {
  const report = sampleReport();
  const base = { reason: 'r', id: 'i[0]', where: 'w' };
  const { uses } = applyIgnores(
    report,
    [
      { ...base, manifest: 'q254943', file: 'MTACHECK.EXE' },
      { ...base, manifest: 'Q254943', file: 'Mtacheck.exe', path: 'elsewhere/mtacheck.exe' },
      { ...base, manifest: 'Q999', file: 'Mtacheck.exe' },
    ],
    '2026-01-01',
  );
  assert.deepEqual(
    uses.map((u) => u.matched),
    [1, 0, 0],
  );
});
