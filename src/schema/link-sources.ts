// The sources of a relationship. Neighbour lists and paths carry relationships without their sources (the
// longest of their properties, asked for far less often than the rest): they are loaded by element id, in one
// batched round trip per request tick, when a query asks for them.
import type { Context } from '../context.js';
import type { Provenance, RelationshipRecord } from '../graph/records.js';

/** The relationship's sources: at hand in a complete record, else loaded by its id. */
export function linkSources(context: Context, link: RelationshipRecord): Provenance[] | Promise<Provenance[]> {
  return link.complete ? link.sources : context.relationshipSources().load(link.id!);
}
