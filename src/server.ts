// Makes the app listen, and shuts down gracefully: stop accepting connections, let in-flight requests
// finish (up to a grace period, then close what is left), then close the database (driver, and the
// local Neo4j if this process started it).
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export function listen(app: RequestListener, port: number, host: string): Promise<Server> {
  const server = createServer(app);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/**
 * Stops accepting connections and resolves when every in-flight request has been answered. Keep-alive
 * connections are closed as soon as they fall idle (checked every 50 ms), and whatever is still open
 * after `graceMs` is cut.
 */
export function drain(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => {
      clearInterval(idle);
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

export function closeOnSignals(shutdown: (signal: string) => Promise<void>) {
  let closing = false;
  const onSignal = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.error(`${signal}: draining in-flight requests, then closing the database`);
    await shutdown(signal);
    process.exit(0);
  };
  process.on('SIGTERM', () => void onSignal('SIGTERM'));
  process.on('SIGINT', () => void onSignal('SIGINT'));
}
