// The real app over the real test database, called in-process through yoga.fetch (the full HTTP and
// GraphQL path, without a port).
import { inject } from 'vitest';
import { hashToken, parseTokens } from '../../src/auth/tokens.js';
import type { AppServices } from '../../src/context.js';
import { loadCypherLibrary } from '../../src/graph/cypher.js';
import { createDriver } from '../../src/db/driver.js';
import { createExecutor, type Executor } from '../../src/db/executor.js';
import { readCorpus } from '../../src/ingest/read-corpus.js';
import { createApp } from '../../src/yoga.js';

export const cypher = loadCypherLibrary();

/** Test tokens (plaintext here, hashes in the app, as in production): a curator and a reader without scopes. */
export const testTokens = { curator: 'test-curator-token-0123456789', reader: 'test-reader-token-0123456789' };
export const testTokenRecords = parseTokens(`curator:${hashToken(testTokens.curator)}:curate,reader:${hashToken(testTokens.reader)}:`);

export function testServices() {
  const db = inject('neo4j');
  const driver = createDriver(db);
  const version = readCorpus().version;
  return { driver, database: 'neo4j', cypher, queryTimeoutMs: 15_000, corpusVersion: () => version };
}

export interface GraphQLResponse<T = any> {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number;
  body: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  roundTrips: number;
  headers: Headers;
}

/** The app over the test database; `overrides` add or replace services (tokens, limits, logger ...). */
export function testApp(overrides: Partial<AppServices> = {}) {
  const services = { tokens: testTokenRecords, ...testServices(), ...overrides };
  const app = createApp(services);
  async function gql<T = any>(
    // eslint-disable-line @typescript-eslint/no-explicit-any
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    const response = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      body: await response.json(),
      roundTrips: Number(response.headers.get('x-cypher-round-trips') ?? NaN),
      headers: response.headers,
    };
  }
  /** Runs a query that must succeed and returns its data. */
  async function data<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T> {
    // eslint-disable-line @typescript-eslint/no-explicit-any
    const result = await gql<T>(query, variables, headers);
    if (result.body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(result.body.errors)}`);
    return result.body.data as T;
  }
  const executor = (): Executor => createExecutor({ driver: services.driver, database: 'neo4j', timeoutMs: 30_000 });
  return { app, gql, data, executor, services, close: () => services.driver.close() };
}
