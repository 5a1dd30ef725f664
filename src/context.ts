// The per-request context: the executor (counting this request's Cypher round trips) and DataLoaders
// created lazily, on first use, and cached for the life of the request; the caller (from the bearer
// token, if any) and the limits the request is held to.
import type DataLoader from 'dataloader';
import type { Driver } from 'neo4j-driver';
import { authenticate, type Caller, type TokenRecord } from './auth/tokens.js';
import type { Availability } from './db/availability.js';
import type { CypherLibrary, QueryName } from './graph/cypher.js';
import { createExecutor, type Executor } from './db/executor.js';
import type { EntityRecord, Provenance } from './graph/records.js';
import type { Direction, NodeLabel, RelationshipType } from './graph-model.js';
import { defaultLimits, type Limits } from './limits.js';
import type { Primer } from './graph/plan.js';
import { entitiesByKey, listsByKey, neighbourNodesOf, neighboursOf, relationshipSourcesOf, type Neighbour } from './graph/loaders.js';
import type { Logger } from './observability/logger.js';
import type { Metrics } from './observability/metrics.js';

export interface AppServices {
  driver: Driver;
  database: string;
  cypher: CypherLibrary;
  queryTimeoutMs: number;
  /** Version (hash) of the corpus loaded, for citable answers. */
  corpusVersion: () => string | undefined;
  /** Transaction timeout of a bulk export (default src/export/routes.ts DEFAULT_EXPORT_TIMEOUT_MS). */
  exportTimeoutMs?: number;
  // Optional, with safe defaults, so that a bare app (tests, tools) needs none of them.
  /** Curation tokens (hashes); none: every write is refused. */
  tokens?: readonly TokenRecord[];
  /** Default: the documented defaults of src/limits.ts. */
  limits?: Limits;
  /** Circuit breaker and start-up state; none: always try Neo4j, readiness pings it. */
  availability?: Availability;
  logger?: Logger;
  metrics?: Metrics;
  /** Everything else of src/http/plugins.ts (CSRF, CORS, introspection); defaults in src/yoga.ts. */
  http?: Partial<HttpOptions>;
}

export interface HttpOptions {
  csrf: boolean;
  introspection: boolean;
  /** `*`, a list of origins, or [] for no CORS headers. */
  corsOrigins: '*' | string[];
  metricsEndpoint: boolean;
}

export interface Context {
  services: AppServices;
  executor: Executor;
  cypher: CypherLibrary;
  caller: Caller;
  limits: Limits;
  /** The request id (x-request-id), for logs and the audit trail. */
  requestId: string;
  entities(label: NodeLabel): DataLoader<string, EntityRecord | null, string>;
  /** Neighbours with the relationships' properties (complete records, unless a plan primed them). */
  neighbours(type: RelationshipType, direction: Direction): DataLoader<string, Neighbour[], string>;
  /** Neighbours alone, for fields that do not need the relationships. */
  neighbourNodes(type: RelationshipType, direction: Direction): DataLoader<string, EntityRecord[], string>;
  /** A batched list query of cypher/ (UNWIND $keys ... RETURN key, items). */
  lists(name: QueryName): DataLoader<string, Neighbour[], string>;
  /** Where planned statements (src/graph/plan.ts) hand the lists they read: the loaders above. */
  primer: Primer;
  /** Any other loader of the request, made on first use by `make` and kept under `name` for the request. */
  loader<K, V>(name: string, make: () => DataLoader<K, V, string>): DataLoader<K, V, string>;
  /** Relationships' sources by element id. */
  relationshipSources(): DataLoader<string, Provenance[], string>;
}

export function createContext(services: AppServices, request?: Request, requestId = 'none'): Context {
  const limits = services.limits ?? defaultLimits;
  const executor = createExecutor({
    driver: services.driver,
    database: services.database,
    timeoutMs: services.queryTimeoutMs,
    availability: services.availability,
    onSession: services.metrics ? (delta) => services.metrics!.sessionsInUse.inc(delta) : undefined,
    maxSessions: limits.maxSessionsPerRequest,
  });
  const loaders = new Map<string, DataLoader<string, unknown, string>>();
  function cached<T>(name: string, make: () => DataLoader<string, T, string>): DataLoader<string, T, string> {
    if (!loaders.has(name)) loaders.set(name, make() as DataLoader<string, unknown, string>);
    return loaders.get(name) as DataLoader<string, T, string>;
  }
  const context: Context = {
    services,
    executor,
    cypher: services.cypher,
    caller: authenticate(request?.headers.get('authorization') ?? null, services.tokens ?? []),
    limits,
    requestId,
    entities: (label) => cached(`entities:${label}`, () => entitiesByKey(executor, services.cypher, label)),
    neighbours: (type, direction) => cached(`neighbours:${type}:${direction}`, () => neighboursOf(executor, services.cypher, type, direction)),
    neighbourNodes: (type, direction) => cached(`neighbour-nodes:${type}:${direction}`, () => neighbourNodesOf(executor, services.cypher, type, direction)),
    lists: (name) => cached(`lists:${name}`, () => listsByKey(executor, name, services.cypher.query(name))),
    primer: primerOf(() => context),
    loader: <K, V>(name: string, make: () => DataLoader<K, V, string>) =>
      cached(`loader:${name}`, make as unknown as () => DataLoader<string, V, string>) as unknown as DataLoader<K, V, string>,
    relationshipSources: () => cached('relationship-sources', () => relationshipSourcesOf(executor, services.cypher)),
  };
  return context;
}

/** Hands a planned list to both loaders of its relationship type and direction (with and without the links). */
function primerOf(context: () => Context): Primer {
  return {
    neighbours(edge, parentKey, items) {
      // Lists read without their links prime only the loader of the neighbours alone.
      if (edge.links) context().neighbours(edge.type, edge.direction).prime(parentKey, items);
      context()
        .neighbourNodes(edge.type, edge.direction)
        .prime(
          parentKey,
          items.map((item) => item.node),
        );
    },
  };
}
