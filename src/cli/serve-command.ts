// `jak-kg serve` (`npm start`): pick the database (NEO4J_URI, Docker, or the local launcher), serve GraphQL on
// http://localhost:PORT/graphql at once, and seed the corpus in the background when the graph does not
// hold this version of it (src/start.ts). SIGTERM/SIGINT drain in-flight requests before exiting.
import { readConfig } from '../config.js';
import { closeOnSignals } from '../server.js';
import { startServer } from '../start.js';
import { parseCommandLine, UsageError } from './usage.js';

export const serveUsage = `usage: jak-kg serve      (also: npm start)

Serves GraphQL on http://localhost:PORT/graphql (GraphiQL in a browser), with /health, /ready and /export.
Configured by the environment (README): PORT, HOST, NEO4J_URI (NEO4J_USER, NEO4J_PASSWORD), SEED_ON_START ...
`;

/** Resolves only when start-up failed for good (1); a signal closes the server and exits the process. */
export async function serveCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {});
  if (values.help) {
    process.stdout.write(serveUsage);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
  // tsx turns on source-mapped stack traces; in production Node's default (off) is restored. neo4j-driver
  // captures a stack trace for every statement it runs: with source maps that capture took 4.7% of the
  // server's CPU on the nested list, without them 3.7% (node --cpu-prof, corpus, 32 connections). Stack
  // traces then name the transpiled positions.
  if (process.env.NODE_ENV === 'production') process.setSourceMapsEnabled(false);

  const started = Date.now();
  const config = readConfig();
  const running = await startServer(config);
  closeOnSignals(() => running.close());
  const shown = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  console.log(`jak-kg listening: http://${shown}:${running.port}/graphql (Neo4j via ${running.db.how})`);
  return new Promise((resolve) => {
    running.ready.then(
      () => console.log(`jak-kg ready in ${((Date.now() - started) / 1000).toFixed(1)} s`),
      async (error) => {
        console.error(error);
        await running.close();
        resolve(1);
      },
    );
  });
}
