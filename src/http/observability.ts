// One log line and one set of metrics per request: request id (x-request-id, taken from the client when it
// is a plain token, else generated, and echoed back), GraphQL operation name, status, duration and error
// codes. Headers, bodies and variables are never logged, so neither are tokens.
import { randomUUID } from 'node:crypto';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';

/** What this plugin learns about one request as it goes through Yoga (kept on the server context). */
export interface RequestTrace {
  requestId: string;
  started: number;
  operation: string | null;
  codes: string[];
}

export const traceKey = 'jakkgTrace';

export function traceOf(context: object): RequestTrace | undefined {
  return (context as Record<string, RequestTrace | undefined>)[traceKey];
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function errorCodes(result: unknown): string[] {
  const results = Array.isArray(result) ? result : [result];
  const codes: string[] = [];
  for (const r of results) {
    for (const error of (r as { errors?: { extensions?: { code?: unknown } }[] } | undefined)?.errors ?? []) {
      codes.push(typeof error.extensions?.code === 'string' ? error.extensions.code : 'UNCODED');
    }
  }
  return codes;
}

export function observability(logger: Logger, metrics: Metrics, options: { metricsEndpoint: boolean }): Plugin<Context> {
  return {
    onRequest({ request, serverContext, url, fetchAPI, endResponse }) {
      const given = request.headers.get('x-request-id');
      const trace: RequestTrace = {
        requestId: given && REQUEST_ID.test(given) ? given : randomUUID(),
        started: performance.now(),
        operation: null,
        codes: [],
      };
      (serverContext as Record<string, unknown>)[traceKey] = trace;
      if (options.metricsEndpoint && url.pathname === '/metrics' && request.method === 'GET') {
        return metrics.registry
          .metrics()
          .then((text) => endResponse(new fetchAPI.Response(text, { headers: { 'content-type': metrics.registry.contentType } })));
      }
    },
    onExecute({ args }) {
      const trace = traceOf(args.contextValue);
      if (trace) trace.operation = args.operationName ?? getOperationAST(args.document, args.operationName)?.name?.value ?? null;
    },
    onResultProcess({ result, serverContext }) {
      traceOf(serverContext)?.codes.push(...errorCodes(result));
    },
    onResponse({ request, response, serverContext }) {
      const trace = traceOf(serverContext);
      if (!trace) return;
      const path = new URL(request.url, 'http://localhost').pathname;
      if (path === '/metrics' && options.metricsEndpoint) return;
      response.headers.set('x-request-id', trace.requestId);
      const seconds = (performance.now() - trace.started) / 1000;
      // The GraphQL operation name on /graphql; the path for the few other routes; bounded either way.
      const operation = path === '/graphql' ? metrics.operationLabel(trace.operation) : path === '/ready' ? '/ready' : 'other-route';
      metrics.requests.inc({ operation, status: String(response.status) });
      metrics.duration.observe({ operation }, seconds);
      for (const code of trace.codes) metrics.errors.inc({ code });
      const line = {
        reqId: trace.requestId,
        method: request.method,
        path,
        operation: trace.operation?.slice(0, 100) ?? null,
        status: response.status,
        ms: Math.round(seconds * 10_000) / 10,
        ...(trace.codes.length ? { errors: trace.codes } : {}),
      };
      if (response.status >= 500 && response.status !== 503 && response.status !== 504) logger.error(line, 'request failed');
      else if (response.status >= 500) logger.warn(line, 'request refused: Neo4j unavailable or too slow');
      else logger.info(line, 'request');
    },
  };
}
