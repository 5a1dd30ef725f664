// Every drug, condition and regulator of the corpus, answered through GraphQL and checked against an
// oracle computed here, independently, from the data files themselves.
import { afterAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../src/ingest/read-corpus.js';
import { testApp } from './support/app.js';

const { data, close } = testApp();
afterAll(close);
const { corpus } = readCorpus();
const sorted = (xs: string[]) => [...xs].sort();

const productById = new Map(corpus['products.json'].map((p) => [p.key, p]));
const authorisations = corpus['approvals.json'].filter((a) => a.kind === 'AUTHORISATION');
const regulators = corpus['regulators.json'].map((r) => r.key);

describe('every drug', () => {
  it('has exactly the targets of interactions.json, with their potencies', async () => {
    const query = `{ ${corpus['drugs.json'].map((d, i) => `d${i}: drug(key: "${d.key}") { targets(includeSecondary: true) { target { key } potencyNm primary } }`).join(' ')} }`;
    const result = await data(query);
    corpus['drugs.json'].forEach((d, i) => {
      const expected = corpus['interactions.json'].filter((x) => x.drug === d.key)
        .map((x) => `${x.target}:${x.potencyNm ?? null}:${x.primary}`);
      const actual = result[`d${i}`].targets.map((t: any) => `${t.target.key}:${t.potencyNm}:${t.primary}`); // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(sorted(actual), d.key).toEqual(sorted(expected));
    });
  });
});

describe('every condition', () => {
  it('has exactly its findings and authorisations, approvals in date order', async () => {
    const query = `{ ${corpus['conditions.json'].map((c, i) => `c${i}: condition(key: "${c.key}") { findings { key } approvals { key date } category { key } }`).join(' ')} }`;
    const result = await data(query);
    corpus['conditions.json'].forEach((c, i) => {
      const actual = result[`c${i}`];
      expect(sorted(actual.findings.map((f: { key: string }) => f.key)), c.key).toEqual(
        sorted(corpus['findings.json'].filter((f) => f.condition === c.key).map((f) => f.key)),
      );
      const approvals = authorisations.filter((a) => a.condition === c.key);
      expect(sorted(actual.approvals.map((a: { key: string }) => a.key)), c.key).toEqual(sorted(approvals.map((a) => a.key)));
      const dates = actual.approvals.map((a: { date: string }) => a.date);
      expect(dates).toEqual([...dates].sort());
      expect(actual.category?.key ?? null, c.key).toBe(c.category ?? null);
    });
  });

  it('sums its evidence per drug the way the EvidenceSummary documents', async () => {
    const pairs = [...new Set(corpus['findings.json'].map((f) => `${f.drug}|${f.condition}`))].map((p) => p.split('|'));
    const query = `{ ${pairs.map(([d, c], i) => `e${i}: evidence(drug: "${d}", condition: "${c}") { studies patients responders responseRate }`).join(' ')} }`;
    const result = await data(query);
    pairs.forEach(([drug, condition], i) => {
      const findings = corpus['findings.json'].filter((f) => f.drug === drug && f.condition === condition);
      const reported = findings.filter((f) => f.outcome !== undefined);
      const withPatients = reported.filter((f) => f.patients !== undefined);
      const withResponders = reported.filter((f) => f.responders !== undefined);
      const both = reported.filter((f) => f.patients !== undefined && f.responders !== undefined);
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      const expected = {
        studies: new Set(findings.map((f) => f.study)).size,
        patients: withPatients.length ? sum(withPatients.map((f) => f.patients!)) : null,
        responders: withResponders.length ? sum(withResponders.map((f) => f.responders!)) : null,
        responseRate: sum(both.map((f) => f.patients!)) > 0 ? sum(both.map((f) => f.responders!)) / sum(both.map((f) => f.patients!)) : null,
      };
      expect(result[`e${i}`], `${drug} in ${condition}`).toEqual(expected);
    });
  });
});

describe('every regulator', () => {
  it('lists exactly its authorisations', async () => {
    const query = `{ ${regulators.map((r, i) => `r${i}: regulator(key: "${r}") { approvals { key } }`).join(' ')} }`;
    const result = await data(query);
    regulators.forEach((r, i) => {
      expect(sorted(result[`r${i}`].approvals.map((a: { key: string }) => a.key)), r).toEqual(
        sorted(authorisations.filter((a) => a.regulator === r).map((a) => a.key)),
      );
    });
  });

  it('rules every use APPROVED exactly when it authorised a product of the drug, by that route, for the condition', async () => {
    const uses = new Set<string>();
    for (const f of corpus['findings.json']) uses.add(`${f.drug}|${f.condition}|${f.route}`);
    for (const a of authorisations) {
      const p = productById.get(a.product)!;
      uses.add(`${p.drug}|${a.condition}|${p.route}`);
    }
    const query = `{ ${regulators.map((r, i) => `u${i}: uses(regulator: "${r}") { drug { key } condition { key } route status }`).join(' ')} }`;
    const result = await data(query);
    regulators.forEach((r, i) => {
      const expected = [...uses].map((u) => {
        const [drug, condition, route] = u.split('|');
        const approved = authorisations.some((a) => {
          const p = productById.get(a.product)!;
          return a.regulator === r && a.condition === condition && p.drug === drug && p.route === route;
        });
        return `${u}|${approved ? 'APPROVED' : 'OFF_LABEL'}`;
      });
      const actual = result[`u${i}`].map((u: any) => `${u.drug.key}|${u.condition.key}|${u.route}|${u.status}`); // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(sorted(actual), r).toEqual(sorted(expected));
    });
  });
});
