// The researchers' relationship questions: mechanisms, evidence, uses, paths, search.
import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from './support/app.js';

const { gql, data, close } = testApp();
afterAll(close);
const keys = (list: { key: string }[]) => list.map((x) => x.key);

describe('mechanisms', () => {
  it('links ruxolitinib to lichen planus through JAK1/JAK2 and interferon signalling, every step sourced', async () => {
    const { mechanisms } = await data(`{ mechanisms(drug: "ruxolitinib", condition: "lichen-planus") {
      length nodes { key entityType } steps { type from { key } to { key } sources { citation confidence } } } }`);
    expect(mechanisms.length).toBeGreaterThan(0);
    for (const path of mechanisms) {
      expect(path.length).toBe(3);
      expect(path.nodes.map((n: { entityType: string }) => n.entityType)).toEqual(['DRUG', 'TARGET', 'PATHWAY', 'CONDITION']);
      expect(path.steps.map((s: { type: string }) => s.type)).toEqual(['INTERACTS_WITH', 'PARTICIPATES_IN', 'IMPLICATED_IN']);
      for (const step of path.steps) expect(step.sources.length).toBeGreaterThan(0);
    }
    const routes = mechanisms.map((p: { nodes: { key: string }[] }) => `${p.nodes[1].key}>${p.nodes[2].key}`);
    expect(routes).toContain('JAK1>interferon-gamma-signaling');
    expect(routes).toContain('JAK2>interferon-gamma-signaling');
    // Primary, potent targets rank first: the off-target TYK2 (19 nM) comes after JAK1/JAK2 (3 nM).
    const firstTyk2 = routes.findIndex((r: string) => r.startsWith('TYK2'));
    if (firstTyk2 >= 0) expect(routes.slice(0, firstTyk2).every((r: string) => /^JAK[12]>/.test(r))).toBe(true);
  });

  it('refuses a key that names nothing with UNKNOWN_KEY and the nearest keys (issue 13, item 14)', async () => {
    const unknown = await gql(`{ mechanisms(drug: "ruxolitinb", condition: "lichen-planus") { length } }`);
    expect(unknown.body.errors?.[0].extensions).toMatchObject({ code: 'UNKNOWN_KEY', argument: 'drug', key: 'ruxolitinb' });
    expect(unknown.body.errors?.[0].extensions?.suggestions).toContain('ruxolitinib');
    const condition = await gql(`{ mechanisms(drug: "ruxolitinib", condition: "lichen-plannus") { length } }`);
    expect(condition.body.errors?.[0].extensions).toMatchObject({ code: 'UNKNOWN_KEY', argument: 'condition' });
    expect(condition.body.errors?.[0].extensions?.suggestions).toContain('lichen-planus');
    // Two keys that exist and no path between them: an empty list, not an error.
    expect((await data(`{ mechanisms(drug: "ruxolitinib", condition: "crohns-disease") { length } }`)).mechanisms).toEqual([]);
  });
});

