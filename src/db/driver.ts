// One driver per process. Numbers come back as JS numbers: every integer in this graph is small.
import neo4j, { type AuthToken, type Driver } from 'neo4j-driver';

export interface DriverOptions {
  uri: string;
  user: string;
  password: string;
  /** How long a managed transaction is retried on transient errors; the driver's default is 30 s. */
  maxRetryMs?: number;
}

/** Connections per driver; every Neo4j session holds one while it runs. */
export const POOL_SIZE = 100;

// What neo4j.auth.none() returns at run time; the driver's typings lack it.
const noAuth: AuthToken = { scheme: 'none', credentials: '' } as AuthToken;

export function createDriver({ uri, user, password, maxRetryMs = 3_000 }: DriverOptions): Driver {
  // The local launcher runs with auth off; a password-less config means "no auth".
  const auth = password ? neo4j.auth.basic(user, password) : noAuth;
  return neo4j.driver(uri, auth, {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: POOL_SIZE,
    connectionAcquisitionTimeout: 10_000,
    connectionTimeout: 5_000,
    maxTransactionRetryTime: maxRetryMs,
    userAgent: 'jak-kg/0.1',
  });
}
