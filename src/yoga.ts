// The GraphQL app (no port): schema, per-request context, GraphiQL with examples, health and readiness.
// Tests import it and call yoga.fetch(...) in-process; src/server.ts makes it listen.
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { createContext, type AppServices, type Context } from './context.js';
import { exampleTabs, guidedQuery } from './graphiql-examples.js';
import { schema } from './schema/index.js';

/** How many Cypher round trips the request cost, as a response header (for tests and benchmarks). */
function roundTripHeader(): Plugin<Context> {
  const contexts = new WeakMap<Request, Context>();
  return {
    onExecute({ args }) {
      contexts.set(args.contextValue.request, args.contextValue);
    },
    onResponse({ request, response }) {
      const context = contexts.get(request);
      if (context) response.headers.set('x-cypher-round-trips', String(context.executor.stats.roundTrips));
    },
  };
}

export function createApp(services: AppServices) {
  return createYoga<{ request: Request }, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    maskedErrors: true,
    context: () => createContext(services),
    graphiql: {
      title: 'jak-kg: JAK inhibitors in dermatology',
      defaultQuery: guidedQuery,
      defaultTabs: [{ query: guidedQuery }, ...exampleTabs.map((tab) => ({ query: tab.query }))],
      shouldPersistHeaders: false,
    },
    // The GraphiQL bundle served from node_modules, not a CDN: it works offline.
    renderGraphiQL,
    healthCheckEndpoint: '/health',
    plugins: [
      roundTripHeader(),
      {
        // Readiness: the database answers.
        async onRequest({ request, url, endResponse, fetchAPI }) {
          if (url.pathname !== '/ready' || request.method !== 'GET') return;
          try {
            await services.driver.verifyConnectivity({ database: services.database });
            endResponse(fetchAPI.Response.json({ ready: true, dataVersion: services.corpusVersion() ?? null }));
          } catch {
            endResponse(fetchAPI.Response.json({ ready: false, reason: 'Neo4j is not reachable' }, { status: 503 }));
          }
        },
      },
    ],
  });
}

export type App = ReturnType<typeof createApp>;
