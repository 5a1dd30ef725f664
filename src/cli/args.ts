// Command-line parsing shared by the subcommands: positionals, `--name value` / `--name=value` options,
// flags. Unknown options are collected (export turns them into filters) or refused, as the command says.

export class UsageError extends Error {}

export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string>;
  flags: Set<string>;
  /** --name value pairs that are not among the command's options, in order. */
  extra: [string, string][];
}

export interface ArgSpec {
  options?: readonly string[];
  flags?: readonly string[];
  /** Keep unknown --name value pairs in `extra` instead of refusing them. */
  allowExtra?: boolean;
}

export function parseArgs(argv: string[], spec: ArgSpec): ParsedArgs {
  const options = new Map<string, string>();
  const flags = new Set<string>();
  const positionals: string[] = [];
  const extra: [string, string][] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      flags.add('help');
      continue;
    }
    if (!arg.startsWith('--')) {
      if (arg.startsWith('-') && arg.length > 1) throw new UsageError(`unknown option: ${arg}`);
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq >= 0 ? eq : undefined);
    if (!name) throw new UsageError(`bad option: ${arg}`);
    if (spec.flags?.includes(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      flags.add(name);
      continue;
    }
    const known = spec.options?.includes(name);
    if (!known && !spec.allowExtra) throw new UsageError(`unknown option: --${name}`);
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    }
    if (known) {
      if (options.has(name)) throw new UsageError(`--${name} is given twice`);
      options.set(name, value);
    } else extra.push([name, value]);
  }
  return { positionals, options, flags, extra };
}
