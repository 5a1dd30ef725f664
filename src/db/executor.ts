// The one way the server runs Cypher: a session per call, managed read/write transactions with a timeout
// and metadata naming the operation, the session closed in `finally`, driver errors mapped in one place.
// When an availability circuit is given, a call is refused at once (SERVICE_UNAVAILABLE) while Neo4j is
// known to be down, and an unreachable Neo4j opens the circuit.
// Read-your-writes: every session of every executor on a driver shares the driver's one bookmark manager
// (sessionBookmarks), so a read begins after the writes this process committed, on whichever cluster
// member a routing URI sends it to (a curation write, then the read of the next request).
import neo4j, { type BookmarkManager, type Driver, type ManagedTransaction, type Record as Neo4jRecord, type Transaction } from 'neo4j-driver';
import type { Availability } from './availability.js';
import { mapDriverError, serviceUnavailable } from './errors.js';

export interface QueryStats {
  roundTrips: number;
  /** The most sessions this executor (one request) held at once. */
  mostSessions: number;
}

export interface Statement {
  cypher: string;
  params?: Record<string, unknown>;
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
  /** The circuit breaker of src/db/availability.ts; none: always try. */
  availability?: Availability;
  /** Told +1 when a session opens and -1 when it closes (the sessions-in-use metric). */
  onSession?: (delta: 1 | -1) => void;
  /**
   * Sessions this executor (one request) may hold at once; more wait their turn. Each session holds one of
   * the driver's pooled connections, so aliased heavy fields cannot take the whole pool. Default: no bound.
   */
  maxSessions?: number;
}

/**
 * The bookmark manager the sessions on `driver` share: the driver's own, the one `driver.executeQuery` uses,
 * so there is one per driver (and per process) whoever opens the session. It holds the bookmarks of the last
 * transactions committed; a session opened with it begins its transactions with them (the cluster member
 * waits until it has applied those writes) and hands back the new bookmark when it commits.
 */
export function sessionBookmarks(driver: Driver): BookmarkManager {
  return driver.executeQueryBookmarkManager;
}

/** A counting semaphore: at most `max` holders at once, the others queued in arrival order. */
export function createSemaphore(max: number) {
  let held = 0;
  const waiting: (() => void)[] = [];
  return {
    async acquire(): Promise<void> {
      if (held < max) {
        held += 1;
        return;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
    release(): void {
      const next = waiting.shift();
      if (next)
        next(); // the slot passes straight to the next in line
      else held -= 1;
    },
  };
}

export function createExecutor({ driver, database, timeoutMs, availability, onSession, maxSessions }: ExecutorOptions): Executor {
  const stats: QueryStats = { roundTrips: 0, mostSessions: 0 };
  let openSessions = 0;
  const slots = maxSessions ? createSemaphore(maxSessions) : undefined;
  const metadata = (operation: string) => ({ app: 'jak-kg', operation });
  const bookmarkManager = sessionBookmarks(driver);

  /** Maps a driver error, and opens the circuit when it says Neo4j is unreachable. */
  function failed(error: unknown): unknown {
    const mapped = mapDriverError(error);
    if (availability && (mapped as { extensions?: { code?: string } }).extensions?.code === 'SERVICE_UNAVAILABLE') {
      availability.reportUnavailable();
    }
    return mapped;
  }

  async function openSession(mode: 'READ' | 'WRITE') {
    if (availability && !availability.isUp()) throw serviceUnavailable();
    await slots?.acquire();
    // The circuit may have opened while this call waited for a slot.
    if (availability && !availability.isUp()) {
      slots?.release();
      throw serviceUnavailable();
    }
    const session = driver.session({ database, defaultAccessMode: mode, bookmarkManager });
    onSession?.(1);
    stats.mostSessions = Math.max(stats.mostSessions, ++openSessions);
    return {
      session,
      close: async () => {
        try {
          await session.close();
        } finally {
          openSessions -= 1;
          onSession?.(-1);
          slots?.release();
        }
      },
    };
  }

  async function inSession<T>(mode: 'READ' | 'WRITE', operation: string, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const { session, close } = await openSession(mode);
    stats.roundTrips += 1;
    const config = { timeout: timeoutMs, metadata: metadata(operation) };
    try {
      return mode === 'READ' ? await session.executeRead(work, config) : await session.executeWrite(work, config);
    } catch (error) {
      throw failed(error);
    } finally {
      await close();
    }
  }

  async function* stream(operation: string, statements: Statement[]): AsyncGenerator<Neo4jRecord, void, undefined> {
    const { session, close } = await openSession('READ');
    stats.roundTrips += statements.length;
    let tx: Transaction | undefined;
    try {
      tx = await session.beginTransaction({ timeout: timeoutMs, metadata: metadata(operation) });
      for (const { cypher, params = {} } of statements) {
        for await (const record of tx.run(cypher, toCypherParams(params) as Record<string, unknown>)) yield record;
      }
      await tx.commit();
    } catch (error) {
      throw failed(error);
    } finally {
      if (tx?.isOpen()) await tx.rollback().catch(() => {});
      await close();
    }
  }

  const runner = (tx: ManagedTransaction): TransactionRunner => ({
    run: async (cypher, params = {}) => (await tx.run(cypher, toCypherParams(params) as Record<string, unknown>)).records,
  });
  return {
    read: (operation, cypher, params = {}) => inSession('READ', operation, (tx) => runner(tx).run(cypher, params)),
    write: (operation, cypher, params = {}) => inSession('WRITE', operation, (tx) => runner(tx).run(cypher, params)),
    writeTransaction: (operation, work) => inSession('WRITE', operation, (tx) => work(runner(tx))),
    stream,
    stats,
  };
}
