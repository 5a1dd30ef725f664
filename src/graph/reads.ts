// The statements of the API's root questions (a page of a label, search, uses, evidence, paths, mechanisms,
// the audit trail, key suggestions) and the mapping of their records to domain objects. The schema calls
// these and never sees a Neo4j record; what a question *means* (statuses, sums, filters) stays in the
// schema and src/regulatory-status.ts.
import type { Node } from 'neo4j-driver';
import type { Executor } from '../db/executor.js';
import type { NodeLabel, RelationshipType } from '../graph-model.js';
import { regulatoryFacts, type RegulatoryFacts } from '../regulatory-status.js';
import { projectedStatement, type CypherLibrary } from './cypher.js';
import { memoised, primeLevels, rootsOf, withPlannedItems, type EdgeRow, type Primer } from './plan.js';
import type { PlanNode } from './selection.js';
import { projectionReader, toEntity, toLightRelationship, toRelationship, type EntityRecord, type ProjectedRow, type RelationshipRecord } from './records.js';

/** What a read needs: the request's executor (which counts its round trips) and the statements. */
export interface GraphAccess {
  executor: Executor;
  cypher: CypherLibrary;
}

type Reads = ReadonlySet<string> | 'all';

// ---- a page of one label (cypher/node-page.cypher)

export interface PageParams {
  keys: string[] | null;
  text: string | null;
  anyOf: { property: string; values: readonly unknown[] }[];
  ranges: { property: string; min?: number | null; max?: number | null }[];
  category: string | null;
  orderBy: string;
  descending: boolean;
  offset: number;
  limit: number;
}

/**
 * A page of the plan's label and the total that match, in one round trip with every list the plan walks
 * below the page's nodes (src/graph/plan.ts), the lists handed to the loaders.
 */
export async function readPage(access: GraphAccess & { primer: Primer }, plan: PlanNode, params: PageParams) {
  const template = access.cypher.forLabel('node-page', plan.label);
  const statement = memoised(plan, template, () => withPlannedItems(template, plan));
  const [record] = await access.executor.read(`page:${plan.label}`, statement, { ...params });
  const nodes = rootsOf(plan, record.get('page') as ProjectedRow[]) as EntityRecord[];
  primeLevels(plan, nodes, record.get('levels') as EdgeRow[][], access.primer);
  return { nodes, total: record.get('total') as number };
}

// ---- search (cypher/search.cypher)

export interface SearchParams {
  query: string;
  types: NodeLabel[] | null;
  first: number;
}

/** Hits best first; the full-text index is asked for more candidates than `first` so that the type filter leaves enough. */
export async function readSearch({ executor, cypher }: GraphAccess, { query, types, first }: SearchParams, reads: Reads, operation = 'search') {
  const statement = projectedStatement(cypher.query('search'), { node: reads });
  const records = await executor.read(operation, statement, { query, types, first, candidates: first * 5 + 50 });
  const hit = projectionReader(null, reads);
  return records.map((r) => ({ entity: hit.read(r.get('node') as ProjectedRow), score: r.get('score') as number }));
}

/** Whether an entity of `label` has this key (case-insensitive). */
export async function keyExists({ executor, cypher }: GraphAccess, label: NodeLabel, key: string): Promise<boolean> {
  const [record] = await executor.read(`known-key:${label}`, cypher.forLabel('nodes-by-keys', label), { keys: [key] });
  return !!record?.get('n');
}

// ---- uses (cypher/uses.cypher)

export interface UseRow {
  drug: EntityRecord;
  condition: EntityRecord;
  route: string;
  /** Every regulator in the graph, by key. */
  regulators: string[];
  facts: RegulatoryFacts;
}

export async function readUses(
  { executor, cypher }: GraphAccess,
  params: { drugs: string[] | null; condition: string | null; route: string | null },
): Promise<UseRow[]> {
  const records = await executor.read('uses', cypher.query('uses'), params);
  return records.map((r) => ({
    drug: toEntity(r.get('d') as Node),
    condition: toEntity(r.get('c') as Node),
    route: r.get('route') as string,
    regulators: r.get('regulators') as string[],
    facts: regulatoryFacts(r),
  }));
}

// ---- evidence (cypher/evidence.cypher)

export interface EvidencePair {
  id: string;
  drug: string;
  condition: string;
  route: string | null;
  includeRetracted: boolean;
}

export interface EvidenceRow {
  id: string;
  drug: EntityRecord;
  condition: EntityRecord;
  /** Each finding with the study reporting it (a finding reported by two studies comes twice). */
  findings: { finding: EntityRecord; study: EntityRecord }[];
  regulators: EntityRecord[];
  facts: RegulatoryFacts;
}

