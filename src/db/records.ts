// Neo4j nodes and relationship property maps turned into the plain objects the schema resolves.
// JSON-encoded properties (xrefs, sources) are parsed here, once.
import type { Node } from 'neo4j-driver';
import type { NodeLabel } from '../graph-model.js';

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
}

export interface RelationshipRecord {
  sources: Provenance[];
  props: Record<string, unknown>;
}

function parseJsonList<T>(value: unknown): T[] {
  return typeof value === 'string' ? (JSON.parse(value) as T[]) : [];
}

// xrefs and sources are parsed on first use: a nested list can bring thousands of nodes and relationships
// of which a query asks only the keys.
export function toEntity(node: Node): EntityRecord {
  const p = node.properties as Record<string, unknown>;
  const label = node.labels.find((l) => l !== 'Entity') as NodeLabel;
  let xrefs: Xref[] | undefined;
  let sources: Provenance[] | undefined;
  return {
    label,
    key: p.key as string,
    name: p.name as string,
    synonyms: (p.synonyms as string[] | undefined) ?? [],
    get xrefs() {
      return (xrefs ??= parseJsonList<Xref>(p.xrefs));
    },
    get sources() {
      return (sources ??= parseJsonList<Provenance>(p.sources));
    },
    props: p,
  };
}

export function toRelationship(props: Record<string, unknown>): RelationshipRecord {
  let sources: Provenance[] | undefined;
  return {
    get sources() {
      return (sources ??= parseJsonList<Provenance>(props.sources));
    },
    props,
  };
}
