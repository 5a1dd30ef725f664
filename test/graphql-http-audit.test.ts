// The GraphQL-over-HTTP spec audits of the graphql-http package, run against our app (in-process), with and
// without the CSRF header (GET queries need none since issue 13): every MUST audit passes, and the SHOULD
// audits that only warn are listed in docs/RELIABILITY.md.
import { auditServer, serverAudits } from 'graphql-http';
import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from './support/app.js';

const { app, close } = testApp();
afterAll(close);

const fetchFn = (input: RequestInfo | URL, init: RequestInit = {}) => {
  const headers = new Headers(init.headers);
  headers.set('x-graphql-yoga-csrf', '1');
  return app.fetch(String(input instanceof Request ? input.url : input), { ...init, headers });
};

describe('graphql-http server audits', () => {
  const audits = serverAudits({ url: 'http://test/graphql', fetchFn });

  it('has audits to run', () => expect(audits.length).toBeGreaterThan(50));

  for (const audit of audits) {
    it(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      const reason = 'reason' in result ? result.reason : undefined;
      if (result.status === 'warn') console.log(`[audit warn] ${audit.name}: ${reason}`);
      expect({ status: result.status, reason }).not.toMatchObject({ status: 'error' });
    });
  }

  it('passes every audit without the CSRF header too, as a client with default settings sends them', async () => {
    const results = await auditServer({
      url: 'http://test/graphql',
      fetchFn: (input: RequestInfo | URL, init: RequestInit = {}) => app.fetch(String(input), init),
    });
    const notOk = results.filter((r) => r.status !== 'ok');
    console.log(
      `audits without the CSRF header: ${results.length - notOk.length} ok, ${notOk.length} not: ${notOk.map((r) => `${r.status}: ${r.name}`).join('; ')}`,
    );
    expect(notOk.filter((r) => r.status === 'error')).toEqual([]);
    expect(results.length - notOk.length).toBeGreaterThanOrEqual(60);
  });
});
