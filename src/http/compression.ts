// Compressed answers for clients that accept them (Accept-Encoding), and a GraphiQL page that is built,
// compressed and hashed once:
//   - GraphiQL (GET /graphql from a browser) is a 9 MB page, the same for every visitor: it is rendered once,
//     compressed once (brotli and gzip, ~1 MB), served from memory with an ETag and Cache-Control, and a
//     revalidation (If-None-Match) answers 304 without a body. Before, every load rendered and sent 9 MB.
//   - GraphQL answers over COMPRESS_MIN_BYTES and every export are gzip-compressed as they stream
//     (CompressionStream keeps the export's backpressure: memory stays one chunk). Smaller answers are sent
//     as they are: compressing them costs more than it saves.
// Never compressed: HEAD, 204/304, answers already encoded or marked no-transform. Responses vary on
// Accept-Encoding so that caches keep the encodings apart.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';

/** GraphQL answers smaller than this are sent uncompressed. */
export const COMPRESS_MIN_BYTES = 1_024;
/** How long a browser may reuse GraphiQL without asking again (then it revalidates with its ETag). */
export const GRAPHIQL_MAX_AGE_SECONDS = 600;

const COMPRESSIBLE = /^(application\/(json|graphql-response\+json|x-ndjson)|text\/(csv|html|plain))/;

type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding the client accepts among `offered` (q-values honoured; `*` counts; q=0 refuses). */
export function negotiate(acceptEncoding: string | null, offered: readonly Encoding[]): Encoding {
  if (!acceptEncoding) return 'identity';
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  let best: Encoding = 'identity';
  let bestWeight = 0;
  for (const encoding of offered) {
    const weight = weights.get(encoding) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) [best, bestWeight] = [encoding, weight];
  }
  return best;
}

interface StaticPage {
  etag: string;
  bodies: Record<Encoding, Buffer>;
  headers: [string, string][];
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** The page hashed and compressed, off the event loop (zlib's thread pool): a second of brotli for 9 MB. */
async function staticPage(html: string, headers: Headers): Promise<StaticPage> {
  const identity = Buffer.from(html, 'utf8');
  const etag = `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`;
  const [gzipped, brotli] = await Promise.all([
    gzipAsync(identity, { level: 9 }),
    brotliAsync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
  ]);
  return { etag, bodies: { identity, gzip: gzipped, br: brotli }, headers: [...headers].filter(([name]) => name === 'content-type') };
}

/**
 * GraphiQL's renderer, memoised: the page is rendered once (its options never change), and hashed and
 * compressed once, on first use. The renderer may be asynchronous (src/yoga.ts loads GraphiQL's bundle on
 * the first visit).
 */
export function cachedGraphiQL<O>(render: (options: O) => string | Promise<string>) {
  let html: Promise<string> | undefined;
  let page: Promise<StaticPage> | undefined;
  return {
    render(options: O): Promise<string> {
      return (html ??= Promise.resolve().then(() => render(options)));
    },
    /** The page, compressed once; the visitors who come while it is being compressed wait for that one. */
    page(headers: Headers): Promise<StaticPage> | undefined {
      if (html === undefined) return undefined;
      return (page ??= html.then((text) => staticPage(text, headers)));
    },
  };
}

export type GraphiQLCache = ReturnType<typeof cachedGraphiQL>;

function isGraphiQL(request: Request, url: URL): boolean {
  return request.method === 'GET' && url.pathname === '/graphql' && (request.headers.get('accept') ?? '').includes('text/html');
}

export function compression(graphiql?: GraphiQLCache): Plugin<Context> {
  function serveGraphiQL(page: StaticPage, request: Request, fetchAPI: { Response: typeof Response }, base?: Headers): Response {
    const headers = new Headers(base ?? page.headers);
    headers.delete('content-length');
    headers.set('etag', page.etag);
    headers.set('cache-control', `public, max-age=${GRAPHIQL_MAX_AGE_SECONDS}`);
    headers.set('vary', 'Accept-Encoding');
    const match = request.headers.get('if-none-match');
    if (match?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === page.etag)) {
      return new fetchAPI.Response(null, { status: 304, headers });
    }
    const encoding = negotiate(request.headers.get('accept-encoding'), ['br', 'gzip']);
    if (encoding !== 'identity') headers.set('content-encoding', encoding);
    headers.set('content-length', String(page.bodies[encoding].length));
    const body = page.bodies[encoding];
    return new fetchAPI.Response(new Uint8Array(body.buffer, body.byteOffset, body.length) as unknown as BodyInit, { status: 200, headers });
  }

  return {
    async onResponse({ request, response, setResponse, fetchAPI }) {
      const url = new URL(request.url, 'http://localhost');
      const type = response.headers.get('content-type') ?? '';
      const page =
        graphiql && isGraphiQL(request, url) && response.status === 200 && type.startsWith('text/html') ? await graphiql.page(response.headers) : undefined;
      if (page) {
        // Yoga's page, whose text is the memoised render: answered from the copy compressed and hashed once.
        await response.body?.cancel();
        setResponse(serveGraphiQL(page, request, fetchAPI, response.headers));
        return;
      }
      if (request.method === 'HEAD' || !response.body || response.status === 204 || response.status === 304) return;
      if (response.headers.has('content-encoding') || !COMPRESSIBLE.test(type)) return;
      if ((response.headers.get('cache-control') ?? '').includes('no-transform')) return;
      const length = response.headers.get('content-length');
      if (length !== null && Number(length) < COMPRESS_MIN_BYTES) return;
      response.headers.append('vary', 'Accept-Encoding');
      if (negotiate(request.headers.get('accept-encoding'), ['gzip']) !== 'gzip') return;
      const headers = new fetchAPI.Headers(response.headers);
      headers.set('content-encoding', 'gzip');
      headers.delete('content-length');
      const body = response.body.pipeThrough(new CompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
      setResponse(new fetchAPI.Response(body, { status: response.status, statusText: response.statusText, headers }));
    },
  };
}
