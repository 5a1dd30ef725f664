// A root field's subtree of relationship lists read in one statement with the roots: the plan of
// src/graph/selection.ts written level by level, each level one CALL subquery over the distinct nodes of the
// level above (so a node reached twice is read once, as the per-level DataLoaders did), each node projected to
// the properties the selection reads. What it reads is handed to the entities themselves (`planned`, read by
// the resolvers without a promise) and to the per-request relationship loaders; a list outside the plan
// falls back to its batched loader.
import type { Executor } from '../db/executor.js';
import { relationships, type NodeLabel } from '../graph-model.js';
import { byName, type Neighbour } from './loaders.js';
import { projection, projectionReader, toLightRelationship, type EntityRecord, type ProjectedRow } from './records.js';
import { readsByLabel, type PlanEdge, type PlanNode } from './selection.js';

/** The plan's edges depth first, each with the index of its parent edge (-1: the roots). */
function edgesOf(plan: PlanNode): { edge: PlanEdge; parent: number }[] {
  const out: { edge: PlanEdge; parent: number }[] = [];
  const walk = (node: PlanNode, parent: number) => {
    for (const edge of node.children.values()) {
      out.push({ edge, parent });
      walk(edge.node, out.length - 1);
    }
  };
  walk(plan, -1);
  return out;
}

/**
 * The CALL subqueries reading the plan's lists below the nodes of the list variable `roots`: one per edge,
 * depth first, over the distinct nodes the level above reached. Each answers the edge's rows,
 * `[parent key, neighbour [...], link id, link {...}]` (the link only where a field lists links), as
 * `edges<i>`, and its distinct neighbours, for the level below, as `nodes<i>`:
 *   CALL (roots) { UNWIND roots AS p MATCH (p)-[r:TYPE]->(m:Other)
 *                  RETURN collect([p.key, [m.key, m.name], elementId(r), r {.potencyNm}]) AS edges0, collect(DISTINCT m) AS nodes0 }
 * CALL subqueries, not COLLECT { } expressions: Neo4j plans them as joins (Apply), where an expression
 * subquery in a projection runs as a nested plan per row. Labels, types and property names are constants of
 * the graph model and the schema, never request input.
 */
export function planLevels(plan: PlanNode, roots: string): { calls: string; edges: string } {
  const reads = readsByLabel(plan);
  const edges = edgesOf(plan);
  const calls = edges.map(({ edge, parent }, i) => {
    const from = parent < 0 ? roots : `nodes${parent}`;
    const pattern = edge.direction === 'OUT' ? `(p)-[r:${edge.type}]->(m:${edge.node.label})` : `(p)<-[r:${edge.type}]-(m:${edge.node.label})`;
    const properties = relationships[edge.type].properties.map((name) => `.${name}`).join(', ');
    // The link's own properties (never its sources, loaded by id when asked) only where a field lists links.
    const link = edge.links ? `, elementId(r), ${properties ? `r {${properties}}` : '{}'}` : '';
    const distinct = edge.node.children.size ? `, collect(DISTINCT m) AS nodes${i}` : '';
    return [
      `CALL (${from}) {`,
      `  UNWIND ${from} AS p`,
      `  MATCH ${pattern}`,
      `  RETURN collect([p.key, ${projection('m', edge.node.label, reads.get(edge.node.label)!)}${link}]) AS edges${i}${distinct}`,
      '}',
    ].join('\n');
  });
  return { calls: calls.join('\n'), edges: `[${edges.map((_e, i) => `edges${i}`).join(', ')}]` };
}

/** The roots of a plan by key (case-insensitive), in key order (null for an unknown key), with every list below them. */
export function plannedLookupStatement(plan: PlanNode): string {
  const reads = readsByLabel(plan);
  const { calls, edges } = planLevels(plan, 'roots');
  return [
    '// Planned from the query (src/graph/plan.ts).',
    'UNWIND $keys AS key',
    `OPTIONAL MATCH (n0:${plan.label} {keyNorm: toLower(key)})`,
    `WITH collect(CASE WHEN n0 IS NULL THEN null ELSE ${projection('n0', plan.label, reads.get(plan.label)!)} END) AS items, collect(DISTINCT n0) AS roots`,
    ...(calls ? [calls] : []),
    `RETURN items, ${edges} AS levels`,
  ].join('\n');
}

/**
 * A statement (node-page.cypher) with `{{LEVELS roots}}` written as the CALL subqueries of the plan's lists
 * below the nodes of `roots`, `{{ITEMS roots}}` as the roots projected and `{{EDGES}}` as the levels' rows.
 */
