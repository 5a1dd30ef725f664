// Issue 10's quality bar: the status of every use, for every drug and every regulator, computed here from
// data/ by code of its own (an oracle that shares nothing with src/regulatory-status.ts), compared row by row
// with GraphQL uses, the evidence summaries and /export/uses.csv; and the open-world rules stated as tests.
import { afterAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../src/ingest/read-corpus.js';
import { dateWindow, inForce, statusUnder } from '../src/regulatory-status.js';
import { csvObjects } from './support/csv.js';
import { testApp } from './support/app.js';

const { app, data, close } = testApp();
afterAll(close);
const { corpus } = readCorpus();
const today = new Date().toISOString().slice(0, 10);
const regulators = corpus['regulators.json'].map((r) => r.key).sort();
const productOf = new Map(corpus['products.json'].map((p) => [p.key, p]));

// ---- the oracle ----

/** [first, last] day of a YYYY, YYYY-MM or YYYY-MM-DD date, by calendar arithmetic on Date. */
function span(date: string): [string, string] {
  if (date.includes('/')) return [span(date.split('/')[0])[0], span(date.split('/')[1])[1]];
  const parts = date.split('-').map(Number);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  if (parts.length === 3) return [date, date];
  if (parts.length === 2) return [iso(new Date(Date.UTC(parts[0], parts[1] - 1, 1))), iso(new Date(Date.UTC(parts[0], parts[1], 0)))];
  return [iso(new Date(Date.UTC(parts[0], 0, 1))), iso(new Date(Date.UTC(parts[0], 11, 31)))];
}

/** 1 in force, 0 not, 0.5 open (asOf inside the window of a date known to the month or year). */
function force(a: { date: string; withdrawnDate?: string }, asOf: string): 0 | 0.5 | 1 {
  const [gFirst, gLast] = span(a.date);
  let granted: 0 | 0.5 | 1 = asOf < gFirst ? 0 : asOf >= gLast ? 1 : 0.5;
  if (a.withdrawnDate) {
    const [wFirst, wLast] = span(a.withdrawnDate);
    if (asOf >= wLast) granted = 0;
    else if (asOf >= wFirst && granted > 0) granted = 0.5;
  }
  return granted;
}

function oracle(regulator: string, drug: string, condition: string, route: string, asOf = today): string {
  const mine = corpus['approvals.json'].filter((a) => a.kind === 'AUTHORISATION' && a.regulator === regulator && productOf.get(a.product)?.drug === drug);
  const here = mine.filter((a) => a.condition === condition && productOf.get(a.product)!.route === route).map((a) => force(a, asOf));
  if (here.includes(1)) return 'APPROVED';
  if (here.includes(0.5)) return 'UNKNOWN';
  const label = corpus['labels.json'].find((l) => l.regulator === regulator && l.drug === drug);
  if (!label) return 'UNKNOWN';
  if (label.status === 'NOT_AUTHORISED') return 'NOT_AUTHORISED';
  if (!label.complete) return 'UNKNOWN';
  const byRoute = mine.filter((a) => label.products.includes(a.product) && productOf.get(a.product)!.route === route).map((a) => force(a, asOf));
  if (byRoute.includes(1)) return 'OFF_LABEL';
  return byRoute.includes(0.5) ? 'UNKNOWN' : 'NOT_AUTHORISED';
}

/** Every use the graph holds: (drug, condition, route) of a finding of a drug or of an authorisation. */
const uses = new Set<string>();
for (const f of corpus['findings.json']) if (f.drug) uses.add(`${f.drug}|${f.condition}|${f.route}`);
for (const a of corpus['approvals.json'].filter((x) => x.kind === 'AUTHORISATION')) {
  const p = productOf.get(a.product)!;
  uses.add(`${p.drug}|${a.condition}|${p.route}`);
}
const useList = [...uses].map((u) => u.split('|') as [string, string, string]).sort();
const sorted = (xs: string[]) => [...xs].sort();

describe('the status rule (pure)', () => {
  it('gives a date the window its precision allows', () => {
    expect(dateWindow('2023-04')).toEqual({ first: '2023-04-01', last: '2023-04-30' });
    expect(dateWindow('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(dateWindow('2021')).toEqual({ first: '2021-01-01', last: '2021-12-31' });
    expect(dateWindow('2021-09-21')).toEqual({ first: '2021-09-21', last: '2021-09-21' });
    expect(dateWindow('2017-02/2024-05')).toEqual({ first: '2017-02-01', last: '2024-05-31' });
  });

  it('is in force after the window, not before it, and uncertain inside it', () => {
    expect(inForce({ date: '2023-04' }, '2023-03-31')).toBe('NO');
    expect(inForce({ date: '2023-04' }, '2023-04-15')).toBe('UNCERTAIN');
    expect(inForce({ date: '2023-04' }, '2023-04-30')).toBe('YES');
    expect(inForce({ date: '2021' }, '2021-01-01')).toBe('UNCERTAIN');
    expect(inForce({ date: '2021-09-21' }, '2021-09-21')).toBe('YES');
    expect(inForce({ date: '2021-09-21' }, '2021-09-20')).toBe('NO');
    expect(inForce({ date: '2010-01-01', withdrawnDate: '2020-06' }, '2020-06-10')).toBe('UNCERTAIN');
    expect(inForce({ date: '2010-01-01', withdrawnDate: '2020-06' }, '2020-07-01')).toBe('NO');
  });

  it('never rules OFF_LABEL without a complete label, and never from a missing record', () => {
    const use = { drug: 'x', condition: 'c', route: 'ORAL' };
    const authorisation = {
      key: 'a',
      regulator: 'EMA',
      product: 'p',
      route: 'ORAL',
      condition: 'other',
      kind: 'AUTHORISATION' as const,
      date: '2019-01-01',
      datePrecision: 'DAY' as const,
    };
    const label = { key: 'l', regulator: 'EMA', status: 'AUTHORISED' as const, complete: true, products: [{ key: 'p', route: 'ORAL' }] };
    expect(statusUnder('EMA', use, { authorisations: [authorisation], labels: [] }, today).status).toBe('UNKNOWN');
    expect(statusUnder('EMA', use, { authorisations: [authorisation], labels: [{ ...label, complete: false }] }, today).status).toBe('UNKNOWN');
    expect(statusUnder('EMA', use, { authorisations: [authorisation], labels: [label] }, today).status).toBe('OFF_LABEL');
    expect(statusUnder('EMA', { ...use, route: 'TOPICAL' }, { authorisations: [authorisation], labels: [label] }, today).status).toBe('NOT_AUTHORISED');
    expect(statusUnder('EMA', use, { authorisations: [authorisation], labels: [label] }, '2018-12-31').status).toBe('NOT_AUTHORISED');
    expect(statusUnder('EMA', use, { authorisations: [], labels: [{ ...label, status: 'NOT_AUTHORISED', products: [] }] }, today).status).toBe(
      'NOT_AUTHORISED',
    );
    expect(statusUnder('EMA', { ...use, condition: 'other' }, { authorisations: [authorisation], labels: [] }, today).status).toBe('APPROVED');
  });
});

describe('every use under every regulator, against the oracle', () => {
  it('GraphQL uses(regulator:) gives the oracle status for every use, with a basis', async () => {
    const query = `{ ${regulators.map((r, i) => `u${i}: uses(regulator: "${r}") { drug { key } condition { key } route status basis { status explanation regulator { key } } }`).join(' ')} }`;
    const result = await data(query);
    regulators.forEach((r, i) => {
      const expected = useList.map(([d, c, route]) => `${d}|${c}|${route}|${oracle(r, d, c, route)}`);
      const actual = result[`u${i}`].map((u: any) => `${u.drug.key}|${u.condition.key}|${u.route}|${u.status}`); // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(sorted(actual), r).toEqual(sorted(expected));
      for (const u of result[`u${i}`]) {
        expect(u.basis, `${r} ${u.drug.key} ${u.condition.key}`).toHaveLength(1);
        expect(u.basis[0]).toMatchObject({ status: u.status, regulator: { key: r } });
        expect(u.basis[0].explanation.length).toBeGreaterThan(10);
      }
    });
  });

  it('the evidence summaries name the same approvedBy and offLabelIn', async () => {
    const pairs = [...new Set(useList.map(([d, c]) => `${d}|${c}`))].map((p) => p.split('|'));
    const result: Record<string, any> = {}; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (let at = 0; at < pairs.length; at += 25) {
      // the server refuses more than 30 aliases in one request
      const slice = pairs.slice(at, at + 25);
      Object.assign(
        result,
        await data(
          `{ ${slice.map(([d, c], i) => `e${at + i}: evidence(drug: "${d}", condition: "${c}") { approvedBy { key } offLabelIn { key } }`).join(' ')} }`,
        ),
      );
    }
    pairs.forEach(([drug, condition], i) => {
      const routes = useList.filter(([d, c]) => d === drug && c === condition).map(([, , route]) => route);
      const approvedBy = regulators.filter((r) => routes.some((route) => oracle(r, drug, condition, route) === 'APPROVED'));
      const offLabelIn = regulators.filter((r) => !approvedBy.includes(r) && routes.some((route) => oracle(r, drug, condition, route) === 'OFF_LABEL'));
      expect(
        result[`e${i}`].approvedBy.map((x: { key: string }) => x.key),
        `${drug} ${condition}`,
      ).toEqual(approvedBy);
      expect(
        result[`e${i}`].offLabelIn.map((x: { key: string }) => x.key),
        `${drug} ${condition}`,
      ).toEqual(offLabelIn);
    });
  });

  it('/export/uses.csv has one row per use and regulator, each with the oracle status', async () => {
    const response = await app.fetch('http://test/export/uses.csv');
    const { rows } = csvObjects(await response.text());
    const expected = useList.flatMap(([d, c, route]) => regulators.map((r) => `${d}|${c}|${route}|${r}|${oracle(r, d, c, route)}`));
    expect(sorted(rows.map((x) => `${x.drug}|${x.condition}|${x.route}|${x.regulator}|${x.status}`))).toEqual(sorted(expected));
  });

  it('GraphQL and the CSV agree on a regulator filter (the vitiligo/MHRA disagreement of issue 10)', async () => {
    const result = await data(`{ uses(condition: "nonsegmental-vitiligo", regulator: "MHRA") { drug { key } route status approvals { key } } }`);
    const response = await app.fetch('http://test/export/uses.csv?condition=nonsegmental-vitiligo&regulator=MHRA');
    const { rows } = csvObjects(await response.text());
    expect(sorted(rows.map((x) => `${x.drug}|${x.route}|${x.status}|${x.approvals}`))).toEqual(
      sorted(result.uses.map((u: any) => `${u.drug.key}|${u.route}|${u.status}|${u.approvals.map((a: any) => a.key).join('; ')}`)), // eslint-disable-line @typescript-eslint/no-explicit-any
    );
    for (const u of result.uses) for (const a of u.approvals) expect(a.key.startsWith('mhra-'), a.key).toBe(true);
  });
});

describe('open world', () => {
  it('reports no OFF_LABEL under a regulator for a drug it has not authorised', async () => {
    const result = await data(`{ ${regulators.map((r, i) => `u${i}: uses(regulator: "${r}", status: OFF_LABEL) { drug { key } }`).join(' ')} }`);
    regulators.forEach((r, i) => {
      for (const u of result[`u${i}`]) {
        const authorised = corpus['approvals.json'].some(
          (a) => a.regulator === r && a.kind === 'AUTHORISATION' && productOf.get(a.product)?.drug === u.drug.key,
        );
        const label = corpus['labels.json'].find((l) => l.regulator === r && l.drug === u.drug.key);
        expect(authorised && label?.status === 'AUTHORISED' && label.complete, `${r} ${u.drug.key}`).toBe(true);
      }
    });
  });

  it('answers every label snapshot of data/labels.json on its drug, with its status, completeness and sources', async () => {
    const result = await data(`{ drugs(first: 100) { edges { node { key labels { regulator { key } status complete sources { citation } } } } } }`);
    for (const { node } of result.drugs.edges) {
      for (const label of node.labels) {
        expect(label.sources.length, `${node.key} ${label.regulator.key}`).toBeGreaterThan(0);
        const expected = corpus['labels.json'].find((l) => l.drug === node.key && l.regulator === label.regulator.key)!;
        expect(label.status).toBe(expected.status);
        expect(label.complete).toBe(expected.complete);
      }
    }
    const answered = result.drugs.edges.flatMap((e: { node: { key: string; labels: { regulator: { key: string } }[] } }) =>
      e.node.labels.map((l) => `${l.regulator.key}/${e.node.key}`),
    );
    expect(answered.sort()).toEqual(corpus['labels.json'].map((l) => `${l.regulator}/${l.drug}`).sort());
  });

  it('approvals(asOf:) inside a month window says UNCERTAIN, not in force from the first day', async () => {
    const monthly = corpus['approvals.json'].find((a) => a.kind === 'AUTHORISATION' && a.datePrecision === 'MONTH' && !a.withdrawnDate);
    expect(monthly, 'the corpus holds an authorisation dated to the month').toBeDefined();
    if (!monthly) return;
    const { first, last } = dateWindow(monthly.date);
    const drug = productOf.get(monthly.product)!.drug;
    const query = `query($d: String!, $r: String!, $asOf: Date!, $before: Date!) {
      inside: drug(key: $d) { approvals(regulator: $r, asOf: $asOf) { key inForce(asOf: $asOf) } }
      before: drug(key: $d) { approvals(regulator: $r, asOf: $before) { key } }
      after: drug(key: $d) { approvals(regulator: $r) { key inForce } } }`;
    const dayBefore = new Date(Date.parse(first) - 86_400_000).toISOString().slice(0, 10);
    const result = await data(query, { d: drug, r: monthly.regulator, asOf: first, before: dayBefore });
    expect(result.inside.approvals).toContainEqual({ key: monthly.key, inForce: first === last ? 'YES' : 'UNCERTAIN' });
    expect(result.before.approvals.map((a: { key: string }) => a.key)).not.toContain(monthly.key);
    expect(result.after.approvals).toContainEqual({ key: monthly.key, inForce: 'YES' });
  });
});
