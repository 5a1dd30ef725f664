// Whether the graph database can take queries, as a small circuit breaker. While it is `down` (or the
// server is still `starting`: seeding, or waiting for Neo4j), queries are refused at once with the coded
// SERVICE_UNAVAILABLE (HTTP 503) instead of each waiting out the driver's retries; a probe checks Neo4j
// every second and closes the circuit as soon as it answers, without restarting anything.
import type { Driver } from 'neo4j-driver';

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
  const interval = options.probeIntervalMs ?? 1_000;
  let state: AvailabilityState = 'starting';
  let probe: NodeJS.Timeout | undefined;

  async function reachable(): Promise<boolean> {
    try {
      await driver.verifyConnectivity({ database });
      return true;
    } catch {
      return false;
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
