// A root field's subtree of relationship lists read in one statement: the plan of src/graph/selection.ts
// written as nested COLLECT subqueries, each node projected to the properties the selection reads. What it
// reads primes the per-request relationship loaders, so the resolvers below the root find every list in
// the cache; a list outside the plan (a depth past the plan, a field that is not a plain relationship list)
// falls back to its batched loader.
import type { Executor } from '../db/executor.js';
import { relationships, type NodeLabel } from '../graph-model.js';
import { byName, type Neighbour } from './loaders.js';
import { projection, toLightRelationship, toProjectedEntity, type EntityRecord } from './records.js';
import { edgeKey, readsByLabel, type PlanEdge, type PlanNode } from './selection.js';

/**
 * A root of the plan as one Cypher map: the node `variable` projected to what the selection reads, and the
 * relationship lists below it, however deep, as nested COLLECT subqueries:
 *   {node: n0 {.key, .name, ...}, next: {`TYPE:DIR`: COLLECT { MATCH (n0)-[r1:TYPE]->(n1:Other) RETURN {node, id, rel, next} }}}
 * Labels, types and property names are constants of the graph model and the schema, never request input.
 */
export function planItem(plan: PlanNode, variable = 'n0', indent = '  '): string {
  const reads = readsByLabel(plan);
  let counter = 0;
  const lists = (from: string, node: PlanNode, at: string): string => {
    const entries = [...node.children.values()].map((edge) => `${at}\`${edgeKey(edge.type, edge.direction)}\`: ${collect(from, edge, at)}`);
    return `{\n${entries.join(',\n')}\n${at.slice(2)}}`;
  };
  const collect = (from: string, edge: PlanEdge, at: string): string => {
    counter += 1;
    const [n, r] = [`n${counter}`, `r${counter}`];
    const pattern =
      edge.direction === 'OUT' ? `(${from})-[${r}:${edge.type}]->(${n}:${edge.node.label})` : `(${from})<-[${r}:${edge.type}]-(${n}:${edge.node.label})`;
    const next = edge.node.children.size ? `, next: ${lists(n, edge.node, `${at}    `)}` : '';
    // The link's own properties (never its sources, loaded by id when asked) only where a field lists links.
    const properties = relationships[edge.type].properties.map((p) => `.${p}`).join(', ');
    const link = edge.links ? `, id: elementId(${r}), rel: ${properties ? `${r} {${properties}}` : '{}'}` : '';
    return `COLLECT {\n${at}  MATCH ${pattern}\n${at}  RETURN {node: ${projection(n, edge.node.label, reads.get(edge.node.label)!)}${link}${next}}\n${at}}`;
  };
  const next = plan.children.size ? `, next: ${lists(variable, plan, indent)}` : '';
  return `{node: ${projection(variable, plan.label, reads.get(plan.label)!)}${next}}`;
}

/** The roots of a plan by key (case-insensitive), each with its lists; one row per key, the item null when none has it. */
export function plannedLookupStatement(plan: PlanNode): string {
  return [
    '// Planned from the query (src/graph/plan.ts).',
    'UNWIND $keys AS key',
    `OPTIONAL MATCH (n0:${plan.label} {keyNorm: toLower(key)})`,
    `RETURN key, CASE WHEN n0 IS NULL THEN null ELSE ${planItem(plan)} END AS item`,
  ].join('\n');
}

/** A statement with `{{ITEM n0}}` (node-page.cypher) written as the plan's item of n0 (null when n0 is). */
export function withPlannedItems(template: string, plan: PlanNode): string {
  return template.replaceAll('{{ITEM n0}}', `CASE WHEN n0 IS NULL THEN null ELSE ${planItem(plan)} END`);
}

interface Item {
  node: Record<string, unknown>;
  /** Only where the edge lists links. */
  id?: string;
  rel?: Record<string, unknown>;
  next?: Record<string, Item[]>;
}

/** Where the lists a plan read are handed: the per-request loaders of each relationship type and direction. */
export interface Primer {
  neighbours(edge: PlanEdge, parentKey: string, items: Neighbour[]): void;
}

/**
 * Hands the lists below one entity (its row's `next`) to the entity itself (`planned`, read by the resolvers
 * without a promise) and to the loaders, recursively; returns how many nodes.
 */
export function primeFrom(plan: PlanNode, parent: EntityRecord, next: Record<string, Item[]>, primer: Primer, reads = readsByLabel(plan)): number {
  let count = 0;
  for (const edge of plan.children.values()) {
    const items = next[edgeKey(edge.type, edge.direction)] ?? [];
    const label: NodeLabel = edge.node.label;
    const labelReads = reads.get(label)!;
    const inOrder = items.map((item) => ({
      node: toProjectedEntity(label, item.node, labelReads === 'all'),
      rel: toLightRelationship(item.id ?? '', item.rel ?? {}),
    }));
    const neighbours = [...inOrder].sort(byName);
    const nodes = neighbours.map((n) => n.node);
    parent.planned ??= new Map();
    parent.planned.set(`${edge.type}:${edge.direction}:nodes`, nodes);
    if (edge.links) parent.planned.set(`${edge.type}:${edge.direction}:links`, neighbours);
    primer.neighbours(edge, parent.key, neighbours);
    count += neighbours.length;
    if (edge.node.children.size) {
      items.forEach((item, i) => {
        count += primeFrom(edge.node, inOrder[i].node, item.next ?? {}, primer, reads);
      });
    }
  }
  return count;
}

/** What a planned statement answers per root: the node and the lists below it. */
export interface PlannedItem {
  node: Record<string, unknown>;
  next?: Record<string, Item[]>;
}

/** The root's record from its item, its lists handed to the loaders. */
export function rootOf(plan: PlanNode, item: PlannedItem, primer: Primer, reads = readsByLabel(plan)): EntityRecord {
  const root = toProjectedEntity(plan.label, item.node, reads.get(plan.label) === 'all');
  primeFrom(plan, root, item.next ?? {}, primer, reads);
  return root;
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

/** The entities of the plan's label by key, in one round trip with every list below them (null for an unknown key). */
export async function readPlannedRoots(
  { executor, primer }: { executor: Executor; primer: Primer },
  plan: PlanNode,
  keys: readonly string[],
): Promise<(EntityRecord | null)[]> {
  const statement = memoised(plan, 'lookup', () => plannedLookupStatement(plan));
  const records = await executor.read(`lookup:${plan.label}`, statement, { keys: [...keys] });
  const reads = readsByLabel(plan);
  return records.map((record) => {
    const item = record.get('item') as PlannedItem | null;
    return item ? rootOf(plan, item, primer, reads) : null;
  });
}
