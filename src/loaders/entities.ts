// Batch functions behind the per-request DataLoaders: one UNWIND $keys query each, results in key order.
import DataLoader from 'dataloader';
import type { Node } from 'neo4j-driver';
import type { CypherLibrary } from '../db/cypher.js';
import type { Executor } from '../db/executor.js';
import { toEntity, toRelationship, type EntityRecord, type RelationshipRecord } from '../db/records.js';
import type { Direction, NodeLabel, RelationshipType } from '../graph-model.js';

export interface Neighbour {
  node: EntityRecord;
  rel: RelationshipRecord;
}

/** The order of every neighbour list: by name, then key (stable output). */
export const byName = (a: Neighbour, b: Neighbour) => a.node.name.localeCompare(b.node.name) || a.node.key.localeCompare(b.node.key);

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

/** The neighbours of many nodes along one relationship type, in one query. */
export function neighboursOf(executor: Executor, cypher: CypherLibrary, type: RelationshipType, direction: Direction) {
  return listsByKey(executor, `neighbours:${type}:${direction}`, cypher.neighbours(type, direction));
}

/**
 * Any query shaped `UNWIND $keys AS key ... RETURN key, collect({node, rel}) AS items` as a DataLoader of
 * lists in key order (an absent key gets []); each list sorted by name for stable output.
 */
export function listsByKey(executor: Executor, operation: string, statement: string) {
  return new DataLoader<string, Neighbour[], string>(
    async (keys) => {
      const records = await executor.read(operation, statement, { keys: [...keys] });
      const byKey = new Map<string, Neighbour[]>();
      for (const record of records) {
        const items = (record.get('items') as { node: Node; rel: Record<string, unknown> }[]).map((item) => ({
          node: toEntity(item.node),
          rel: toRelationship(item.rel),
        }));
        items.sort(byName);
        byKey.set((record.get('key') as string).toLowerCase(), items);
      }
      return keys.map((key) => byKey.get(key.toLowerCase()) ?? []);
    },
    { cacheKeyFn: (key) => key.toLowerCase() },
  );
}
