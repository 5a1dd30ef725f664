// Identity, lookups and relationships both ways, through the GraphQL API against the real Neo4j.
import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from './support/app.js';

const { gql, data, close } = testApp();
afterAll(close);

describe('the foundation question', () => {
  it("answers ruxolitinib's targets with JAK1 and JAK2 as inhibitor targets", async () => {
    const result = await data(`{ drug(key: "ruxolitinib") { targets { target { key } action } } }`);
    expect(result.drug.targets).toEqual([
      { target: { key: 'JAK1' }, action: 'INHIBITOR' },
      { target: { key: 'JAK2' }, action: 'INHIBITOR' },
    ]);
  });

  it('adds off-target activity with potencies and sources when asked', async () => {
    const result = await data(`{ drug(key: "ruxolitinib") { targets(includeSecondary: true) {
      target { key } primary potencyNm potencyType sources { citation confidence } } } }`);
    const byKey = Object.fromEntries(result.drug.targets.map((t: any) => [t.target.key, t])); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(Object.keys(byKey).sort()).toEqual(['JAK1', 'JAK2', 'JAK3', 'TYK2']);
    expect(byKey.TYK2).toMatchObject({ primary: false, potencyNm: 19, potencyType: 'IC50' });
    expect(byKey.JAK3).toMatchObject({ primary: false, potencyNm: 430 });
    // Most potent first.
    expect(result.drug.targets.map((t: { potencyNm: number }) => t.potencyNm)).toEqual([3, 3, 19, 430]);
    for (const t of result.drug.targets) expect(t.sources.length).toBeGreaterThan(0);
  });
});

describe('identity', () => {
  it('looks keys up case-insensitively and answers null for an unknown key', async () => {
    const result = await data(`{ a: drug(key: "RUXOLITINIB") { key } b: target(key: "jak1") { key name }
      c: drug(key: "no-such-drug") { key } d: study(key: "PMID:40192197") { key } e: regulator(key: "fda") { key } }`);
    expect(result.a).toEqual({ key: 'ruxolitinib' });
    expect(result.b).toEqual({ key: 'JAK1', name: 'Tyrosine-protein kinase JAK1' });
    expect(result.c).toBeNull();
    expect(result.d).toEqual({ key: 'pmid:40192197' });
    expect(result.e).toEqual({ key: 'FDA' });
  });

  it('gives every entity a Relay id that node(id:) resolves back', async () => {
    const { condition } = await data(`{ condition(key: "lichen-planus") { id key } }`);
    const { node } = await data(`query($id: ID!) { node(id: $id) { id ... on Condition { key name category { key } } } }`, { id: condition.id });
    expect(node).toEqual({ id: condition.id, key: 'lichen-planus', name: 'Lichen planus', category: { key: 'lichenoid-dermatoses' } });
  });

  it('answers null for a node id of an entity that does not exist', async () => {
    const id = Buffer.from('Drug:no-such-drug').toString('base64');
    const result = await gql(`query($id: ID!) { node(id: $id) { id } }`, { id });
    expect(result.body.data?.node ?? null).toBeNull();
  });

  it('carries xrefs and sources with confidence on entities', async () => {
    const { drug } = await data(`{ drug(key: "ruxolitinib") { xrefs { source id url } sources { citation confidence } confidence synonyms } }`);
    expect(drug.xrefs).toContainEqual(expect.objectContaining({ source: 'ChEMBL', id: 'CHEMBL1789941' }));
    expect(drug.xrefs).toContainEqual(expect.objectContaining({ source: 'DrugBank', id: 'DB08877' }));
    expect(drug.synonyms).toEqual(expect.arrayContaining(['Opzelura', 'Jakafi']));
    expect(drug.sources.length).toBeGreaterThan(0);
  });
});

