// Chooses the Neo4j the process talks to, in the project's order:
//   1. NEO4J_URI (with NEO4J_USER / NEO4J_PASSWORD), used as is (routing URIs included);
//   2. else, where a Docker engine answers, the `neo4j` service of docker-compose.yml;
//   3. else the project's own launcher of Neo4j Community from Maven Central (src/db/local-neo4j.ts),
//      reusing one already started with `npm run db start`.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Driver } from 'neo4j-driver';
import type { Config } from '../config.js';
import { createDriver } from './driver.js';
import { localNeo4jStatus, startLocalNeo4j } from './local-neo4j.js';

const run = promisify(execFile);
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The credentials docker-compose.yml gives its Neo4j (a local, loopback-only development database). */
export const composeAuth = { user: 'neo4j', password: 'jak-kg-local-dev' };

export interface Database {
  driver: Driver;
  uri: string;
  how: 'NEO4J_URI' | 'docker compose' | 'local launcher';
  /** Closes the driver and stops any Neo4j this process started itself. */
  close(): Promise<void>;
}

export async function dockerEngineAnswers(): Promise<boolean> {
  try {
    await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

async function connect(
  uri: string,
  user: string,
  password: string,
  how: Database['how'],
  stop?: () => Promise<void>,
  attempts = 1,
  maxRetryMs?: number,
): Promise<Database> {
  const driver = createDriver({ uri, user, password, maxRetryMs });
  for (let attempt = 1; attempts > 0; attempt++) {
    try {
      await driver.verifyConnectivity();
      break;
    } catch (error) {
      if (attempt >= attempts) {
        await driver.close();
        await stop?.();
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
  return {
    driver,
    uri,
    how,
    close: async () => {
      await driver.close();
      await stop?.();
    },
  };
}

export interface ConnectOptions {
  log?: (line: string) => void;
  /**
   * With NEO4J_URI, return the driver at once without waiting for Neo4j to answer (the server starts
   * while Neo4j is down and its availability circuit waits for it); default false: fail when unreachable.
   */
  lazy?: boolean;
}

export async function connectDatabase(config: Config, options: ConnectOptions = {}): Promise<Database> {
  const log = options.log ?? (() => {});
  if (config.NEO4J_URI) {
    log(`Using Neo4j at ${config.NEO4J_URI} (NEO4J_URI)`);
    const attempts = options.lazy ? 0 : 1;
    return connect(config.NEO4J_URI, config.NEO4J_USER, config.NEO4J_PASSWORD, 'NEO4J_URI', undefined, attempts, config.NEO4J_MAX_RETRY_MS);
  }
  if (await dockerEngineAnswers()) {
    log('Docker engine found: starting the neo4j service of docker-compose.yml');
    await run('docker', ['compose', 'up', '--detach', '--wait', 'neo4j'], { cwd: projectRoot, timeout: 300_000 });
    return connect('bolt://127.0.0.1:7687', composeAuth.user, composeAuth.password, 'docker compose', undefined, 30, config.NEO4J_MAX_RETRY_MS);
  }
  const running = await localNeo4jStatus();
  if (running.running && running.uri) {
    log(`Using the local Neo4j already running (pid ${running.pid}) at ${running.uri}`);
    return connect(running.uri, 'neo4j', '', 'local launcher', undefined, 1, config.NEO4J_MAX_RETRY_MS);
  }
  log('No NEO4J_URI and no Docker engine: launching Neo4j Community from Maven Central (first run downloads the jars)');
  const local = await startLocalNeo4j({ boltPort: config.NEO4J_BOLT_PORT, log });
  return connect(local.uri, 'neo4j', '', 'local launcher', () => local.stop(), 1, config.NEO4J_MAX_RETRY_MS);
}
