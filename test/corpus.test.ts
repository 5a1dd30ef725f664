// Unit tests of the corpus reader and the pure mappers: no database.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorpusError, defaultDataDir, readCorpus } from '../src/ingest/read-corpus.js';
import { corpusToGraph, dateStart, weakestConfidence } from '../src/ingest/seed.js';
import { luceneQuery } from '../src/schema/search.js';
import { summarise } from '../src/schema/evidence.js';
import type { EntityRecord } from '../src/graph/records.js';

function copyOfData(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jak-kg-data-'));
  cpSync(defaultDataDir, dir, { recursive: true });
  return dir;
}

function editJson(dir: string, file: string, edit: (rows: any[]) => void) {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  const rows = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  edit(rows);
  writeFileSync(join(dir, file), JSON.stringify(rows));
}

describe('the curated corpus', () => {
  const { corpus, version } = readCorpus();

  it('is valid and carries every row of shared/facts', () => {
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    // studies.tsv has 24 rows (S01-S16, T01-T08); each is a study with a finding.
    const curated = corpus['studies.json'].filter((s) => s.curationId);
    expect(curated.map((s) => s.curationId).sort()).toEqual([
      ...Array.from({ length: 16 }, (_, i) => `S${String(i + 1).padStart(2, '0')}`),
      ...Array.from({ length: 8 }, (_, i) => `T0${i + 1}`),
    ]);
    expect(corpus['drugs.json']).toHaveLength(10);
    expect(corpus['targets.json'].map((t) => t.key).sort()).toEqual(['JAK1', 'JAK2', 'JAK3', 'TYK2']);
    // Every approval of regulatory.tsv is still there, under its key, with a source other than our own files.
    for (const key of [
      'fda-opzelura-atopic-dermatitis-2021',
      'fda-opzelura-nonsegmental-vitiligo-2022',
      'ec-opzelura-nonsegmental-vitiligo-2023',
      'mhra-opzelura-nonsegmental-vitiligo-2023',
      'fda-jakafi-myelofibrosis-2011',
      'fda-olumiant-alopecia-areata-2022',
      'fda-anzupgo-chronic-hand-eczema-2025',
    ]) {
      const approval = corpus['approvals.json'].find((a) => a.key === key);
      expect(approval, key).toBeDefined();
      expect(
        approval!.sources.some((s) => !/curated/i.test(s.citation)),
        key,
      ).toBe(true);
    }
  });

  it("holds each regulator's decisions on every drug: approvals of all four, label snapshots with sources", () => {
    for (const regulator of ['FDA', 'EMA', 'MHRA', 'PMDA']) {
      expect(
        corpus['approvals.json'].some((a) => a.regulator === regulator && a.kind === 'AUTHORISATION'),
        regulator,
      ).toBe(true);
    }
    const snapshots = corpus['labels.json'];
    expect(snapshots.length).toBeGreaterThanOrEqual(30);
    for (const snapshot of snapshots) expect(snapshot.sources.length, snapshot.key).toBeGreaterThan(0);
    // Non-dermatological indications count: they decide on- and off-label as much as the skin ones.
    const conditions = new Set(corpus['approvals.json'].map((a) => a.condition));
    for (const c of ['rheumatoid-arthritis', 'ulcerative-colitis', 'myelofibrosis', 'polycythemia-vera']) expect(conditions.has(c), c).toBe(true);
  });

  it('holds at least 60 studies with a result per arm across at least 8 drugs', () => {
    const reportsResult = (f: (typeof corpus)['findings.json'][number]) =>
      f.outcome !== undefined || f.responders !== undefined || f.responseRatePercent !== undefined;
    const withResults = corpus['findings.json'].filter((f) => f.drug && reportsResult(f));
    expect(new Set(withResults.map((f) => f.study)).size).toBeGreaterThanOrEqual(60);
    expect(new Set(withResults.map((f) => f.drug)).size).toBeGreaterThanOrEqual(8);
    // A registration without results is a TRIAL_REGISTRATION, never an RCT with nothing to show.
    for (const study of corpus['studies.json'].filter((s) => s.design === 'TRIAL_REGISTRATION')) {
      expect(
        corpus['findings.json'].some((f) => f.study === study.key && reportsResult(f)),
        study.key,
      ).toBe(false);
    }
  });

  it('keeps the review with its PRISMA counts', () => {
    const review = corpus['studies.json'].find((s) => s.key === 'pmid:40192197')!;
    expect(review.design).toBe('SYSTEMATIC_REVIEW');
    expect(review.prisma).toMatchObject({ screened: 170, excluded: 112, assessed: 58, included: 28 });
  });

  it("links studies to the review only with the curators' judgement recorded as unverified", () => {
    const links = corpus['studies.json'].flatMap((s) => s.includedIn.filter((i) => i.review === 'pmid:40192197'));
    expect(links.length).toBeGreaterThan(10);
    for (const link of links) expect(link.sources.every((s) => s.confidence === 'UNVERIFIED')).toBe(true);
  });

  it('never states more responders than patients', () => {
    for (const f of corpus['findings.json']) {
      if (f.patients !== undefined && f.responders !== undefined) expect(f.responders).toBeLessThanOrEqual(f.patients);
    }
  });

  it('turns into a graph whose relationships only join keys that exist', () => {
    const graph = corpusToGraph(corpus);
    const keys = new Set(Object.values(graph.nodes).flatMap((rows) => rows.map((r) => r.keyNorm as string)));
    for (const rows of Object.values(graph.relationships)) {
      for (const row of rows!) {
        expect(keys.has(row.from), row.from).toBe(true);
        expect(keys.has(row.to), row.to).toBe(true);
      }
    }
  });
});

