// GET /ready: Yoga's readiness check (useReadinessCheck). 200 with {ready: true, dataVersion} when queries
// can run (Neo4j reachable, start-up done), else 503 with {ready: false, reason}. The plugin alone answers
// an empty 200 or 503; its `check` may return the Response itself, which is how the body and the reason stay.
// With an availability circuit (npm start) it reports the circuit's state without touching Neo4j; a bare
// app (tests) pings Neo4j.
import { type Plugin, useReadinessCheck } from 'graphql-yoga';
import type { AppServices } from '../context.js';

const reasons = {
  starting: 'starting: waiting for Neo4j or seeding the corpus',
  down: 'Neo4j is not reachable',
  stopping: 'the server is shutting down',
} as const;

export function readiness(services: AppServices): Plugin {
  return useReadinessCheck({
    endpoint: '/ready',
    async check({ fetchAPI }) {
      const notReady = (reason: string) => fetchAPI.Response.json({ ready: false, reason }, { status: 503 });
      const state = services.availability?.state;
      if (state !== undefined && state !== 'up') return notReady(reasons[state]);
      if (state === undefined) {
        try {
          await services.driver.verifyConnectivity({ database: services.database });
        } catch {
          return notReady(reasons.down);
        }
      }
      return fetchAPI.Response.json({ ready: true, dataVersion: services.corpusVersion() ?? null });
    },
  });
}
