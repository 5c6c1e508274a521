/**
 * A parser for plain command lines that needs no yargs. Loading yargs costs about 40 ms,
 * more than listing a 100,000-file tree, so a run like `hotfix-verify scan ROOT -f json`
 * starts without it. It reads the same declarations as yargs (./commands/), and anything
 * it does not know for certain (help, --version, `--x=y`, an unknown option, a missing
 * value, a bad choice, a number option, a repeated single option) returns undefined:
 * main() then parses the line with yargs, so errors and help always come from yargs.
 */
import { COMMANDS } from './commands/index.js';
import { DEBUG_OPTION, type OptionSpec } from './commands/spec.js';

/** A command line the fast path understood: the command's name and its arguments as yargs would give them. */
export interface FastParse {
  readonly command: string;
  readonly args: Record<string, unknown>;
}

/** Parses `argv` when it is a plain line of a known command; undefined means "let yargs parse it". */
export function parseFast(argv: readonly string[]): FastParse | undefined {
  const [command, ...rest] = argv;
  const spec = command === undefined ? undefined : COMMANDS.find((each) => each.name === command);
  if (!spec || command === undefined) return undefined;
  const options: readonly OptionSpec[] = [...spec.options, DEBUG_OPTION];
  const args: Record<string, unknown> = {};
  const positionals: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] as string;
    if (!word.startsWith('-') || word === '-') {
      positionals.push(word);
      continue;
    }
    const option = word.startsWith('--')
      ? options.find((o) => `--${o.name}` === word)
      : options.find((o) => o.alias !== undefined && `-${o.alias}` === word);
    if (!option || option.type === 'number') return undefined;
    if (option.type === 'boolean') {
      if (args[option.name] !== undefined) return undefined;
      args[option.name] = true;
      continue;
    }
    const value = rest[i + 1];
    // A value that looks like an option, or none: yargs decides what that means.
    if (value === undefined || value.startsWith('-') || value === '') return undefined;
    i++;
    if (option.choices && !option.choices.includes(value)) return undefined;
    if (option.repeatable) {
      args[option.name] ??= [];
      (args[option.name] as string[]).push(value);
    } else {
      if (args[option.name] !== undefined) return undefined;
      args[option.name] = value;
    }
  }
  // yargs turns numeric-looking words into numbers; leave such lines to it.
  if (positionals.some((p) => /^-?\d/.test(p))) return undefined;
  const { positional } = spec;
  if (positional.variadic) {
    if (positionals.length === 0) return undefined;
    args[positional.name] = positionals;
  } else {
    if (positionals.length > 1) return undefined;
    const value = positionals[0] ?? positional.default;
    if (value === undefined) return undefined;
    args[positional.name] = value;
  }
  for (const option of options) {
    if (args[option.name] === undefined && option.default !== undefined) {
      args[option.name] = Array.isArray(option.default) ? [...option.default] : option.default;
    }
  }
  return { command, args };
}