describe('bad data files', () => {
  it('are refused with the file, the row and the reason', () => {
    const dir = copyOfData();
    editJson(dir, 'findings.json', (rows) => {
      rows[2].responders = 999;
      rows[2].patients = 1;
    });
    let error: unknown;
    try {
      readCorpus(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CorpusError);
    const problems = (error as CorpusError).problems;
    expect(problems).toContainEqual(expect.stringMatching(/^findings\.json row 2: .*responders cannot exceed patients/));
  });

  it('report unknown references once the rows themselves are valid', () => {
    const dir = copyOfData();
    editJson(dir, 'interactions.json', (rows) => {
      rows[0].target = 'JAK9';
    });
    expect(() => readCorpus(dir)).toThrow(/interactions\.json row 0: target "JAK9" is not a known target/);
  });

  it('report invalid JSON and unknown fields', () => {
    const dir = copyOfData();
    writeFileSync(join(dir, 'targets.json'), '[{');
    editJson(dir, 'drugs.json', (rows) => {
      rows[1].potency = 3;
    });
    expect(() => readCorpus(dir)).toThrow(/targets\.json: not valid JSON/);
    expect(() => readCorpus(dir)).toThrow(/drugs\.json row 1: \(row\): Unrecognized key/);
  });
});

describe('mappers', () => {
  it("take the weakest confidence of a fact's sources", () => {
    expect(
      weakestConfidence([
        { citation: 'a', confidence: 'CONFIRMED' },
        { citation: 'b', confidence: 'PARTIAL' },
      ]),
    ).toBe('PARTIAL');
    expect(weakestConfidence([{ citation: 'a', confidence: 'CONFIRMED' }])).toBe('CONFIRMED');
    expect(
      weakestConfidence([
        { citation: 'a', confidence: 'UNVERIFIED' },
        { citation: 'b', confidence: 'PARTIAL' },
      ]),
    ).toBe('UNVERIFIED');
  });

  it('count a month- or year-precision date from its first day', () => {
    expect(dateStart('2023-04')).toBe('2023-04-01');
    expect(dateStart('2025')).toBe('2025-01-01');
    expect(dateStart('2021-09-21')).toBe('2021-09-21');
  });

  it('build an escaped, typo-tolerant Lucene query', () => {
    expect(luceneQuery('   ')).toBeNull();
    expect(luceneQuery('ruxolitinb')).toBe('"ruxolitinb"^4 OR (ruxolitinb^2 OR ruxolitinb* OR ruxolitinb~1)');
    // Lucene operators in user text are neutralised, not interpreted.
    expect(luceneQuery('MONDO:0006572 OR *')).not.toMatch(/:0006572|\(\*/);
  });

  it('compute a response rate only over findings that state both counts', () => {
    const finding = (patients?: number, responders?: number, outcome: string | null = 'IMPROVED') =>
      ({ props: { patients, responders, outcome } }) as unknown as EntityRecord;
    expect(summarise([finding(12), finding(1, 1), finding(2, 1)])).toEqual({
      patients: 15,
      responders: 2,
      patientsWithKnownResponse: 3,
      responseRate: 2 / 3,
    });
    expect(summarise([finding(12), finding()])).toEqual({ patients: 12, responders: null, patientsWithKnownResponse: 0, responseRate: null });
    // A registered trial without results adds no patients.
    expect(summarise([finding(64, undefined, null), finding(1, 0, 'NO_RESPONSE')])).toEqual({
      patients: 1,
      responders: 0,
      patientsWithKnownResponse: 1,
      responseRate: 0,
    });
  });
});
