// The one entry point: `jak-kg <command>` (bin/jak-kg.js, `npm run kg -- ...`; every npm script that runs
// something calls it: npm start = serve, npm run seed = seed, npm run db = db, npm run token = token,
// npm run schema:print = schema --write). Each command is loaded when asked for, so `jak-kg db status`
// does not load the GraphQL schema.
// Exit codes: 0 ok, 1 failure, 2 usage error, 3 `db status`: stopped.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommandLine, UsageError } from './usage.js';

export const usage = `usage: jak-kg <command> [options]      (in this project also: npm run kg -- <command> [options])

commands:
  serve                   serve GraphQL (npm start), seeding the corpus first when the graph lacks it
  seed                    load the curated corpus into the database, with a progress bar
  import <source> <file>  load records of openfda (labels, Drugs@FDA), ema (medicines table), ctgov (API v2
                          JSON) or pubmed (efetch XML), matched to the graph's drugs and conditions
  export <table>          stream an export table (evidence, uses, nodes, edges, nodes/<Label>, edges/<TYPE>)
                          to a file or stdout, as CSV or NDJSON, with filters and a progress bar
  schema [--write]        print the GraphQL schema (SDL), or write it to schema/schema.graphql
  db start|stop|status    run the local Neo4j in the background
  token <id> [scopes]     make a curation token and its KG_TOKENS entry

Run jak-kg <command> --help for a command's options. The database is chosen as for npm start: NEO4J_URI
(NEO4J_USER, NEO4J_PASSWORD), else Docker, else the local launcher.

exit codes: 0 ok, 1 failure, 2 usage error, 3 db status: stopped
`;

const schemaUsage = `usage: jak-kg schema [--write]

Prints the GraphQL schema the server serves (SDL, sorted), as committed in schema/schema.graphql; with
--write, writes it there instead (npm run schema:print).
`;

async function schemaCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { write: { type: 'boolean' } });
  if (values.help) {
    process.stdout.write(schemaUsage);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
  const { printedSchema, schemaFile } = await import('../schema/print.js');
  if (!values.write) {
    process.stdout.write(printedSchema());
    return 0;
  }
  const { writeFileSync } = await import('node:fs');
  writeFileSync(schemaFile, printedSchema());
  process.stdout.write(`wrote ${schemaFile}\n`);
  return 0;
}

const commands: Record<string, (argv: string[]) => Promise<number>> = {
  serve: async (argv) => (await import('./serve-command.js')).serveCommand(argv),
  seed: async (argv) => (await import('./seed-command.js')).seedCommand(argv),
  import: async (argv) => (await import('./import-command.js')).importCommand(argv),
  export: async (argv) => (await import('./export-command.js')).exportCommand(argv),
  schema: schemaCommand,
  db: async (argv) => (await import('./db-command.js')).dbCommand(argv),
  token: async (argv) => (await import('./token-command.js')).tokenCommand(argv),
};

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const known = command !== undefined && Object.hasOwn(commands, command);
  try {
    if (known) return await commands[command](rest);
    switch (command) {
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(usage);
        return 0;
      case undefined:
        process.stderr.write(usage);
        return 2;
      default:
        throw new UsageError(`unknown command: ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`jak-kg: ${error.message}\nrun jak-kg ${known ? `${command} ` : ''}--help for usage\n`);
      return 2;
    }
    process.stderr.write(`jak-kg: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(await runCli(process.argv.slice(2)));
}
