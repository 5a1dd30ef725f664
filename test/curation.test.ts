// Curation writes (the Mutation part of shared/API.md): refused without a token, with a wrong token,
// without the curate scope and with invalid input, each with its code, and a read afterwards proves
// nothing was written; a valid write creates the finding, its relationships and an audit event in one
// transaction; a retry writes nothing twice; a retraction keeps the fact and takes it out of evidence.
import { afterAll, describe, expect, it } from 'vitest';
import { seed } from '../src/ingest/seed.js';
import { cypher, testApp, testTokens } from './support/app.js';

const { gql, data, executor, close } = testApp();

const STUDY = 'pmid:38417541'; // Hwang 2024, reports on necrobiosis lipoidica only
const TRIPLE = `${STUDY}/delgocitinib/granuloma-annulare`; // no such finding in the corpus
const CORPUS_FINDING = 'pmid:38417541/ruxolitinib/necrobiosis-lipoidica';
const curator = { authorization: `Bearer ${testTokens.curator}` };

const addFinding = `mutation Add($input: FindingInput!) { addFinding(input: $input) {
  key route patients responders outcome retracted curatedBy curatedAt
  study { key } drug { key } condition { key } sources { citation pmid confidence }
  auditTrail { operation tokenId at inputHash requestId } } }`;
const retract = `mutation Retract($key: String!, $reason: String!) { retractFinding(key: $key, reason: $reason) {
  key retracted retraction { reason by at } auditTrail { operation } } }`;

const valid = {
  study: STUDY,
  drug: 'delgocitinib',
  condition: 'granuloma-annulare',
  outcome: 'PARTIAL_RESPONSE',
  patients: 4,
  responders: 3,
  summary: 'Test finding written by test/curation.test.ts',
  sources: [{ citation: 'Test citation', pmid: '38417541', url: 'https://pubmed.ncbi.nlm.nih.gov/38417541/', confidence: 'PARTIAL' }],
};

/** Everything this file may have written: curated findings of its triples, with their audit events. */
async function written() {
  const [row] = await executor().read(
    'test:written',
    `
    OPTIONAL MATCH (f:Finding) WHERE f.keyNorm STARTS WITH $prefix
    OPTIONAL MATCH (e:AuditEvent)-[:AUDITS]->(f)
    RETURN count(DISTINCT f) AS findings, count(DISTINCT e) AS events`,
    { prefix: `${STUDY}/delgocitinib/` },
  );
  return { findings: row.get('findings') as number, events: row.get('events') as number };
}

afterAll(async () => {
  await executor().write(
    'test:cleanup',
    `
    MATCH (f:Finding) WHERE f.keyNorm STARTS WITH $prefix AND f.createdBy IS NOT NULL
    OPTIONAL MATCH (e:AuditEvent)-[:AUDITS]->(f)
    DETACH DELETE f, e`,
    { prefix: `${STUDY}/delgocitinib/` },
  );
  await executor().write(
    'test:cleanup-corpus',
    `
    MATCH (f:Finding {keyNorm: $key})
    OPTIONAL MATCH (e:AuditEvent)-[:AUDITS]->(f)
    REMOVE f.retracted, f.retractedAt, f.retractedBy, f.retractionReason
    DETACH DELETE e`,
    { key: CORPUS_FINDING },
  );
  await close();
});