describe('evidence', () => {
  it('sums the necrobiosis lipoidica evidence without guessing a response rate', async () => {
    const { evidence } = await data(`{ evidence(drug: "ruxolitinib", condition: "necrobiosis-lipoidica", route: TOPICAL) {
      studies patients responders responseRate findings { study { key } } approvedBy { key } offLabelIn { key } } }`);
    expect(evidence).toEqual({
      studies: 1,
      patients: 12,
      responders: null,
      responseRate: null,
      findings: [{ study: { key: 'pmid:38417541' } }],
      // Off-label only where the graph holds the regulator's whole label (FDA, EMA); the MHRA and PMDA labels are
      // held in part, so there the status is UNKNOWN, not off-label.
      approvedBy: [],
      offLabelIn: [{ key: 'EMA' }, { key: 'FDA' }],
    });
  });

  it('computes the alopecia areata response rate only over findings that state both counts', async () => {
    const { evidence } = await data(`{ evidence(drug: "ruxolitinib", condition: "alopecia-areata") {
      studies studiesWithResults patients responders patientsWithKnownResponse responseRate } }`);
    // Seven studies; case reports 1/1, 0/1, 1/1, the ruxolitinib arm of a series 1/2 and the oral pilot 9/12
    // make 12 of 17; the cream phase 2 states no count for its arms and the unverified pilot no result.
    expect(evidence).toMatchObject({ studies: 7, studiesWithResults: 5, patients: 17, responders: 12, patientsWithKnownResponse: 17 });
    expect(evidence.responseRate).toBeCloseTo(12 / 17);
  });

  it("keeps the arms of a placebo-controlled trial apart: the drug's arms summed, placebo beside them", async () => {
    const { evidence } = await data(`{ evidence(drug: "ritlecitinib", condition: "alopecia-areata") {
      controlledStudies patients responders comparatorPatients comparatorResponders
      findings { key arm { role } comparators { arm { role } patients responders } } } }`);
    expect(evidence.controlledStudies).toBeGreaterThan(0);
    for (const f of evidence.findings) {
      if (f.arm) expect(f.arm.role).toBe('EXPERIMENTAL');
      for (const c of f.comparators) expect(c.arm.role).not.toBe('EXPERIMENTAL');
    }
    // ALLEGRO 2b/3 states every count: placebo 2/130 stands beside the drug's arms, never inside their sums.
    expect(evidence.comparatorResponders).toBeLessThan(evidence.responders);
    expect(evidence.patients).not.toBe(null);
  });

  it('names who approved a use, and where it is off-label', async () => {
    const { evidence } = await data(`{ evidence(drug: "ruxolitinib", condition: "nonsegmental-vitiligo", route: TOPICAL) {
      studies approvedBy { key } offLabelIn { key } } }`);
    // PMDA: the graph holds no authorisation of topical ruxolitinib in Japan and not the whole Japanese label, so
    // the use is UNKNOWN there, never "off-label".
    expect(evidence).toMatchObject({ approvedBy: [{ key: 'EMA' }, { key: 'FDA' }, { key: 'MHRA' }], offLabelIn: [] });
  });

  it('refuses a key that names nothing with UNKNOWN_KEY and the nearest keys, never a silent null', async () => {
    const condition = await gql(`{ evidence(drug: "ruxolitinib", condition: "vitiligo-nonsegmental") { studies } }`);
    expect(condition.body.errors?.[0].extensions).toMatchObject({
      code: 'UNKNOWN_KEY',
      argument: 'condition',
      suggestions: expect.arrayContaining(['nonsegmental-vitiligo']),
    });
    const drug = await gql(`{ evidence(drug: "ruxolitinb", condition: "alopecia-areata") { studies } }`);
    expect(drug.body.errors?.[0].extensions).toMatchObject({ code: 'UNKNOWN_KEY', argument: 'drug', suggestions: expect.arrayContaining(['ruxolitinib']) });
    // A pair that exists but has no finding answers a summary of nothing, not an error.
    expect((await data(`{ evidence(drug: "brepocitinib", condition: "lichen-planus") { studies } }`)).evidence).toEqual({ studies: 0 });
  });
});

describe('uses', () => {
  it('keeps topical and oral apart: the oral cGVHD approval does not make topical use on-label', async () => {
    const { uses } = await data(`{ uses(drug: "ruxolitinib", condition: "chronic-graft-versus-host-disease") {
      route status approvedBy { key } approvals { key population } evidence { studies } } }`);
    expect(uses).toEqual([
      {
        route: 'ORAL',
        status: 'APPROVED',
        approvedBy: [{ key: 'EMA' }, { key: 'FDA' }, { key: 'PMDA' }],
        approvals: expect.arrayContaining([expect.objectContaining({ key: 'fda-jakafi-chronic-graft-versus-host-disease-2021' })]),
        evidence: { studies: expect.any(Number) },
      },
      { route: 'TOPICAL', status: 'OFF_LABEL', approvedBy: [], approvals: [], evidence: { studies: 2 } },
    ]);
  });

  it('lists the off-label topical uses of ruxolitinib under the EMA, atopic dermatitis among them', async () => {
    const { uses } = await data(
      `{ uses(drug: "ruxolitinib", regulator: "EMA", status: OFF_LABEL, route: TOPICAL) { condition { key } status approvedBy { key } } }`,
    );
    const conditions = uses.map((u: { condition: { key: string } }) => u.condition.key);
    expect(conditions).toEqual(expect.arrayContaining(['atopic-dermatitis', 'lichen-planus', 'alopecia-areata', 'necrobiosis-lipoidica']));
    expect(conditions).not.toContain('nonsegmental-vitiligo');
    expect(uses.find((u: { condition: { key: string } }) => u.condition.key === 'atopic-dermatitis').approvedBy).toEqual([{ key: 'FDA' }]);
    for (const u of uses) expect(u.status).toBe('OFF_LABEL');
  });

  it('refuses a regulator or drug the graph does not know with UNKNOWN_KEY and suggestions', async () => {
    const regulator = await gql(`{ uses(drug: "ruxolitinib", regulator: "EMEA") { route } }`);
    expect(regulator.body.errors?.[0].extensions).toMatchObject({ code: 'UNKNOWN_KEY', argument: 'regulator' });
    const drug = await gql(`{ uses(drug: "ruxolitinb") { route } }`);
    expect(drug.body.errors?.[0].extensions).toMatchObject({ code: 'UNKNOWN_KEY', argument: 'drug', suggestions: expect.arrayContaining(['ruxolitinib']) });
    const viaDrug = await gql(`{ drug(key: "ruxolitinib") { uses(regulator: "XYZ") { route } } }`);
    expect(viaDrug.body.errors?.[0].extensions?.code).toBe('UNKNOWN_KEY');
  });

  it('answers Drug.uses with the same rules', async () => {
    const { drug } = await data(`{ drug(key: "ruxolitinib") { uses(regulator: "FDA", status: APPROVED) { condition { key } route } } }`);
    expect(drug.uses).toEqual(
      expect.arrayContaining([
        { condition: { key: 'atopic-dermatitis' }, route: 'TOPICAL' },
        { condition: { key: 'nonsegmental-vitiligo' }, route: 'TOPICAL' },
        { condition: { key: 'myelofibrosis' }, route: 'ORAL' },
      ]),
    );
    expect(drug.uses).toHaveLength(6);
  });
});

