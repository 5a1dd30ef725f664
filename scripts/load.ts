// `npm run load`: the long load run of docs/RELIABILITY.md. Starts a Neo4j of its own (the local launcher
// on LOAD_BOLT_PORT, data in .neo4j/load/; or NEO4J_URI when set), the real server as its own process on
// loopback (it seeds the corpus), then LOAD_SECONDS (60) of mixed questions at LOAD_CONNECTIONS (64).
// Prints the figures and the machine, and exits 1 if any request failed or memory passed LOAD_MAX_RSS_MB.
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT, startLocalNeo4j, type LocalNeo4j } from '../src/db/local-neo4j.js';
import { runLoad } from '../test/support/load.js';
import { startServerProcess } from '../test/support/server-process.js';

const seconds = Number(process.env.LOAD_SECONDS ?? 60);
const connections = Number(process.env.LOAD_CONNECTIONS ?? 64);
const maxRssMb = Number(process.env.LOAD_MAX_RSS_MB ?? 768);

let neo4j: LocalNeo4j | undefined;
let uri = process.env.NEO4J_URI;
if (!uri) {
  neo4j = await startLocalNeo4j({ dataDir: path.join(PROJECT_ROOT, '.neo4j', 'load', 'data'), boltPort: Number(process.env.LOAD_BOLT_PORT ?? 7690) });
  uri = neo4j.uri;
}
let failed = true;
try {
  const server = await startServerProcess({ NEO4J_URI: uri });
  try {
    const result = await runLoad(server.url, { connections, seconds });
    const cpus = os.cpus();
    console.log(
      JSON.stringify(
        {
          ...result,
          machine: {
            cpus: cpus.length,
            model: cpus[0]?.model,
            memoryGb: Math.round(os.totalmem() / 2 ** 30),
            node: process.version,
            loadAverage: os.loadavg().map((l) => l.toFixed(1)),
          },
        },
        null,
        2,
      ),
    );
    console.log(
      `| ${seconds} s | ${connections} | ${result.requests} | ${result.requestsPerSecond} | ${result.latencyMs.p50} | ${result.latencyMs.p99} | ` +
        `${result.non2xx + result.errors + result.timeouts + result.graphqlErrors} | ${result.rssMb.start} / ${result.rssMb.max} / ${result.rssMb.end} |`,
    );
    failed = result.non2xx + result.errors + result.timeouts + result.graphqlErrors > 0 || result.rssMb.max > maxRssMb;
  } finally {
    const code = await server.stop();
    if (code !== 0) {
      console.error(`the server exited with ${code} on SIGTERM:\n${server.output()}`);
      failed = true;
    }
  }
} finally {
  await neo4j?.stop();
}
process.exit(failed ? 1 : 0);