describe('refused writes write nothing', () => {
  it('refuses a write without a token, with a wrong token and without the curate scope', async () => {
    const cases: [Record<string, string>, string, number][] = [
      [{}, 'UNAUTHENTICATED', 401],
      [{ authorization: 'Bearer not-a-token' }, 'UNAUTHENTICATED', 401],
      [{ authorization: 'Basic dXNlcjpwYXNz' }, 'UNAUTHENTICATED', 401],
      [{ authorization: `Bearer ${testTokens.reader}` }, 'FORBIDDEN', 403],
    ];
    for (const [headers, code, status] of cases) {
      const result = await gql(addFinding, { input: valid }, headers);
      expect(result.body.errors?.[0].extensions?.code, JSON.stringify(headers)).toBe(code);
      expect(result.status).toBe(status);
      expect(result.body.data).toBeNull();
      expect(result.body.errors?.[0].message).not.toContain(testTokens.reader);
      const retraction = await gql(retract, { key: CORPUS_FINDING, reason: 'not allowed' }, headers);
      expect(retraction.body.errors?.[0].extensions?.code).toBe(code);
    }
    expect(await written()).toEqual({ findings: 0, events: 0 });
    expect((await data(`{ finding(key: "${CORPUS_FINDING}") { retracted } }`)).finding.retracted).toBe(false);
  });

  it('refuses invalid input with BAD_USER_INPUT, naming the problem', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ study: 'pmid:1' }, /Unknown study/],
      [{ drug: 'no-such-drug', condition: 'no-such-condition' }, /Unknown drug "no-such-drug", condition "no-such-condition"/],
      [{ patients: 4, responders: 5 }, /responders cannot exceed patients/],
      [{ patients: -1 }, /patients/],
      [{ sources: [] }, /at least one source/],
      [{ sources: [{ citation: 'x', url: 'javascript:alert(1)', confidence: 'CONFIRMED' }] }, /url/],
      [{ sources: [{ citation: 'x', pmid: 'PMID123', confidence: 'CONFIRMED' }] }, /PMID/],
      [{ summary: 'x'.repeat(5_000) }, /summary/],
      [{ study: '   ' }, /study/],
      [{ product: 'olumiant' }, /does not contain delgocitinib/],
    ];
    for (const [change, message] of cases) {
      const result = await gql(addFinding, { input: { ...valid, ...change } }, curator);
      expect(result.body.errors?.[0].extensions?.code, JSON.stringify(change)).toBe('BAD_USER_INPUT');
      expect(result.body.errors?.[0].message).toMatch(message);
    }
    // GraphQL's own type checks refuse wrong types and unknown enum values before the resolver.
    const wrongType = await gql(addFinding, { input: { ...valid, patients: 'four', outcome: 'CURED' } }, curator);
    expect(wrongType.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // A product of the wrong route for the given route.
    const ruxolitinib = await gql(addFinding, { input: { ...valid, drug: 'ruxolitinib', product: 'jakafi-tablet', route: 'TOPICAL' } }, curator);
    expect(ruxolitinib.body.errors?.[0].message).toMatch(/does not match the product jakafi-tablet/);
    // A drug with two routes needs one.
    const noRoute = await gql(addFinding, { input: { ...valid, drug: 'ruxolitinib' } }, curator);
    expect(noRoute.body.errors?.[0].message).toMatch(/route is required: ruxolitinib is used ORAL, TOPICAL/);
    expect(await written()).toEqual({ findings: 0, events: 0 });
    expect((await data(`{ evidence(drug: "delgocitinib", condition: "granuloma-annulare") { studies } }`)).evidence.studies).toBe(0);
  });
});

