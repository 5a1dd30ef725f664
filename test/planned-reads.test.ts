// Planned reads (src/graph/selection.ts, plan.ts) project of each nested entity only what its fields say they
// read. A field that reads more than it says would answer from a record without the property: this test asks
// every field of every entity type (and of the objects they return) through planned positions (relationship
// lists below a root, the evidence's findings, a path's nodes, search hits) and compares each entity with the same fields
// asked of the complete record by key. It fails on any difference and on any UNPLANNED read error.
import { getNamedType, isEnumType, isInterfaceType, isNonNullType, isObjectType, isScalarType, type GraphQLObjectType, type GraphQLOutputType } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeLabels, type NodeLabel } from '../src/graph-model.js';
import { schema } from '../src/schema/index.js';
import { screamingCase } from '../src/schema/common.js';
import { defaultLimits } from '../src/limits.js';
import { testApp } from './support/app.js';

// Every field of every type at once costs far more than a client may ask: the limit is lifted for this test.
const { gql, close } = testApp({ limits: { ...defaultLimits, maxComplexity: Number.MAX_SAFE_INTEGER } });
afterAll(close);

const entityTypes = new Set<string>(nodeLabels);
const isLeaf = (type: GraphQLOutputType) => isScalarType(getNamedType(type)) || isEnumType(getNamedType(type));

/** Every field of an entity type without required arguments; objects that are not entities with their leaves. */
function everyField(type: GraphQLObjectType, depth = 0): string {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    if (isLeaf(field.type)) parts.push(field.name);
    else if (entityTypes.has(named.name) || isInterfaceType(named)) parts.push(`${field.name} { key }`);
    else if (isObjectType(named) && depth < 2 && !named.name.endsWith('Connection')) {
      const inner = everyField(named, depth + 1);
      if (inner) parts.push(`${field.name} { ${inner} }`);
    }
  }
  return parts.join(' ');
}

const selection = Object.fromEntries(nodeLabels.map((label) => [label, everyField(schema.getType(label) as GraphQLObjectType)])) as Record<NodeLabel, string>;
const rootField = (label: NodeLabel) => label.charAt(0).toLowerCase() + label.slice(1);

/** The entities of `label` at the end of `path` (a query over planned positions), by key. */
function collect(value: unknown, into: Map<string, Record<string, unknown>>) {
  if (Array.isArray(value)) for (const v of value) collect(v, into);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('__planned' in record) into.set(record.key as string, record);
    for (const [k, v] of Object.entries(record)) if (k !== '__planned') collect(v, into);
  }
}

async function compareWithLookups(label: NodeLabel, planned: Map<string, Record<string, unknown>>) {
  expect(planned.size, `${label}: some entities reached through planned positions`).toBeGreaterThan(0);
  for (const [key, entity] of planned) {
    const { __planned: _marker, ...fields } = entity;
    const alone = await gql(`query($key: String!) { e: ${rootField(label)}(key: $key) { ${selection[label]} } }`, { key });
    expect(alone.body.errors, `${label} ${key}`).toBeUndefined();
    expect(fields, `${label} ${key}`).toEqual(alone.body.data.e);
  }
}

// Where each label is reached below a root by relationship lists (the planned statement projects it).
const plannedPositions: Record<NodeLabel, string> = {
  Drug: `products(first: 30) { edges { node { drug { __planned: __typename ${selection.Drug} } } } }`,
  Product: `drugs(first: 30) { edges { node { products { __planned: __typename ${selection.Product} } } } }`,
  Target: `drugs(first: 30) { edges { node { targets(includeSecondary: true) { target { __planned: __typename ${selection.Target} } } } } }`,
  Pathway: `targets(first: 30) { edges { node { pathways { __planned: __typename ${selection.Pathway} } } } }`,
  Condition: `pathways(first: 30) { edges { node { conditions { __planned: __typename ${selection.Condition} } } } }`,
  ConditionCategory: `conditions(first: 30) { edges { node { category { __planned: __typename ${selection.ConditionCategory} } } } }`,
  Study: `drugs(first: 30) { edges { node { findings(includeRetracted: true) { study { __planned: __typename ${selection.Study} } } } } }`,
  Finding: `drugs(first: 30) { edges { node { findings(includeRetracted: true) { __planned: __typename ${selection.Finding} } } } }`,
  Regulator: `approvals(first: 30) { edges { node { regulator { __planned: __typename ${selection.Regulator} } } } }`,
  Approval: `regulators(first: 30) { edges { node { approvals(includeOpinions: true) { __planned: __typename ${selection.Approval} } } } }`,
  LabelSnapshot: `drugs(first: 30) { edges { node { labels { __planned: __typename ${selection.LabelSnapshot} } } } }`,
};

