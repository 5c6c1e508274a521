// Property test: tables generated in every layout the archive prints (column order and header words, boxes, tabs,
// rules or none, blank lines, wrapped rows, US or day-first dates, platform spellings, UTF-16, CRLF) read back to
// the rows they were generated from.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importKbArticle } from '../src/kb/parseKbArticle.js';
import { validateManifest } from '../src/manifest/validateManifest.js';
import * as fx from './fixtures-kb/articles.js';

/** A small deterministic generator, so that a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

type Kind = 'name' | 'version' | 'size' | 'date' | 'time' | 'platform';

interface GeneratedRow {
  readonly name: string;
  readonly version: readonly number[];
  readonly size: number;
  /** [year, month, day] */
  readonly date: readonly [number, number, number];
  readonly platform: 'i386' | 'alpha';
  readonly hour: number;
  readonly minute: number;
}

const LABELS: Readonly<Record<Kind, readonly string[]>> = {
  name: ['File name', 'File Name', 'Filename', 'Name', 'File'],
  version: ['Version', 'File version', 'Version#', 'Ver'],
  size: ['Size', 'File size', 'Size (bytes)'],
  date: ['Date'],
  time: ['Time'],
  platform: ['Platform'],
};
const PLATFORM_TEXT = { i386: ['Intel', 'x86', '(x86)', 'X86', 'i386', 'I386'], alpha: ['Alpha', '(Alpha)', '(ALPHA)', 'alpha'] } as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Case {
  readonly text: string | Uint8Array;
  readonly rows: readonly GeneratedRow[];
  readonly kinds: readonly Kind[];
  readonly label: string;
}

