// GET /ready: 200 when queries can run (Neo4j reachable, start-up done), else 503 with the reason.
// With an availability circuit (npm start) it reports the circuit's state without touching Neo4j; a bare
// app (tests) pings Neo4j.
import type { Plugin } from 'graphql-yoga';
import type { AppServices, Context } from '../context.js';

const reasons = {
  starting: 'starting: waiting for Neo4j or seeding the corpus',
  down: 'Neo4j is not reachable',
  stopping: 'the server is shutting down',
} as const;

export function readiness(services: AppServices): Plugin<Context> {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== '/ready' || request.method !== 'GET') return;
      const notReady = (reason: string) => endResponse(fetchAPI.Response.json({ ready: false, reason }, { status: 503 }));
      const state = services.availability?.state;
      if (state !== undefined && state !== 'up') return notReady(reasons[state]);
      if (state === undefined) {
        try {
          await services.driver.verifyConnectivity({ database: services.database });
        } catch {
          return notReady(reasons.down);
        }
      }
      endResponse(fetchAPI.Response.json({ ready: true, dataVersion: services.corpusVersion() ?? null }));
    },
  };
}