describe('planned reads answer what the complete record answers', () => {
  for (const label of nodeLabels) {
    it(`${label}: every field, through a relationship list below a root`, async () => {
      const result = await gql(`{ ${plannedPositions[label]} }`);
      expect(result.body.errors).toBeUndefined();
      const planned = new Map<string, Record<string, unknown>>();
      collect(result.body.data, planned);
      await compareWithLookups(label, planned);
    });
  }

  it("Finding and Study: every field, through the evidence's findings", async () => {
    const result = await gql(`{ evidence(drug: "ruxolitinib", condition: "vitiligo") { findings { __planned: __typename ${selection.Finding}
      study { __planned: __typename ${selection.Study} } } } }`);
    expect(result.body.errors).toBeUndefined();
    const findings = new Map<string, Record<string, unknown>>();
    const studies = new Map<string, Record<string, unknown>>();
    for (const f of result.body.data.evidence.findings) {
      const { study, ...finding } = f;
      findings.set(finding.key, { ...finding, study: { key: study.key } });
      studies.set(study.key, study);
    }
    await compareWithLookups('Finding', findings);
    await compareWithLookups('Study', studies);
  });

  it("every label's fields, through a path's nodes", async () => {
    const byLabel = new Map<string, Map<string, Record<string, unknown>>>();
    // One query per label: fields of the same name with different types cannot share one selection.
    for (const label of ['Drug', 'Target', 'Pathway', 'Condition', 'Finding'] as const) {
      const result = await gql(`{ paths(from: "drug:ruxolitinib", to: "condition:lichen-planus", maxLength: 3, first: 10) {
        nodes { key ... on ${label} { __planned: __typename ${selection[label]} } } } }`);
      expect(result.body.errors).toBeUndefined();
      for (const node of result.body.data.paths.flatMap((p: { nodes: Record<string, unknown>[] }) => p.nodes)) {
        if (node.__planned !== label) continue;
        if (!byLabel.has(label)) byLabel.set(label, new Map());
        byLabel.get(label)!.set(node.key as string, node);
      }
    }
    expect(byLabel.size).toBeGreaterThanOrEqual(3);
    for (const [label, entities] of byLabel) await compareWithLookups(label as NodeLabel, entities);
  });

  it("every label's fields, through search hits", async () => {
    // A word that finds entities of each label (names, synonyms, keys, cross-reference ids).
    const words: Partial<Record<NodeLabel, string>> = {
      Drug: 'ruxolitinib',
      Product: 'opzelura',
      Target: 'JAK1',
      Pathway: 'STAT',
      Condition: 'vitiligo',
      Study: 'ruxolitinib',
    };
    const reached: string[] = [];
    for (const [label, word] of Object.entries(words) as [NodeLabel, string][]) {
      const result = await gql(`{ search(query: "${word}", types: [${screamingCase(label)}], first: 10) {
        entity { key ... on ${label} { __planned: __typename ${selection[label]} } } } }`);
      expect(result.body.errors, label).toBeUndefined();
      const found = new Map<string, Record<string, unknown>>();
      for (const hit of result.body.data.search) if (hit.entity.__planned === label) found.set(hit.entity.key, hit.entity);
      if (found.size === 0) continue;
      reached.push(label);
      await compareWithLookups(label, found);
    }
    expect(reached).toEqual(Object.keys(words));
  });
});
