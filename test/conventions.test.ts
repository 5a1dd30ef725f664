// Issue 13, items 12, 14 and 15: the API follows API.md's conventions. Scalars say what they are
// (@specifiedBy) and refuse impossible dates; enums, not strings, for closed sets of values; a key argument
// that names nothing is UNKNOWN_KEY with the nearest keys; the same question has the same default and the
// same type everywhere; nodes(ids:) answers each node with the id it was asked by.
import { afterAll, describe, expect, it } from 'vitest';
import { relationships } from '../src/graph-model.js';
import { drug as drugSchema } from '../src/ingest/corpus-schema.js';
import { testApp, testTokens } from './support/app.js';

const { gql, data, executor, close } = testApp();
afterAll(close);

const base64 = (text: string) => Buffer.from(text).toString('base64');

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
const named = (t: TypeRef): TypeRef => (t.ofType ? named(t.ofType) : t);

async function typeOf(typeName: string) {
  const { __type } = await data(
    `query($n: String!) { __type(name: $n) { name kind specifiedByURL enumValues { name }
    fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } args { name defaultValue } } } }`,
    { n: typeName },
  );
  return __type;
}
const fieldType = async (typeName: string, field: string) => named((await typeOf(typeName)).fields.find((f: { name: string }) => f.name === field).type);

