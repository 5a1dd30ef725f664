// Every refusal carries a code. Yoga answers some HTTP-level refusals (415 wrong content type, 406, 404)
// with an empty body; this gives them a GraphQL-shaped JSON body with extensions.code. graphql-js reports
// variables that do not coerce without a code; they get BAD_USER_INPUT. And Yoga's CSRF prevention, whose
// error has no code, gets one.
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { traceOf } from './observability.js';

const codeOfStatus: Record<number, string> = {
  400: 'BAD_REQUEST',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

export function codedErrorResponses(): Plugin<Context> {
  return {
    onResponse({ response, setResponse, fetchAPI, serverContext }) {
      if (response.status < 400 || (response.headers.get('content-type') ?? '').includes('json')) return;
      const code = codeOfStatus[response.status] ?? (response.status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST');
      traceOf(serverContext)?.codes.push(code);
      const headers = new fetchAPI.Headers(response.headers);
      headers.set('content-type', 'application/json; charset=utf-8');
      headers.delete('content-length');
      const message = response.statusText || `HTTP ${response.status}`;
      setResponse(new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), { status: response.status, headers }));
    },
  };
}

/**
 * Errors of the request as a whole (no path: variables that do not coerce, a missing operation) that
 * graphql-js leaves uncoded become BAD_USER_INPUT.
 */
export function codedRequestErrors(): Plugin<Context> {
  const coded = (error: GraphQLError) =>
    error.extensions?.code || error.path
      ? error
      : new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code: 'BAD_USER_INPUT' } });
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          const single = result as ExecutionResult;
          if (single.errors?.some((e) => !e.extensions?.code && !e.path)) setResult({ ...single, errors: single.errors.map(coded) });
        },
      };
    },
  };
}

/** Header a browser-independent client sends on GET and "simple" POSTs (forms, text/plain). */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

/**
 * Yoga's CSRF prevention (requests a browser could send cross-site without a preflight must carry a
 * custom header), with its refusal coded CSRF_PREVENTED (403). JSON POSTs, GraphiQL's included, pass.
 */
export function codedCsrfPrevention(): Plugin<Context> {
  const inner = useCSRFPrevention({ requestHeaders: [CSRF_HEADER, 'apollo-require-preflight'] });
  return {
    onRequestParse(payload) {
      try {
        return inner.onRequestParse?.(payload);
      } catch (error) {
        throw createGraphQLError(`${(error as Error).message}: send the ${CSRF_HEADER} header (any value) with GET requests.`, {
          extensions: { code: 'CSRF_PREVENTED', http: { status: 403 } },
        });
      }
    },
  };
}
