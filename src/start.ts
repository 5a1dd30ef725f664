// Starts the server: picks the database (NEO4J_URI, Docker, or the local launcher), listens at once, and
// gets the graph ready in the background. With NEO4J_URI the server starts even while Neo4j is down:
// /ready answers 503 and queries SERVICE_UNAVAILABLE until Neo4j answers and the corpus is seeded (when
// the graph holds another version of it); after that the availability circuit (src/db/availability.ts)
// rides out Neo4j going away and coming back, without a restart.
import type { Server } from 'node:http';
import { parseTokens } from './auth/tokens.js';
import type { Config } from './config.js';
import { createAvailability, type Availability } from './db/availability.js';
import { loadCypherLibrary, type CypherLibrary } from './graph/cypher.js';
import { POOL_SIZE } from './db/driver.js';
import { createExecutor } from './db/executor.js';
import { connectDatabase, type Database } from './db/select-database.js';
import { readCorpus } from './ingest/read-corpus.js';
import { seed } from './ingest/seed.js';
import { limitsFromConfig } from './limits.js';
import { createLogger, type Logger } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';
import { drain, listen, portOf } from './server.js';
import { createApp, type App } from './yoga.js';

export interface RunningServer {
  app: App;
  server: Server;
  port: number;
  db: Database;
  availability: Availability;
  /** Resolves when the graph is ready (Neo4j reached, corpus seeded if needed), or at close(); rejects when start-up failed for good. */
  ready: Promise<void>;
  /** Drains in-flight requests, then closes the database. */
  close(): Promise<void>;
}

/** Waits for Neo4j, seeds the corpus when the graph holds another version, retrying until it succeeds. */
async function prepareGraph(
  config: Config,
  db: Database,
  cypher: CypherLibrary,
  availability: Availability,
  logger: Logger,
  signal: AbortSignal,
  setVersion: (v: string | undefined) => void,
): Promise<void> {
  const executor = createExecutor({ driver: db.driver, database: config.NEO4J_DATABASE, timeoutMs: 300_000 });
  const loaded = readCorpus();
  for (;;) {
    await availability.waitForDatabase(signal);
    try {
      const [current] = await executor.read('corpus-version', cypher.query('corpus-version'));
      let version: string | undefined = current?.get('version') ?? undefined;
      if (config.SEED_ON_START && version !== loaded.version) {
        logger.info({ corpus: loaded.version, graph: version ?? null }, 'seeding the corpus');
        version = (await seed(executor, cypher, { loaded })).version;
        logger.info({ corpus: version }, 'seeded');
      }
      setVersion(version);
      availability.markStarted();
      return;
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      // Neo4j went away during start-up: the seed is idempotent, so wait for it and run it again.
      // Any other error (bad data, a broken statement) would fail again: it fails the start.
      if ((error as { extensions?: { code?: string } }).extensions?.code !== 'SERVICE_UNAVAILABLE') throw error;
      logger.warn({ err: (error as Error).message }, 'start-up interrupted; retrying when Neo4j answers');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

export async function startServer(config: Config, options: { logger?: Logger } = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const tokens = parseTokens(config.KG_TOKENS);
  const cypher = loadCypherLibrary();
  const db = await connectDatabase(config, { lazy: true, log: (line) => logger.info(line) });
  const availability = createAvailability(db.driver, config.NEO4J_DATABASE);
  const metrics = createMetrics({ processMetrics: true, poolSize: POOL_SIZE, isNeo4jUp: () => availability.isUp() });
  let corpusVersion: string | undefined;
  const corsOrigins =
    config.KG_CORS_ORIGINS.trim() === '*'
      ? '*'
      : config.KG_CORS_ORIGINS.split(',')
          .map((o) => o.trim())
          .filter(Boolean);
  const app = createApp({
    driver: db.driver,
    database: config.NEO4J_DATABASE,
    cypher,
    queryTimeoutMs: config.NEO4J_QUERY_TIMEOUT_MS,
    exportTimeoutMs: config.NEO4J_EXPORT_TIMEOUT_MS,
    corpusVersion: () => corpusVersion,
    tokens,
    limits: limitsFromConfig(config),
    availability,
    logger,
    metrics,
    http: { csrf: config.KG_CSRF, introspection: config.KG_INTROSPECTION, corsOrigins, metricsEndpoint: config.KG_METRICS },
  });
  const server = await listen(app, config.PORT, config.HOST);
  const stop = new AbortController();
  const ready = prepareGraph(config, db, cypher, availability, logger, stop.signal, (v) => (corpusVersion = v)).catch((error) => {
    if (!stop.signal.aborted) throw error; // a start-up stopped by close() is not an error
  });
  logger.info({ tokens: tokens.length, via: db.how }, 'listening');
  return {
    app,
    server,
    port: portOf(server),
    db,
    availability,
    ready,
    async close() {
      availability.markStopping();
      stop.abort(new Error('server closing'));
      await drain(server, config.SHUTDOWN_GRACE_MS);
      availability.close();
      await db.close();
    },
  };
}
