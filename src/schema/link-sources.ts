// The sources of a relationship. Neighbour lists and paths carry relationships without their sources (the
// longest of their properties, asked for far less often than the rest): they are loaded here, by element id,
// in one batched round trip per request tick, when a query asks for them.
import DataLoader from 'dataloader';
import type { Context } from '../context.js';
import { toRelationship, type Provenance, type RelationshipRecord } from '../db/records.js';

const loaders = new WeakMap<Context, DataLoader<string, Provenance[]>>();

function sourcesById(context: Context) {
  if (!loaders.has(context)) {
    loaders.set(
      context,
      new DataLoader(async (ids) => {
        const records = await context.executor.read('relationship-sources', context.cypher.query('relationship-sources'), { keys: [...ids] });
        const byId = new Map(records.map((r) => [r.get('key') as string, toRelationship({ sources: r.get('sources') }).sources]));
        return ids.map((id) => byId.get(id) ?? []);
      }),
    );
  }
  return loaders.get(context)!;
}

/** The relationship's sources: at hand in a complete record, else loaded by its id. */
export function linkSources(context: Context, link: RelationshipRecord): Provenance[] | Promise<Provenance[]> {
  return link.complete ? link.sources : sourcesById(context).load(link.id!);
}
