// The per-request context: the executor (counting this request's Cypher round trips) and DataLoaders
// created lazily, on first use, and cached for the life of the request.
import type DataLoader from 'dataloader';
import type { CypherLibrary, QueryName } from './db/cypher.js';
import { createExecutor, type Executor } from './db/executor.js';
import type { Driver } from 'neo4j-driver';
import type { Direction, NodeLabel, RelationshipType } from './graph-model.js';
import { entitiesByKey, listsByKey, neighboursOf, type Neighbour } from './loaders/entities.js';
import type { EntityRecord } from './db/records.js';

export interface AppServices {
  driver: Driver;
  database: string;
  cypher: CypherLibrary;
  queryTimeoutMs: number;
  /** Version (hash) of the corpus loaded, for citable answers. */
  corpusVersion: () => string | undefined;
  /** Transaction timeout of a bulk export (default src/export/routes.ts DEFAULT_EXPORT_TIMEOUT_MS). */
  exportTimeoutMs?: number;
}

export interface Context {
  services: AppServices;
  executor: Executor;
  cypher: CypherLibrary;
  entities(label: NodeLabel): DataLoader<string, EntityRecord | null, string>;
  neighbours(type: RelationshipType, direction: Direction): DataLoader<string, Neighbour[], string>;
  /** A batched list query of cypher/ (UNWIND $keys ... RETURN key, items). */
  lists(name: QueryName): DataLoader<string, Neighbour[], string>;
}

export function createContext(services: AppServices): Context {
  const executor = createExecutor({ driver: services.driver, database: services.database, timeoutMs: services.queryTimeoutMs });
  const loaders = new Map<string, DataLoader<string, unknown, string>>();
  function cached<T>(name: string, make: () => DataLoader<string, T, string>): DataLoader<string, T, string> {
    if (!loaders.has(name)) loaders.set(name, make() as DataLoader<string, unknown, string>);
    return loaders.get(name) as DataLoader<string, T, string>;
  }
  return {
    services,
    executor,
    cypher: services.cypher,
    entities: (label) => cached(`entities:${label}`, () => entitiesByKey(executor, services.cypher, label)),
    neighbours: (type, direction) =>
      cached(`neighbours:${type}:${direction}`, () => neighboursOf(executor, services.cypher, type, direction)),
    lists: (name) => cached(`lists:${name}`, () => listsByKey(executor, name, services.cypher.query(name))),
  };
}
