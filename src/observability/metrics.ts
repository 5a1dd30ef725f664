// Prometheus metrics, served at /metrics: requests by operation and status, latency, errors by code,
// Neo4j sessions in use (each session holds one pooled connection) and whether Neo4j is up.
// Each app has its own registry, so that tests can build many apps in one process.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  requests: Counter<'operation' | 'status'>;
  duration: Histogram<'operation'>;
  errors: Counter<'code'>;
  sessionsInUse: Gauge;
  neo4jUp: Gauge;
  /** The operation label: a client's operation name, bounded in length and in how many distinct ones. */
  operationLabel(name: string | null | undefined): string;
}

const MAX_OPERATION_LABELS = 200;

export interface MetricsOptions {
  /** Also the process's own metrics (memory, CPU, event loop) under jakkg_; for a server, not for tests. */
  processMetrics?: boolean;
  poolSize?: number;
  /** Read at each scrape for jakkg_neo4j_up. */
  isNeo4jUp?: () => boolean;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'jakkg_' });
  const seen = new Set<string>();
  const metrics: Metrics = {
    registry,
    requests: new Counter({
      name: 'jakkg_http_requests_total',
      help: 'HTTP requests by GraphQL operation and status',
      labelNames: ['operation', 'status'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'jakkg_http_request_duration_seconds',
      help: 'Request latency by GraphQL operation',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
      registers: [registry],
    }),
    errors: new Counter({ name: 'jakkg_graphql_errors_total', help: 'Errors answered, by extensions.code', labelNames: ['code'], registers: [registry] }),
    sessionsInUse: new Gauge({ name: 'jakkg_neo4j_sessions_in_use', help: 'Neo4j sessions open (one pooled connection each)', registers: [registry] }),
    neo4jUp: new Gauge({
      name: 'jakkg_neo4j_up',
      help: '1 when queries may run against Neo4j, else 0',
      registers: [registry],
      collect() {
        if (options.isNeo4jUp) this.set(options.isNeo4jUp() ? 1 : 0);
      },
    }),
    operationLabel(name) {
      if (!name) return 'anonymous';
      if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'invalid';
      if (!seen.has(name)) {
        if (seen.size >= MAX_OPERATION_LABELS) return 'other';
        seen.add(name);
      }
      return name;
    },
  };
  if (options.poolSize) {
    new Gauge({ name: 'jakkg_neo4j_pool_max', help: 'Neo4j connection pool size', registers: [registry] }).set(options.poolSize);
  }
  return metrics;
}
