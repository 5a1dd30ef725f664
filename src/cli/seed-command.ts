// `jak-kg seed [--data DIR]` (also `npm run seed`): load the curated corpus into the configured (or
// locally launched) Neo4j, with a progress bar over nodes and relationships.
import { readConfig } from '../config.js';
import { loadCypherLibrary } from '../graph/cypher.js';
import { createExecutor } from '../db/executor.js';
import { connectDatabase } from '../db/select-database.js';
import { CorpusError, readCorpus } from '../ingest/read-corpus.js';
import { seed } from '../ingest/seed.js';
import { createProgress, type Progress } from './progress.js';
import { parseCommandLine, UsageError } from './usage.js';

export const seedUsage = `usage: jak-kg seed [--data DIR]

Loads the curated corpus (data/*.json, validated first: a bad file writes nothing) into the database the
server uses (NEO4J_URI, else Docker, else the local launcher). Idempotent. Shows a progress bar.

options:
  --data DIR    corpus folder (default: the project's data/)
  -h, --help    this help
`;

export async function seedCommand(argv: string[]): Promise<number> {
  const args = parseCommandLine(argv, { data: { type: 'string' } });
  if (args.values.help) {
    process.stdout.write(seedUsage);
    return 0;
  }
  if (args.positionals.length) throw new UsageError(`unexpected argument: ${args.positionals[0]}`);
  let loaded: ReturnType<typeof readCorpus>;
  try {
    loaded = readCorpus(args.values.data);
  } catch (error) {
    if (error instanceof CorpusError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const config = readConfig();
  const db = await connectDatabase(config, { log: (line) => process.stderr.write(`${line}\n`) });
  try {
    const executor = createExecutor({ driver: db.driver, database: config.NEO4J_DATABASE, timeoutMs: 300_000 });
    const started = Date.now();
    let progress: Progress | undefined;
    const result = await seed(executor, loadCypherLibrary(), {
      loaded,
      progress: ({ what, done, total }) => {
        progress ??= createProgress(`seed ${loaded.version}`, { total, unit: 'items' });
        progress.update(done, what);
      },
    });
    const message = `Seeded corpus ${result.version}: ${result.nodes} nodes, ${result.relationships} relationships in ${Date.now() - started} ms`;
    if (progress) progress.finish(message);
    else process.stdout.write(`${message}\n`);
    return 0;
  } finally {
    await db.close();
  }
}
