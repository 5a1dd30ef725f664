// Picks the test database in the project's order: NEO4J_URI; else a testcontainers Neo4j where a Docker
// engine answers; else the project's own launcher (a separate data folder and port from `npm start`'s).
// Then seeds the curated corpus once and hands the connection to the tests through `provide`.
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { readConfig } from '../../src/config.js';
import { loadCypherLibrary } from '../../src/graph/cypher.js';
import { createDriver } from '../../src/db/driver.js';
import { createExecutor } from '../../src/db/executor.js';
import { PROJECT_ROOT, startLocalNeo4j } from '../../src/db/local-neo4j.js';
import { dockerEngineAnswers } from '../../src/db/select-database.js';
import { seed } from '../../src/ingest/seed.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: { uri: string; user: string; password: string; how: string };
  }
}

export const testDataDir = path.join(PROJECT_ROOT, '.neo4j', 'test', 'data');

async function startDatabase(): Promise<{ uri: string; user: string; password: string; how: string; stop: () => Promise<void> }> {
  const config = readConfig();
  if (config.NEO4J_URI) {
    return { uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, how: 'NEO4J_URI', stop: async () => {} };
  }
  if (await dockerEngineAnswers()) {
    const { Neo4jContainer } = await import('@testcontainers/neo4j');
    const container = await new Neo4jContainer('neo4j:5.26-community').withPassword('jak-kg-test').start();
    return {
      uri: container.getBoltUri(),
      user: container.getUsername(),
      password: container.getPassword(),
      how: 'testcontainers',
      stop: async () => void (await container.stop()),
    };
  }
  const port = Number(process.env.NEO4J_TEST_BOLT_PORT ?? 7688);
  const local = await startLocalNeo4j({ dataDir: testDataDir, boltPort: port, log: (line) => console.log(`[neo4j] ${line}`) });
  return { uri: local.uri, user: 'neo4j', password: '', how: 'local launcher', stop: () => local.stop() };
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  const db = await startDatabase();
  const driver = createDriver(db);
  try {
    await driver.verifyConnectivity();
    const result = await seed(createExecutor({ driver, database: 'neo4j', timeoutMs: 300_000 }), loadCypherLibrary());
    console.log(`Test Neo4j via ${db.how} at ${db.uri}; corpus ${result.version} seeded; ready in ${Date.now() - started} ms`);
  } finally {
    await driver.close();
  }
  project.provide('neo4j', { uri: db.uri, user: db.user, password: db.password, how: db.how });
  return async () => {
    await db.stop();
  };
}
