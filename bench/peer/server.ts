// The peer (bench/peer/app.ts) on node:http, each request in its own round-trip count.
//
//   NEO4J_URI=bolt://127.0.0.1:7752 PORT=4053 node --import tsx bench/peer/server.ts
import { createServer } from 'node:http';
import neo4j from 'neo4j-driver';
import { createPeer, requestStats } from './app.js';

const uri = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
const port = Number(process.env.PORT ?? 4053);
const driver = neo4j.driver(uri, { scheme: 'none', credentials: '' } as never, { maxConnectionPoolSize: 100 });
const yoga = await createPeer(driver, Number(process.env.NEO4J_QUERY_TIMEOUT_MS ?? 15_000));

const server = createServer((req, res) => requestStats.run({ roundTrips: 0 }, () => yoga(req, res)));
server.listen(port, '127.0.0.1', () => console.log(`peer ready on http://127.0.0.1:${port}/graphql`));
const stop = () => server.close(() => void driver.close().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
