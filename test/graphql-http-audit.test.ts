// The GraphQL-over-HTTP spec audits of the graphql-http package, run against our app (in-process). The
// client sends the CSRF header, as a non-browser client of our server does; every MUST audit passes, and
// the SHOULD audits that only warn are listed in docs/RELIABILITY.md.
import { serverAudits } from 'graphql-http';
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
});
