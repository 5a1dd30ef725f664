// The real server (jak-kg serve, as npm start runs it) as a child process on a free loopback port, for tests and scripts that
// need it out of their own process (load, memory): started with the given environment, ready when /ready
// says so, stopped with SIGTERM (the graceful path).
import { spawn, type ChildProcess } from 'node:child_process';
import { PROJECT_ROOT } from '../../src/db/local-neo4j.js';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export async function startServerProcess(env: Record<string, string>, timeoutMs = 120_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', KG_METRICS: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + timeoutMs;
  let url: string | undefined;
  while (!url) {
    const match = /jak-kg listening: (http:\/\/[^\s]+)\/graphql/.exec(output);
    if (match) url = match[1];
    else if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${output}`);
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
  while ((await fetch(`${url}/ready`).catch(() => null))?.status !== 200) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not get ready:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
