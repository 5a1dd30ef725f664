// Batch functions behind the per-request DataLoaders: one UNWIND $keys query each, results in key order.
import DataLoader from 'dataloader';
import type { Node } from 'neo4j-driver';
import type { CypherLibrary } from '../graph/cypher.js';
import type { Executor } from '../db/executor.js';
import { toEntity, toEntityOf, toLightRelationship, toRelationship, type EntityRecord, type Provenance, type RelationshipRecord } from './records.js';
import { relationships, type Direction, type NodeLabel, type RelationshipType } from '../graph-model.js';

export interface Neighbour {
  node: EntityRecord;
  rel: RelationshipRecord;
}

// The same order as String.prototype.localeCompare (the default locale), without its per-call set-up.
const collator = new Intl.Collator();
/** The order of every list of entities: by name, then key (stable output). */
export const entitiesByName = (a: EntityRecord, b: EntityRecord) => collator.compare(a.name, b.name) || collator.compare(a.key, b.key);
/** The order of every neighbour list: by name, then key (stable output). */
export const byName = (a: Neighbour, b: Neighbour) => entitiesByName(a.node, b.node);

/** Entities of one label by key, case-insensitively (the cache key is the case-folded key). */
export function entitiesByKey(executor: Executor, cypher: CypherLibrary, label: NodeLabel) {
  return new DataLoader<string, EntityRecord | null, string>(
    async (keys) => {
      const records = await executor.read(`load:${label}`, cypher.forLabel('nodes-by-keys', label), { keys: [...keys] });
      // One row per requested key, in the same order (UNWIND keeps it).
      return records.map((r) => {
        const node = r.get('n') as Node | null;
        return node ? toEntity(node) : null;
      });
    },
    { cacheKeyFn: (key) => key.toLowerCase() },
  );
}

/** The neighbours (complete records) of many nodes along one relationship type, with the relationships (without their sources), in one query. */
export function neighboursOf(executor: Executor, cypher: CypherLibrary, type: RelationshipType, direction: Direction) {
  const label = otherEnd(type, direction);
  return keyedLists(
    executor,
    `neighbours:${type}:${direction}`,
    cypher.neighbours(type, direction, true),
    (item: { node: Record<string, unknown>; id: string; rel: Record<string, unknown> }) => ({
      node: toEntityOf(label, item.node),
      rel: toLightRelationship(item.id, item.rel),
    }),
    byName,
  );
}

/** The neighbour nodes alone (no relationship properties to transfer), for fields that list only them. */
export function neighbourNodesOf(executor: Executor, cypher: CypherLibrary, type: RelationshipType, direction: Direction) {
  const label = otherEnd(type, direction);
  return keyedLists(
    executor,
    `neighbour-nodes:${type}:${direction}`,
    cypher.neighbours(type, direction, false),
    (item: { node: Record<string, unknown> }) => toEntityOf(label, item.node),
    entitiesByName,
  );
}

/** The sources of relationships by element id, in one query (relationships read for lists leave them out). */
export function relationshipSourcesOf(executor: Executor, cypher: CypherLibrary) {
  return new DataLoader<string, Provenance[], string>(async (ids) => {
    const records = await executor.read('relationship-sources', cypher.query('relationship-sources'), { keys: [...ids] });
    const byId = new Map(records.map((r) => [r.get('key') as string, toRelationship({ sources: r.get('sources') }).sources]));
    return ids.map((id) => byId.get(id) ?? []);
  });
}

const otherEnd = (type: RelationshipType, direction: Direction): NodeLabel => relationships[type][direction === 'OUT' ? 'to' : 'from'];

/**
 * Any query shaped `UNWIND $keys AS key ... RETURN key, collect({node, rel}) AS items` (whole nodes) as a
 * DataLoader of lists in key order (an absent key gets []); each list sorted by name for stable output.
 */
export function listsByKey(executor: Executor, operation: string, statement: string) {
  return keyedLists(
    executor,
    operation,
    statement,
    (item: { node: Node; rel: Record<string, unknown> }) => ({
      node: toEntity(item.node),
      rel: toRelationship(item.rel),
    }),
    byName,
  );
}

function keyedLists<Item, Row>(executor: Executor, operation: string, statement: string, toItem: (row: Row) => Item, order: (a: Item, b: Item) => number) {
  return new DataLoader<string, Item[], string>(
    async (keys) => {
      const records = await executor.read(operation, statement, { keys: [...keys] });
      const byKey = new Map<string, Item[]>();
      for (const record of records) {
        const items = (record.get('items') as Row[]).map(toItem);
        items.sort(order);
        byKey.set((record.get('key') as string).toLowerCase(), items);
      }
      return keys.map((key) => byKey.get(key.toLowerCase()) ?? []);
    },
    { cacheKeyFn: (key) => key.toLowerCase() },
  );
}
