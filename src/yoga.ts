// The GraphQL app (no port): schema, per-request context, GraphiQL with examples, health and readiness,
// and the bulk exports under /export (src/export/routes.ts).
// Tests import it and call yoga.fetch(...) in-process; src/server.ts makes it listen.
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { createContext, type AppServices, type Context } from './context.js';
import { exportRoutes } from './export/routes.js';
import { exampleTabs, guidedQuery, headersTemplate } from './graphiql-examples.js';
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

/** The corpus version on every response (X-Data-Version), as in meta { dataVersion }: answers are citable. */
function dataVersionHeader(services: AppServices): Plugin<Context> {
  return {
    onResponse({ response }) {
      if (!response.headers.has('x-data-version')) response.headers.set('x-data-version', services.corpusVersion() ?? 'unknown');
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
      defaultTabs: [{ query: guidedQuery }, ...exampleTabs.map((tab) => ({ query: tab.query }))].map((tab) => ({
        ...tab,
        headers: headersTemplate,
      })),
      // The headers editor opens with every tab, holding a commented-out Authorization line to fill in for
      // curation (GraphiQL reads headers as JSON with comments); reads send no Authorization header at all.
      headers: headersTemplate,
      defaultHeaders: headersTemplate,
      defaultEditorToolsVisibility: 'headers',
      // Tokens are not written to the browser's storage.
      shouldPersistHeaders: false,
    },
    // The GraphiQL bundle served from node_modules, not a CDN: it works offline.
    renderGraphiQL,
    healthCheckEndpoint: '/health',
    plugins: [
      roundTripHeader(),
      dataVersionHeader(services),
      exportRoutes(services),
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