describe('addFinding', () => {
  it('writes the finding, its relationships and an audit event, under a key of the corpus pattern', async () => {
    const result = await gql(addFinding, { input: valid }, { ...curator, 'x-request-id': 'curation-test-1' });
    expect(result.body.errors).toBeUndefined();
    const finding = result.body.data.addFinding;
    expect(finding).toMatchObject({
      key: TRIPLE,
      route: 'TOPICAL', // delgocitinib's only route
      patients: 4,
      responders: 3,
      outcome: 'PARTIAL_RESPONSE',
      retracted: false,
      curatedBy: 'curator',
      study: { key: STUDY },
      drug: { key: 'delgocitinib' },
      condition: { key: 'granuloma-annulare' },
      sources: [{ citation: 'Test citation', pmid: '38417541', confidence: 'PARTIAL' }],
    });
    expect(finding.auditTrail).toEqual([
      { operation: 'addFinding', tokenId: 'curator', at: finding.curatedAt, inputHash: expect.stringMatching(/^[0-9a-f]{64}$/), requestId: 'curation-test-1' },
    ]);
    const read = await data(`{ study(key: "${STUDY}") { findings { key } }
      evidence(drug: "delgocitinib", condition: "granuloma-annulare") { studies patients responders responseRate } }`);
    expect(read.study.findings.map((f: { key: string }) => f.key)).toContain(TRIPLE);
    expect(read.evidence).toEqual({ studies: 1, patients: 4, responders: 3, responseRate: 0.75 });
    expect(await written()).toEqual({ findings: 1, events: 1 });
  });

  it('is idempotent: the same input again (keys in any case) returns the same finding and writes nothing', async () => {
    const again = await data(addFinding, { input: { ...valid, drug: 'Delgocitinib', study: STUDY.toUpperCase() } }, curator);
    expect(again.addFinding.key).toBe(TRIPLE);
    expect(again.addFinding.auditTrail).toHaveLength(1);
    expect(await written()).toEqual({ findings: 1, events: 1 });
  });

  it('refuses a different result for a study, drug and condition that already has a live finding', async () => {
    const result = await gql(addFinding, { input: { ...valid, responders: 1 } }, curator);
    expect(result.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', existing: TRIPLE });
    expect(await written()).toEqual({ findings: 1, events: 1 });
  });

  it('writes one finding when the same call arrives twice at once', async () => {
    const input = { ...valid, condition: 'cutaneous-sarcoidosis' };
    const results = await Promise.all([1, 2, 3].map(() => data(addFinding, { input }, curator)));
    expect(new Set(results.map((r) => r.addFinding.key))).toEqual(new Set([`${STUDY}/delgocitinib/cutaneous-sarcoidosis`]));
    expect(await written()).toEqual({ findings: 2, events: 2 });
  });
});

describe('retractFinding', () => {
  it('keeps the finding, marks it retracted and leaves it out of evidence and lists unless asked', async () => {
    const result = await data(retract, { key: TRIPLE, reason: 'duplicate of a later report' }, curator);
    expect(result.retractFinding).toMatchObject({
      key: TRIPLE,
      retracted: true,
      retraction: { reason: 'duplicate of a later report', by: 'curator', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
      auditTrail: [{ operation: 'addFinding' }, { operation: 'retractFinding' }],
    });
    const read = await data(`{
      evidence(drug: "delgocitinib", condition: "granuloma-annulare") { studies }
      all: evidence(drug: "delgocitinib", condition: "granuloma-annulare", includeRetracted: true) { studies findings { key retracted } }
      study(key: "${STUDY}") { findings { key } all: findings(includeRetracted: true) { key } }
      finding(key: "${TRIPLE}") { retracted } }`);
    expect(read.evidence.studies).toBe(0);
    expect(read.all).toEqual({ studies: 1, findings: [{ key: TRIPLE, retracted: true }] });
    expect(read.study.findings.map((f: { key: string }) => f.key)).not.toContain(TRIPLE);
    expect(read.study.all.map((f: { key: string }) => f.key)).toContain(TRIPLE);
    expect(read.finding.retracted).toBe(true);
  });

  it('changes nothing when retracted again', async () => {
    const again = await data(retract, { key: TRIPLE, reason: 'another reason' }, curator);
    expect(again.retractFinding.retraction.reason).toBe('duplicate of a later report');
    expect(again.retractFinding.auditTrail).toHaveLength(2);
  });

  it('takes a new finding for the triple after a retraction, under the next key', async () => {
    const result = await data(addFinding, { input: { ...valid, responders: 2 } }, curator);
    expect(result.addFinding.key).toBe(`${TRIPLE}/2`);
  });

  it('refuses an unknown finding and a missing reason', async () => {
    expect((await gql(retract, { key: 'pmid:1/none/none', reason: 'gone' }, curator)).body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await gql(retract, { key: TRIPLE, reason: ' ' }, curator)).body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('survives a reseed of the corpus: a retracted corpus finding stays retracted', async () => {
    await data(retract, { key: CORPUS_FINDING, reason: 'test: retraction must survive a reseed' }, curator);
    await seed(executor(), cypher);
    const read = await data(`{ finding(key: "${CORPUS_FINDING}") { retracted summary retraction { reason } } }`);
    expect(read.finding.retracted).toBe(true);
    expect(read.finding.summary).toBeTruthy();
    expect(read.finding.retraction.reason).toBe('test: retraction must survive a reseed');
  });
});
