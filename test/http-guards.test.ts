// The HTTP edge: CSRF prevention, CORS from configuration, the introspection switch, coded refusals of
// wrong content types and routes, request ids, logs that never hold a token, Prometheus metrics, and a
// graceful shutdown that lets in-flight requests finish.
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { listen, drain, portOf } from '../src/server.js';
import { createLogger } from '../src/observability/logger.js';
import { createMetrics } from '../src/observability/metrics.js';
import { testApp, testTokens } from './support/app.js';

const { app, close } = testApp();
afterAll(close);

const post = (body: string, headers: Record<string, string> = {}) => ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('CSRF, CORS, introspection', () => {
  it('answers GET queries without a CSRF header (urql, relay), refuses mutations over GET, and guards simple POSTs', async () => {
    // Queries by GET, as urql and relay send them by default: no custom header (issue 13, item 11).
    const get = await app.fetch('http://test/graphql?query=%7Bmeta%7BdataVersion%7D%7D');
    expect(get.status).toBe(200);
    expect((await get.json()).data.meta.dataVersion).toMatch(/^[0-9a-f]{16}$/);
    const withVariables = await app.fetch(
      `http://test/graphql?query=${encodeURIComponent('query($k: String!) { drug(key: $k) { key } }')}&variables=${encodeURIComponent('{"k":"ruxolitinib"}')}`,
    );
    expect((await withVariables.json()).data.drug.key).toBe('ruxolitinib');
    // A mutation never goes by GET, header or not.
    for (const headers of [{}, { 'x-graphql-yoga-csrf': '1' }] as Record<string, string>[]) {
      const mutation = await app.fetch(`http://test/graphql?query=${encodeURIComponent('mutation { retractFinding(key: "x", reason: "xyz") { key } }')}`, {
        headers,
      });
      expect(mutation.status).toBe(405);
      expect((await mutation.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
    }
    // A form POST, which any page can send cross-site without a preflight, still needs the header.
    const form = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7Bmeta%7BdataVersion%7D%7D',
    });
    expect(form.status).toBe(403);
    expect((await form.json()).errors[0].extensions.code).toBe('CSRF_PREVENTED');
    expect((await app.fetch('http://test/graphql', post('{"query":"{ meta { dataVersion } }"}'))).status).toBe(200);
    // GraphiQL itself still loads.
    expect((await app.fetch('http://test/graphql', { headers: { accept: 'text/html' } })).status).toBe(200);
  });

  it('answers CORS for any origin by default, and only for the configured ones when set', async () => {
    const preflight = (a: typeof app, origin: string) =>
      a.fetch('http://test/graphql', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    expect(['*', 'https://notebook.example']).toContain((await preflight(app, 'https://notebook.example')).headers.get('access-control-allow-origin'));
    const restricted = testApp({ http: { corsOrigins: ['https://curators.example'] } });
    expect((await preflight(restricted.app, 'https://curators.example')).headers.get('access-control-allow-origin')).toBe('https://curators.example');
    expect((await preflight(restricted.app, 'https://elsewhere.example')).headers.get('access-control-allow-origin')).not.toBe('https://elsewhere.example');
    const none = testApp({ http: { corsOrigins: [] } });
    expect((await preflight(none.app, 'https://notebook.example')).headers.get('access-control-allow-origin')).toBeNull();
    await Promise.all([restricted.close(), none.close()]);
  });

  it('turns introspection off when configured, and leaves queries working', async () => {
    const production = testApp({ http: { introspection: false } });
    const schema = await production.gql('{ __schema { queryType { name } } }');
    expect(schema.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(schema.body.errors?.[0].message).toMatch(/introspection/i);
    expect((await production.gql('{ drug(key: "ruxolitinib") { key } }')).body.data.drug.key).toBe('ruxolitinib');
    expect((await app.fetch('http://test/graphql', post('{"query":"{ __schema { queryType { name } } }"}'))).status).toBe(200);
    await production.close();
  });
});

describe('coded refusals at the HTTP level', () => {
  it('answers wrong content types, methods, routes and compressed bodies with a coded JSON error', async () => {
    const cases: [RequestInit & { url?: string }, number, string][] = [
      [{ method: 'POST', headers: { 'content-type': 'application/xml', 'x-graphql-yoga-csrf': '1' }, body: '<query/>' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [{ method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: 'x' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [{ method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' }, 405, 'BAD_REQUEST'],
      [{ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":' }, 400, 'BAD_REQUEST'],
      [
        { method: 'POST', headers: { 'content-type': 'application/json', accept: 'image/png' }, body: '{"query":"{ meta { dataVersion } }"}' },
        406,
        'NOT_ACCEPTABLE',
      ],
      [{ url: 'http://test/nowhere' }, 404, 'NOT_FOUND'],
    ];
    for (const [init, status, code] of cases) {
      const response = await app.fetch(init.url ?? 'http://test/graphql', init);
      expect(response.status, JSON.stringify(init)).toBe(status);
      expect((await response.json()).errors[0].extensions.code, JSON.stringify(init)).toBe(code);
    }
  });
});

describe('request ids, logs and metrics', () => {
  it('logs one line per request with its id and operation name, and never the token', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write: (chunk, _enc, done) => {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = testApp({ logger: createLogger('info', sink) });
    const response = await logged.app.fetch(
      'http://test/graphql',
      post(JSON.stringify({ query: 'mutation Curate { retractFinding(key: "pmid:1/none/none", reason: "a reason") { key } }' }), {
        authorization: `Bearer ${testTokens.curator}`,
        'x-request-id': 'req-42',
      }),
    );
    expect(response.headers.get('x-request-id')).toBe('req-42');
    const generated = await logged.app.fetch(
      'http://test/graphql',
      post('{"query":"query Other { meta { dataVersion } }"}', { authorization: 'Bearer a-wrong-token-that-must-not-leak' }),
    );
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const bad = await logged.app.fetch('http://test/graphql', post('{"query":"{ meta { dataVersion } }"}', { 'x-request-id': 'evil\nid with spaces' }));
    expect(bad.headers.get('x-request-id')).not.toContain('evil');
    await logged.close();

    const text = lines.join('');
    expect(text).not.toContain(testTokens.curator);
    expect(text).not.toContain('a-wrong-token-that-must-not-leak');
    expect(text.toLowerCase()).not.toContain('authorization');
    const records = lines.map((l) => JSON.parse(l));
    expect(records).toContainEqual(expect.objectContaining({ reqId: 'req-42', operation: 'Curate', status: 200, errors: ['BAD_USER_INPUT'] }));
    expect(records).toContainEqual(expect.objectContaining({ reqId: generated.headers.get('x-request-id'), operation: 'Other', status: 200 }));
  });

  it('counts requests, latency and errors by code at /metrics, and the Neo4j sessions in use', async () => {
    const metrics = createMetrics();
    const measured = testApp({ metrics, http: { metricsEndpoint: true } });
    await measured.gql('query Ok { drug(key: "ruxolitinib") { key } }');
    await measured.gql('query Bad { drugs(first: 1000) { totalCount } }');
    const text = await (await measured.app.fetch('http://test/metrics')).text();
    expect(text).toMatch(/jakkg_http_requests_total\{operation="Ok",status="200"\} 1/);
    expect(text).toMatch(/jakkg_http_requests_total\{operation="Bad",status="400"\} 1/);
    expect(text).toMatch(/jakkg_graphql_errors_total\{code="BAD_USER_INPUT"\} 1/);
    expect(text).toMatch(/jakkg_http_request_duration_seconds_count\{operation="Ok"\} 1/);
    expect(text).toMatch(/jakkg_neo4j_sessions_in_use 0/);
    await measured.close();
  });
});

describe('graceful shutdown', () => {
  it('lets in-flight requests finish and refuses new connections', async () => {
    // A slow request: the app behind a half-second delay.
    const server = await listen((req, res) => void setTimeout(() => app.handle(req, res), 500), 0, '127.0.0.1');
    const url = `http://127.0.0.1:${portOf(server)}/graphql`;
    const inFlight = fetch(url, post('{"query":"{ drug(key: \\"ruxolitinib\\") { key } }"}'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const drained = drain(server, 5_000);
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect((await response.json()).data.drug.key).toBe('ruxolitinib');
    await drained;
    await expect(fetch(url, post('{"query":"{ meta { dataVersion } }"}'))).rejects.toThrow();
  });
});
