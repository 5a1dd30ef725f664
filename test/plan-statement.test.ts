// The Cypher a selection plans (src/graph/selection.ts, plan.ts), as text, without a database: what a
// reviewer reads to know what a query costs (in the manner of neo4j/graphql's tck tests).
import { parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { plannedLookupStatement as planStatement } from '../src/graph/plan.js';
import { planOf, subSelections } from '../src/graph/selection.js';
import { schema } from '../src/schema/index.js';

/** The plan of a `drugs` connection's nodes in `query`, as the root resolver makes it. */
function planOfDrugs(query: string, variableValues: Record<string, unknown> = {}) {
  const document = parse(query);
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((f) => [f.name.value, f]),
  );
  const context = { schema, fragments, variableValues };
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  const root = operation.selectionSet.selections.filter((s) => s.kind === 'Field');
  const edges = subSelections(context, root as never, schema.getType('DrugConnection')!, 'edges');
  const nodes = subSelections(context, edges.fields, edges.type!, 'node');
  return planOf(context, 'Drug', nodes.fields);
}

describe('planned statements', () => {
  it('a root with a nested list: one CALL subquery per level over the distinct nodes of the level above, each node projected to its key, name and what its fields read, links only where a field lists them', () => {
    const plan = planOfDrugs(`{ drugs(first: 10) { edges { node { key targets { potencyNm target { key family pathways { key conditions { key } } } } } } } }`);
    expect(planStatement(plan)).toBe(`// Planned from the query (src/graph/plan.ts).
UNWIND $keys AS key
OPTIONAL MATCH (n0:Drug {keyNorm: toLower(key)})
WITH collect(CASE WHEN n0 IS NULL THEN null ELSE [n0.key, n0.name] END) AS items, collect(DISTINCT n0) AS roots
CALL (roots) {
  UNWIND roots AS p
  MATCH (p)-[r:INTERACTS_WITH]->(m:Target)
  RETURN collect([p.key, [m.key, m.name, m.family], elementId(r), r {.action, .primary, .potencyNm, .potencyType}]) AS edges0, collect(DISTINCT m) AS nodes0
}
CALL (nodes0) {
  UNWIND nodes0 AS p
  MATCH (p)-[r:PARTICIPATES_IN]->(m:Pathway)
  RETURN collect([p.key, [m.key, m.name]]) AS edges1, collect(DISTINCT m) AS nodes1
}
CALL (nodes1) {
  UNWIND nodes1 AS p
  MATCH (p)-[r:IMPLICATED_IN]->(m:Condition)
  RETURN collect([p.key, [m.key, m.name]]) AS edges2
}
RETURN items, [edges0, edges1, edges2] AS levels`);
  });

  it('fragments, aliases and @include/@skip are followed; a field that does not say what it reads reads every property', () => {
    const plan = planOfDrugs(
      `query($withProducts: Boolean!) { drugs { edges { node { ...D a: products @include(if: $withProducts) { key strength } b: products @skip(if: true) { description } } } } }
       fragment D on Drug { findings { key summary } }`,
      { withProducts: true },
    );
    const statement = planStatement(plan);
    expect(statement).toContain('MATCH (p)<-[r:OF_DRUG]-(m:Finding)');
    expect(statement).toContain('[m.key, m.name, m.outcome, m.patients, m.responders, m.route, m.retracted, m.summary]');
    expect(statement).toContain('[m.key, m.name, m.strength]');
    expect(statement).not.toContain('.description');
    // Finding.retraction hands the whole record to another type: it says nothing, so the findings are read whole.
    const whole = planStatement(planOfDrugs(`{ drugs { edges { node { findings { key retraction { reason } } } } } }`));
    expect(whole).toContain('RETURN collect([p.key, m {.*}]) AS edges0');
  });

  it('one label read at two places carries the union of both reads (its lists are cached by key)', () => {
    const statement = planStatement(planOfDrugs(`{ drugs { edges { node { targets { target { key family pathways { key targets { key symbol } } } } } } } }`));
    const projections = statement.match(/\[m\.key[^\]]*\]/g) ?? [];
    expect(projections.filter((p) => p.includes('.family'))).toHaveLength(2);
  });
});
