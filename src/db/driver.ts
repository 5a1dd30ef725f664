// One driver per process. Numbers come back as JS numbers: every integer in this graph is small.
import neo4j, { type AuthToken, type Driver } from 'neo4j-driver';

export interface DriverOptions {
  uri: string;
  user: string;
  password: string;
  /** How long a managed transaction is retried on transient errors; the driver's default is 30 s. */
  maxRetryMs?: number;
  /** Pooled connections (default POOL_SIZE). */
  poolSize?: number;
  /** How long a session waits for a pooled connection before DATABASE_BUSY (default 10 s). */
  acquisitionTimeoutMs?: number;
}

/** Connections per driver; every Neo4j session holds one while it runs. */
export const POOL_SIZE = 100;

// What neo4j.auth.none() returns at run time; the driver's typings lack it.
const noAuth: AuthToken = { scheme: 'none', credentials: '' } as AuthToken;

/**
 * Idle pooled connections older than this are checked (one RESET round trip) before they are handed out.
 * After Neo4j restarts, every connection in the pool is dead: without the check each one would fail a
 * query in turn (and open the availability circuit again) before the pool held only live ones. Under load
 * connections are reused within milliseconds and are never checked.
 */
export const LIVENESS_CHECK_MS = 1_000;

export function createDriver({ uri, user, password, maxRetryMs = 3_000, poolSize = POOL_SIZE, acquisitionTimeoutMs = 10_000 }: DriverOptions): Driver {
  // The local launcher runs with auth off; a password-less config means "no auth".
  const auth = password ? neo4j.auth.basic(user, password) : noAuth;
  return neo4j.driver(uri, auth, {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: poolSize,
    connectionAcquisitionTimeout: acquisitionTimeoutMs,
    connectionLivenessCheckTimeout: LIVENESS_CHECK_MS,
    connectionTimeout: 5_000,
    maxTransactionRetryTime: maxRetryMs,
    userAgent: 'jak-kg/0.1',
  });
}