describe('scalars and enums (item 12)', () => {
  it('specifies Date and DateTime (@specifiedBy), and types every timestamp as DateTime', async () => {
    expect((await typeOf('Date')).specifiedByURL).toMatch(/^https:\/\/scalars\.graphql\.org\/.+local-date/);
    expect((await typeOf('DateTime')).specifiedByURL).toMatch(/^https:\/\/scalars\.graphql\.org\/.+date-time/);
    for (const [type, field] of [
      ['Finding', 'curatedAt'],
      ['Retraction', 'at'],
      ['AuditEvent', 'at'],
    ]) {
      expect(await fieldType(type, field), `${type}.${field}`).toMatchObject({ kind: 'SCALAR', name: 'DateTime' });
    }
    expect(await fieldType('Approval', 'date')).toMatchObject({ kind: 'SCALAR', name: 'Date' });
  });

  it('refuses impossible calendar dates, as a variable or inline', async () => {
    const query = 'query($asOf: Date) { drug(key: "ruxolitinib") { approvals(asOf: $asOf) { key } } }';
    for (const asOf of ['2023-02-30', '2023-02-29', '2023-04-31', '2023-13-01', '2023-4-1', '20230401']) {
      expect((await gql(query, { asOf })).body.errors?.[0].extensions?.code, asOf).toBe('BAD_USER_INPUT');
    }
    expect((await gql('{ drug(key: "ruxolitinib") { approvals(asOf: "2023-02-30") { key } } }')).body.errors?.[0].extensions?.code).toMatch(
      /BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/,
    );
    expect((await gql(query, { asOf: '2024-02-29' })).body.errors).toBeUndefined();
  });

  it('answers developmentStatus and PathStep.type as enums derived from the one place that defines them', async () => {
    expect(await fieldType('Drug', 'developmentStatus')).toMatchObject({ kind: 'ENUM', name: 'DevelopmentStatus' });
    expect((await typeOf('DevelopmentStatus')).enumValues.map((v: { name: string }) => v.name).sort()).toEqual(
      [...drugSchema.shape.developmentStatus.options].sort(),
    );
    expect(await fieldType('PathStep', 'type')).toMatchObject({ kind: 'ENUM', name: 'RelationshipType' });
    expect((await typeOf('RelationshipType')).enumValues.map((v: { name: string }) => v.name).sort()).toEqual(Object.keys(relationships).sort());
    const { mechanisms } = await data('{ mechanisms(drug: "ruxolitinib", condition: "lichen-planus") { steps { type } } }');
    expect(mechanisms[0].steps.map((s: { type: string }) => s.type)).toEqual(['INTERACTS_WITH', 'PARTICIPATES_IN', 'IMPLICATED_IN']);
  });

  it('writes every enum value in SCREAMING_CASE', async () => {
    const { __schema } = await data('{ __schema { types { name kind enumValues { name } } } }');
    const enums = __schema.types.filter((t: { kind: string; name: string }) => t.kind === 'ENUM' && !t.name.startsWith('__'));
    expect(enums.length).toBeGreaterThan(10);
    for (const e of enums) for (const v of e.enumValues) expect(v.name, e.name).toMatch(/^[A-Z][A-Z0-9_]*$/);
  });

  it('answers curatedAt and the audit times as DateTime values', async () => {
    const input = {
      study: 'pmid:38417541',
      drug: 'ruxolitinib',
      condition: 'granuloma-annulare',
      route: 'TOPICAL',
      outcome: 'MIXED',
      summary: 'conventions test',
      sources: [{ citation: 'conventions test', confidence: 'UNVERIFIED' }],
    };
    const added = await gql(
      'mutation($input: FindingInput!) { addFinding(input: $input) { key curatedAt auditTrail { at } } }',
      { input },
      { authorization: `Bearer ${testTokens.curator}` },
    );
    try {
      expect(added.body.errors).toBeUndefined();
      const finding = added.body.data.addFinding;
      expect(finding.curatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
      expect(finding.auditTrail[0].at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    } finally {
      await executor().write(
        'test:conventions-cleanup',
        `MATCH (f:Finding {createdBy: 'curator', summary: 'conventions test'})
        OPTIONAL MATCH (e:AuditEvent)-[:AUDITS]->(f) DETACH DELETE f, e`,
      );
    }
  });
});

describe('key arguments that name nothing (item 14)', () => {
  it('refuses an unknown regulator (still a String argument) with UNKNOWN_KEY and the nearest keys', async () => {
    expect(await fieldType('Query', 'drug')).toMatchObject({ name: 'Drug' });
    const result = await gql('{ drug(key: "ruxolitinib") { approvals(regulator: "EU") { key } } }');
    expect(result.body.errors?.[0].extensions).toMatchObject({ code: 'UNKNOWN_KEY', argument: 'regulator', type: 'Regulator', key: 'EU' });
    expect(Array.isArray(result.body.errors?.[0].extensions?.suggestions)).toBe(true);
    const near = await gql('{ condition(key: "alopecia-areata") { approvals(regulator: "FDAA") { key } } }');
    expect(near.body.errors?.[0].extensions?.suggestions).toContain('FDA');
    // A known one, in any case, still filters.
    const { drug } = await data('{ drug(key: "ruxolitinib") { approvals(regulator: "fda") { regulator { key } } } }');
    expect(new Set(drug.approvals.map((a: { regulator: { key: string } }) => a.regulator.key))).toEqual(new Set(['FDA']));
  });

  it('refuses a filter key that names nothing, and still answers null for a lookup by key alone', async () => {
    const result = await gql('{ conditions(filter: {category: "lichenoid"}) { totalCount } }');
    expect(result.body.errors?.[0].extensions).toMatchObject({ code: 'UNKNOWN_KEY', argument: 'filter.category' });
    expect(result.body.errors?.[0].extensions?.suggestions).toContain('lichenoid-dermatoses');
    expect((await gql('{ studies(filter: {category: "nosuch"}) { totalCount } }')).body.errors?.[0].extensions?.code).toBe('UNKNOWN_KEY');
    expect((await data('{ drug(key: "ruxolitinb") { key } }')).drug).toBeNull();
  });
});

describe('one answer to one question (item 15)', () => {
  it('gives Drug.targets and Target.interactions the same default: primary targets only', async () => {
    const { drug, target } =
      await data(`{ drug(key: "ruxolitinib") { targets { target { key } primary } all: targets(includeSecondary: true) { target { key } } }
      target(key: "TYK2") { interactions { drug { key } primary } all: interactions(includeSecondary: true) { drug { key } } } }`);
    expect(drug.targets.every((t: { primary: boolean }) => t.primary)).toBe(true);
    expect(drug.all.length).toBeGreaterThan(drug.targets.length);
    expect(target.interactions.every((i: { primary: boolean }) => i.primary)).toBe(true);
    expect(target.interactions.map((i: { drug: { key: string } }) => i.drug.key)).not.toContain('ruxolitinib');
    expect(target.all.map((i: { drug: { key: string } }) => i.drug.key)).toContain('ruxolitinib');
    for (const [type, field] of [
      ['Drug', 'targets'],
      ['Target', 'interactions'],
    ]) {
      const arg = (await typeOf(type)).fields.find((f: { name: string }) => f.name === field).args.find((a: { name: string }) => a.name === 'includeSecondary');
      expect(arg.defaultValue, `${type}.${field}`).toBe('false');
    }
  });

  it("has one connection type for findings, and no regulator argument on a regulator's approvals", async () => {
    const types = new Set<string>();
    types.add((await fieldType('Query', 'findings')).name!);
    for (const owner of ['Drug', 'Condition', 'Study']) types.add((await fieldType(owner, 'findingsConnection')).name!);
    expect([...types]).toEqual(['FindingConnection']);
    expect(await typeOf('FindingListConnection')).toBeNull();
    const approvals = (await typeOf('Regulator')).fields.find((f: { name: string }) => f.name === 'approvals');
    expect(approvals.args.map((a: { name: string }) => a.name)).not.toContain('regulator');
  });

  it('answers node(id:) and nodes(ids:) with the ids as asked, whatever their case', async () => {
    const asked = [base64('Drug:RUXOLITINIB'), base64('Drug:ruxolitinib'), base64('Target:jak1'), base64('Drug:no-such-drug')];
    const { nodes } = await data('query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Entity { key } } }', { ids: asked });
    expect(nodes.map((n: { id: string } | null) => n?.id ?? null)).toEqual([asked[0], asked[1], asked[2], null]);
    expect(nodes.slice(0, 3).map((n: { key: string }) => n.key)).toEqual(['ruxolitinib', 'ruxolitinib', 'JAK1']);
    const { node } = await data('query($id: ID!) { node(id: $id) { id ... on Drug { key targets { target { id key } } } } }', { id: asked[0] });
    expect(node.id).toBe(asked[0]);
    expect(node.key).toBe('ruxolitinib');
    // Entities reached from it carry their own canonical ids.
    expect(node.targets[0].target.id).toBe(base64(`Target:${node.targets[0].target.key}`));
  });
});
