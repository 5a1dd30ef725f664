// GET /export/<table>.<csv|ndjson>: bulk export streamed from Neo4j, as a Yoga plugin so the routes answer
// through the same app.fetch the tests call in-process and the server listens with. GET /export lists the
// tables. Bad requests get a 4xx with a JSON body {error: {code, message}}; every answer names the corpus
// version (X-Data-Version, also in the file name) so that results can be cited.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { AppServices, Context } from '../context.js';
import { createExecutor } from '../db/executor.js';
import { mapDriverError, serviceUnavailable } from '../db/errors.js';
import { checkKnownKeys } from '../known-keys.js';
import type { Format } from './encode.js';
import { exportChunks } from './stream.js';
import { type ExportTable, exportTables, ExportRequestError, findTable, keyChecks, parseFilters } from './tables.js';

/** Default transaction timeout of an export: long, since a slow client holds the transaction open. */
export const DEFAULT_EXPORT_TIMEOUT_MS = 10 * 60_000;

const contentTypes: Record<Format, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

type FetchAPI = { Response: typeof Response; ReadableStream: typeof ReadableStream };

function jsonError(
  fetchAPI: FetchAPI,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
  extra: Record<string, unknown> = {},
) {
  return fetchAPI.Response.json({ error: { code, message, ...extra } }, { status, headers });
}

/** A coded GraphQLError (driver failure, UNKNOWN_KEY) as the export's JSON error, with its status and headers. */
function codedError(fetchAPI: FetchAPI, error: unknown): Response | undefined {
  const mapped = mapDriverError(error);
  if (!(mapped instanceof GraphQLError) || typeof mapped.extensions.code !== 'string') return undefined;
  const { code, http, suggestions, argument } = mapped.extensions as {
    code: string;
    http?: { status?: number; headers?: Record<string, string> };
    suggestions?: string[];
    argument?: string;
  };
  const status = http?.status ?? (code === 'UNKNOWN_KEY' ? 400 : 500);
  return jsonError(fetchAPI, status, code, mapped.message, http?.headers ?? {}, code === 'UNKNOWN_KEY' ? { argument, suggestions } : {});
}

/** The catalogue: every table with its columns, filters and URLs. */
function catalogue(fetchAPI: FetchAPI, dataVersion: string) {
  return fetchAPI.Response.json(
    {
      dataVersion,
      formats: ['csv', 'ndjson'],
      tables: exportTables.map((t) => ({
        name: t.name,
        description: t.description,
        urls: { csv: `/export/${t.name}.csv`, ndjson: `/export/${t.name}.ndjson` },
        columns: t.columns,
        filters: Object.fromEntries(Object.entries(t.filters).map(([name, f]) => [name, f.description])),
      })),
    },
    { headers: { 'x-data-version': dataVersion } },
  );
}

async function handleExport(
  services: AppServices,
  request: Request,
  url: URL,
  fetchAPI: FetchAPI,
  serverContext: { res?: { destroy(error?: Error): void } },
): Promise<Response> {
  const dataVersion = services.corpusVersion() ?? 'unknown';
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return jsonError(fetchAPI, 405, 'METHOD_NOT_ALLOWED', 'Exports answer GET and HEAD only.', { allow: 'GET, HEAD' });
  }
  if (url.pathname === '/export' || url.pathname === '/export/') return catalogue(fetchAPI, dataVersion);
  const match = /^\/export\/(.+)\.(csv|ndjson)$/.exec(url.pathname);
  if (!match) {
    return jsonError(fetchAPI, 404, 'NOT_FOUND', 'Export paths end in .csv or .ndjson, e.g. /export/evidence.csv (GET /export lists the tables).');
  }
  const format = match[2] as Format;
  let table: ExportTable;
  let filters: ReturnType<typeof parseFilters>;
  try {
    table = findTable(decodeURIComponent(match[1]));
    filters = parseFilters(table, url.searchParams);
  } catch (error) {
    if (error instanceof ExportRequestError) return jsonError(fetchAPI, error.status, error.code, error.message);
    if (error instanceof URIError) return jsonError(fetchAPI, 400, 'BAD_USER_INPUT', 'The export path is not valid URL encoding.');
    throw error;
  }

  // Until start-up is done (Neo4j reached, corpus seeded), and while Neo4j is down, the coded 503: an export
  // run against a half-seeded graph would fail on its index hints, or worse, answer part of the corpus.
  if (services.availability && !services.availability.isUp()) return codedError(fetchAPI, serviceUnavailable())!;
  const executor = createExecutor({
    driver: services.driver,
    database: services.database,
    timeoutMs: services.exportTimeoutMs ?? DEFAULT_EXPORT_TIMEOUT_MS,
    availability: services.availability,
  });
  const fileName = `jak-kg-${table.name.replace('/', '-')}-${dataVersion}.${format}`;
  const headers = {
    'content-type': contentTypes[format],
    'content-disposition': `attachment; filename="${fileName}"`,
    'x-data-version': dataVersion,
    'cache-control': 'no-store',
  };
  // A filter naming a drug, condition ... that does not exist is refused, not answered with a header row.
  try {
    await checkKnownKeys(executor, services.cypher, keyChecks(table, filters));
  } catch (error) {
    const coded = codedError(fetchAPI, error);
    if (coded) return coded;
    console.error('export failed:', error);
    return jsonError(fetchAPI, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
  }
  // HEAD: what a GET would answer, without running the export.
  if (request.method === 'HEAD') return new fetchAPI.Response(null, { status: 200, headers });
  const chunks = exportChunks(executor, services.cypher, table, filters, format);
  // The first chunk (the header and the first rows) is read before answering, so that a database that is
  // down or a query that fails gets a proper status and JSON body rather than a 200 with a broken body.
  let first: IteratorResult<string, number>;
  try {
    first = await chunks.next();
  } catch (error) {
    const coded = codedError(fetchAPI, error);
    if (coded) return coded;
    console.error('export failed:', error);
    return jsonError(fetchAPI, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
  }

  const encoder = new TextEncoder();
  let pending = first.done ? undefined : first.value;
  // The client went away: end the records, which rolls the transaction back and closes the session.
  const stop = () => void chunks.return(0).catch(() => {});
  request.signal?.addEventListener('abort', stop, { once: true });
  const body = new fetchAPI.ReadableStream<Uint8Array>(
    {
      // Called only when the consumer wants more (backpressure): one chunk is read from Neo4j per call.
      async pull(controller) {
        try {
          if (pending !== undefined) {
            controller.enqueue(encoder.encode(pending));
            pending = undefined;
            return;
          }
          const next = await chunks.next();
          if (next.done) {
            request.signal?.removeEventListener('abort', stop);
            controller.close();
          } else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          // Headers are sent: all that can be done is to break the response, so that the client sees a
          // failed transfer rather than a file that looks complete. Over HTTP that means closing the socket.
          console.error(`export ${table.name} failed mid-stream:`, error);
          controller.error(error);
          serverContext.res?.destroy(error as Error);
        }
      },
      async cancel() {
        stop();
      },
    },
    { highWaterMark: 1 },
  );
  return new fetchAPI.Response(body, { status: 200, headers });
}

export function exportRoutes(services: AppServices): Plugin<Context> {
  return {
    async onRequest({ request, url, endResponse, fetchAPI, serverContext }) {
      if (url.pathname !== '/export' && !url.pathname.startsWith('/export/')) return;
      endResponse(await handleExport(services, request, url, fetchAPI as unknown as FetchAPI, serverContext as never));
    },
  };
}
