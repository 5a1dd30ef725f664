// The `jak-kg` command (bin/jak-kg.js, or `npm run kg -- ...`): seed, import, export, schema, db.
// Exit codes: 0 ok, 1 failure, 2 usage error, 3 `db status`: stopped.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dbCommand } from '../db/launcher-cli.js';
import { UsageError } from './args.js';
import { exportCommand } from './export-command.js';
import { importCommand } from './import-command.js';
import { seedCommand } from './seed-command.js';

export const usage = `usage: jak-kg <command> [options]      (in this project also: npm run kg -- <command> [options])

commands:
  seed                    load the curated corpus into the database, with a progress bar
  import <source> <file>  load records of openfda (labels, Drugs@FDA), ema (medicines table), ctgov (API v2
                          JSON) or pubmed (efetch XML), matched to the graph's drugs and conditions
  export <table>          stream an export table (evidence, uses, nodes, edges, nodes/<Label>, edges/<TYPE>)
                          to a file or stdout, as CSV or NDJSON, with filters and a progress bar
  schema                  print the GraphQL schema (SDL)
  db start|stop|status    run the local Neo4j in the background

Run jak-kg <command> --help for a command's options. The database is chosen as for npm start: NEO4J_URI
(NEO4J_USER, NEO4J_PASSWORD), else Docker, else the local launcher.

exit codes: 0 ok, 1 failure, 2 usage error, 3 db status: stopped
`;

const schemaUsage = `usage: jak-kg schema

Prints the GraphQL schema the server serves (SDL, sorted), as committed in schema/schema.graphql.
`;

async function schemaCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(schemaUsage);
    return 0;
  }
  if (argv.length) throw new UsageError(`unexpected argument: ${argv[0]}`);
  const { printedSchema } = await import('../schema/print.js');
  process.stdout.write(printedSchema());
  return 0;
}

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'seed':
        return await seedCommand(rest);
      case 'import':
        return await importCommand(rest);
      case 'export':
        return await exportCommand(rest);
      case 'schema':
        return await schemaCommand(rest);
      case 'db':
        return await dbCommand(rest, 'jak-kg db');
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
      const known = ['seed', 'import', 'export', 'schema', 'db'].includes(command);
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
