// HTTP behaviour of the app: health, readiness, GraphiQL, error masking.
import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from './support/app.js';

const { app, gql, close } = testApp();
afterAll(close);

describe('http', () => {
  it('answers liveness and readiness (readiness pings Neo4j)', async () => {
    expect((await app.fetch('http://test/health')).status).toBe(200);
    const ready = await app.fetch('http://test/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, dataVersion: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });

  it('serves GraphiQL with the guided query, from the server itself (no CDN)', async () => {
    const page = await app.fetch('http://test/graphql', { headers: { accept: 'text/html' } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('RuxolitinibTargets');
    expect(html).not.toContain('unpkg.com');
  });

  it('answers syntax and validation errors with codes', async () => {
    const bad = await gql('{ drug(key: ');
    expect(bad.body.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const strict = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ drug(key: ' }),
    });
    expect(strict.status).toBe(400);
    const unknownField = await gql('{ drug(key: "ruxolitinib") { nope } }');
    expect(unknownField.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('names the corpus version in meta', async () => {
    const result = await gql('{ meta { dataVersion relationshipTypes { type from to } } }');
    expect(result.body.data.meta.dataVersion).toMatch(/^[0-9a-f]{16}$/);
    expect(result.body.data.meta.relationshipTypes).toContainEqual({ type: 'INTERACTS_WITH', from: 'Drug', to: 'Target' });
  });
});