describe('paths', () => {
  it('finds paths between a drug and a condition, shortest first, each step typed and sourced', async () => {
    const { paths } = await data(`{ paths(from: "drug:ruxolitinib", to: "condition:alopecia-areata", maxLength: 3, first: 10) {
      length nodes { key } steps { type reversed sources { citation } } } }`);
    expect(paths.length).toBeGreaterThan(1);
    expect(paths[0].length).toBe(2); // drug <- finding -> condition
    expect(paths.map((p: { length: number }) => p.length)).toEqual([...paths.map((p: { length: number }) => p.length)].sort());
    for (const path of paths) {
      expect(new Set(keys(path.nodes)).size).toBe(path.nodes.length);
      for (const step of path.steps) expect(step.sources.length).toBeGreaterThan(0);
    }
  });

  it('refuses an ambiguous key with the candidates, and limits with coded errors', async () => {
    const ambiguous = await gql(`{ paths(from: "ruxolitinib", to: "alopecia-areata") { length } }`);
    expect(ambiguous.body.errors?.[0].extensions).toMatchObject({
      code: 'AMBIGUOUS_KEY',
      candidates: expect.arrayContaining(['condition:alopecia-areata', 'conditionCategory:alopecia-areata']),
    });
    for (const q of [
      `{ paths(from: "drug:ruxolitinib", to: "target:JAK1", maxLength: 7) { length } }`,
      `{ paths(from: "drug:ruxolitinib", to: "target:JAK1", first: 500) { length } }`,
    ]) {
      expect((await gql(q)).body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses an end that names nothing with UNKNOWN_KEY and the nearest keys (issue 13, item 14)', async () => {
    const typed = await gql(`{ paths(from: "drug:ruxolitinb", to: "target:JAK1") { length } }`);
    expect(typed.body.errors?.[0].extensions).toMatchObject({ code: 'UNKNOWN_KEY', argument: 'from', type: 'Drug' });
    expect(typed.body.errors?.[0].extensions?.suggestions).toContain('ruxolitinib');
    const untyped = await gql(`{ paths(from: "ruxolitinib", to: "nosuchthing") { length } }`);
    expect(untyped.body.errors?.[0].extensions).toMatchObject({ code: 'UNKNOWN_KEY', argument: 'to', suggestions: [] });
  });
});

describe('search', () => {
  it('tolerates typos and ranks the right entity first', async () => {
    const { search } = await data(`{ search(query: "ruxolitinb", first: 3) { score entity { key entityType } } }`);
    expect(search[0].entity).toEqual({ key: 'ruxolitinib', entityType: 'DRUG' });
  });

  it('finds entities by cross-reference ids and filters by type', async () => {
    const result = await data(`{ chembl: search(query: "CHEMBL1789941") { entity { key } }
      uniprot: search(query: "P23458") { entity { key } }
      pmid: search(query: "38417541", types: [STUDY]) { entity { key entityType } }
      nct: search(query: "NCT05635838") { entity { key } } }`);
    expect(result.chembl[0].entity.key).toBe('ruxolitinib');
    expect(result.uniprot[0].entity.key).toBe('JAK1');
    expect(result.pmid).toEqual([{ entity: { key: 'pmid:38417541', entityType: 'STUDY' } }]);
    expect(result.nct[0].entity.key).toBe('nct:NCT05635838');
  });

  it('answers an empty list for an empty query and refuses too many results', async () => {
    expect((await data(`{ search(query: "  ") { score } }`)).search).toEqual([]);
    expect((await gql(`{ search(query: "jak", first: 1000) { score } }`)).body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
