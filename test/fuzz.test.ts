// Thousands of generated requests (test/support/fuzz.ts, seeded: the same run every time), against the
// real app and database: never a crash, never a 5xx, never an uncoded or masked ("Unexpected error.")
// error, and every refusal (4xx) a JSON body whose errors all carry extensions.code. Writes go through a
// token of their own (id "fuzzer"), and whatever they wrote or retracted is undone afterwards.
import { afterAll, describe, expect, it } from 'vitest';
import { hashToken, parseTokens } from '../src/auth/tokens.js';
import { defaultLimits } from '../src/limits.js';
import { schema } from '../src/schema/index.js';
import { fuzzRequest, prng } from './support/fuzz.js';
import { testApp } from './support/app.js';

const tokens = { curator: 'fuzz-curator-token-0123456789', reader: 'fuzz-reader-token-0123456789' };
const { app, executor, close } = testApp({
  tokens: parseTokens(`fuzzer:${hashToken(tokens.curator)}:curate,fuzzreader:${hashToken(tokens.reader)}:`),
});
/** "No request of at most 2 KB makes the server answer more than a few megabytes" (issue 13). */
const SMALL_REQUEST_BYTES = 2_048;
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_601);

afterAll(async () => {
  await executor().write(
    'test:fuzz-cleanup',
    `
    OPTIONAL MATCH (created:Finding {createdBy: 'fuzzer'})
    OPTIONAL MATCH (createdEvent:AuditEvent)-[:AUDITS]->(created)
    DETACH DELETE created, createdEvent`,
  );
  await executor().write(
    'test:fuzz-cleanup-retractions',
    `
    MATCH (f:Finding {retractedBy: 'fuzzer'})
    REMOVE f.retracted, f.retractedAt, f.retractedBy, f.retractionReason`,
  );
  await executor().write('test:fuzz-cleanup-events', `MATCH (e:AuditEvent {tokenId: 'fuzzer'}) DETACH DELETE e`);
  await close();
});

describe('fuzz', () => {
  it(`survives ${REQUESTS} generated requests (seed ${SEED}) with coded refusals only`, { timeout: 180_000 }, async () => {
    const rng = prng(SEED);
    const byKind = new Map<string, number>();
    const byStatus = new Map<number, number>();
    const byCode = new Map<string, number>();
    const problems: string[] = [];
    let largest = { bytes: 0, kind: '', requestBytes: 0 };
    let mostSessions = 0; // the most Neo4j sessions one request held at once (x-neo4j-sessions)
    const started = Date.now();
    for (let i = 0; i < REQUESTS; i++) {
      const request = fuzzRequest(rng, schema, tokens);
      byKind.set(request.kind, (byKind.get(request.kind) ?? 0) + 1);
      const describe = () => `#${i} ${request.kind} ${request.init.method} ${String(request.init.body ?? request.url).slice(0, 160)}`;
      let response: Response;
      try {
        response = await app.fetch(request.url, request.init);
      } catch (error) {
        problems.push(`${describe()}: threw ${(error as Error).message}`);
        continue;
      }
      byStatus.set(response.status, (byStatus.get(response.status) ?? 0) + 1);
      const text = await response.text();
      mostSessions = Math.max(mostSessions, Number(response.headers.get('x-neo4j-sessions') ?? 0));
      const requestBytes = Buffer.byteLength(String(request.init.body ?? '')) + Buffer.byteLength(request.url);
      const bytes = Buffer.byteLength(text);
      if (requestBytes <= SMALL_REQUEST_BYTES && bytes > largest.bytes) largest = { bytes, kind: request.kind, requestBytes };
      if (requestBytes <= SMALL_REQUEST_BYTES && bytes > MAX_ANSWER_BYTES) problems.push(`${describe()}: ${bytes} bytes answered to ${requestBytes} bytes`);
      if (response.status >= 500) problems.push(`${describe()}: HTTP ${response.status} ${text.slice(0, 200)}`);
      let body: { errors?: { message: string; extensions?: { code?: unknown } }[] } | undefined;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      if (response.status >= 400 && !body?.errors?.length) problems.push(`${describe()}: HTTP ${response.status} without coded errors: ${text.slice(0, 120)}`);
      for (const error of body?.errors ?? []) {
        const code = error.extensions?.code;
        if (typeof code !== 'string') problems.push(`${describe()}: uncoded error "${error.message}"`);
        else if (code === 'INTERNAL_SERVER_ERROR') problems.push(`${describe()}: masked error`);
        else byCode.set(code, (byCode.get(code) ?? 0) + 1);
      }
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(`fuzz: ${REQUESTS} requests in ${seconds.toFixed(1)} s (seed ${SEED})`);
    console.log(`  by kind:   ${JSON.stringify(Object.fromEntries([...byKind].sort()))}`);
    console.log(`  by status: ${JSON.stringify(Object.fromEntries([...byStatus].sort((a, b) => a[0] - b[0])))}`);
    console.log(`  by code:   ${JSON.stringify(Object.fromEntries([...byCode].sort((a, b) => b[1] - a[1])))}`);
    console.log(
      `  largest answer to a request of at most ${SMALL_REQUEST_BYTES} bytes: ${largest.bytes} bytes (${largest.kind}, ${largest.requestBytes} bytes asked); most Neo4j sessions held at once: ${mostSessions}`,
    );
    if (problems.length) console.log(problems.join('\n'));
    expect(problems.slice(0, 20)).toEqual([]);
    // The generator reached every category and the server both answered and refused.
    expect(byKind.size).toBeGreaterThanOrEqual(15);
    for (const kind of ['fragment-aliases', 'introspection', 'heavy-aliases']) expect(byKind.get(kind), kind).toBeGreaterThan(REQUESTS / 100);
    expect(largest.bytes).toBeLessThanOrEqual(MAX_ANSWER_BYTES);
    expect(mostSessions).toBeLessThanOrEqual(defaultLimits.maxSessionsPerRequest);
    expect(byStatus.get(200)).toBeGreaterThan(REQUESTS / 10);
    expect(byCode.size).toBeGreaterThanOrEqual(10);
    // The server is still well after all that.
    const after = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ drug(key: \\"ruxolitinib\\") { key } }"}',
    });
    expect((await after.json()).data.drug.key).toBe('ruxolitinib');
  });
});
