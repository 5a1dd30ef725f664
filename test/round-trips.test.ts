// Planned reads: a nested query over many drugs costs one statement, the page with every relationship list
// below it (src/graph/plan.ts), whatever its depth and its rows. Forty extra drugs (own keys, removed afterwards) make the 50-drug case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './support/app.js';

const { gql, executor, close } = testApp();
const PREFIX = 'test-round-trips-drug-';

beforeAll(async () => {
  await executor().write(
    'test:setup',
    `
    UNWIND range(1, 40) AS i
    MERGE (d:Drug {keyNorm: $prefix + i})
    SET d:Entity, d.key = $prefix + i, d.name = 'Test drug ' + i, d.synonyms = [], d.sources = '[]', d.xrefs = '[]'
    WITH d, i
    MATCH (t:Target {keyNorm: CASE i % 2 WHEN 0 THEN 'jak1' ELSE 'tyk2' END})
    MERGE (d)-[r:INTERACTS_WITH]->(t) SET r.primary = true, r.action = 'INHIBITOR', r.sources = '[]'`,
    { prefix: PREFIX },
  );
});

afterAll(async () => {
  await executor().write('test:cleanup', `MATCH (d:Drug) WHERE d.keyNorm STARTS WITH $prefix DETACH DELETE d`, { prefix: PREFIX });
  await close();
});

const nested = `query($n: Int) { drugs(first: $n) { totalCount edges { node { key
  targets { target { key pathways { key conditions { key category { key } } } } } } } } }`;

describe('round trips', () => {
  it('cost one for 5 drugs and for 50 drugs, four levels deep: the page and its lists in one planned statement', async () => {
    const small = await gql(nested, { n: 5 });
    const large = await gql(nested, { n: 50 });
    expect(large.body.errors).toBeUndefined();
    expect(large.body.data.drugs.edges).toHaveLength(50);
    // The drugs page with its targets, pathways, conditions and categories in one statement.
    expect(large.roundTrips).toBe(1);
    expect(small.roundTrips).toBe(large.roundTrips);
  });

  it('cost one for an evidence summary: its studies and regulators come with it', async () => {
    const result = await gql(`{ evidence(drug: "ruxolitinib", condition: "alopecia-areata") { studies
      findings { key study { key name } } approvedBy { key name } offLabelIn { key jurisdiction } } }`);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data.evidence.findings.length).toBeGreaterThan(1);
    expect(result.body.data.evidence.findings.every((f: { study: { name: string } }) => f.study.name)).toBe(true);
    expect(result.body.data.evidence.offLabelIn.length).toBeGreaterThan(0);
    expect(result.roundTrips).toBe(1);
  });

  it("cost two for the uses of a page of drugs: the page, then every drug's uses in one statement", async () => {
    const result = await gql(`{ drugs(first: 10) { edges { node { key uses(regulator: "EMA") { status route condition { key } } } } } }`);
    expect(result.body.errors).toBeUndefined();
    const uses = result.body.data.drugs.edges.flatMap((e: { node: { uses: unknown[] } }) => e.node.uses);
    expect(uses.length).toBeGreaterThan(10);
    expect(result.roundTrips).toBeLessThanOrEqual(3);
    // The same answers as one question per drug.
    for (const { node } of result.body.data.drugs.edges) {
      const alone = await gql(`query($d: String!) { uses(drug: $d, regulator: "EMA") { status route condition { key } } }`, { d: node.key });
      expect(node.uses, node.key).toEqual(alone.body.data.uses);
    }
  });

  it('cost one for a key lookup, with its relationship lists however deep', async () => {
    const alone = await gql(`{ drug(key: "ruxolitinib") { key name routes } }`);
    expect(alone.roundTrips).toBe(1);
    const deep = await gql(`{ drug(key: "ruxolitinib") { key products { key drug { key } }
      targets { potencyNm target { key interactions { drug { key } } pathways { key conditions { key } } } } } }`);
    expect(deep.body.errors).toBeUndefined();
    expect(deep.body.data.drug.targets.length).toBeGreaterThan(0);
    expect(deep.roundTrips).toBe(1);
  });

  it('cost one for paths: both ends resolved in the same statement as the search', async () => {
    const result = await gql(`{ paths(from: "drug:ruxolitinib", to: "condition:lichen-planus") { length } }`);
    expect(result.body.data.paths.length).toBeGreaterThan(0);
    expect(result.roundTrips).toBe(1);
  });
});

describe('a failed batch', () => {
  // Neo4j answers the first round trip (the lookup) and then becomes unreachable: the circuit of
  // src/db/availability.ts refuses every later session, as it does when Neo4j goes away mid-request.
  // The executor asks isUp twice per session (before and after waiting for a session slot).
  function failingAfter(checks: number) {
    let asked = 0;
    return {
      get state() {
        return 'up' as const;
      },
      isUp: () => ++asked <= checks,
      reportUnavailable() {},
      markStarted() {},
      markStopping() {},
      waitForDatabase: async () => {},
      close() {},
    };
  }

  it('is a coded error on every field it was to answer, never a shorter or empty list', async () => {
    const failing = testApp({ availability: failingAfter(2) });
    try {
      const result = await failing.gql(`{ drug(key: "ruxolitinib") { key approvals { key } uses { status } evidence(condition: "vitiligo") { studies } } }`);
      // approvals, uses and evidence each need a round trip after the lookup; the first to fail nulls the drug
      // (its lists are non-null), and GraphQL reports the errors of the fields settled by then.
      const codes = (result.body.errors ?? []).map((e) => e.extensions?.code);
      expect(codes.length).toBeGreaterThanOrEqual(1);
      expect(new Set(codes)).toEqual(new Set(['SERVICE_UNAVAILABLE']));
      const drug = result.body.data?.drug;
      for (const field of ['approvals', 'uses', 'evidence']) expect(Array.isArray(drug?.[field]) && drug[field].length === 0, field).toBe(false);
      expect(result.roundTrips).toBe(1);
    } finally {
      await failing.close();
    }
  });
});
