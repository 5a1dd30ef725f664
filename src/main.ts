// `npm start`: pick the database (NEO4J_URI, Docker, or the local launcher), seed the corpus when the
// graph does not hold this version of it, and serve GraphQL on http://localhost:PORT/graphql.
import { readConfig } from './config.js';
import { loadCypherLibrary } from './db/cypher.js';
import { createExecutor } from './db/executor.js';
import { connectDatabase } from './db/select-database.js';
import { readCorpus } from './ingest/read-corpus.js';
import { seed } from './ingest/seed.js';
import { closeOnSignals, listen } from './server.js';
import { createApp } from './yoga.js';

const started = Date.now();
const config = readConfig();
const cypher = loadCypherLibrary();
const db = await connectDatabase(config, { log: (line) => console.error(line) });

let corpusVersion: string | undefined;
try {
  const executor = createExecutor({ driver: db.driver, database: config.NEO4J_DATABASE, timeoutMs: 300_000 });
  const loaded = readCorpus();
  const [current] = await executor.read('corpus-version', cypher.query('corpus-version'));
  corpusVersion = current?.get('version') ?? undefined;
  if (config.SEED_ON_START && corpusVersion !== loaded.version) {
    console.error(`Seeding corpus ${loaded.version} (the graph holds ${corpusVersion ?? 'none'})`);
    const result = await seed(executor, cypher, { loaded });
    corpusVersion = result.version;
    console.error(`Seeded ${result.nodes} nodes and ${result.relationships} relationships`);
  }
} catch (error) {
  await db.close();
  throw error;
}

const app = createApp({
  driver: db.driver,
  database: config.NEO4J_DATABASE,
  cypher,
  queryTimeoutMs: config.NEO4J_QUERY_TIMEOUT_MS,
  exportTimeoutMs: config.NEO4J_EXPORT_TIMEOUT_MS,
  corpusVersion: () => corpusVersion,
});
const server = await listen(app, config.PORT, config.HOST);
closeOnSignals(server, () => db.close());
const shown = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
console.log(`jak-kg ready in ${((Date.now() - started) / 1000).toFixed(1)} s: http://${shown}:${config.PORT}/graphql (Neo4j via ${db.how})`);
