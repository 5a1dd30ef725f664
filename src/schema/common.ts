// Types every entity shares: scalars, enums, Xref, Provenance, the Entity interface, and the helpers that
// define an entity type (a Relay node loaded by key through the per-request DataLoader).
import { GraphQLError } from 'graphql';
import { GraphQLDate, GraphQLDateTime } from 'graphql-scalars';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import type { EntityRecord, Provenance, Xref } from '../graph/records.js';
import type { Neighbour } from '../graph/loaders.js';
import { nodeLabels, relationships, type Direction, type NodeLabel, type RelationshipType } from '../graph-model.js';
import { idKeyOf } from './asked-ids.js';
import { confidence, route, weakestConfidence } from '../ingest/corpus-schema.js';
import type { FieldNeeds } from '../graph/selection.js';

/** A calendar date as graphql-scalars checks it (RFC 3339 full-date: no 2023-02-30), kept as its YYYY-MM-DD text. */
function calendarDate(value: unknown): string {
  try {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error('not YYYY-MM-DD');
    GraphQLDate.parseValue(value);
    return value;
  } catch {
    throw new GraphQLError(`Date must be a calendar date YYYY-MM-DD that exists, not ${JSON.stringify(String(value).slice(0, 40))}.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
}

builder.scalarType('Date', {
  description: 'A calendar date, YYYY-MM-DD (ISO 8601 / RFC 3339 full-date); impossible dates such as 2023-02-30 are refused.',
  specifiedByURL: 'https://scalars.graphql.org/andimarek/local-date.html',
  serialize: (value) => value,
  parseValue: (value) => calendarDate(value),
  parseLiteral: (ast) => calendarDate(ast.kind === 'StringValue' ? ast.value : undefined),
});

builder.addScalarType('DateTime', GraphQLDateTime, {
  description: 'A point in time, an ISO 8601 / RFC 3339 date-time in UTC, e.g. 2026-06-01T12:34:56.789Z.',
  specifiedByURL: 'https://scalars.graphql.org/andimarek/date-time.html',
});

export const ConfidenceEnum = builder.enumType('Confidence', {
  description: 'How well a fact is supported: CONFIRMED (a primary or bibliographic source states it) > PARTIAL > UNVERIFIED (flagged, kept visible).',
  values: confidence.options,
});

export const RouteEnum = builder.enumType('Route', { values: route.options });

/** SCREAMING_CASE of a node label, as every enum value is written: ConditionCategory -> CONDITION_CATEGORY. */
export const screamingCase = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

// The node labels of src/graph-model.ts, as enum values; each value's internal value is the label itself.
export const EntityTypeEnum = builder.enumType('EntityType', {
  description: 'The type of an entity: one per node label of the graph model.',
  values: Object.fromEntries(nodeLabels.map((label) => [screamingCase(label), { value: label }])) as Record<string, { value: NodeLabel }>,
});

// The relationship types of src/graph-model.ts, as they are named in the graph (already SCREAMING_CASE).
export const RelationshipTypeEnum = builder.enumType('RelationshipType', {
  description: 'A relationship type of the graph model (meta { relationshipTypes } says what each means).',
  values: Object.fromEntries(Object.entries(relationships).map(([type, r]) => [type, { value: type as RelationshipType, description: r.meaning }])) as Record<
    string,
    { value: RelationshipType; description: string }
  >,
});

export const XrefType = builder.objectRef<Xref>('Xref').implement({
  description: 'A cross-reference to an outside database (ChEMBL, DrugBank, UniProt, Reactome, MONDO, MeSH, PubMed, DOI, NCT ...).',
  fields: (t) => ({
    source: t.exposeString('source'),
    id: t.exposeString('id'),
    url: t.string({ nullable: true, resolve: (x) => x.url ?? null }),
    confidence: t.field({ type: ConfidenceEnum, nullable: true, resolve: (x) => x.confidence ?? null }),
  }),
});

export const ProvenanceType = builder.objectRef<Provenance>('Provenance').implement({
  description: 'Where a stated fact comes from.',
  fields: (t) => ({
    citation: t.exposeString('citation'),
    url: t.string({ nullable: true, resolve: (p) => p.url ?? null }),
    pmid: t.string({ nullable: true, resolve: (p) => p.pmid ?? null }),
    doi: t.string({ nullable: true, resolve: (p) => p.doi ?? null }),
    confidence: t.field({ type: ConfidenceEnum, resolve: (p) => p.confidence }),
    note: t.string({ nullable: true, resolve: (p) => p.note ?? null }),
  }),
});

export const ProvenanceInput = builder.inputType('ProvenanceInput', {
  description: 'A source for a curated fact (mirrors Provenance).',
  fields: (t) => ({
    citation: t.string({ required: true, description: 'Authors, journal, year, pages: enough to find it.' }),
    url: t.string({ description: 'An http(s) URL of the source.' }),
    pmid: t.string({ description: 'PubMed id, digits only.' }),
    doi: t.string({ description: 'DOI, 10.<prefix>/<suffix>.' }),
    confidence: t.field({ type: ConfidenceEnum, required: true }),
    note: t.string(),
  }),
});

/** The weakest confidence of a fact's sources (src/ingest/corpus-schema.ts, the one rule). */
export const weakest = (sources: Provenance[]) => weakestConfidence(sources);

export const EntityInterface = builder.interfaceRef<EntityRecord>('Entity').implement({
  description: 'Every node of the graph: a Relay node with a stable, human-readable key.',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (entity) => entity.label,
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable, unique per type, human-readable; lookups are case-insensitive.', ...reads() }),
    name: t.exposeString('name', reads()),
    synonyms: t.stringList({ resolve: (e) => e.synonyms, ...reads('synonyms') }),
    description: t.string({ nullable: true, resolve: (e) => prop<string>(e, 'description'), ...reads('description') }),
    xrefs: t.field({ type: [XrefType], resolve: (e) => e.xrefs, ...reads('xrefs') }),
    sources: t.field({ type: [ProvenanceType], resolve: (e) => e.sources, ...reads('sources') }),
    confidence: t.field({ type: ConfidenceEnum, resolve: (e) => weakest(e.sources), ...reads('sources') }),
    entityType: t.field({ type: EntityTypeEnum, resolve: (e) => e.label, ...reads() }),
  }),
});

/**
 * What a field of an entity reads of its node, for the plan of src/graph/selection.ts: the properties its
 * resolver reads besides the key and name (none: it needs only those, e.g. a field that loads by key).
 */
export const reads = (...properties: string[]) => ({ extensions: { reads: properties } satisfies FieldNeeds });

/** A field listing the neighbours along one relationship (`node`: the sub-field holding each, in a list of links). */
export const along = (type: RelationshipType, direction: Direction, node?: string) => ({
  extensions: { relationship: { type, direction, node }, reads: [] } satisfies FieldNeeds,
});

/** Reads an optional scalar property of the node (one its field's `reads` names: src/graph/selection.ts). */
export function prop<T>(entity: EntityRecord, name: string): T | null {
  return (entity.props[name] as T | undefined) ?? null;
}

/** Leaves out findings a curator retracted, unless the query asked for them (`includeRetracted`). */
export function unlessRetracted(findings: EntityRecord[], includeRetracted: boolean | null | undefined): EntityRecord[] {
  return includeRetracted ? findings : findings.filter((f) => f.props.retracted !== true);
}

export const includeRetractedArg = {
  defaultValue: false,
  description: 'Also list findings a curator retracted (each says so in `retracted`).',
} as const;

/** `fn` of a value that may still be a promise: at once when it is not (a planned list), else when it resolves. */
export function afterLoad<T, U>(value: T | Promise<T>, fn: (value: T) => U): U | Promise<U> {
  return value instanceof Promise ? value.then(fn) : fn(value);
}

/**
 * The neighbours along one relationship type with the relationships: as the entity's planned statement read
 * them (src/graph/plan.ts), else batched per request by DataLoader.
 */
export function neighbours(context: Context, entity: EntityRecord, type: RelationshipType, direction: Direction): Neighbour[] | Promise<Neighbour[]> {
  return (entity.planned?.get(`${type}:${direction}:links`) as Neighbour[] | undefined) ?? context.neighbours(type, direction).load(entity.key);
}

/** The neighbour entities alone along one relationship type: planned, else batched per request by DataLoader. */
export function neighbourNodes(context: Context, entity: EntityRecord, type: RelationshipType, direction: Direction): EntityRecord[] | Promise<EntityRecord[]> {
  return (entity.planned?.get(`${type}:${direction}:nodes`) as EntityRecord[] | undefined) ?? context.neighbourNodes(type, direction).load(entity.key);
}

/** The single neighbour along a relationship that has at most one, or null. */
export function neighbour(context: Context, entity: EntityRecord, type: RelationshipType, direction: Direction) {
  return afterLoad(neighbourNodes(context, entity, type, direction), (nodes) => nodes[0] ?? null);
}

/** Defines a Relay node type for one label: global id from the key, loaded in batches by key. */
export function entityNode(label: NodeLabel) {
  return builder.loadableNodeRef(label, {
    id: { resolve: (e: EntityRecord) => idKeyOf(e) },
    load: (keys: string[], context: Context) =>
      context
        .entities(label)
        .loadMany(keys)
        // An unknown key resolves to null (node(id:) of a missing entity is null, not an error).
        .then((rows) => rows as (EntityRecord | Error)[]),
  });
}

/** The entity of a label by key, or null: the resolver of every singular root lookup. */
export function lookup(context: Context, label: NodeLabel, key: string) {
  return context.entities(label).load(key);
}
