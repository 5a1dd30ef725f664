// A short load run against the real server (jak-kg serve as its own process, on loopback, over the test
// database): mixed questions at concurrency 16 for 10 s, every answer a 200 without GraphQL errors, and
// the server's memory bounded. The long run (60 s at 64) is `npm run load`, reported in docs/RELIABILITY.md.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runLoad } from './support/load.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

let server: ServerProcess;

beforeAll(async () => {
  const db = inject('neo4j');
  server = await startServerProcess({ NEO4J_URI: db.uri, NEO4J_USER: db.user, NEO4J_PASSWORD: db.password, SEED_ON_START: 'false' });
});

afterAll(async () => {
  // SIGTERM: the graceful path, which must exit cleanly.
  expect(await server?.stop()).toBe(0);
});

describe('load', () => {
  it('holds 10 s of mixed questions at concurrency 16 with no error, in bounded memory', { timeout: 60_000 }, async () => {
    const result = await runLoad(server.url, { connections: 16, seconds: 10 });
    console.log(`load: ${JSON.stringify(result)}`);
    expect(result).toMatchObject({ non2xx: 0, errors: 0, timeouts: 0, graphqlErrors: 0 });
    expect(result.requests).toBeGreaterThanOrEqual(16); // every connection was answered
    // Bounded: the server keeps nothing across requests (loaders die with them). Ten seconds show a runaway,
    // not a plateau: 768 MB, as `npm run load`; the 180 s run of docs/RELIABILITY.md shows the plateau.
    expect(result.rssMb.max).toBeLessThan(768);
  });
});
