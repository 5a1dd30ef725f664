// Command lines through node:util parseArgs, with this CLI's usage errors (exit code 2): -h/--help on every
// command; an option given twice, without its value or with a value it does not take is refused; unknown
// options are refused, or, where the command asks for them (export's filters), kept as `--name value` /
// `--name=value` pairs in order. parseArgs runs with `strict: false` and `tokens: true` for that: strict mode
// would refuse the unknown pairs, so the checks it would make are made here from its tokens.
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export interface CommandLine<O extends OptionSpec> {
  values: { [K in keyof O]?: O[K]['type'] extends 'string' ? string : boolean } & { help?: boolean };
  positionals: string[];
  /** Unknown --name value pairs, in order (only with `extra: true`). */
  extra: [string, string][];
}

export function parseCommandLine<O extends OptionSpec>(argv: string[], options: O, { extra: allowExtra = false } = {}): CommandLine<O> {
  const spec: OptionSpec = { help: { type: 'boolean', short: 'h' }, ...options };
  const { tokens } = parseArgs({ args: argv, options: spec, allowPositionals: true, strict: false, tokens: true });
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  const extra: [string, string][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const known = spec[token.name];
    if (!known) {
      if (!allowExtra || !token.rawName.startsWith('--')) throw new UsageError(`Unknown option '${token.rawName}'`); // parseArgs' own wording
      let value = token.value;
      if (value === undefined) {
        const next = tokens[i + 1];
        if (next?.kind !== 'positional' || next.index !== token.index + 1) throw new UsageError(`${token.rawName} needs a value`);
        value = next.value;
        i++;
      }
      extra.push([token.name, value]);
    } else if (known.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
      values[token.name] = true;
    } else {
      if (token.value === undefined || (!token.inlineValue && token.value.startsWith('--'))) throw new UsageError(`${token.rawName} needs a value`);
      if (token.name in values) throw new UsageError(`${token.rawName} is given twice`);
      values[token.name] = token.value;
    }
  }
  return { values: values as CommandLine<O>['values'], positionals, extra };
}