export function withPlannedItems(template: string, plan: PlanNode): string {
  const reads = readsByLabel(plan);
  const { calls, edges } = planLevels(plan, 'roots');
  return template
    .replaceAll('{{LEVELS roots}}', calls)
    .replaceAll('{{ITEMS roots}}', `[n0 IN roots | ${projection('n0', plan.label, reads.get(plan.label)!)}]`)
    .replaceAll('{{EDGES}}', edges);
}

/** One row of a level: the parent's key, the neighbour's properties, and the link's id and properties. */
type EdgeRow = [string, ProjectedRow, string?, Record<string, unknown>?];

/** Where the lists a plan read are handed: the per-request loaders of each relationship type and direction. */
export interface Primer {
  neighbours(edge: PlanEdge, parentKey: string, items: Neighbour[]): void;
}

/**
 * The roots' records, with every list the levels read handed to the entities (`planned`, read by the
 * resolvers without a promise) and to the loaders. A node reached at one level from several parents is one
 * record, with its own lists once.
 */
export function primeLevels(plan: PlanNode, roots: (EntityRecord | null)[], levels: EdgeRow[][], primer: Primer): void {
  const reads = readsByLabel(plan);
  const edges = edgesOf(plan);
  const byKey: Map<string, EntityRecord>[] = [];
  const rootsByKey = new Map(roots.filter((r): r is EntityRecord => r !== null).map((r) => [r.key, r]));
  edges.forEach(({ edge, parent }, i) => {
    const parents = parent < 0 ? rootsByKey : byKey[parent];
    const label: NodeLabel = edge.node.label;
    const reader = projectionReader(label, reads.get(label)!);
    const records = new Map<string, EntityRecord>();
    byKey[i] = records;
    const lists = new Map<string, Neighbour[]>();
    for (const [parentKey, row, id, link] of levels[i] ?? []) {
      const key = reader.key(row);
      let node = records.get(key);
      if (!node) records.set(key, (node = reader.read(row)));
      const list = lists.get(parentKey) ?? [];
      list.push({ node, rel: toLightRelationship(id ?? '', link ?? {}) });
      lists.set(parentKey, list);
    }
    // Every parent gets its list, empty ones included: an empty list is an answer, not a miss.
    for (const [parentKey, parentRecord] of parents) {
      const neighbours = (lists.get(parentKey) ?? []).sort(byName);
      parentRecord.planned ??= new Map();
      parentRecord.planned.set(
        `${edge.type}:${edge.direction}:nodes`,
        neighbours.map((n) => n.node),
      );
      if (edge.links) parentRecord.planned.set(`${edge.type}:${edge.direction}:links`, neighbours);
      primer.neighbours(edge, parentKey, neighbours);
    }
  });
}

/** The roots' records from their projections. */
export function rootsOf(plan: PlanNode, items: (ProjectedRow | null)[]): (EntityRecord | null)[] {
  const reader = projectionReader(plan.label, readsByLabel(plan).get(plan.label)!);
  return items.map((item) => (item ? reader.read(item) : null));
}

// Statements by plan: a query's shape repeats, its text is built once. Bounded: a client cannot grow it
// without end by varying its selections.
const statements = new Map<string, string>();
const MAX_STATEMENTS = 500;

/** The statement `make` builds for this plan (and template), built once. */
export function memoised(plan: PlanNode, template: string, make: () => string): string {
  const id =
    template + JSON.stringify(plan, (_key, value) => (value instanceof Set ? [...value].sort() : value instanceof Map ? Object.fromEntries(value) : value));
  let statement = statements.get(id);
  if (!statement) {
    statement = make();
    if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value!);
    statements.set(id, statement);
  }
  return statement;
}

/** The entities of the plan's label by key, in key order, in one round trip with every list below them (null for an unknown key). */
export async function readPlannedRoots(
  { executor, primer }: { executor: Executor; primer: Primer },
  plan: PlanNode,
  keys: readonly string[],
): Promise<(EntityRecord | null)[]> {
  const statement = memoised(plan, 'lookup', () => plannedLookupStatement(plan));
  const [record] = await executor.read(`lookup:${plan.label}`, statement, { keys: [...keys] });
  const roots = rootsOf(plan, record.get('items') as (ProjectedRow | null)[]);
  primeLevels(plan, roots, record.get('levels') as EdgeRow[][], primer);
  return roots;
}

export type { EdgeRow };
