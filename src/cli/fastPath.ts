/**
 * A parser for the plain command lines of `scan` and `inspect` that needs no
 * yargs. Loading yargs costs about 40 ms, more than listing a 100,000-file
 * tree, so a run like `hotfix-verify scan ROOT -f json` starts without it.
 * Anything this parser does not know for certain (help, --version, `--x=y`,
 * an unknown option, a missing value, a bad choice) returns undefined, and
 * main() parses the line with yargs as before: errors and help text always
 * come from yargs, so the two can never disagree on what a line means.
 */
import { REPORT_FORMATS } from '../report/formats.js';

/** One option the fast path accepts: its long name, short alias, and kind. */
interface FastOption {
  readonly name: string;
  readonly alias?: string;
  /** 'boolean' takes no value; 'string' one value; 'array' one value per use, collected. */
  readonly kind: 'boolean' | 'string' | 'array';
  /** Allowed values of a string option. */
  readonly choices?: () => readonly string[];
}

/** A command the fast path handles: its options and how its positionals map to arguments. */
interface FastCommand {
  readonly options: readonly FastOption[];
  /** Name of the positional argument; 'single' takes at most one (with a default), 'variadic' one or more. */
  readonly positional: { readonly name: string; readonly arity: 'single'; readonly default: string } | { readonly name: string; readonly arity: 'variadic' };
  /** Defaults of options, as yargs fills them in. */
  readonly defaults: Readonly<Record<string, unknown>>;
}

const DEBUG: FastOption = { name: 'debug', kind: 'boolean' };

/**
 * The command lines handled without yargs. Keep each in step with its yargs
 * builder in ./commands/; an option missing here only makes that line take
 * the slower yargs path, never changes its meaning.
 */
const FAST_COMMANDS: Readonly<Record<string, FastCommand>> = {
  scan: {
    positional: { name: 'target', arity: 'single', default: '.' },
    options: [
      DEBUG,
      { name: 'manifest', alias: 'm', kind: 'array' },
      { name: 'format', alias: 'f', kind: 'string', choices: () => REPORT_FORMATS },
      { name: 'output', alias: 'o', kind: 'string' },
    ],
    defaults: { manifest: [], format: 'table' },
  },
  inspect: {
    positional: { name: 'files', arity: 'variadic' },
    options: [
      DEBUG,
      { name: 'format', alias: 'f', kind: 'string', choices: () => ['table', 'json', 'jsonl'] },
      { name: 'output', alias: 'o', kind: 'string' },
      { name: 'recursive', alias: 'r', kind: 'boolean' },
      { name: 'all', kind: 'boolean' },
      { name: 'quiet', alias: 'q', kind: 'boolean' },
    ],
    defaults: { format: 'table', recursive: false, all: false, quiet: false },
  },
};

/** A command line the fast path understood: the command's name and its arguments as yargs would give them. */
export interface FastParse {
  readonly command: string;
  readonly args: Record<string, unknown>;
}

/** Parses `argv` when it is a plain scan or inspect line; undefined means "let yargs parse it". */
export function parseFast(argv: readonly string[]): FastParse | undefined {
  const [command, ...rest] = argv;
  const spec = command === undefined ? undefined : FAST_COMMANDS[command];
  if (!spec || command === undefined) return undefined;
  const args: Record<string, unknown> = {};
  const positionals: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] as string;
    if (!word.startsWith('-') || word === '-') {
      positionals.push(word);
      continue;
    }
    const option = word.startsWith('--') ? spec.options.find((o) => `--${o.name}` === word) : spec.options.find((o) => o.alias !== undefined && `-${o.alias}` === word);
    if (!option) return undefined;
    if (option.kind === 'boolean') {
      if (args[option.name] !== undefined) return undefined;
      args[option.name] = true;
      continue;
    }
    const value = rest[i + 1];
    // A value that looks like an option, or none: yargs decides what that means.
    if (value === undefined || value.startsWith('-') || value === '') return undefined;
    i++;
    if (option.choices && !option.choices().includes(value)) return undefined;
    if (option.kind === 'array') {
      ((args[option.name] ??= []) as string[]).push(value);
    } else {
      if (args[option.name] !== undefined) return undefined;
      args[option.name] = value;
    }
  }
  // yargs turns numeric-looking words into numbers; leave such lines to it.
  if (positionals.some((p) => /^-?\d/.test(p))) return undefined;
  const { positional } = spec;
  if (positional.arity === 'single') {
    if (positionals.length > 1) return undefined;
    args[positional.name] = positionals[0] ?? positional.default;
  } else {
    if (positionals.length === 0) return undefined;
    args[positional.name] = positionals;
  }
  for (const [name, value] of Object.entries(spec.defaults)) {
    if (args[name] === undefined) args[name] = Array.isArray(value) ? [...value] : value;
  }
  return { command, args };
}
