// The one way the server runs Cypher: a session per call, managed read/write transactions with a timeout
// and metadata naming the operation, the session closed in `finally`, driver errors mapped in one place.
// When an availability circuit is given, a call is refused at once (SERVICE_UNAVAILABLE) while Neo4j is
// known to be down, and an unreachable Neo4j opens the circuit.
import neo4j, { type Driver, type ManagedTransaction, type Record as Neo4jRecord } from 'neo4j-driver';
import type { Availability } from './availability.js';
import { mapDriverError, serviceUnavailable } from './errors.js';

export interface QueryStats {
  roundTrips: number;
}

/** Runs statements inside one transaction (see Executor.writeTransaction). */
export interface TransactionRunner {
  run(cypher: string, params?: Record<string, unknown>): Promise<Neo4jRecord[]>;
}

export interface Executor {
  read(operation: string, cypher: string, params?: Record<string, unknown>): Promise<Neo4jRecord[]>;
  write(operation: string, cypher: string, params?: Record<string, unknown>): Promise<Neo4jRecord[]>;
  /**
   * Several statements in one write transaction: all or nothing. The work may run more than once (the
   * driver retries a transaction that failed transiently), so it must only read and write through `tx`.
   */
  writeTransaction<T>(operation: string, work: (tx: TransactionRunner) => Promise<T>): Promise<T>;
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
  /** The circuit breaker of src/db/availability.ts; none: always try. */
  availability?: Availability;
  /** Told +1 when a session opens and -1 when it closes (the sessions-in-use metric). */
  onSession?: (delta: 1 | -1) => void;
}

export function createExecutor({ driver, database, timeoutMs, availability, onSession }: ExecutorOptions): Executor {
  const stats: QueryStats = { roundTrips: 0 };
  async function inSession<T>(mode: 'READ' | 'WRITE', operation: string, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    if (availability && !availability.isUp()) throw serviceUnavailable();
    stats.roundTrips += 1;
    const session = driver.session({ database, defaultAccessMode: mode });
    onSession?.(1);
    const config = { timeout: timeoutMs, metadata: { app: 'jak-kg', operation } };
    try {
      return mode === 'READ' ? await session.executeRead(work, config) : await session.executeWrite(work, config);
    } catch (error) {
      const mapped = mapDriverError(error);
      if (availability && (mapped as { extensions?: { code?: string } }).extensions?.code === 'SERVICE_UNAVAILABLE') {
        availability.reportUnavailable();
      }
      throw mapped;
    } finally {
      await session.close();
      onSession?.(-1);
    }
  }
  const runner = (tx: ManagedTransaction): TransactionRunner => ({
    run: async (cypher, params = {}) => (await tx.run(cypher, toCypherParams(params) as Record<string, unknown>)).records,
  });
  return {
    read: (operation, cypher, params = {}) => inSession('READ', operation, (tx) => runner(tx).run(cypher, params)),
    write: (operation, cypher, params = {}) => inSession('WRITE', operation, (tx) => runner(tx).run(cypher, params)),
    writeTransaction: (operation, work) => inSession('WRITE', operation, (tx) => work(runner(tx))),
    stats,
  };
}
