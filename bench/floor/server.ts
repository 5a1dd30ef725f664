// The floor: a bare node:http handler per question (bench/floor/handlers.ts), each running the one best
// hand-written Cypher statement for it through neo4j-driver and answering the same JSON as our server's
// GraphQL `data`. No GraphQL, no schema, no loaders: what is left is the database, the driver and JSON.
//
//   NEO4J_URI=bolt://127.0.0.1:7752 PORT=4051 node --import tsx bench/floor/server.ts
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import neo4j from 'neo4j-driver';
import { createFloor } from './handlers.js';

const uri = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
const port = Number(process.env.PORT ?? 4051);
const driver = neo4j.driver(uri, { scheme: 'none', credentials: '' } as never, {
  disableLosslessIntegers: true,
  maxConnectionPoolSize: 100,
});
const floor = createFloor(driver, Number(process.env.NEO4J_QUERY_TIMEOUT_MS ?? 15_000));

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

function send(res: ServerResponse, status: number, value: unknown, trips?: number) {
  const body = JSON.stringify(value);
  const headers: Record<string, string | number> = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) };
  if (trips !== undefined) headers['x-cypher-round-trips'] = trips;
  res.writeHead(status, headers);
  res.end(body);
}

const server = createServer(async (req, res) => {
  try {
    const answer = req.method === 'POST' ? await floor.answer((req.url ?? '').slice(1), await readBody(req)) : null;
    if (!answer) return send(res, 404, { error: 'POST /lookup, /nested, /deep, /evidence, /paths or /search' });
    send(res, 200, { data: answer.data }, answer.roundTrips);
  } catch (error) {
    send(res, 500, { error: (error as Error).message });
  }
});
server.listen(port, '127.0.0.1', () => console.log(`floor ready on http://127.0.0.1:${port}`));
const stop = () => server.close(() => void driver.close().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