function generate(seed: number): Case {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const int = (from: number, to: number) => from + Math.floor(next() * (to - from + 1));

  const optional: Kind[] = (['version', 'size', 'date', 'time', 'platform'] as const).filter(() => next() < 0.6);
  if (!optional.includes('version') && next() < 0.7) optional.push('version');
  const kinds: Kind[] = ['name', ...optional];
  for (let index = kinds.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [kinds[index], kinds[other]] = [kinds[other] as Kind, kinds[index] as Kind];
  }
  const dayFirst = kinds.includes('date') && next() < 0.3;
  const namedMonths = kinds.includes('date') && !dayFirst && next() < 0.3;
  const count = int(1, 7);
  const rows: GeneratedRow[] = [];
  const names = new Set<string>();
  for (let index = 0; index < count; index++) {
    let name: string;
    do {
      const letters = String.fromCharCode(97 + int(0, 25), 97 + int(0, 25));
      name = `Tst${letters}${int(0, 99)}.${pick(['dll', 'exe', 'sys'])}`;
    } while (names.has(name.toLowerCase()));
    names.add(name.toLowerCase());
    // The first row of a day-first table is one only day-first makes sense of: the evidence a person reads it by.
    const day = dayFirst && index === 0 ? int(13, 28) : int(1, 28);
    rows.push({
      name,
      version: [pick([4, 5]), pick([0, 5]), int(1000, 3000), int(0, 999)],
      size: int(100, 3_000_000),
      date: [int(1998, 2001), int(1, 12), day],
      platform: pick(['i386', 'alpha'] as const),
      hour: int(0, 23),
      minute: int(0, 59),
    });
  }

  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const cell = (row: GeneratedRow, kind: Kind): string => {
    switch (kind) {
      case 'name':
        return row.name;
      case 'version':
        return next() < 0.2
          ? `${row.version[0]}.${pad(row.version[1] as number, 2)}.${row.version[2]}.${pad(row.version[3] as number, 4)}`
          : row.version.join('.');
      case 'size':
        return next() < 0.7 ? row.size.toLocaleString('en-US') : String(row.size);
      case 'date': {
        const [year, month, day] = row.date;
        if (namedMonths) return `${pad(day, 2)}-${MONTHS[month - 1]}-${year}`;
        const short = next() < 0.5 ? pad(year % 100, 2) : String(year);
        return dayFirst ? `${pad(day, 2)}/${pad(month, 2)}/${short}` : `${pad(month, 2)}/${pad(day, 2)}/${short}`;
      }
      case 'time': {
        const half = row.hour >= 12 ? 'p' : 'a';
        const twelve = row.hour % 12 === 0 ? 12 : row.hour % 12;
        return pick([
          `${pad(row.hour, 2)}:${pad(row.minute, 2)}`,
          `${pad(twelve, 2)}:${pad(row.minute, 2)}${half}`,
          `${twelve}:${pad(row.minute, 2)}${half.toUpperCase()}M`,
        ]);
      }
      case 'platform':
        return pick(PLATFORM_TEXT[row.platform]);
    }
  };
  const labels = kinds.map((kind) => pick(LABELS[kind]));
  const values = rows.map((row) => kinds.map((kind) => cell(row, kind)));
  const layout = pick(['columns', 'columns', 'boxed', 'tabs'] as const);
  const features: string[] = [layout];
  let table: string;
  if (layout === 'boxed') {
    const widths = kinds.map((_, k) => Math.max((labels[k] as string).length, ...values.map((v) => (v[k] as string).length)));
    const line = (cells: readonly string[]) => `| ${cells.map((c, k) => c.padEnd(widths[k] as number)).join(' | ')} |`;
    const rule = `+${'-'.repeat(widths.reduce((a, b) => a + b + 3, -1))}+`;
    const body = values.flatMap((v) => {
      const wrap = kinds.includes('version') && next() < 0.15;
      if (wrap) features.push('wrapped');
      return wrap ? [line(v), line(kinds.map((kind) => (kind === 'version' ? '(SP2)' : ''))), rule] : [line(v), rule];
    });
    table = [rule, line(labels), rule, ...body].join('\n');
  } else if (layout === 'tabs') {
    table = [labels.join('\t'), ...values.map((v) => v.join('\t'))].join('\n');
  } else {
    const widths = kinds.map((_, k) => Math.max((labels[k] as string).length, ...values.map((v) => (v[k] as string).length)) + int(2, 4));
    const line = (cells: readonly string[]) => `   ${cells.map((c, k) => c.padEnd(widths[k] as number)).join('')}`.trimEnd();
    const rule = next() < 0.85 ? [`   ${'-'.repeat(widths.reduce((a, b) => a + b, 0))}`] : [];
    if (rule.length === 0) features.push('no rule');
    const blank = rule.length > 0 && next() < 0.2 ? [''] : [];
    if (blank.length > 0) features.push('blank after rule');
    const body = values.flatMap((v) => {
      const wrap = kinds.includes('version') && kinds[kinds.length - 1] !== 'version' && next() < 0.15;
      if (!wrap) return [line(v)];
      features.push('wrapped');
      const at = kinds.slice(0, kinds.indexOf('version')).reduce((sum, _, k) => sum + (widths[k] as number), 3);
      return [line(v), `${' '.repeat(at)}(SP2)`];
    });
    table = [line(labels), ...rule, ...blank, ...body].join('\n');
  }
  let text = fx.article(
    {
      id: 'Q900400',
      title: 'Invented',
      date: '08-MAY-2002',
      product: 'Microsoft Windows NT',
      prodVer: 'winnt:4.0',
      appliesTo: ['Microsoft Windows NT Server version 4.0'],
    },
    `${fx.ENGLISH}\n\n${table}\n`,
  );
  if (next() < 0.5) {
    text = text.replace(/\n/g, '\r\n');
    features.push('CRLF');
  }
  if (next() < 0.2) {
    features.push('UTF-16');
    return {
      text: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      rows,
      kinds,
      label: `seed ${seed}: ${features.join(', ')}`,
    };
  }
  if (dayFirst) features.push('day-first');
  return { text, rows, kinds, label: `seed ${seed}: ${features.join(', ')}` };
}

describe('generated tables round-trip to their rows', () => {
  it('in every layout, 400 tables', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const generated = generate(seed);
      const { manifests, warnings } = importKbArticle(generated.text, 'Q900400.TXT');
      const { label, kinds } = generated;
      assert.deepEqual(warnings, [], label);
      for (const manifest of manifests) assert.deepEqual(validateManifest(manifest), [], label);
      const got = manifests
        .flatMap((m) => m.files)
        .map((file) => [file.name, file.version, file.platform ?? '-', file.date ?? '-', file.size ?? '-']);
      const iso = (date: readonly number[]) => date.map((part, index) => String(part).padStart(index === 0 ? 4 : 2, '0')).join('-');
      const expected = generated.rows.map((row) => {
        const versioned = kinds.includes('version');
        return [
          row.name,
          versioned ? row.version.join('.') : null,
          kinds.includes('platform') ? row.platform : '-',
          !versioned && kinds.includes('date') ? iso(row.date) : '-',
          !versioned && kinds.includes('size') && kinds.includes('date') ? row.size : !versioned && kinds.includes('size') ? row.size : '-',
        ];
      });
      assert.deepEqual(got, expected, label);
    }
  });
});
