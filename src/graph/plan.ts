// A root field's subtree of relationship lists read in one statement: the plan of src/graph/selection.ts
// written as nested COLLECT subqueries, each node projected to the properties the selection reads. What it
// reads primes the per-request relationship loaders, so the resolvers below the root find every list in
// the cache; a list outside the plan (a depth past the plan, a field that is not a plain relationship list)
// falls back to its batched loader.
import type { Executor } from '../db/executor.js';
import type { NodeLabel } from '../graph-model.js';
import { byName, type Neighbour } from './loaders.js';
import { projection, toLightRelationship, toProjectedEntity } from './records.js';
import { edgeKey, readsByLabel, type PlanEdge, type PlanNode } from './selection.js';

/** Whether a plan walks any relationship list (else there is nothing to read beyond the roots). */
export const walksRelationships = (plan: PlanNode) => plan.children.size > 0;

/**
 * The statement reading the plan's relationship lists below the roots, which are given by key:
 *   UNWIND $keys AS key MATCH (n0:Label {keyNorm: toLower(key)})
 *   RETURN key, {`TYPE:DIR`: COLLECT { MATCH (n0)-[r1:TYPE]->(n1:Other) RETURN {node: n1 {...}, id, rel, next} }} AS next
 * Labels, types and property names are constants of the graph model and the schema, never request input.
 */
export function planStatement(plan: PlanNode): string {
  const reads = readsByLabel(plan);
  let counter = 0;
  const lists = (variable: string, node: PlanNode, indent: string): string => {
    const entries = [...node.children.values()].map((edge) => `${indent}\`${edgeKey(edge.type, edge.direction)}\`: ${collect(variable, edge, indent)}`);
    return `{\n${entries.join(',\n')}\n${indent.slice(2)}}`;
  };
  const collect = (variable: string, edge: PlanEdge, indent: string): string => {
    counter += 1;
    const [n, r] = [`n${counter}`, `r${counter}`];
    const pattern =
      edge.direction === 'OUT'
        ? `(${variable})-[${r}:${edge.type}]->(${n}:${edge.node.label})`
        : `(${variable})<-[${r}:${edge.type}]-(${n}:${edge.node.label})`;
    const next = edge.node.children.size ? `, next: ${lists(n, edge.node, `${indent}    `)}` : '';
    return `COLLECT {\n${indent}  MATCH ${pattern}\n${indent}  RETURN {node: ${projection(n, edge.node.label, reads.get(edge.node.label)!)}, id: elementId(${r}), rel: ${r} {.*, sources: null}${next}}\n${indent}}`;
  };
  return [
    '// Planned from the query (src/graph/plan.ts).',
    'UNWIND $keys AS key',
    `MATCH (n0:${plan.label} {keyNorm: toLower(key)})`,
    `RETURN key, ${lists('n0', plan, '  ')} AS next`,
  ].join('\n');
}

interface Item {
  node: Record<string, unknown>;
  id: string;
  rel: Record<string, unknown>;
  next?: Record<string, Item[]>;
}

/** Where the lists a plan read are handed: the per-request loaders of each relationship type and direction. */
export interface Primer {
  neighbours(edge: PlanEdge, parentKey: string, items: Neighbour[]): void;
}

/** Hands the lists below one root (its row's `next`) to the loaders, recursively; returns how many nodes. */
export function primeFrom(plan: PlanNode, parentKey: string, next: Record<string, Item[]>, primer: Primer, reads = readsByLabel(plan)): number {
  let count = 0;
  for (const edge of plan.children.values()) {
    const items = next[edgeKey(edge.type, edge.direction)] ?? [];
    const label: NodeLabel = edge.node.label;
    const labelReads = reads.get(label)!;
    const neighbours = items.map((item) => ({
      node: toProjectedEntity(label, item.node, labelReads === 'all'),
      rel: toLightRelationship(item.id, item.rel),
    }));
    neighbours.sort(byName);
    primer.neighbours(edge, parentKey, neighbours);
    count += neighbours.length;
    if (edge.node.children.size) {
      for (const item of items) count += primeFrom(edge.node, item.node.key as string, item.next ?? {}, primer, reads);
    }
  }
  return count;
}

// Statements by their text's plan: a query's shape repeats, its text is built once. Bounded: a client
// cannot grow it without end by varying its selections.
const statements = new Map<string, string>();
const MAX_STATEMENTS = 500;

function statementOf(plan: PlanNode): string {
  const id = JSON.stringify(plan, (_key, value) => (value instanceof Set ? [...value].sort() : value instanceof Map ? Object.fromEntries(value) : value));
  let statement = statements.get(id);
  if (!statement) {
    statement = planStatement(plan);
    if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value!);
    statements.set(id, statement);
  }
  return statement;
}

/** Reads the plan's relationship lists below the given roots in one round trip and primes the loaders. */
export async function readPlan(executor: Executor, plan: PlanNode, keys: readonly string[], primer: Primer): Promise<void> {
  if (!walksRelationships(plan) || keys.length === 0) return;
  const records = await executor.read(`plan:${plan.label}`, statementOf(plan), { keys: [...new Set(keys)] });
  const reads = readsByLabel(plan);
  for (const record of records) primeFrom(plan, record.get('key') as string, record.get('next') as Record<string, Item[]>, primer, reads);
}
