// The short, deterministic run of the PE mutation fuzzer (test/fuzz/); `npm run fuzz -- --cases N` runs longer ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { writePe } from '../src/pe/writePe.js';
import { FUZZ_BOUNDS, decodeFixedAt, loadSeeds, makeCase } from './fuzz/peFuzzer.js';
import { formatSummary, runFuzz } from './fuzz/runFuzz.js';
import { tempDir } from './helpers/tempDir.js';

test('the oracle decodes fixed file info from the bytes alone', () => {
  const image = writePe({ fileVersion: '5.0.1462.10', productVersion: '5.0.1460.8' });
  const key = Buffer.from('VS_VERSION_INFO\0', 'utf16le');
  const at = Buffer.from(image).indexOf(key) - 6;
  assert.deepEqual(decodeFixedAt(image, at), { file: [5, 0, 1462, 10], product: [5, 0, 1460, 8] });
  assert.equal(decodeFixedAt(image, at + 2), undefined);
});

test('cases are a pure function of (seed, index), and the corpus holds the real 7za.exe files', () => {
  const seeds = loadSeeds();
  assert.ok(seeds.filter((s) => s.name.startsWith('7za-')).length === 3, seeds.map((s) => s.name).join(', '));
  assert.ok(
    seeds.every((s) => s.fields.some((f) => f.name.endsWith('.wLength'))),
    'every seed has VS_VERSIONINFO fields to aim at',
  );
  const a = makeCase(seeds, 42, 17);
  const b = makeCase(seeds, 42, 17);
  assert.deepEqual(a.ops, b.ops);
  assert.ok(Buffer.from(a.bytes).equals(Buffer.from(b.bytes)));
});

test('3,000 mutants of the fixtures and 7za.exe: no exception, no hang, bounded reads and heap, no false "meets"', async () => {
  const outDir = await tempDir('hv-fuzz-');
  try {
    const summary = await runFuzz({ cases: 3000, seed: 1, hangMs: 10_000, outDir });
    const text = formatSummary(summary);
    assert.equal(summary.failures.length, 0, text);
    assert.equal(summary.cases, 3000);
    // Not vacuous: mutants are read, refused, and some still meet their seed's version.
    assert.ok(summary.ok > 300 && summary.cases - summary.ok > 300 && summary.meets > 100, text);
    assert.ok(summary.maxBytesRead <= FUZZ_BOUNDS.maxBytesRead, text);
    assert.ok(summary.maxMs <= FUZZ_BOUNDS.maxMs, text);
    assert.ok(summary.heapGrowth < 64 * 1024 * 1024, text);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
});

test('the watchdog stops a case that hangs, records it, saves its input, and goes on', async () => {
  const outDir = await tempDir('hv-fuzz-hang-');
  try {
    const summary = await runFuzz({ cases: 40, seed: 5, hangMs: 400, outDir, hangAt: 17 });
    assert.equal(summary.cases, 40);
    assert.deepEqual(
      summary.failures.map((f) => f.index),
      [17],
    );
    assert.match(summary.failures[0]!.failures[0]!, /did not finish within 400 ms/);
    assert.ok(summary.failures[0]!.file?.endsWith('case-5-17.bin'));
    assert.match(formatSummary(summary), /failures: 1/);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
});
