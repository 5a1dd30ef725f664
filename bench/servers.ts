// The three implementations, each in its own Node process (so each has its own RSS), all started the same
// way: `node --import tsx <entry>` with the database's URI and a port.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PROJECT_ROOT } from '../src/db/local-neo4j.js';
import { oursEnv, type ImplementationId } from './questions.js';

export interface Implementation {
  id: ImplementationId;
  name: string;
  /** The file node runs (with tsx), then its arguments, space-separated. */
  entry: string;
  /** Extra environment for this server. */
  env: Record<string, string>;
}

export const implementations: Implementation[] = [
  { id: 'floor', name: 'floor (node:http + neo4j-driver)', entry: 'bench/floor/server.ts', env: {} },
  // Our server exactly as `npm start` runs it, on a database that is already loaded, with the page size and
  // complexity limits raised for the deep page (questions.ts, oursEnv).
  { id: 'ours', name: 'ours (jak-kg)', entry: 'src/cli/main.ts serve', env: { SEED_ON_START: 'false', HOST: '127.0.0.1', ...oursEnv } },
  { id: 'peer', name: 'peer (@neo4j/graphql on graphql-yoga)', entry: 'bench/peer/server.ts', env: {} },
];

export interface RunningServer {
  implementation: Implementation;
  url: string;
  pid: number;
  /** Resident set size now, in bytes (from /proc). */
  rss(): number;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  return kb * 1024;
}

/** Starts one server and waits until it answers HTTP on its port (ours: until it is ready). */
export async function startServer(implementation: Implementation, port: number, neo4jUri: string, log: (line: string) => void): Promise<RunningServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ...implementation.entry.split(' ')], {
    cwd: PROJECT_ROOT,
    // NODE_ENV=production for all three, as a deployment runs them (graphql-js's production type checks).
    env: {
      ...process.env,
      NODE_ENV: 'production',
      ...implementation.env,
      NEO4J_URI: neo4jUri,
      NEO4J_USER: 'neo4j',
      NEO4J_PASSWORD: '',
      PORT: String(port),
      NEO4J_QUERY_TIMEOUT_MS: '15000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | null = null;
  child.once('exit', (code) => void (exited = code ?? -1));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) throw new Error(`${implementation.name} exited (${exited}) before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${implementation.name} did not answer on ${url} within 60 s:\n${output}`);
    }
    try {
      // Any answer from the floor and the peer; from ours, readiness (it listens before Neo4j is connected
      // and answers 503 until then, which would be timed as errors).
      const response = await fetch(`${url}/${implementation.id === 'ours' ? 'ready' : 'health'}`);
      if (implementation.id !== 'ours' || response.ok) break;
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  log(`  ${implementation.name} on ${url} (pid ${child.pid})`);
  return {
    implementation,
    url,
    pid: child.pid!,
    rss: () => rssOf(child.pid!),
    async stop() {
      if (exited !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([gone, sleep(10_000)]);
      if (exited === null) child.kill('SIGKILL');
    },
  };
}
