// Neo4j nodes and relationship property maps turned into the plain objects the schema resolves.
// JSON-encoded properties (xrefs, sources) are parsed here, once.
//
// A record is complete (every property of the node) or light: the neighbour lists and the evidence bring
// thousands of nodes of which a query mostly asks the keys, so they carry only what their statement
// projects: by default the key, the name (lists are ordered by it) and the few properties the server filters
// and sums them by (LIGHT_PROPERTIES); reading Neo4j's string and list properties, sending and decoding them
// is most of the cost of a large list.
// Reading any other property of a light record throws IncompleteRecordError; the schema catches it and
// answers the field from the complete record, loaded by key in one batch per request tick
// (src/schema/complete-records.ts), so a query that asks for more pays one more round trip and never gets
// a wrong answer.
import type { Node } from 'neo4j-driver';
import { nodeLabels, type NodeLabel } from '../graph-model.js';

export type Confidence = 'CONFIRMED' | 'PARTIAL' | 'UNVERIFIED';
export interface Provenance { citation: string; url?: string; pmid?: string; doi?: string; confidence: Confidence; note?: string }
export interface Xref { source: string; id: string; url?: string; confidence?: Confidence }

export interface EntityRecord {
  label: NodeLabel;
  key: string;
  name: string;
  synonyms: string[];
  xrefs: Xref[];
  sources: Provenance[];
  props: Record<string, unknown>;
  /** false: a light record, with only the properties its statement projected. */
  complete: boolean;
}

export interface RelationshipRecord {
  sources: Provenance[];
  props: Record<string, unknown>;
  /** false: its `sources` were left out (load them by `id`, see src/schema/paths.ts). */
  complete: boolean;
  /** The relationship's element id, where the statement gave it. */
  id?: string;
}

// What the server filters, sorts or sums lists of light records by, besides key and name: findings by
// outcome, route and retraction and summed into evidence (src/schema/finding.ts, evidence.ts); approvals
// by kind and date (src/schema/approval.ts filterApprovals).
const listedBy: Partial<Record<NodeLabel, readonly string[]>> = {
  Finding: ['outcome', 'patients', 'responders', 'route', 'retracted'],
  Approval: ['kind', 'dateStart', 'date', 'withdrawnDate'],
};

/** The properties of a light record, by label: the key, the name (lists are ordered by it) and listedBy. */
export const LIGHT_PROPERTIES = Object.fromEntries(nodeLabels.map((label) => [label, ['key', 'name', ...(listedBy[label] ?? [])]])) as unknown as Record<
  NodeLabel,
  readonly string[]
>;

/** A light record of `label` as a Cypher map projection of the node `variable`. */
export function lightProjection(variable: string, label: NodeLabel): string {
  return `${variable} {${LIGHT_PROPERTIES[label].map((name) => `.${name}`).join(', ')}}`;
}

/**
 * A light record of a node of any label (a path's): the light properties of every label, which a label
 * without them gets as nulls and its record refuses to read, and the label as `__label`.
 */
export function lightProjectionOfAnyLabel(variable: string): string {
  const names = [...new Set(Object.values(LIGHT_PROPERTIES).flat())];
  return `${variable} {${names.map((name) => `.${name}`).join(', ')}, __label: [l IN labels(${variable}) WHERE l <> 'Entity'][0]}`;
}

/** A property was read from a light record that does not have it: answer from the complete record instead. */
export class IncompleteRecordError extends Error {
  constructor(readonly label: NodeLabel, readonly key: string, property: string) {
    super(`${label} ${key}: ${property} is not in a light record`);
  }
}

function parseJsonList<T>(value: unknown): T[] {
  return typeof value === 'string' ? (JSON.parse(value) as T[]) : [];
}

// Classes, not object literals with getters: a literal's getters are new closures for every record, and a
// large list makes tens of thousands of records per request.
class Entity implements EntityRecord {
  readonly key: string;
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

  // Read on first use, not in the constructor (a statement may leave the name out), then kept: lists are
  // sorted by it, and a light record's props are a Proxy.
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

/**
 * A light record from the properties a statement projected (lightProjection, or its own choice: the evidence
 * leaves out the findings' names); reading any property the statement did not project throws.
 */
export function toLightEntity(label: NodeLabel, properties: Record<string, unknown>): EntityRecord {
  return new Entity(label, new Proxy(properties, lightGuards[label]), false);
}

// One Proxy handler per label (not per record): a property the statement did not project is absent from the
// map (a projected property the node lacks is there, as null), and reading it throws.
const lightGuards = Object.fromEntries(
  nodeLabels.map((label) => {
    const handler: ProxyHandler<Record<string, unknown>> = {
      get(target, name, receiver) {
        if (typeof name === 'string' && !(name in target) && name !== 'then') throw new IncompleteRecordError(label, target.key as string, name);
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
