// Neo4j nodes and relationship property maps turned into the plain objects the schema resolves.
// JSON-encoded properties (xrefs, sources) are parsed here, once.
//
// A record is complete (every property of the node) or projected: a statement that reads many nodes (a nested
// list, the evidence, paths) reads of each only the properties the query's selection asks for, planned before
// it runs (src/graph/selection.ts), plus the key, the name (lists are ordered by it) and what the server
// filters and sums lists by (BASE_PROPERTIES). Reading any other property of a projected record is a bug of
// the plan (a field that does not say what it reads): it throws UnplannedReadError, which the tests sweep for.
import type { Node } from 'neo4j-driver';
import type { z } from 'zod';
import type { confidence } from '../ingest/corpus-schema.js';
import { nodeLabels, type NodeLabel } from '../graph-model.js';

export type Confidence = z.infer<typeof confidence>;
export interface Provenance {
  citation: string;
  url?: string;
  pmid?: string;
  doi?: string;
  confidence: Confidence;
  note?: string;
}
export interface Xref {
  source: string;
  id: string;
  url?: string;
  confidence?: Confidence;
}

export interface EntityRecord {
  label: NodeLabel;
  key: string;
  name: string;
  synonyms: string[];
  xrefs: Xref[];
  sources: Provenance[];
  props: Record<string, unknown>;
  /** false: a projected record, with only the properties its statement read. */
  complete: boolean;
  /**
   * The relationship lists a planned statement read below this entity (src/graph/plan.ts), by
   * `TYPE:DIRECTION:nodes` (the neighbours) and `TYPE:DIRECTION:links` (with the relationships).
   */
  planned?: Map<string, unknown[]>;
}

export interface RelationshipRecord {
  sources: Provenance[];
  props: Record<string, unknown>;
  /** false: its `sources` were left out (load them by `id`, see src/schema/paths.ts). */
  complete: boolean;
  /** The relationship's element id, where the statement gave it. */
  id?: string;
}

// What the server filters, sorts or sums lists of projected records by, besides key and name: findings by
// outcome, route and retraction and summed into evidence (src/schema/finding.ts, evidence.ts); approvals
// by kind and date (src/schema/approval.ts filterApprovals).
const listedBy: Partial<Record<NodeLabel, readonly string[]>> = {
  Finding: ['outcome', 'patients', 'responders', 'route', 'retracted'],
  Approval: ['kind', 'dateStart', 'date', 'withdrawnDate'],
};

/** The properties every projected record has, by label: the key, the name (lists are ordered by it) and listedBy. */
export const BASE_PROPERTIES = Object.fromEntries(nodeLabels.map((label) => [label, ['key', 'name', ...(listedBy[label] ?? [])]])) as unknown as Record<
  NodeLabel,
  readonly string[]
>;

/** The properties a projection of `label` reads: the base ones and `reads`; 'all' for every property. */
export function projectedProperties(label: NodeLabel, reads: ReadonlySet<string> | 'all'): string[] | 'all' {
  if (reads === 'all') return 'all';
  return [...new Set([...BASE_PROPERTIES[label], ...reads])];
}

