// `npm run seed`: load the curated corpus into the configured (or locally launched) Neo4j.
import { readConfig } from '../config.js';
import { loadCypherLibrary } from '../db/cypher.js';
import { createExecutor } from '../db/executor.js';
import { connectDatabase } from '../db/select-database.js';
import { CorpusError } from './read-corpus.js';
import { seed } from './seed.js';

const config = readConfig();
const db = await connectDatabase(config, { log: (line) => console.error(line) });
try {
  const executor = createExecutor({ driver: db.driver, database: config.NEO4J_DATABASE, timeoutMs: 300_000 });
  const started = Date.now();
  const result = await seed(executor, loadCypherLibrary(), {
    progress: ({ what, done }) => console.error(`  ${what}: ${done}`),
  });
  console.log(
    `Seeded corpus ${result.version}: ${result.nodes} nodes, ${result.relationships} relationships in ${Date.now() - started} ms`,
  );
} catch (error) {
  if (error instanceof CorpusError) {
    console.error(error.message);
    process.exitCode = 1;
  } else throw error;
} finally {
  await db.close();
}
