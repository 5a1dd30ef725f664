/**
 * `jak-kg db start|stop|status [--port N] [--data DIR]` (also `npm run db -- ...`): the local Neo4j of
 * src/db/local-neo4j.ts in the background. Exit codes: 0 ok (status: running), 1 failure, 2 bad usage,
 * 3 status: stopped.
 */
import { DEFAULT_BOLT_PORT, DEFAULT_DATA_DIR, localNeo4jStatus, startLocalNeo4j, stopLocalNeo4j } from '../db/local-neo4j.js';
import { parseCommandLine, UsageError } from './usage.js';

/** The Bolt port `start` uses without --port: NEO4J_BOLT_PORT (as npm start's launcher), else 7687. */
export function defaultBoltPort(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.NEO4J_BOLT_PORT;
  if (value === undefined || value === '') return DEFAULT_BOLT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) throw new UsageError(`bad NEO4J_BOLT_PORT: ${value}`);
  return port;
}

const usage = (program: string) => `usage: ${program} <command> [options]

Runs a local Neo4j Community 5.26 (embedded, Bolt on 127.0.0.1, no auth) from
Maven Central jars. Needs Java 17+ and Maven (apt-get install openjdk-17-jre-headless maven).

commands:
  start     start Neo4j in the background and print its Bolt URI
  stop      stop it (SIGTERM, clean shutdown)
  status    print "running <uri> (pid N)" and exit 0, or "stopped" and exit 3

options:
  --port N      Bolt port (start only; default NEO4J_BOLT_PORT, else ${DEFAULT_BOLT_PORT})
  --data DIR    data dir (default ${DEFAULT_DATA_DIR})
  --verbose     show the launcher's output while starting
  -h, --help    this help

environment:
  NEO4J_BOLT_PORT          Bolt port when --port is not given (as npm start uses it)
  JAK_KG_MAVEN_REPO        Maven local repository (default ~/.m2/repository)
  JAK_KG_NEO4J_HEAP        JVM heap, e.g. 2g (default 1g)
  JAK_KG_NEO4J_PAGECACHE   Neo4j page cache, e.g. 2g (default 512m)
`;

function parse(argv: string[]) {
  const { values, positionals } = parseCommandLine(argv, { port: { type: 'string' }, data: { type: 'string' }, verbose: { type: 'boolean', short: 'v' } });
  const [command, unexpected] = positionals;
  if (unexpected !== undefined) throw new UsageError(`unexpected argument: ${unexpected}`);
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port < 1 || port > 65535) throw new UsageError(`bad port: ${values.port}`);
  }
  return {
    command,
    port: port ?? (command === 'start' ? defaultBoltPort() : undefined),
    data: values.data,
    verbose: values.verbose ?? false,
    help: values.help ?? false,
  };
}

/** Runs one db command; returns the exit code. `program` is how the help names the command. */
export async function dbCommand(argv: string[], program = 'jak-kg db'): Promise<number> {
  const args = parse(argv);
  if (args.help) {
    process.stdout.write(usage(program));
    return 0;
  }
  switch (args.command) {
    case 'start': {
      const neo = await startLocalNeo4j({
        dataDir: args.data,
        boltPort: args.port,
        detached: true,
        log: args.verbose
          ? (l) => process.stderr.write(`${l}\n`)
          : (l) => {
              if (l.startsWith('resolving') || l.startsWith('starting')) process.stderr.write(`${l}\n`);
            },
      });
      process.stdout.write(`${neo.uri}\n`);
      return 0;
    }
    case 'status': {
      const s = await localNeo4jStatus(args.data);
      process.stdout.write(s.running ? `running ${s.uri} (pid ${s.pid})\n` : 'stopped\n');
      return s.running ? 0 : 3;
    }
    case 'stop': {
      const stopped = await stopLocalNeo4j(args.data);
      process.stdout.write(stopped ? 'stopped\n' : 'not running\n');
      return 0;
    }
    case undefined:
      throw new UsageError('missing command (start, stop or status)');
    default:
      throw new UsageError(`unknown command: ${args.command}`);
  }
}
