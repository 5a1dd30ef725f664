// Whether the graph database can take queries, as a small circuit breaker. While it is `down` (or the
// server is still `starting`: seeding, or waiting for Neo4j), queries are refused at once with the coded
// SERVICE_UNAVAILABLE (HTTP 503) instead of each waiting out the driver's retries; a probe checks Neo4j
// every 250 ms and closes the circuit as soon as it answers, without restarting anything.
import type { Driver } from 'neo4j-driver';

/** How long the probe's read may take before Neo4j counts as not serving yet. */
export const PROBE_TIMEOUT_MS = 5_000;

export type AvailabilityState = 'starting' | 'up' | 'down' | 'stopping';

export interface Availability {
  readonly state: AvailabilityState;
  /** True when queries may run. */
  isUp(): boolean;
  /** A query failed because Neo4j is unreachable: open the circuit and start probing. */
  reportUnavailable(): void;
  /** Start-up finished (Neo4j reached, corpus seeded). */
  markStarted(): void;
  /** Shutting down: readiness false, new queries refused. */
  markStopping(): void;
  /** Resolves when Neo4j answers (probing every interval). */
  waitForDatabase(signal?: AbortSignal): Promise<void>;
  close(): void;
}

export function createAvailability(driver: Driver, database: string, options: { probeIntervalMs?: number } = {}): Availability {
  // While Neo4j is down a probe is a refused connection on loopback (or one network round trip): cheap, so
  // it runs often enough that queries resume within a fraction of a second of Neo4j answering again.
  const interval = options.probeIntervalMs ?? 250;
  let state: AvailabilityState = 'starting';
  let probe: NodeJS.Timeout | undefined;

  /**
   * Whether Neo4j serves queries: a read (RETURN 1) with a short transaction timeout, not just a Bolt
   * handshake. Bolt answers before a restarted database has recovered, and a transaction begun then can hang
   * until its timeout (15 s), where a client should rather get the coded 503 at once and try again.
   */
  async function reachable(): Promise<boolean> {
    const session = driver.session({ database, defaultAccessMode: 'READ' });
    try {
      await session.run('RETURN 1 AS ok', {}, { timeout: PROBE_TIMEOUT_MS, metadata: { app: 'jak-kg', operation: 'availability-probe' } });
      return true;
    } catch {
      return false;
    } finally {
      await session.close().catch(() => {});
    }
  }

  function startProbing() {
    if (probe) return;
    const tick = async () => {
      if (state !== 'down') return void (probe = undefined);
      if (await reachable()) {
        if (state === 'down') state = 'up';
        probe = undefined;
      } else {
        probe = setTimeout(tick, interval);
        probe.unref();
      }
    };
    probe = setTimeout(tick, interval);
    probe.unref();
  }

  return {
    get state() {
      return state;
    },
    isUp: () => state === 'up',
    reportUnavailable() {
      if (state !== 'up') return;
      state = 'down';
      startProbing();
    },
    markStarted() {
      if (state === 'starting') state = 'up';
    },
    markStopping() {
      state = 'stopping';
    },
    async waitForDatabase(signal) {
      while (!(await reachable())) {
        if (signal?.aborted) throw signal.reason;
        await new Promise((resolve) => setTimeout(resolve, interval).unref());
      }
    },
    close() {
      if (probe) clearTimeout(probe);
      probe = undefined;
      state = 'stopping';
    },
  };
}