const propertyName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The columns a projection of `label` reads, in order: the base properties and `reads`; with no label (a
 * path's nodes, a search hit), the properties of every label. 'all': every property.
 */
function projectedColumns(label: NodeLabel | null, reads: ReadonlySet<string> | 'all'): string[] | 'all' {
  const names = label ? projectedProperties(label, reads) : reads === 'all' ? 'all' : [...new Set([...Object.values(BASE_PROPERTIES).flat(), ...reads])];
  // Names come from the schema's field definitions, never from a request; checked all the same.
  if (names !== 'all') for (const name of names) if (!propertyName.test(name)) throw new Error(`not a property name: ${name}`);
  return names;
}

const labelOf = (variable: string) => `[l IN labels(${variable}) WHERE l <> 'Entity'][0]`;

/**
 * The node `variable` of `label` projected to the properties `reads` asks for (and the base ones), as a list
 * of their values in column order, `[n.key, n.name, ...]` (with no label, the label first): a map would
 * repeat every property's name in every row, and decoding those strings was most of the client's work on a
 * list of a few hundred findings (2.5x the CPU). 'all': the map of every property (`n {.*}`, with `__label`
 * when there is no label). projectionReader reads either back.
 */
export function projection(variable: string, label: NodeLabel | null, reads: ReadonlySet<string> | 'all'): string {
  const columns = projectedColumns(label, reads);
  if (columns === 'all') return `${variable} {.*${label ? '' : `, __label: ${labelOf(variable)}`}}`;
  return `[${[...(label ? [] : [labelOf(variable)]), ...columns.map((name) => `${variable}.${name}`)].join(', ')}]`;
}

/** A projected node as a statement returns it (projection): its values in column order, or a map of every property. */
export type ProjectedRow = unknown[] | Record<string, unknown>;

export interface ProjectionReader {
  /** The record of a projected node. */
  read(row: ProjectedRow): EntityRecord;
  /** Its key, without making the record. */
  key(row: ProjectedRow): string;
}

/** Reads back the rows `projection(_, label, reads)` writes (made once per statement, used for every row). */
export function projectionReader(label: NodeLabel | null, reads: ReadonlySet<string> | 'all'): ProjectionReader {
  const columns = projectedColumns(label, reads);
  if (columns === 'all') {
    return {
      read: (row) => {
        const { __label, ...properties } = row as Record<string, unknown>;
        return new Entity(label ?? (__label as NodeLabel), properties, true);
      },
      key: (row) => (row as Record<string, unknown>).key as string,
    };
  }
  const first = label ? 0 : 1;
  const keyAt = first + columns.indexOf('key');
  return {
    read: (row) => {
      const values = row as unknown[];
      const properties: Record<string, unknown> = {};
      for (let i = 0; i < columns.length; i++) properties[columns[i]] = values[first + i];
      const rowLabel = label ?? (values[0] as NodeLabel);
      return new Entity(rowLabel, new Proxy(properties, projectionGuards[rowLabel]), false);
    },
    key: (row) => (row as unknown[])[keyAt] as string,
  };
}

/** A resolver read a property its statement's plan did not project: a field does not say what it reads. */
export class UnplannedReadError extends Error {
  constructor(
    readonly label: NodeLabel,
    readonly key: string,
    property: string,
  ) {
    super(`${label} ${key}: ${property} was not planned (the field reading it must list it in its extensions.reads)`);
  }
}

function parseJsonList<T>(value: unknown): T[] {
  return typeof value === 'string' ? (JSON.parse(value) as T[]) : [];
}

// Classes, not object literals with getters: a literal's getters are new closures for every record, and a
// large list makes tens of thousands of records per request.
class Entity implements EntityRecord {
  readonly key: string;
  planned?: Map<string, unknown[]>;
  private cachedName?: string;
  private parsedXrefs?: Xref[];
  private parsedSources?: Provenance[];

  constructor(
    readonly label: NodeLabel,
    readonly props: Record<string, unknown>,
    readonly complete: boolean,
  ) {
    this.key = props.key as string;
  }

  // Read on first use, then kept: lists are sorted by it, and a projected record's props are a Proxy.
  get name(): string {
    return (this.cachedName ??= this.props.name as string);
  }

  get synonyms(): string[] {
    return (this.props.synonyms as string[] | undefined) ?? [];
  }

  // xrefs and sources are parsed on first use: a nested list can bring thousands of nodes of which a query
  // asks only the keys.
  get xrefs(): Xref[] {
    return (this.parsedXrefs ??= parseJsonList<Xref>(this.props.xrefs));
  }

  get sources(): Provenance[] {
    return (this.parsedSources ??= parseJsonList<Provenance>(this.props.sources));
  }
}

class Relationship implements RelationshipRecord {
  private parsedSources?: Provenance[];

  constructor(
    readonly props: Record<string, unknown>,
    readonly complete: boolean,
    readonly id?: string,
  ) {}

  get sources(): Provenance[] {
    if (!this.complete) throw new Error(`relationship ${this.id}: sources are not in a light relationship record`);
    return (this.parsedSources ??= parseJsonList<Provenance>(this.props.sources));
  }
}

/** A complete record of a node. */
export function toEntity(node: Node): EntityRecord {
  return new Entity(node.labels.find((l) => l !== 'Entity') as NodeLabel, node.properties as Record<string, unknown>, true);
}

/** A complete record from a map of every property of the node (`n {.*}`). */
export function toEntityOf(label: NodeLabel, properties: Record<string, unknown>): EntityRecord {
  return new Entity(label, properties, true);
}

// One Proxy handler per label (not per record): a property the statement did not project is absent from the
// map (a projected property the node lacks is there, as null), and reading it throws.
const projectionGuards = Object.fromEntries(
  nodeLabels.map((label) => {
    const handler: ProxyHandler<Record<string, unknown>> = {
      get(target, name, receiver) {
        if (typeof name === 'string' && !(name in target) && name !== 'then') throw new UnplannedReadError(label, target.key as string, name);
        return Reflect.get(target, name, receiver);
      },
    };
    return [label, handler];
  }),
) as unknown as Record<NodeLabel, ProxyHandler<Record<string, unknown>>>;

export function toRelationship(props: Record<string, unknown>): RelationshipRecord {
  return new Relationship(props, true);
}

/** A relationship's properties without its sources (`r {.*, sources: null}`), which are loaded by id when asked. */
export function toLightRelationship(id: string, props: Record<string, unknown>): RelationshipRecord {
  return new Relationship(props, false, id);
}
