// The GraphQL-over-HTTP spec audits of the graphql-http package, run against our app (in-process). The
// client sends the CSRF header, as a non-browser client of our server does; every MUST audit passes, and
// the SHOULD audits that only warn are listed in docs/RELIABILITY.md.
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

  it('loses only MAY audits about GET requests when the client sends no CSRF header', async () => {
    const results = await auditServer({ url: 'http://test/graphql', fetchFn: (input: RequestInfo | URL, init: RequestInit = {}) => app.fetch(String(input), init) });
    const notOk = results.filter((r) => r.status !== 'ok');
    console.log(`audits without the CSRF header: ${results.length - notOk.length} ok; ${notOk.map((r) => `${r.status}: ${r.name}`).join('; ')}`);
    expect(notOk.length).toBeGreaterThan(0); // CSRF prevention does refuse header-less GETs
    for (const r of notOk) {
      expect(r.status).toBe('notice');
      expect(r.name).toMatch(/^MAY .*GET/);
    }
  });
});
