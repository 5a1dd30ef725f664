// Plural roots: Relay connections with first/after, keys bulk lookup, filter, orderBy and totalCount.
import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from './support/app.js';

const { gql, data, close } = testApp();
afterAll(close);

describe('connections', () => {
  it('pages through every drug with stable cursors and a total', async () => {
    const { condition: c } = await data(`{ condition(key: "alopecia-areata") { findings(outcome: [NO_RESPONSE]) { key } } }`);
    const noResponse = new Set(c.findings.map((f: { key: string }) => f.key));
    expect(noResponse.size).toBeGreaterThan(0);
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 20; page++) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const result: any = await data(
        `query($after: String) { drugs(first: 3, after: $after, orderBy: {field: KEY}) {
        totalCount edges { cursor node { key } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      total = result.drugs.totalCount;
      seen.push(...result.drugs.edges.map((e: { node: { key: string } }) => e.node.key));
      if (!result.drugs.pageInfo.hasNextPage) break;
      after = result.drugs.pageInfo.endCursor;
    }
    expect(total).toBe(10);
    expect(seen).toHaveLength(10);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toContain('ruxolitinib');
  });

  it('looks up many keys at once, case-insensitively, ignoring unknown ones', async () => {
    const result = await data(`{ targets(keys: ["jak1", "TYK2", "JAK9"], orderBy: {field: KEY}) { totalCount edges { node { key } } } }`);
    expect(result.targets.totalCount).toBe(2);
    expect(result.targets.edges.map((e: { node: { key: string } }) => e.node.key)).toEqual(['JAK1', 'TYK2']);
  });

  it('filters conditions by category and by text', async () => {
    const result = await data(`{ lichenoid: conditions(filter: {category: "lichenoid-dermatoses"}, first: 50) { totalCount edges { node { key } } }
      text: conditions(filter: {text: "GVHD"}) { edges { node { key } } } }`);
    const lichenoid = result.lichenoid.edges.map((e: { node: { key: string } }) => e.node.key);
    expect(lichenoid).toEqual(expect.arrayContaining(['lichen-planus', 'lichen-planopilaris', 'lichen-sclerosus']));
    expect(lichenoid).not.toContain('alopecia-areata');
    expect(result.lichenoid.totalCount).toBe(lichenoid.length);
    expect(result.text.edges.map((e: { node: { key: string } }) => e.node.key).sort()).toEqual([
      'acute-graft-versus-host-disease',
      'chronic-graft-versus-host-disease',
    ]);
  });

  it('filters studies by design, year range and condition category, ordered by year', async () => {
    const result = await data(`{ studies(filter: {design: [CASE_REPORT], yearFrom: 2016, yearTo: 2023, category: "alopecia-areata"},
      orderBy: {field: YEAR, direction: DESC}, first: 50) { totalCount edges { node { key year design } } } }`);
    const studies = result.studies.edges.map((e: { node: unknown }) => e.node);
    expect(studies.length).toBe(result.studies.totalCount);
    expect(studies).toEqual([
      { key: 'pmid:28635319', year: 2017, design: 'CASE_REPORT' },
      { key: 'doi:10.1001/jamadermatol.2015.4445', year: 2016, design: 'CASE_REPORT' },
    ]);
  });

  it('answers an empty page, not an error, when nothing matches', async () => {
    const result = await data(`{ studies(filter: {yearFrom: 2090}) { totalCount edges { node { key } } pageInfo { hasNextPage } } }`);
    expect(result.studies).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false } });
  });

  it('refuses a page size over the maximum and a bad cursor with coded errors', async () => {
    for (const query of [`{ drugs(first: 1000) { totalCount } }`, `{ drugs(after: "bm9wZQ==") { totalCount } }`]) {
      const result = await gql(query);
      expect(result.body.errors?.[0].extensions?.code, query).toBe('BAD_USER_INPUT');
    }
  });

  it('advertises only first/after, with the default page size in the schema (issue 13, item 13)', async () => {
    const { __schema } = await data(`{ __schema { types { name fields { name type { name kind ofType { name } } args { name defaultValue } } } } }`);
    const connectionFields = __schema.types.flatMap(
      (t: {
        fields:
          | { name: string; type: { name: string | null; ofType: { name: string } | null }; args: { name: string; defaultValue: string | null }[] }[]
          | null;
      }) => (t.fields ?? []).filter((f) => (f.type.name ?? f.type.ofType?.name ?? '').endsWith('Connection')),
    );
    expect(connectionFields.length).toBeGreaterThan(10);
    for (const field of connectionFields) {
      const args = Object.fromEntries(field.args.map((a: { name: string; defaultValue: string | null }) => [a.name, a.defaultValue]));
      expect(args, field.name).not.toHaveProperty('last');
      expect(args, field.name).not.toHaveProperty('before');
      expect(args.first, field.name).toBe('20');
      expect(args, field.name).toHaveProperty('after');
    }
    for (const query of [`{ drugs(last: 2) { totalCount } }`, `{ studies(before: "x") { totalCount } }`]) {
      expect((await gql(query)).body.errors?.[0].extensions?.code, query).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    // Without first: the 20 the schema says, of more.
    const { studies } = await data('{ studies { totalCount edges { node { key } } pageInfo { hasNextPage } } }');
    expect(studies.totalCount).toBeGreaterThan(20);
    expect(studies.edges).toHaveLength(20);
    expect(studies.pageInfo.hasNextPage).toBe(true);
  });
});

describe('findings lists', () => {
  it('filter by outcome on the root connection and on relationship lists', async () => {
    const result = await data(`{ findings(filter: {outcome: [NO_RESPONSE]}, first: 50) { totalCount edges { node { key outcome } } }
      condition(key: "alopecia-areata") { all: findings { key } none: findings(outcome: [NO_RESPONSE]) { key outcome } } }`);
    expect(result.findings.edges.map((e: { node: { outcome: string } }) => e.node.outcome)).toEqual(Array(result.findings.totalCount).fill('NO_RESPONSE'));
    // The case report of a failure (PMID 28635319) is graded NO_RESPONSE; the trials' arms are not graded.
    expect(result.condition.none.map((f: { key: string }) => f.key)).toContain('pmid:28635319/ruxolitinib/alopecia-areata');
    for (const f of result.condition.none) expect(f.outcome).toBe('NO_RESPONSE');
    expect(result.condition.all.length).toBeGreaterThan(result.condition.none.length);
  });
});

describe('long relationship lists as connections', () => {
  it("page a condition's findings with cursors and a total, filtered like the list", async () => {
    const query = `query($after: String) { condition(key: "alopecia-areata") {
      findings { key }
      findingsConnection(first: 20, after: $after) { totalCount edges { node { key } } pageInfo { hasNextPage endCursor } }
      noResponse: findingsConnection(outcome: [NO_RESPONSE]) { totalCount } } }`;
    const { condition: c } = await data(`{ condition(key: "alopecia-areata") { findings(outcome: [NO_RESPONSE]) { key } } }`);
    const noResponse = new Set(c.findings.map((f: { key: string }) => f.key));
    expect(noResponse.size).toBeGreaterThan(0);
    const seen: string[] = [];
    let after: string | null = null;
    let all: string[] = [];
    for (let page = 0; page < 20; page++) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const { condition }: any = await data(query, { after });
      all = condition.findings.map((f: { key: string }) => f.key);
      expect(condition.findingsConnection.totalCount).toBe(all.length);
      expect(condition.noResponse.totalCount).toBe(all.filter((k) => noResponse.has(k)).length);
      seen.push(...condition.findingsConnection.edges.map((e: { node: { key: string } }) => e.node.key));
      if (!condition.findingsConnection.pageInfo.hasNextPage) break;
      after = condition.findingsConnection.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
  });

  it('refuses a page over the limit with a coded error', async () => {
    const result = await gql(`{ drug(key: "ruxolitinib") { findingsConnection(first: 5000) { totalCount } } }`);
    expect(result.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
