// Makes the app listen; SIGTERM/SIGINT close the HTTP server (draining in-flight requests), then the
// database (driver, and the local Neo4j if this process started it).
import { createServer, type Server } from 'node:http';
import type { App } from './yoga.js';

export function listen(app: App, port: number, host: string): Promise<Server> {
  const server = createServer(app);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

export function closeOnSignals(server: Server, closeDatabase: () => Promise<void>) {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.error(`${signal}: closing the server, then the database`);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await closeDatabase();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
