// Every limit of src/limits.ts refuses with a coded error before any Cypher runs (the response says how
// many Cypher round trips the request cost: none), the queries we publish fit within the defaults, and a
// query that outlives its transaction timeout answers QUERY_TIMEOUT and gives its session back.
import { readFileSync } from 'node:fs';
import { complexityFromQuery } from '@pothos/plugin-complexity';
import { getIntrospectionQuery, parse } from 'graphql';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { Neo4jError } from 'neo4j-driver';
import { mapDriverError } from '../src/db/errors.js';
import { createDriver } from '../src/db/driver.js';
import { createExecutor } from '../src/db/executor.js';
import { exampleTabs, guidedQuery } from '../src/graphiql-examples.js';
import { defaultLimits } from '../src/limits.js';
import { createMetrics } from '../src/observability/metrics.js';
import { schema } from '../src/schema/index.js';
import { testApp } from './support/app.js';

const { app, gql, services, close } = testApp();
afterAll(close);

async function refused(query: string, variables?: Record<string, unknown>) {
  const result = await gql(query, variables);
  expect(result.body.data ?? null, query).toBeNull();
  expect(result.roundTrips, `Cypher ran for ${query}`).not.toBeGreaterThan(0);
  return result.body.errors?.[0]?.extensions;
}

const repeat = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join(' ');