describe('relationships both ways', () => {
  it('goes target -> drugs and back', async () => {
    const { target } = await data(`{ target(key: "TYK2") { interactions(includeSecondary: false) { drug { key } action } } }`);
    const drugs = target.interactions.map((i: { drug: { key: string } }) => i.drug.key).sort();
    expect(drugs).toEqual(['brepocitinib', 'delgocitinib', 'deucravacitinib']);
    expect(target.interactions.find((i: { drug: { key: string } }) => i.drug.key === 'deucravacitinib').action).toBe('ALLOSTERIC_INHIBITOR');
  });

  it('goes pathway -> targets and conditions, with the sources of each link', async () => {
    const { pathway } = await data(`{ pathway(key: "interferon-gamma-signaling") {
      xrefs { source id } targets { key } conditions { key } parent { key }
      conditionLinks { condition { key } sources { citation pmid } } } }`);
    expect(pathway.xrefs).toContainEqual({ source: 'Reactome', id: 'R-HSA-877300' });
    expect(pathway.targets.map((t: { key: string }) => t.key).sort()).toEqual(['JAK1', 'JAK2']);
    expect(pathway.conditions.map((c: { key: string }) => c.key)).toEqual(
      expect.arrayContaining(['lichen-planus', 'necrobiosis-lipoidica', 'alopecia-areata']),
    );
    expect(pathway.parent).toEqual({ key: 'interferon-signaling' });
    const nl = pathway.conditionLinks.find((l: { condition: { key: string } }) => l.condition.key === 'necrobiosis-lipoidica');
    expect(nl.sources.map((s: { pmid: string | null }) => s.pmid)).toContain('38417541');
  });

  it('goes condition -> category -> conditions, and condition -> findings -> studies', async () => {
    const { condition } = await data(`{ condition(key: "necrobiosis-lipoidica") {
      category { key conditions { key } } pathways { key }
      findings { study { key design patients } patients outcome summary } } }`);
    expect(condition.category.key).toBe('granulomatous-dermatoses');
    expect(condition.category.conditions.map((c: { key: string }) => c.key)).toContain('granuloma-annulare');
    expect(condition.pathways.map((p: { key: string }) => p.key)).toContain('interferon-gamma-signaling');
    expect(condition.findings).toEqual([
      expect.objectContaining({ study: { key: 'pmid:38417541', design: 'PROSPECTIVE_OPEN_LABEL', patients: 12 }, patients: 12, outcome: 'IMPROVED' }),
    ]);
  });

  it('keeps the review with its PRISMA counts and the studies judged to be among its 28', async () => {
    const { study } = await data(`{ study(key: "pmid:40192197") { design year doi
      prisma { screened excluded assessed included }
      includes { key } likely: includes(judgement: [LIKELY]) { key }
      inclusions { study { key } judgement sources { confidence } } } }`);
    expect(study).toMatchObject({ design: 'SYSTEMATIC_REVIEW', year: 2025, doi: '10.1111/exd.70095' });
    expect(study.prisma).toEqual({ screened: 170, excluded: 112, assessed: 58, included: 28 });
    expect(study.likely.length).toBeGreaterThanOrEqual(10);
    expect(study.likely.length).toBeLessThanOrEqual(28);
    expect(study.includes.map((s: { key: string }) => s.key)).toContain('pmid:38417541');
    for (const inclusion of study.inclusions) expect(inclusion.sources[0].confidence).toBe('UNVERIFIED');
    const { study: primary } = await data(`{ study(key: "pmid:38417541") { includedIn { key } } }`);
    expect(primary.includedIn).toEqual([{ key: 'pmid:40192197' }]);
  });

  it('goes product -> drug and drug -> products, regulator -> approvals', async () => {
    const result = await data(`{ product(key: "opzelura-cream-1-5") { name route formulation drug { key } }
      drug(key: "ruxolitinib") { products { key route } }
      regulator(key: "MHRA") { jurisdiction approvals { product { key } condition { key } } } }`);
    expect(result.product).toEqual({ name: 'Opzelura', route: 'TOPICAL', formulation: 'cream', drug: { key: 'ruxolitinib' } });
    expect(result.drug.products).toEqual(
      expect.arrayContaining([
        { key: 'opzelura-cream-1-5', route: 'TOPICAL' },
        { key: 'jakafi-tablet', route: 'ORAL' },
      ]),
    );
    expect(result.regulator.approvals).toEqual(
      expect.arrayContaining([
        { product: { key: 'cibinqo' }, condition: { key: 'atopic-dermatitis' } },
        { product: { key: 'opzelura-cream-1-5' }, condition: { key: 'nonsegmental-vitiligo' } },
      ]),
    );
  });
});

describe('approvals', () => {
  const query = `query($asOf: Date, $reg: String, $op: Boolean) { drug(key: "ruxolitinib") {
    approvals(asOf: $asOf, regulator: $reg, includeOpinions: $op) { key date datePrecision kind regulator { key } condition { key } population } } }`;

  it('honours month precision: an EC decision of 2012-08 is uncertain during August, in force after it', async () => {
    const keys = async (asOf: string) => (await data(query, { asOf, reg: 'EMA' })).drug.approvals.map((a: { key: string }) => a.key);
    expect(await keys('2012-07-31')).toEqual([]);
    expect(await keys('2012-08-15')).toEqual(['ec-jakavi-myelofibrosis-2012']);
    const inForce = `query($asOf: Date) { approval(key: "ec-jakavi-myelofibrosis-2012") { datePrecision inForce(asOf: $asOf) } }`;
    expect((await data(inForce, { asOf: '2012-08-15' })).approval).toEqual({ datePrecision: 'MONTH', inForce: 'UNCERTAIN' });
    expect((await data(inForce, { asOf: '2012-09-01' })).approval).toEqual({ datePrecision: 'MONTH', inForce: 'YES' });
    // Known to the day: the EC decision on Opzelura of 2023-04-19 is in force from that day.
    expect(await keys('2023-04-18')).not.toContain('ec-opzelura-nonsegmental-vitiligo-2023');
    expect(await keys('2023-04-19')).toContain('ec-opzelura-nonsegmental-vitiligo-2023');
  });

  it('lists the CHMP opinion only when opinions are asked for', async () => {
    const result = await data(query, { reg: 'EMA', op: true });
    expect(result.drug.approvals.map((a: { kind: string }) => a.kind)).toContain('POSITIVE_OPINION');
  });

  it('answers what was approved for alopecia areata, by whom and when', async () => {
    const { condition } = await data(`{ condition(key: "alopecia-areata") { approvals {
      regulator { key } product { name drug { key } route } date datePrecision sources { url } } } }`);
    const rows = condition.approvals.map((a: any) => [a.regulator.key, a.product.drug.key, a.date, a.datePrecision]); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(rows).toEqual(
      expect.arrayContaining([
        ['FDA', 'baricitinib', '2022-06-13', 'DAY'],
        ['FDA', 'ritlecitinib', '2023-06-23', 'DAY'],
        ['FDA', 'deuruxolitinib', '2024-07-25', 'DAY'],
      ]),
    );
    const dates = rows.map((r: string[]) => r[2]);
    expect(dates).toEqual([...dates].sort());
    for (const a of condition.approvals) expect(a.sources.length).toBeGreaterThan(0);
  });

  it('refuses an invalid date with a coded error', async () => {
    const result = await gql(query, { asOf: '2023-13-45' });
    expect(result.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
