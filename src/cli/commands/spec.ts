/**
 * How a command is declared: its positional argument and options as data, and a lazily
 * loaded runner. The same declaration feeds yargs (parsing, --help) and the yargs-free
 * fast path (./../fastPath.ts), so the two cannot drift apart.
 */
import type { Argv } from 'yargs';
import type { CliIO } from '../output.js';

/** One option of a command. */
export interface OptionSpec {
  readonly name: string;
  readonly alias?: string;
  readonly type: 'string' | 'boolean' | 'number';
  /** Every use adds one value (`-m a.json -m b.json`); the runner gets an array. */
  readonly repeatable?: boolean;
  readonly choices?: readonly string[];
  readonly default?: string | boolean | readonly string[];
  readonly description: string;
}

/** The positional argument of a command: one value (optional when it has a default) or one or more. */
export interface PositionalSpec {
  readonly name: string;
  readonly variadic?: boolean;
  readonly default?: string;
  readonly description: string;
}

/** One subcommand. `run` resolves to the exit code; heavy modules are imported inside it. */
export interface CommandSpec {
  readonly name: string;
  readonly describe: string;
  readonly positional: PositionalSpec;
  readonly options: readonly OptionSpec[];
  readonly run: (args: Record<string, unknown>, io: CliIO) => Promise<number>;
}

/** The yargs command string: "scan [target]", "inspect <files..>", "snapshot <root>". */
export function commandLine(spec: CommandSpec): string {
  const { positional } = spec;
  if (positional.variadic) return `${spec.name} <${positional.name}..>`;
  return positional.default !== undefined ? `${spec.name} [${positional.name}]` : `${spec.name} <${positional.name}>`;
}

/** Declares a command's positional and options on a yargs instance. */
// biome-ignore lint/suspicious/noExplicitAny: yargs types each option's value from a literal spec; ours are declared as data
export function yargsBuilder(spec: CommandSpec): (y: Argv) => Argv<any> {
  return (y: Argv) => {
    const { positional } = spec;
    // biome-ignore lint/suspicious/noExplicitAny: see above
    let built: Argv<any> = y.positional(positional.name, {
      type: 'string',
      ...(positional.variadic ? { array: true, demandOption: true } : {}),
      ...(positional.default !== undefined ? { default: positional.default } : { demandOption: true }),
      description: positional.description,
    });
    for (const option of spec.options) {
      built = built.option(option.name, {
        type: option.type,
        ...(option.alias ? { alias: option.alias } : {}),
        // nargs 1: a repeatable option takes one value per use and never swallows the positional after it.
        ...(option.repeatable ? { array: true, nargs: 1 } : {}),
        // An option that takes a value must get one: `-m` alone is an error, never "use the default".
        ...(option.type !== 'boolean' ? { requiresArg: true } : {}),
        ...(option.choices ? { choices: [...option.choices] } : {}),
        ...(option.default !== undefined ? { default: option.default } : {}),
        description: option.description,
      });
    }
    return built;
  };
}

/** The --debug option every command has. */
export const DEBUG_OPTION: OptionSpec = { name: 'debug', type: 'boolean', description: 'Show stack traces for errors' };