/**
 * Evidence for many pairs in one round trip, findings and studies projected to what `reads` names; the
 * regulatory facts only with `reads.statuses` (empty otherwise).
 */
export async function readEvidence(
  { executor, cypher }: GraphAccess,
  pairs: EvidencePair[],
  reads: { finding: Reads; study: Reads; drug: Reads; condition: Reads; statuses: boolean },
): Promise<EvidenceRow[]> {
  const statement = projectedStatement(cypher.query('evidence'), { f: reads.finding, s: reads.study, d: reads.drug, c: reads.condition });
  const records = await executor.read('evidence', statement, { pairs, statuses: reads.statuses });
  const [drug, condition, finding, study] = [
    projectionReader('Drug', reads.drug),
    projectionReader('Condition', reads.condition),
    projectionReader('Finding', reads.finding),
    projectionReader('Study', reads.study),
  ];
  return records.map((r) => ({
    id: r.get('id') as string,
    drug: drug.read(r.get('d') as ProjectedRow),
    condition: condition.read(r.get('c') as ProjectedRow),
    // Each row [finding, study], as the statement's projections.
    findings: (r.get('findings') as [ProjectedRow, ProjectedRow][]).map(([f, s]) => ({ finding: finding.read(f), study: study.read(s) })),
    regulators: (r.get('regulators') as Node[]).map(toEntity),
    facts: regulatoryFacts(r),
  }));
}

// ---- paths and mechanisms (cypher/paths.cypher, mechanisms.cypher)

export interface StepShape {
  from: EntityRecord;
  to: EntityRecord;
  type: RelationshipType;
  reversed: boolean;
  link: RelationshipRecord;
}

export interface PathShape {
  nodes: EntityRecord[];
  steps: StepShape[];
}

/** A step as a statement returns it: a path step (paths.cypher) has the link's id and no properties; a mechanism's step (mechanisms.cypher) its every property. */
type StepRow = { type: RelationshipType; start: string } & ({ id: string } | { props: Record<string, unknown> });

/** Paths with their steps in path order; a step is reversed when its stored relationship points the other way. */
function toPath(entities: EntityRecord[], steps: StepRow[]): PathShape {
  return {
    nodes: entities,
    steps: steps.map((s, i) => ({
      from: entities[i],
      to: entities[i + 1],
      type: s.type,
      reversed: s.start !== entities[i].key.toLowerCase(),
      link: 'props' in s ? toRelationship(s.props) : toLightRelationship(s.id, {}),
    })),
  };
}

export interface PathEnd {
  label: NodeLabel | null;
  key: string;
}

/**
 * Simple paths between two ends (each resolved in the same statement: `froms` and `tos` are the entities
 * an end names, none when unknown, several when ambiguous), nodes projected to what `reads` names.
 */
export async function readPaths({ executor, cypher }: GraphAccess, maxLength: number, reads: Reads, params: { from: PathEnd; to: PathEnd; first: number }) {
  const [record] = await executor.read('paths', projectedStatement(cypher.paths(maxLength), { n: reads }), { ...params });
  const node = projectionReader(null, reads).read;
  const ends = (name: string) => (record.get(name) as ProjectedRow[]).map(node).map((n) => ({ label: n.label, key: n.key }));
  return {
    froms: ends('froms'),
    tos: ends('tos'),
    paths: (record.get('paths') as { nodes: ProjectedRow[]; steps: StepRow[] }[]).map((p) => toPath(p.nodes.map(node), p.steps)),
  };
}

/** Typed drug -> target -> pathway -> condition paths, best first (complete nodes). */
export async function readMechanisms({ executor, cypher }: GraphAccess, params: { drug: string; condition: string; first: number }): Promise<PathShape[]> {
  const records = await executor.read('mechanisms', cypher.query('mechanisms'), params);
  return records.map((r) => toPath((r.get('nodes') as Node[]).map(toEntity), r.get('steps') as StepRow[]));
}

// ---- the audit trail (cypher/audit-events.cypher)

export interface AuditEventShape {
  id: string;
  operation: string;
  entityKey: string;
  tokenId: string;
  at: string;
  inputHash: string;
  requestId: string;
}

/** The audit events of many findings by key, oldest first, in key order (an unknown key gets []). */
export async function readAuditEvents({ executor, cypher }: GraphAccess, keys: readonly string[]): Promise<AuditEventShape[][]> {
  const records = await executor.read('audit-events', cypher.query('audit-events'), { keys: [...keys] });
  const byKey = new Map(records.map((r) => [(r.get('key') as string).toLowerCase(), r.get('events') as AuditEventShape[]]));
  return keys.map((k) => byKey.get(k.toLowerCase()) ?? []);
}
