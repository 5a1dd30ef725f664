// Issue 13: refusals that were not coded and data that should not have passed, each through the real app
// (app.fetch) against the test database: exports refused until start-up is done, cursors past any real
// position, ids of types node(id:) cannot load, control characters in curated text, formula cells in CSV,
// retracted findings in the evidence export, the security headers and /metrics, HEAD on an export, and a
// misspelt key in an export filter.
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { Availability } from '../src/db/availability.js';
import { defaultBoltPort } from '../src/cli/db-command.js';
import { csvField } from '../src/export/encode.js';
import { cachedGraphiQL, negotiate } from '../src/http/compression.js';
import { parseCsv } from './support/csv.js';
import { testApp, testTokens } from './support/app.js';

const { app, gql, data, executor, close } = testApp();
afterAll(close);

const curator = { authorization: `Bearer ${testTokens.curator}` };
const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('start-up (item 4)', () => {
  it('answers exports and queries with the coded 503 and Retry-After until the graph is ready', async () => {
    const starting: Availability = {
      state: 'starting',
      isUp: () => false,
      reportUnavailable() {},
      markStarted() {},
      markStopping() {},
      waitForDatabase: async () => {},
      close() {},
    };
    const notReady = testApp({ availability: starting });
    const exported = await notReady.app.fetch('http://test/export/evidence.csv');
    expect(exported.status).toBe(503);
    expect(exported.headers.get('retry-after')).toBe('1');
    expect((await exported.json()).error.code).toBe('SERVICE_UNAVAILABLE');
    const query = await notReady.gql('{ drug(key: "ruxolitinib") { key } }');
    expect(query.status).toBe(503);
    expect(query.headers.get('retry-after')).toBe('1');
    expect(query.body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    await notReady.close();
  });
});

describe('cursors (item 6)', () => {
  it('refuses a cursor past any real position with BAD_USER_INPUT, on roots and relationship connections', async () => {
    for (const offset of ['9007199254740992', '9223372036854775807', '1'.padEnd(40, '0')]) {
      const after = base64(`offset:${offset}`);
      for (const query of [
        `{ drugs(after: "${after}") { totalCount } }`,
        `{ drug(key: "ruxolitinib") { findingsConnection(after: "${after}") { totalCount } } }`,
      ]) {
        const result = await gql(query);
        expect(result.status, query).toBeLessThan(500);
        expect(result.body.errors?.[0].extensions?.code, query).toBe('BAD_USER_INPUT');
      }
    }
    // A cursor past the end of a short list is an empty page, not an error.
    const past = await data(`{ drugs(after: "${base64('offset:5000')}") { totalCount edges { node { key } } } }`);
    expect(past.drugs.edges).toEqual([]);
  });
});

describe('global ids (item 7)', () => {
  it('refuses an id naming a type node(id:) cannot load with a coded error that names no internal type', async () => {
    for (const raw of ['AuditEvent:x', 'Foo:x', 'Query:x', 'TargetInteraction:x']) {
      const result = await gql('query($id: ID!) { node(id: $id) { id } }', { id: base64(raw) });
      const error = result.body.errors?.[0];
      expect(error?.extensions?.code, raw).toBe('BAD_USER_INPUT');
      expect(error?.message, raw).not.toMatch(/AuditEvent|Foo|Query|TargetInteraction|Object|not found/);
    }
    const nodes = await gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [base64('Drug:ruxolitinib'), base64('AuditEvent:x')] });
    expect(nodes.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('curated text (item 8)', () => {
  const input = (overrides: Record<string, unknown>) => ({
    study: 'pmid:38417541',
    drug: 'ruxolitinib',
    condition: 'alopecia-areata',
    outcome: 'IMPROVED',
    sources: [{ citation: 'hardening test', confidence: 'UNVERIFIED' }],
    ...overrides,
  });
  const add = 'mutation($input: FindingInput!) { addFinding(input: $input) { key } }';

  it('refuses NUL, other control characters, bidirectional overrides and unpaired surrogates, and writes nothing', async () => {
    const cases = [
      { summary: 'a\u0000b' },
      { summary: 'bell\u0007' },
      { regimen: 'escape \u001b[31m red' },
      { summary: 'C1 \u0085 next line' },
      { summary: 'reversed \u202Etxt.exe' },
      { summary: 'lone \uD800 surrogate' },
      { drug: 'ruxolitinib\u0000' },
      { study: 'pmid:3841\n7541' },
      { sources: [{ citation: 'cite\u0000', confidence: 'UNVERIFIED' }] },
      { sources: [{ citation: 'c', doi: '10.1000/\u0000x', confidence: 'UNVERIFIED' }] },
    ];
    for (const overrides of cases) {
      const result = await gql(add, { input: input(overrides) }, curator);
      expect(result.body.errors?.[0].extensions?.code, JSON.stringify(overrides)).toBe('BAD_USER_INPUT');
      expect(result.body.errors?.[0].message, JSON.stringify(overrides)).toMatch(/control characters/);
    }
    const retract = await gql('mutation { retractFinding(key: "x", reason: "null \\u0000 byte") { key } }', undefined, curator);
    expect(retract.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const [written] = await executor().read(
      'test:hardening-written',
      "MATCH (f:Finding) WHERE f.createdBy IS NOT NULL AND any(s IN [f.summary, f.regimen] WHERE s CONTAINS 'escape' OR s CONTAINS 'bell' OR s CONTAINS 'lone' OR s CONTAINS 'reversed') RETURN count(f) AS n",
    );
    expect(written.get('n')).toBe(0);
    // Line breaks and tabs stay allowed in free text (validation passes; the unknown study is what is refused).
    const multiline = await gql(add, { input: input({ study: 'pmid:0', summary: 'line one\nline two\tand a tab' }) }, curator);
    expect(multiline.body.errors?.[0].message).toMatch(/Unknown study/);
  });

  it('neutralises formula cells in CSV exports (OWASP) and leaves numbers and NDJSON as they are', async () => {
    for (const formula of ['=HYPERLINK("http://evil.example","click")', "=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx', '\uFF1D1+1']) {
      expect(csvField(formula).replace(/^"/, '').startsWith("'"), formula).toBe(true);
    }
    expect(csvField(-3)).toBe('-3');
    expect(csvField('plain text')).toBe('plain text');
    const key = 'hardening-formula-drug';
    const name = '=HYPERLINK("http://evil.example","click me")';
    await executor().write(
      'test:formula',
      `MERGE (d:Drug:Entity {keyNorm: $key}) SET d.key = $key, d.name = $name, d.synonyms = ['=cmd|\\' /C calc\\'!A0'],
      d.sources = '[]', d.xrefs = '[]', d.confidence = 'UNVERIFIED', d.routes = ['TOPICAL'], d.developmentStatus = 'INVESTIGATIONAL'`,
      { key, name },
    );
    try {
      const text = await (await app.fetch('http://test/export/nodes/Drug.csv')).text();
      const [header, ...rows] = parseCsv(text);
      const row = rows.find((r) => r[header.indexOf('key')] === key)!;
      expect(row[header.indexOf('name')]).toBe(`'${name}`);
      const ndjson = (await (await app.fetch('http://test/export/nodes/Drug.ndjson')).text())
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      expect(ndjson.find((r) => r.key === key).name).toBe(name);
    } finally {
      await executor().write('test:formula', 'MATCH (d:Drug {keyNorm: $key}) DETACH DELETE d', { key });
    }
  });
});

describe('retracted findings in the evidence export (item 9)', () => {
  it('leaves a finding out of /export/evidence.csv once retracted, as GraphQL evidence does', async () => {
    const { evidence } = await data('{ evidence(drug: "ruxolitinib", condition: "alopecia-areata") { findings { key } } }');
    const finding = evidence.findings[0].key as string;
    const keys = async (query = '') => {
      const [header, ...rows] = parseCsv(await (await app.fetch(`http://test/export/evidence.csv?drug=ruxolitinib&condition=alopecia-areata${query}`)).text());
      return rows.map((r) => r[header.indexOf('finding')]);
    };
    expect(await keys()).toContain(finding);
    const retracted = await gql('mutation($key: String!) { retractFinding(key: $key, reason: "hardening test") { key retracted } }', { key: finding }, curator);
    expect(retracted.body.data.retractFinding.retracted).toBe(true);
    try {
      expect(await keys()).not.toContain(finding);
      expect(await keys('&includeRetracted=true')).toContain(finding);
      const after = await data('{ evidence(drug: "ruxolitinib", condition: "alopecia-areata") { findings { key } } }');
      expect(after.evidence.findings.map((f: { key: string }) => f.key)).not.toContain(finding);
    } finally {
      await executor().write(
        'test:unretract',
        `MATCH (f:Finding {keyNorm: $key}) REMOVE f.retracted, f.retractedAt, f.retractedBy, f.retractionReason
        WITH f OPTIONAL MATCH (e:AuditEvent)-[:AUDITS]->(f) WHERE e.operation = 'retractFinding' DETACH DELETE e`,
        { key: finding.toLowerCase() },
      );
    }
  });
});

describe('headers, /metrics and the launcher port (item 10)', () => {
  it('sends X-Content-Type-Options and forbids framing on every route', async () => {
    const responses = [
      await app.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ meta { dataVersion } }"}' }),
      await app.fetch('http://test/graphql', { headers: { accept: 'text/html' } }),
      await app.fetch('http://test/export/nodes/Regulator.csv'),
      await app.fetch('http://test/export/nope.csv'),
      await app.fetch('http://test/health'),
    ];
    for (const response of responses) {
      expect(response.headers.get('x-content-type-options'), response.url).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), response.url).toBe('DENY');
      expect(response.headers.get('content-security-policy'), response.url).toContain("frame-ancestors 'none'");
      await response.arrayBuffer();
    }
  });

  it('serves /metrics only when KG_METRICS turns it on', async () => {
    expect((await app.fetch('http://test/metrics')).status).toBe(404);
    const on = testApp({ http: { metricsEndpoint: true } });
    expect(await (await on.app.fetch('http://test/metrics')).text()).toContain('jakkg_http_requests_total');
    await on.close();
  });

  it('starts the local Neo4j of `npm run db -- start` on NEO4J_BOLT_PORT', () => {
    expect(defaultBoltPort({})).toBe(7687);
    expect(defaultBoltPort({ NEO4J_BOLT_PORT: '7799' })).toBe(7799);
    expect(() => defaultBoltPort({ NEO4J_BOLT_PORT: 'x' })).toThrow(/NEO4J_BOLT_PORT/);
  });
});

describe('exports: HEAD and misspelt keys (items 14 and 16)', () => {
  it('answers HEAD with the headers of the GET and no body', async () => {
    const head = await app.fetch('http://test/export/evidence.csv?drug=ruxolitinib', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(head.headers.get('content-disposition')).toMatch(/^attachment; filename="jak-kg-evidence-/);
    expect(await head.text()).toBe('');
  });

  it('refuses a filter key that names nothing with UNKNOWN_KEY and the nearest keys, not a header row', async () => {
    const cases: [string, string, string | null][] = [
      ['/export/evidence.csv?drug=ruxolitinb', 'drug', 'ruxolitinib'],
      ['/export/evidence.csv?condition=alopecia', 'condition', 'alopecia-areata'],
      ['/export/uses.csv?regulator=EU', 'regulator', null],
      ['/export/evidence.ndjson?drug=nosuch', 'drug', null],
    ];
    for (const [path, argument, suggested] of cases) {
      const response = await app.fetch(`http://test${path}`);
      expect(response.status, path).toBe(400);
      const { error } = await response.json();
      expect(error, path).toMatchObject({ code: 'UNKNOWN_KEY', argument });
      expect(Array.isArray(error.suggestions), path).toBe(true);
      if (suggested) expect(error.suggestions, path).toContain(suggested);
    }
  });
});

describe('GraphiQL and large answers, compressed and cacheable (item 2)', () => {
  const page = (headers: Record<string, string> = {}) => app.fetch('http://test/graphql', { headers: { accept: 'text/html', ...headers } });

  it('serves GraphiQL compressed, with an ETag and Cache-Control, and answers a revalidation with 304', async () => {
    const plain = await page();
    const html = Buffer.from(await plain.arrayBuffer());
    expect(html.length).toBeGreaterThan(5_000_000); // the GraphiQL bundle, inlined
    const etag = plain.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(plain.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(plain.headers.get('vary')).toMatch(/Accept-Encoding/i);
    const br = await page({ 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    const brBody = Buffer.from(await br.arrayBuffer());
    expect(brBody.length).toBeLessThan(html.length / 4);
    expect(brotliDecompressSync(brBody).equals(html)).toBe(true);
    const gzip = await page({ 'accept-encoding': 'gzip' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).equals(html)).toBe(true);
    const revalidated = await page({ 'if-none-match': etag! });
    expect(revalidated.status).toBe(304);
    expect((await revalidated.arrayBuffer()).byteLength).toBe(0);
    expect(revalidated.headers.get('x-frame-options')).toBe('DENY');
  });

  it('renders, hashes and compresses the page once, whoever asks', async () => {
    let renders = 0;
    const cache = cachedGraphiQL(() => {
      renders++;
      return '<html>page</html>';
    });
    expect(cache.page(new Headers())).toBeUndefined();
    cache.render({});
    cache.render({});
    const first = await cache.page(new Headers({ 'content-type': 'text/html' }));
    expect(await cache.page(new Headers())).toBe(first);
    expect(renders).toBe(1);
    expect(negotiate('gzip;q=0, br;q=0.5, *;q=0.1', ['br', 'gzip'])).toBe('br');
    expect(negotiate('gzip;q=0', ['gzip'])).toBe('identity');
    expect(negotiate('*', ['gzip'])).toBe('gzip');
    expect(negotiate(null, ['gzip'])).toBe('identity');
  });

  it('gzips large GraphQL answers and exports for clients that accept it, and only those', async () => {
    const body = JSON.stringify({ query: '{ drugs(first: 50) { edges { node { key name description synonyms } } } }' });
    const post = (headers: Record<string, string>) =>
      app.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const plain = await post({});
    expect(plain.headers.get('content-encoding')).toBeNull();
    const plainText = await plain.text();
    const zipped = await post({ 'accept-encoding': 'gzip, br' });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('x-cypher-round-trips')).not.toBeNull();
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8')).toBe(plainText);
    // A small answer is not worth compressing.
    const small = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' },
      body: '{"query":"{ meta { dataVersion } }"}',
    });
    expect(small.headers.get('content-encoding')).toBeNull();
    const exportPlain = await (await app.fetch('http://test/export/evidence.csv')).text();
    const exportZipped = await app.fetch('http://test/export/evidence.csv', { headers: { 'accept-encoding': 'gzip' } });
    expect(exportZipped.headers.get('content-encoding')).toBe('gzip');
    const bytes = Buffer.from(await exportZipped.arrayBuffer());
    expect(bytes.length).toBeLessThan(exportPlain.length / 3);
    expect(gunzipSync(bytes).toString('utf8')).toBe(exportPlain);
  });
});
