// HTTP load with autocannon at a fixed concurrency: a warm-up, then a measured window. Latencies are taken
// from every response (autocannon's own histogram keeps whole milliseconds, too coarse here); a response
// whose body differs from the checked answer counts as an error, as do non-2xx statuses, timeouts and
// connection errors. The server's RSS is sampled during the window (peak reported).
import autocannon from 'autocannon';
import type { Driver } from 'neo4j-driver';
import type { RunningServer } from './servers.js';

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  /** Latency of each response completed in the window, ms. */
  latencies: Float64Array;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  peakRssBytes: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function cannon(options: autocannon.Options, onResponse?: (ms: number, ok: boolean) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    if (onResponse) {
      instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
        onResponse(responseTime, statusCode >= 200 && statusCode < 300);
      });
    }
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until Neo4j runs no transaction but this check's own: when a window closes, the requests still in
 * flight keep the servers and the database busy, and the next measurement must not pay for them.
 */
export async function drain(driver: Driver, maxSeconds = 180): Promise<number> {
  const started = performance.now();
  let quiet = 0;
  while (quiet < 3 && performance.now() - started < maxSeconds * 1000) {
    const { records } = await driver.executeQuery('SHOW TRANSACTIONS YIELD currentQuery RETURN count(*) AS running', {}, { database: 'neo4j' });
    quiet = records[0].get('running') <= 1 ? quiet + 1 : 0;
    await sleep(quiet ? 100 : 250);
  }
  return (performance.now() - started) / 1000;
}

export async function load(
  server: RunningServer,
  request: { path: string; body: string },
  expectedBody: string,
  connections: number,
  warmupSeconds: number,
  seconds: number,
): Promise<LoadResult> {
  // One autocannon run for warm-up and window together, so that the window starts in a steady state (and
  // not with a fresh batch of requests while the warm-up's last ones are still being answered); the
  // responses of the warm-up are not counted.
  const options: autocannon.Options = {
    url: `${server.url}${request.path}`,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: request.body,
    connections,
    pipelining: 1,
    timeout: 60,
    expectBody: expectedBody,
    duration: warmupSeconds + seconds,
  };
  const latencies: number[] = [];
  let windowStart = Infinity;
  let peakRss = 0;
  const sampler = setInterval(() => {
    if (performance.now() < windowStart) return;
    try {
      peakRss = Math.max(peakRss, server.rss());
    } catch {
      /* the process is gone: the load result will show errors */
    }
  }, 250);
  const started = performance.now();
  windowStart = started + warmupSeconds * 1000;
  let result: autocannon.Result;
  try {
    result = await cannon(options, (ms, ok) => {
      if (ok && performance.now() >= windowStart) latencies.push(ms);
    });
  } finally {
    clearInterval(sampler);
  }
  const elapsed = (performance.now() - windowStart) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  // autocannon counts errors over the whole run, warm-up included.
  const errors = result.errors + result.timeouts + result.non2xx + (result.mismatches ?? 0);
  return {
    connections,
    seconds: elapsed,
    requests: latencies.length,
    latencies: sorted,
    requestsPerSecond: Math.max(0, latencies.length - (result.mismatches ?? 0)) / elapsed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    errors,
    peakRssBytes: peakRss || server.rss(),
  };
}

/** Several windows of one implementation (the rounds of a cell) as one result. */
export function merge(parts: LoadResult[]): LoadResult {
  const latencies = Float64Array.from(parts.flatMap((p) => [...p.latencies])).sort();
  const seconds = parts.reduce((s, p) => s + p.seconds, 0);
  return {
    connections: parts[0].connections,
    seconds,
    requests: latencies.length,
    latencies,
    requestsPerSecond: parts.reduce((s, p) => s + p.requestsPerSecond * p.seconds, 0) / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors: parts.reduce((s, p) => s + p.errors, 0),
    peakRssBytes: Math.max(...parts.map((p) => p.peakRssBytes)),
  };
}
