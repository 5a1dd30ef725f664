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
  413: 'REQUEST_ENTITY_TOO_LARGE',
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
  const uncoded = (error: GraphQLError) => !error.extensions?.code && !error.path;
  const coded = (error: GraphQLError) =>
    uncoded(error)
      ? new GraphQLError(error.message, {
          nodes: error.nodes,
          source: error.source,
          positions: error.positions,
          extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
        })
      : error;
  const fix = (result: ExecutionResult) => (result.errors?.some(uncoded) ? { ...result, errors: result.errors.map(coded) } : result);
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result)) setResult(result.map(fix));
      else if (!(Symbol.asyncIterator in result)) setResult(fix(result));
    },
  };
}

/**
 * Yoga parses the `variables` and `extensions` of GET and form requests with a bare JSON.parse, whose
 * SyntaxError it would mask as a 500; it becomes a coded 400.
 */
export function codedParameterErrors(): Plugin<Context> {
  return {
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (error) {
          if (!(error instanceof SyntaxError)) throw error;
          throw createGraphQLError('The variables or extensions parameter is not valid JSON.', { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
        }
      });
    },
  };
}

/** Header a client may send on "simple" POSTs (forms, text/plain) to show it is not a cross-site form. */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

/**
 * CSRF prevention where it still protects something. It exists for servers whose browsers attach
 * credentials by themselves (cookies, HTTP auth): a hostile page could then make a victim's browser send a
 * request on the victim's behalf. This server has no such credentials: a curation token is a bearer header,
 * which a cross-site page cannot set, and CORS never allows credentials. So:
 *   - GET carries queries only (Yoga answers a mutation over GET with 405), which change nothing and are
 *     answered without the header: urql's and relay's default (queries by GET) works, and so do caches;
 *   - a "simple" POST (form-encoded, multipart, text/plain), which a hostile page can send without a
 *     preflight, still needs the header (any value) or `apollo-require-preflight`, refused otherwise with
 *     CSRF_PREVENTED (403): it is no client's default, and it could carry a mutation.
 * JSON POSTs (every client's default, GraphiQL's included) are preflighted by browsers and pass.
 */
export function codedCsrfPrevention(): Plugin<Context> {
  const inner = useCSRFPrevention({ requestHeaders: [CSRF_HEADER, 'apollo-require-preflight'] });
  return {
    onRequestParse(payload) {
      if (payload.request.method === 'GET') return;
      try {
        return inner.onRequestParse?.(payload);
      } catch (error) {
        throw createGraphQLError(`${(error as Error).message}: send the ${CSRF_HEADER} header (any value) with form or text/plain POSTs, or post JSON.`, {
          extensions: { code: 'CSRF_PREVENTED', http: { status: 403 } },
        });
      }
    },
  };
}
