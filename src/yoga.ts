// The GraphQL app (no port): schema, per-request context, GraphiQL with examples, health and readiness,
// the bulk exports under /export (src/export/routes.ts), metrics, and the guards (limits, CSRF, CORS,
// introspection switch, coded refusals, logs).
// Tests import it and call yoga.fetch(...) in-process; src/server.ts makes it listen.
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { createYoga, type GraphiQLOptions, type Plugin } from 'graphql-yoga';
import { createContext, type AppServices, type Context, type HttpOptions } from './context.js';
import { exportRoutes } from './export/routes.js';
import { exampleTabs, guidedQuery, headersTemplate, withGraphiQLStyle } from './graphiql-examples.js';
import { cachedGraphiQL, compression } from './http/compression.js';
import { codedCsrfPrevention, codedErrorResponses, codedParameterErrors, codedRequestErrors } from './http/coded-responses.js';
import { observability, traceOf } from './http/observability.js';
import { readiness } from './http/readiness.js';
import { requestLimits } from './http/request-limits.js';
import { securityHeaders } from './http/security-headers.js';
import { defaultLimits } from './limits.js';
import { silentLogger } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';
import { schema } from './schema/index.js';

// /metrics is off unless asked for (KG_METRICS=true): it tells anyone who can reach the port how the server is used.
const defaultHttp: HttpOptions = { csrf: true, introspection: true, corsOrigins: '*', metricsEndpoint: false };

/**
 * How many Cypher round trips the request cost, and the most Neo4j sessions it held at once, as response
 * headers (for tests and benchmarks).
 */
function roundTripHeader(): Plugin<Context> {
  const contexts = new WeakMap<Request, Context>();
  return {
    onExecute({ args }) {
      contexts.set(args.contextValue.request, args.contextValue);
    },
    onResponse({ request, response }) {
      const context = contexts.get(request);
      if (context) {
        response.headers.set('x-cypher-round-trips', String(context.executor.stats.roundTrips));
        response.headers.set('x-neo4j-sessions', String(context.executor.stats.mostSessions));
      }
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
  const limits = services.limits ?? defaultLimits;
  const http = { ...defaultHttp, ...services.http };
  const logger = services.logger ?? silentLogger;
  const metrics = services.metrics ?? createMetrics();
  const withDefaults: AppServices = { ...services, limits, logger, metrics };
  // The GraphiQL page (9 MB, the same for everyone): rendered, compressed and hashed once (src/http/compression.ts).
  // Its renderer is imported on the first visit, not at start: the module holds GraphiQL's whole bundle as
  // strings, and loading it took 70 MB of RSS (32 MB of heap) in every server, visited or not.
  const graphiqlPage = cachedGraphiQL(async (options: GraphiQLOptions) => {
    const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
    return withGraphiQLStyle(renderGraphiQL(options));
  });
  return createYoga<{ request: Request }, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    maskedErrors: true,
    logging: logger,
    batching: limits.maxBatch > 0 ? { limit: limits.maxBatch } : false,
    maxRequestBodySize: limits.maxBodyBytes,
    cors:
      http.corsOrigins === '*'
        ? { origin: '*', methods: ['GET', 'POST'], credentials: false }
        : http.corsOrigins.length > 0
          ? { origin: http.corsOrigins, methods: ['GET', 'POST'], credentials: false }
          : false,
    // The request id comes from the trace of src/http/observability.ts (on the server context, which a
    // batched operation's context inherits from).
    context: (initial) => createContext(withDefaults, initial.request, traceOf(initial)?.requestId ?? 'none'),
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
    renderGraphiQL: graphiqlPage.render,
    healthCheckEndpoint: '/health',
    plugins: [
      // Hooks run in this order: code the bare refusals and uncoded request errors first, then log and count.
      codedErrorResponses(),
      codedRequestErrors(),
      observability(logger, metrics, { metricsEndpoint: http.metricsEndpoint }),
      readiness(withDefaults),
      roundTripHeader(),
      dataVersionHeader(withDefaults),
      securityHeaders(),
      // Bulk downloads: plain GETs without side effects, so they sit before the CSRF guard.
      exportRoutes(withDefaults),
      requestLimits(limits),
      codedParameterErrors(),
      ...(http.csrf ? [codedCsrfPrevention()] : []),
      ...(http.introspection ? [] : [useDisableIntrospection()]),
      // Last, so that it compresses the answer every other plugin has finished.
      compression(graphiqlPage),
    ],
  });
}

export type App = ReturnType<typeof createApp>;
