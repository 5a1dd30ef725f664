// The one way the server runs Cypher: a session per call, managed read/write transactions with a timeout
// and metadata naming the operation, the session closed in `finally`, driver errors mapped in one place.
import neo4j, { type Driver, type Record as Neo4jRecord, type Transaction } from 'neo4j-driver';
import { mapDriverError } from './errors.js';

export interface QueryStats {
  roundTrips: number;
}

export interface Statement {
  cypher: string;
  params?: Record<string, unknown>;
}

export interface Executor {
  read(operation: string, cypher: string, params?: Record<string, unknown>): Promise<Neo4jRecord[]>;
  write(operation: string, cypher: string, params?: Record<string, unknown>): Promise<Neo4jRecord[]>;
  /**
   * Runs read statements one after another in one read transaction and yields their records as they arrive,
   * without buffering the result: the driver pauses the stream while the consumer is slow (its watermarks),
   * so memory stays flat however many records there are. Ending the iteration early (return(), a break)
   * rolls the transaction back. Not retried: a retry after records were handed out would repeat them.
   */
  stream(operation: string, statements: Statement[]): AsyncGenerator<Neo4jRecord, void, undefined>;
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
  async function* stream(operation: string, statements: Statement[]): AsyncGenerator<Neo4jRecord, void, undefined> {
    stats.roundTrips += statements.length;
    const session = driver.session({ database, defaultAccessMode: 'READ' });
    let tx: Transaction | undefined;
    try {
      tx = await session.beginTransaction({ timeout: timeoutMs, metadata: { app: 'jak-kg', operation } });
      for (const { cypher, params = {} } of statements) {
        for await (const record of tx.run(cypher, toCypherParams(params) as Record<string, unknown>)) yield record;
      }
      await tx.commit();
    } catch (error) {
      throw mapDriverError(error);
    } finally {
      if (tx?.isOpen()) await tx.rollback().catch(() => {});
      await session.close();
    }
  }
  return {
    stream,
    read: (operation, cypher, params) => run('READ', operation, cypher, params),
    write: (operation, cypher, params) => run('WRITE', operation, cypher, params),
    stats,
  };
}
