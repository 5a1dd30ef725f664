// Every drug, condition and regulator of the corpus, answered through GraphQL and checked against an
// oracle computed here, independently, from the data files themselves.
import { afterAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../src/ingest/read-corpus.js';
import { testApp } from './support/app.js';
import { csvObjects } from './support/csv.js';

const { app, data, close } = testApp();
afterAll(close);
const { corpus } = readCorpus();
const sorted = (xs: string[]) => [...xs].sort();

const authorisations = corpus['approvals.json'].filter((a) => a.kind === 'AUTHORISATION');
const regulators = corpus['regulators.json'].map((r) => r.key);

describe('every drug', () => {
  it('has exactly the targets of interactions.json, with their potencies', async () => {
    const query = `{ ${corpus['drugs.json'].map((d, i) => `d${i}: drug(key: "${d.key}") { targets(includeSecondary: true) { target { key } potencyNm primary } }`).join(' ')} }`;
    const result = await data(query);
    corpus['drugs.json'].forEach((d, i) => {
      const expected = corpus['interactions.json'].filter((x) => x.drug === d.key).map((x) => `${x.target}:${x.potencyNm ?? null}:${x.primary}`);
      const actual = result[`d${i}`].targets.map((t: any) => `${t.target.key}:${t.potencyNm}:${t.primary}`); // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(sorted(actual), d.key).toEqual(sorted(expected));
    });
  });
});

describe('every condition', () => {
  it('has exactly its findings and authorisations, approvals in date order', async () => {
    const result: Record<string, any> = {}; // eslint-disable-line @typescript-eslint/no-explicit-any
    const all = corpus['conditions.json'];
    for (let at = 0; at < all.length; at += 25) {
      // the server refuses more than 30 aliases in one request
      Object.assign(
        result,
        await data(
          `{ ${all
            .slice(at, at + 25)
            .map((c, i) => `c${at + i}: condition(key: "${c.key}") { findings { key } approvals { key date } category { key } }`)
            .join(' ')} }`,
        ),
      );
    }
    corpus['conditions.json'].forEach((c, i) => {
      const actual = result[`c${i}`];
      expect(sorted(actual.findings.map((f: { key: string }) => f.key)), c.key).toEqual(
        // The results of comparator arms are not findings of a drug: they stand beside them (Finding.comparators).
        sorted(corpus['findings.json'].filter((f) => f.condition === c.key && f.drug).map((f) => f.key)),
      );
      const approvals = authorisations.filter((a) => a.condition === c.key);
      expect(sorted(actual.approvals.map((a: { key: string }) => a.key)), c.key).toEqual(sorted(approvals.map((a) => a.key)));
      const dates = actual.approvals.map((a: { date: string }) => a.date);
      expect(dates).toEqual([...dates].sort());
      expect(actual.category?.key ?? null, c.key).toBe(c.category ?? null);
    });
  });

  it("sums its evidence per drug the way the EvidenceSummary documents: the drug's arms, comparators apart", async () => {
    const drugFindings = corpus['findings.json'].filter((f) => f.drug);
    const pairs = [...new Set(drugFindings.map((f) => `${f.drug}|${f.condition}`))].map((p) => p.split('|'));
    const fields = 'studies controlledStudies patients responders responseRate comparatorPatients comparatorResponders comparatorResponseRate';
    const result: Record<string, any> = {}; // eslint-disable-line @typescript-eslint/no-explicit-any
    // In slices of 25 aliases (the server refuses more than 30 in one request).
    for (let at = 0; at < pairs.length; at += 25) {
      const slice = pairs.slice(at, at + 25);
      Object.assign(result, await data(`{ ${slice.map(([d, c], i) => `e${at + i}: evidence(drug: "${d}", condition: "${c}") { ${fields} }`).join(' ')} }`));
    }
    const exportRows = csvObjects(await (await app.fetch('http://test/export/evidence.csv')).text()).rows;
    const armOf = (f: { study: string; arm?: string }) => corpus['studies.json'].find((s) => s.key === f.study)?.arms.find((a) => a.key === f.arm);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const totals = (rows: { patients?: number; responders?: number }[]) => {
      const withPatients = rows.filter((f) => f.patients !== undefined);
      const withResponders = rows.filter((f) => f.responders !== undefined);
      const both = rows.filter((f) => f.patients !== undefined && f.responders !== undefined);
      return {
        patients: withPatients.length ? sum(withPatients.map((f) => f.patients!)) : null,
        responders: withResponders.length ? sum(withResponders.map((f) => f.responders!)) : null,
        rate: sum(both.map((f) => f.patients!)) > 0 ? sum(both.map((f) => f.responders!)) / sum(both.map((f) => f.patients!)) : null,
      };
    };
    pairs.forEach(([drug, condition], i) => {
      const findings = drugFindings.filter((f) => f.drug === drug && f.condition === condition);
      const counted = findings.filter(
        (f) => (f.outcome !== undefined || f.responders !== undefined || f.responseRatePercent !== undefined) && f.primary !== false,
      );
      const comparators = new Map<string, (typeof corpus)['findings.json'][number]>();
      for (const f of counted) {
        for (const c of corpus['findings.json']) {
          if (
            !c.drug &&
            c.study === f.study &&
            c.condition === f.condition &&
            c.endpoint === f.endpoint &&
            c.timepointWeeks === f.timepointWeeks &&
            armOf(c)?.trial === armOf(f)?.trial
          )
            comparators.set(c.key, c);
        }
      }
      const active = totals(counted);
      const beside = totals([...comparators.values()]);
      const withResult = findings.filter((f) => f.outcome !== undefined || f.responders !== undefined || f.responseRatePercent !== undefined);
      const controlled = new Set(
        withResult.filter((f) => corpus['studies.json'].find((s) => s.key === f.study)!.arms.some((a) => a.role !== 'EXPERIMENTAL')).map((f) => f.study),
      );
      // The CSV export gives the same sums from its own rows.
      const csvRows = exportRows
        .filter((r) => r.drug === drug && r.condition === condition)
        .filter((r) => (r.outcome || r.responders || r.responseRatePercent) && r.primary !== 'false');
      const csvTotals = totals(
        csvRows.map((r) => ({
          patients: r.patients === '' ? undefined : Number(r.patients),
          responders: r.responders === '' ? undefined : Number(r.responders),
        })),
      );
      expect(csvTotals, `${drug} in ${condition} (CSV)`).toEqual(active);
      expect(result[`e${i}`], `${drug} in ${condition}`).toEqual({
        studies: new Set(findings.map((f) => f.study)).size,
        controlledStudies: controlled.size,
        patients: active.patients,
        responders: active.responders,
        responseRate: active.rate,
        comparatorPatients: beside.patients,
        comparatorResponders: beside.responders,
        comparatorResponseRate: beside.rate,
      });
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
});