describe('limits, refused before any Cypher runs', () => {
  it('refuses a query deeper than the depth limit', async () => {
    const deep =
      '{ drugs(first: 1) { edges { node { targets { target { pathways { conditions { findings { study { findings { drug { targets { action } } } } } } } } } } } } }';
    expect(await refused(deep)).toMatchObject({ code: 'QUERY_TOO_DEEP', depth: 13, maximum: defaultLimits.maxDepth });
  });

  it('refuses bracket nesting beyond any legitimate query, before the parser recurses on it', async () => {
    const nested = `{ drug(key: "x") ${'{ a '.repeat(5_000)}${'}'.repeat(5_001)}`;
    expect(await refused(nested)).toMatchObject({ code: 'QUERY_TOO_DEEP' });
    const nestedList = `{ drugs(keys: ${'['.repeat(3_000)}${']'.repeat(3_000)}) { totalCount } }`;
    expect(await refused(nestedList)).toMatchObject({ code: 'QUERY_TOO_DEEP' });
  });

  it('refuses a query whose estimated cost is over the limit: list fields multiply by their page size', async () => {
    // The README's 50 drugs with their targets, pathways, conditions and categories (cost 161,751), then 100.
    const nested = (n: number) => `{ drugs(first: ${n}) { totalCount edges { node { key
      targets { target { key pathways { key conditions { key category { key } } } } } } } } }`;
    expect((await gql(nested(50))).body.errors).toBeUndefined();
    expect(await refused(nested(100))).toMatchObject({ code: 'QUERY_TOO_COMPLEX', complexity: 323_501, maximum: defaultLimits.maxComplexity });
  });

  it('refuses too many fields and too many aliases', async () => {
    expect(await refused(`{ drug(key: "ruxolitinib") { ${repeat(defaultLimits.maxBreadth, () => 'key')} } }`)).toMatchObject({ code: 'QUERY_TOO_BROAD' });
    const aliases = `{ ${repeat(defaultLimits.maxAliases + 1, (i) => `d${i}: drug(key: "ruxolitinib") { key }`)} }`;
    expect(await refused(aliases)).toMatchObject({ code: 'TOO_MANY_ALIASES', maximum: defaultLimits.maxAliases });
  });

  it('refuses too many tokens', async () => {
    const result = await gql(`{ drug(key: "ruxolitinib") { ${'key '.repeat(defaultLimits.maxTokens)} } }`);
    expect(result.body.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(result.body.errors?.[0].message).toMatch(/tokens/);
  });

  it('refuses page sizes, path lengths, path counts and list arguments over their bounds, literal or variable', async () => {
    const cases: [string, Record<string, unknown> | undefined, string][] = [
      [`{ drugs(first: ${defaultLimits.maxPageSize + 1}) { totalCount } }`, undefined, 'first'],
      ['query($n: Int) { studies(first: $n) { totalCount } }', { n: defaultLimits.maxPageSize + 1 }, 'first'],
      [`{ paths(from: "drug:ruxolitinib", to: "alopecia-areata", maxLength: ${defaultLimits.maxPathLength + 1}) { length } }`, undefined, 'maxLength'],
      [`{ paths(from: "drug:ruxolitinib", to: "condition:alopecia-areata", first: ${defaultLimits.maxPaths + 1}) { length } }`, undefined, 'first'],
      [`{ mechanisms(drug: "ruxolitinib", condition: "lichen-planus", first: 0) { length } }`, undefined, 'first'],
      [`{ search(query: "jak", first: ${defaultLimits.maxSearchResults + 1}) { score } }`, undefined, 'first'],
      ['query($k: [String!]) { drugs(keys: $k) { totalCount } }', { k: Array.from({ length: defaultLimits.maxListArgument + 1 }, (_, i) => `k${i}`) }, 'keys'],
    ];
    for (const [query, variables, argument] of cases) {
      expect(await refused(query, variables), query).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
  });

  it('refuses the whole operation when one of its root fields is over a limit, before the others run', async () => {
    const result = await gql('{ a: drugs(first: 5) { totalCount } b: drugs(first: 5000) { totalCount } }');
    expect(result.body.errors).toHaveLength(1);
    expect(result.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.roundTrips).toBe(0);
  });

  it('refuses a body over the size limit with 413, and batches when batching is off', async () => {
    const big = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ meta { dataVersion } }', variables: { pad: 'x'.repeat(defaultLimits.maxBodyBytes) } }),
    });
    expect(big.status).toBe(413);
    expect((await big.json()).errors[0].extensions).toMatchObject({ code: 'REQUEST_ENTITY_TOO_LARGE' });
    // A chunked body (no Content-Length) is cut off as soon as it passes the limit.
    const pad = 'x'.repeat(defaultLimits.maxBodyBytes);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`{"query":"{ meta { dataVersion } }","variables":{"pad":"`));
        controller.enqueue(new TextEncoder().encode(pad));
        controller.enqueue(new TextEncoder().encode('"}}'));
        controller.close();
      },
    });
    const chunked = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await chunked.json()).errors[0].extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
    const batch = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ meta { dataVersion } }' }, { query: '{ meta { dataVersion } }' }]),
    });
    expect(batch.status).toBe(400);
    expect((await batch.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('takes batches up to KG_MAX_BATCH when batching is on, and refuses larger ones', async () => {
    const batching = testApp({ limits: { ...defaultLimits, maxBatch: 3 } });
    const send = (n: number) =>
      batching.app.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(Array.from({ length: n }, () => ({ query: '{ drug(key: "ruxolitinib") { key } }' }))),
      });
    const ok = await send(3);
    expect(ok.status).toBe(200);
    expect((await ok.json()).map((r: { data: { drug: { key: string } } }) => r.data.drug.key)).toEqual(['ruxolitinib', 'ruxolitinib', 'ruxolitinib']);
    const over = await send(4);
    expect(over.status).toBe(413);
    expect((await over.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
    await batching.close();
  });

  it('takes every limit from configuration', async () => {
    const tight = testApp({ limits: { ...defaultLimits, maxDepth: 2, maxPageSize: 3 } });
    expect((await tight.gql('{ drug(key: "ruxolitinib") { targets { target { key } } } }')).body.errors?.[0].extensions?.code).toBe('QUERY_TOO_DEEP');
    expect((await tight.gql('{ drugs(first: 4) { totalCount } }')).body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', maximum: 3 });
    expect((await tight.gql('{ drugs(first: 3) { totalCount } }')).body.errors).toBeUndefined();
    await tight.close();
  });
});

describe('work a small request can cause (issue 13, items 1 and 3)', () => {
  // The fragments of graphql-js's own introspection query (FullType, InputValue, TypeRef): what GraphiQL asks.
  const introspection = getIntrospectionQuery({ descriptions: true });
  const introspectionFragments = introspection.slice(introspection.indexOf('fragment FullType')).replace(/\s+/g, ' ');

  it('counts aliases as the query executes them: once per spread of the fragment that holds them', async () => {
    // 2 aliases as written at the top, 20 in a fragment spread under each: 42 executed.
    const query = `{ x1: __schema { ...S } x2: __schema { ...S } }
      fragment S on __Schema { ${repeat(20, (i) => `t${i}: queryType { name }`)} }`;
    expect(await refused(query)).toMatchObject({ code: 'TOO_MANY_ALIASES', aliases: 42, maximum: defaultLimits.maxAliases });
    // Nested spreads multiply: 3 x 3 x 3 aliased copies from 9 aliases written.
    const nested = `{ ...A } fragment A on Query { a1: __schema { ...B } a2: __schema { ...B } a3: __schema { ...B } }
      fragment B on __Schema { b1: types { ...C } b2: types { ...C } b3: types { ...C } }
      fragment C on __Type { c1: name c2: name c3: name }`;
    expect(await refused(nested)).toMatchObject({ code: 'TOO_MANY_ALIASES', aliases: 39 });
  });

  it("costs introspection by the size of its answer: GraphiQL's own passes, aliased copies are refused", async () => {
    const standard = await gql(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, inputValueDeprecation: true }));
    expect(standard.body.errors).toBeUndefined();
    expect(standard.body.data.__schema.types.length).toBeGreaterThan(50);
    // 25 aliases (within the alias limit) of GraphiQL's walk over every type, in under 2 KB.
    const copies = `{ ${repeat(25, (i) => `s${i}: __schema { types { ...FullType } }`)} } ${introspectionFragments}`;
    expect(Buffer.byteLength(copies)).toBeLessThan(2_048);
    const refusal = await refused(copies);
    expect(refusal).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maximum: defaultLimits.maxComplexity });
    expect(refusal?.complexity as number).toBeGreaterThan(defaultLimits.maxComplexity);
  });

  it('counts heavy fields (path searches, mechanisms, evidence, uses, search) in the cost', async () => {
    const aliased = `{ ${repeat(30, (i) => `p${i}: paths(from: "drug:ruxolitinib", to: "condition:alopecia-areata", maxLength: 6, first: 50) { length }`)} }`;
    expect(await refused(aliased)).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    // One such search is fine.
    expect((await gql('{ paths(from: "drug:ruxolitinib", to: "condition:alopecia-areata", maxLength: 6, first: 50) { length } }')).body.errors).toBeUndefined();
  });

  it('holds at most KG_MAX_SESSIONS_PER_REQUEST Neo4j sessions for one request, however many fields it aliases', async () => {
    const metrics = createMetrics();
    let open = 0;
    let most = 0;
    const inc = metrics.sessionsInUse.inc.bind(metrics.sessionsInUse);
    metrics.sessionsInUse.inc = ((delta: number) => {
      open += delta;
      most = Math.max(most, open);
      inc(delta);
    }) as typeof metrics.sessionsInUse.inc;
    const bounded = testApp({ metrics, limits: { ...defaultLimits, maxSessionsPerRequest: 2 } });
    const pairs = ['alopecia-areata', 'lichen-planus', 'vitiligo', 'necrobiosis-lipoidica', 'atopic-dermatitis', 'plaque-psoriasis'];
    const query = `{ ${pairs.map((c, i) => `m${i}: mechanisms(drug: "ruxolitinib", condition: "${c}") { length } s${i}: search(query: "${c}") { score }`).join(' ')} }`;
    const result = await bounded.gql(query);
    expect(result.body.errors).toBeUndefined();
    expect(result.roundTrips).toBeGreaterThanOrEqual(12);
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(2);
    expect(open).toBe(0);
    await bounded.close();
  });

  it('answers pool exhaustion with a coded 503 and Retry-After, without taking the database for down', async () => {
    const db = inject('neo4j');
    const driver = createDriver({ uri: db.uri, user: db.user, password: db.password, poolSize: 1, acquisitionTimeoutMs: 300, maxRetryMs: 0 });
    const holder = driver.session();
    const tx = await holder.beginTransaction(); // holds the pool's only connection
    await tx.run('RETURN 1');
    const busy = testApp({ driver });
    const response = await busy.app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ drug(key: "ruxolitinib") { key } }' }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect((await response.json()).errors[0].extensions.code).toBe('DATABASE_BUSY');
    await tx.rollback();
    await holder.close();
    expect((await busy.gql('{ drug(key: "ruxolitinib") { key } }')).body.data.drug.key).toBe('ruxolitinib');
    await busy.close();
  });
});

