// The one way the server runs Cypher: a session per call, a timeout and metadata naming the operation, the
// session closed in `finally`, driver errors mapped in one place. Writes run in managed transactions. Reads
// (one statement each) run as auto-commit transactions: one network round trip (RUN and PULL together)
// where a managed transaction takes two (BEGIN, RUN and PULL; then COMMIT), which is most of the cost of a
// small read. They are retried on the errors a managed transaction retries (the driver marks them
// retryable), with the driver's own backoff and time budget: a read commits nothing, so a retry cannot
// repeat a write.
import neo4j, { Neo4jError, type Driver, type Record as Neo4jRecord } from 'neo4j-driver';
import { mapDriverError } from './errors.js';

export interface QueryStats {
  roundTrips: number;
}

export interface Executor {
  read(operation: string, cypher: string, params?: Record<string, unknown>): Promise<Neo4jRecord[]>;
  write(operation: string, cypher: string, params?: Record<string, unknown>): Promise<Neo4jRecord[]>;
  readonly stats: QueryStats;
}

/**
 * JS numbers travel as floats, which Cypher refuses for LIMIT, SKIP and list slices and stores as floats;
 * whole numbers are sent as Cypher integers instead, everywhere, so no call site has to remember.
 */
export function toCypherParams(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map(toCypherParams);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCypherParams(v)]));
  }
  return value;
}

export interface ExecutorOptions {
  driver: Driver;
  database: string;
  timeoutMs: number;
}

/** The driver's defaults for managed transactions: retry for up to 30 s, waiting 1 s, then twice as long each time. */
const RETRY_BUDGET_MS = 30_000;
const FIRST_RETRY_DELAY_MS = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createExecutor({ driver, database, timeoutMs }: ExecutorOptions): Executor {
  const stats: QueryStats = { roundTrips: 0 };
  const config = (operation: string) => ({ timeout: timeoutMs, metadata: { app: 'jak-kg', operation } });

  async function read(operation: string, cypher: string, params: Record<string, unknown> = {}) {
    stats.roundTrips += 1;
    const cypherParams = toCypherParams(params) as Record<string, unknown>;
    const started = Date.now();
    for (let delay = FIRST_RETRY_DELAY_MS; ; delay *= 2) {
      const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
      let failure: unknown;
      try {
        return (await session.run(cypher, cypherParams, config(operation))).records;
      } catch (error) {
        failure = error;
      } finally {
        await session.close();
      }
      const wait = delay * (0.8 + Math.random() * 0.4);
      const retryable = failure instanceof Neo4jError && failure.retryable;
      if (!retryable || Date.now() + wait - started > RETRY_BUDGET_MS) throw mapDriverError(failure);
      await sleep(wait);
    }
  }

  async function write(operation: string, cypher: string, params: Record<string, unknown> = {}) {
    stats.roundTrips += 1;
    const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
    const cypherParams = toCypherParams(params) as Record<string, unknown>;
    try {
      return (await session.executeWrite((tx) => tx.run(cypher, cypherParams), config(operation))).records;
    } catch (error) {
      throw mapDriverError(error);
    } finally {
      await session.close();
    }
  }

  return { read, write, stats };
}
