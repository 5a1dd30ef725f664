// The one way the server runs Cypher: a session per call, managed read/write transactions with a timeout
// and metadata naming the operation, the session closed in `finally`, driver errors mapped in one place.
import neo4j, { type Driver, type Record as Neo4jRecord } from 'neo4j-driver';
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

export function createExecutor({ driver, database, timeoutMs }: ExecutorOptions): Executor {
  const stats: QueryStats = { roundTrips: 0 };
  async function run(mode: 'READ' | 'WRITE', operation: string, cypher: string, params: Record<string, unknown> = {}) {
    stats.roundTrips += 1;
    const session = driver.session({ database, defaultAccessMode: mode });
    const config = { timeout: timeoutMs, metadata: { app: 'jak-kg', operation } };
    const cypherParams = toCypherParams(params) as Record<string, unknown>;
    try {
      const result =
        mode === 'READ'
          ? await session.executeRead((tx) => tx.run(cypher, cypherParams), config)
          : await session.executeWrite((tx) => tx.run(cypher, cypherParams), config);
      return result.records;
    } catch (error) {
      throw mapDriverError(error);
    } finally {
      await session.close();
    }
  }
  return {
    read: (operation, cypher, params) => run('READ', operation, cypher, params),
    write: (operation, cypher, params) => run('WRITE', operation, cypher, params),
    stats,
  };
}