describe('the queries we publish fit within the default limits', () => {
  it("runs every GraphiQL tab and README example, and the README's 50-drug query, without a refusal", async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    // The README's "5 round trips for 50 drugs with their targets, pathways, conditions and categories".
    const fiftyDrugs = `{ drugs(first: 50) { totalCount edges { node { key
      targets { target { key pathways { key conditions { key category { key } } } } } } } } }`;
    const examples = [guidedQuery, ...exampleTabs.map((t) => t.query), ...[...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]), fiftyDrugs];
    expect(examples.length).toBeGreaterThan(8);
    const costs = examples.map((query) => complexityFromQuery(parse(query), { schema, ctx: { limits: defaultLimits } }));
    const max = (k: 'depth' | 'breadth' | 'complexity') => Math.max(...costs.map((c) => c[k]));
    console.log(`published queries: ${examples.length}, deepest ${max('depth')}, broadest ${max('breadth')}, costliest ${max('complexity')}`);
    expect(max('complexity')).toBeLessThanOrEqual(defaultLimits.maxComplexity);
    for (const query of examples) expect((await gql(query)).body.errors, query).toBeUndefined();
  });
});

describe('database memory', () => {
  // Provoking the real refusal would take a query that fills most of the test database's heap, which risks
  // the JVM itself; the mapping is checked on the driver's own error objects, with Neo4j's codes.
  it('answers DATABASE_BUSY (503) when Neo4j refuses a query memory, without taking the database for down', () => {
    for (const code of ['Neo.TransientError.General.MemoryPoolOutOfMemoryError', 'Neo.ClientError.General.TransactionOutOfMemoryError']) {
      const mapped = mapDriverError(
        new Neo4jError('The allocation of an extra 2.0 MiB would use more than the limit 512.0 MiB.', code, '51N72', 'memory pool out of memory'),
      );
      expect(mapped).toMatchObject({ extensions: { code: 'DATABASE_BUSY', http: { status: 503 } } });
    }
  });
});

describe('transaction timeout', () => {
  it('stops a query that runs past NEO4J_QUERY_TIMEOUT_MS with QUERY_TIMEOUT and frees its session', async () => {
    const metrics = createMetrics();
    const executor = createExecutor({
      driver: services.driver,
      database: 'neo4j',
      timeoutMs: 500,
      onSession: (delta) => metrics.sessionsInUse.inc(delta),
    });
    const started = Date.now();
    // Counts to a billion: minutes of work, stopped by the server-side transaction timeout.
    const slow = executor.read('test:slow', 'UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 8 RETURN count(x) AS n');
    await expect(slow).rejects.toMatchObject({ extensions: { code: 'QUERY_TIMEOUT' } });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await metrics.registry.getSingleMetricAsString('jakkg_neo4j_sessions_in_use')).toMatch(/jakkg_neo4j_sessions_in_use 0$/m);
    // The connection went back to the pool and works.
    const [row] = await executor.read('test:after', 'RETURN 1 AS one');
    expect(row.get('one')).toBe(1);
  });
});
