// `jak-kg import` against the real test database, through the CLI code path (runCli): each importer loads its
// fixture (test/fixtures/import/), the graph answers what was imported through GraphQL, a second run changes
// nothing, a malformed file or record is refused with its coded error and nothing written, and every imported
// row carries its provenance. Everything imported is deleted afterwards (imported nodes carry importedFrom), so
// the graph is left as seeded for the other test files.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { parseCsv, parseEma } from '../src/import/ema.js';
import { conditionsNamedIn, readGraphIndex } from '../src/import/graph-index.js';
import { FDA_EARLIEST, labelApprovalDate, parseOpenFda } from '../src/import/openfda.js';
import { designOf, parsePubmed } from '../src/import/pubmed.js';
import { indicationParagraphs } from '../src/import/shared.js';
import { cypher, testApp } from './support/app.js';

const fixtures = fileURLToPath(new URL('./fixtures/import/', import.meta.url));
const fixture = (name: string) => join(fixtures, name);
const { data, executor, close } = testApp();

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** runCli in this process, against the test database, with stdout and stderr captured. */
async function jakKg(...args: string[]): Promise<Run> {
  const db = inject('neo4j');
  const saved = { uri: process.env.NEO4J_URI, user: process.env.NEO4J_USER, password: process.env.NEO4J_PASSWORD };
  Object.assign(process.env, { NEO4J_URI: db.uri, NEO4J_USER: db.user, NEO4J_PASSWORD: db.password });
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await runCli(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    for (const [name, value] of [
      ['NEO4J_URI', saved.uri],
      ['NEO4J_USER', saved.user],
      ['NEO4J_PASSWORD', saved.password],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

async function cleanUp() {
  await executor().write(
    'test:import-cleanup',
    `
    CALL () { MATCH (n) WHERE n.importedFrom IS NOT NULL DETACH DELETE n }
    CALL () { MATCH ()-[r]->() WHERE r.importedFrom IS NOT NULL DELETE r }
    CALL () { MATCH (p:Product) WHERE p.fdaApplications IS NOT NULL REMOVE p.fdaApplications }`,
  );
}

/** Every node and relationship, with all its properties, in a stable order: the whole graph as text. */
async function graphState(): Promise<{ nodes: number; relationships: number; digest: string[] }> {
  const rows = await executor().read(
    'test:import-state',
    `
    CALL () { MATCH (n) RETURN count(n) AS nodes }
    CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
    RETURN nodes, relationships`,
  );
  const detail = await executor().read(
    'test:import-detail',
    `
    MATCH (n) WHERE n.importedFrom IS NOT NULL OR n.fdaApplications IS NOT NULL
    OPTIONAL MATCH (n)-[r]->(m)
    WITH n.keyNorm AS key, labels(n) AS labels, properties(n) AS props, collect([type(r), m.keyNorm, properties(r)]) AS out
    RETURN labels, props, out ORDER BY key`,
  );
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object' && !('low' in (value as object))
        ? Object.fromEntries(
            Object.entries(value as object)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [k, canonical(v)]),
          )
        : value && typeof value === 'object'
          ? String(value)
          : value;
  return {
    nodes: Number(rows[0].get('nodes')),
    relationships: Number(rows[0].get('relationships')),
    digest: detail.map((r) =>
      JSON.stringify(
        canonical({
          labels: [...r.get('labels')].sort(),
          props: r.get('props'),
          out: (r.get('out') as unknown[][]).map((o) => JSON.stringify(canonical(o))).sort(),
        }),
      ),
    ),
  };
}

let before: Awaited<ReturnType<typeof graphState>>;
beforeAll(async () => {
  await cleanUp();
  before = await graphState();
});
afterAll(async () => {
  await cleanUp();
  const after = await graphState();
  expect({ nodes: after.nodes, relationships: after.relationships }).toEqual({ nodes: before.nodes, relationships: before.relationships });
  await close();
});

const approvalFields =
  'key kind datePrecision dateAsReported date dateLast indication issuingBody condition { key } product { key } regulator { key } sources { citation url confidence note }';

describe('jak-kg import', () => {
  it('openfda: Drugs@FDA records the application; a label gives approvals dated as a range, beside the curated FDA label', async () => {
    const app = await jakKg('import', 'openfda', fixture('drugsfda-jakafi.json'));
    expect(app.code, app.stderr).toBe(0);
    expect(app.stdout).toMatch(
      /Imported openfda .*drugsfda-jakafi\.json \(2011-11-16\): read 1, written 0 nodes and 0 relationships \(and 1 products' FDA applications\), skipped 0, unmatched 0/,
    );
    const [jakafi] = await executor().read('test:jakafi', `MATCH (p:Product {keyNorm: 'jakafi-tablet'}) RETURN p.fdaApplications AS a`);
    const applications = JSON.parse(jakafi.get('a'));
    expect(applications).toMatchObject([{ applicationNumber: 'NDA202192', originalApprovalDate: '2011-11-16' }]);
    expect(applications[0].sources[0]).toMatchObject({
      citation: 'drugsfda-jakafi.json: Drugs@FDA application NDA202192',
      url: 'https://www.accessdata.fda.gov/scripts/cder/daf/index.cfm?event=overview.process&ApplNo=202192',
      confidence: 'CONFIRMED',
      note: 'imported from drugsfda-jakafi.json (2011-11-16)',
    });

    const use = `{ uses(drug: "ruxolitinib", condition: "atopic-dermatitis", regulator: "FDA", route: TOPICAL) { status basis { approvals { key } } } }`;
    const before = await data(use);
    expect(before.uses).toMatchObject([{ status: 'APPROVED' }]);
    const approvedBefore: string[] = before.uses[0].basis[0].approvals.map((a: { key: string }) => a.key);
    expect(approvedBefore).not.toContain('fda-label-opzelura-cream-1-5-atopic-dermatitis');

    const label = await jakKg('import', 'openfda', fixture('openfda-labels.json'));
    expect(label.code, label.stderr).toBe(0);
    // The curated corpus holds FDA's ruxolitinib label (fda-ruxolitinib): the import writes the label's approvals,
    // and no second snapshot beside the curated one.
    expect(label.stdout).toMatch(/read 1, written 2 nodes and 6 relationships, skipped 0 \(\+1 kept curated\), unmatched 0/);
    expect(label.stdout).toContain('kept curated: label snapshot fda-ruxolitinib (FDA, ruxolitinib) is in the curated corpus; no imported snapshot written');
    const { imported, curated, ad, vitiligo } = await data(`{
      imported: labelSnapshot(key: "fda-label-ruxolitinib") { key }
      curated: labelSnapshot(key: "fda-ruxolitinib") { complete products { key } sources { citation } }
      ad: approval(key: "fda-label-opzelura-cream-1-5-atopic-dermatitis") { ${approvalFields} }
      vitiligo: approval(key: "fda-label-opzelura-cream-1-5-nonsegmental-vitiligo") { ${approvalFields} }
    }`);
    expect(imported).toBeNull();
    expect(curated).toMatchObject({ complete: true, products: [{ key: 'jakafi-tablet' }, { key: 'opzelura-cream-1-5' }] });
    expect(curated.sources.map((s: { citation: string }) => s.citation).filter((c: string) => c.includes('openfda-labels.json'))).toEqual([]);
    // No Drugs@FDA record of NDA215309 was imported: approved no later than the label, no earlier than 1938.
    expect(ad).toMatchObject({
      kind: 'AUTHORISATION',
      datePrecision: 'RANGE',
      dateAsReported: '1938/2024-08-20',
      date: '1938-01-01',
      dateLast: '2024-08-20',
      condition: { key: 'atopic-dermatitis' },
      product: { key: 'opzelura-cream-1-5' },
      regulator: { key: 'FDA' },
    });
    expect(ad.indication).toMatch(/^1\.1 Atopic Dermatitis OPZELURA is indicated/);
    expect(ad.sources).toEqual([
      {
        citation: 'openfda-labels.json: openFDA drug label set_id 24da5509-6631-4795-9d42-273faecd08e7 (effective 2024-08-20)',
        url: 'https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=24da5509-6631-4795-9d42-273faecd08e7',
        confidence: 'CONFIRMED',
        note: 'imported from openfda-labels.json (2024-08-20)',
      },
    ]);
    expect(vitiligo).toMatchObject({ condition: { key: 'nonsegmental-vitiligo' }, dateAsReported: '1938/2024-08-20' });
    // Limitations of Use is no indication.
    expect(vitiligo.indication).not.toContain('Limitations');
    // The imported approval is in force today, so it joins what the APPROVED status rests on.
    const after = await data(use);
    expect(after.uses).toEqual([
      { status: 'APPROVED', basis: [{ approvals: [...approvedBefore, 'fda-label-opzelura-cream-1-5-atopic-dermatitis'].sort().map((key) => ({ key })) }] },
    ]);

    // Were FDA's ruxolitinib label not in the graph, the file would give one: not complete, for Opzelura's label is
    // whole but the graph knows FDA authorised Jakafi too, whose label is not in the file.
    const index = await readGraphIndex(executor(), cypher);
    const text = readFileSync(fixture('openfda-labels.json'), 'utf8');
    expect(parseOpenFda(text, fixture('openfda-labels.json'), index).labels).toEqual([]);
    const withoutCurated = { ...index, labels: index.labels.filter((l) => !(l.regulator === 'FDA' && l.drug === 'ruxolitinib')) };
    const {
      labels: [snapshot],
      notes,
    } = parseOpenFda(text, fixture('openfda-labels.json'), withoutCurated);
    expect(notes.filter((n) => n.startsWith('kept curated'))).toEqual([]);
    expect(snapshot).toMatchObject({
      key: 'fda-label-ruxolitinib',
      complete: false,
      status: 'AUTHORISED',
      regulator: 'FDA',
      drug: 'ruxolitinib',
      products: ['opzelura-cream-1-5'],
      labelVersion: 'set_id 24da5509-6631-4795-9d42-273faecd08e7 effective 2024-08-20',
    });
    expect(snapshot.notes).toContain('the graph holds FDA approvals of jakafi-tablet, whose label is not in this file');
    expect(snapshot.sources).toEqual(ad.sources);
  });

  it("openfda: the range starts at the application's original approval when Drugs@FDA gave it", () => {
    expect(labelApprovalDate('2024-08-20', '2011-11-16')).toEqual({ date: '2011-11-16/2024-08-20', lowerBound: 'ORIG' });
    expect(labelApprovalDate('2024-08-20')).toEqual({ date: `${FDA_EARLIEST}/2024-08-20`, lowerBound: 'FD&C Act' });
    expect(labelApprovalDate('2010-01-01', '2011-11-16').lowerBound).toBe('FD&C Act');
  });

  it('ema: authorised medicines of our drugs, dated by the table; beside the curated EMA label, approvals only; a medicine several products share is not guessed', async () => {
    const use = (condition: string) =>
      `uses(drug: "ruxolitinib", condition: "${condition}", regulator: "EMA", route: TOPICAL) { status basis { approvals { key } label { key } } }`;
    const uses = `{ vitiligo: ${use('nonsegmental-vitiligo')} ad: ${use('atopic-dermatitis')} }`;
    const before = await data(uses);
    expect(before.vitiligo).toMatchObject([{ status: 'APPROVED', basis: [{ label: null }] }]);
    const approvedBefore: string[] = before.vitiligo[0].basis[0].approvals.map((a: { key: string }) => a.key);
    expect(approvedBefore).not.toContain('ema-opzelura-cream-1-5-nonsegmental-vitiligo');
    // The curated corpus holds the EMA label of ruxolitinib in full: topical use in atopic dermatitis is off-label.
    expect(before.ad).toEqual([{ status: 'OFF_LABEL', basis: [{ approvals: [], label: { key: 'ema-ruxolitinib' } }] }]);

    const run = await jakKg('import', 'ema', fixture('ema-medicines.csv'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /Imported ema .*ema-medicines\.csv \(2026-09-28\): read 3, written 1 nodes and 3 relationships, skipped 1 \(\+1 kept curated\), unmatched 1 /,
    );
    expect(run.stdout).toMatch(/skipped: not a drug in the graph: line \d+ \(\(placeholder/);
    // Jakavi is one row of the table and two products of the graph (tablets, oral solution): which form each
    // indication is for, the table does not say, so none is guessed and no product is made up.
    expect(run.stdout).toContain(
      'unmatched: line 5 (EMEA/H/C/002464): medicine Jakavi: 2 products of that name in the graph (jakavi-oral-solution, jakavi-tablet); the table does not say which form each indication is for',
    );
    expect(run.stdout).toContain('kept curated: label snapshot ema-ruxolitinib (EMA, ruxolitinib) is in the curated corpus; no imported snapshot written');
    const { imported, curated, mf, vitiligo } = await data(`{
      imported: labelSnapshot(key: "ema-label-ruxolitinib") { key }
      curated: labelSnapshot(key: "ema-ruxolitinib") { complete products { key } sources { citation } }
      mf: approval(key: "ema-jakavi-tablet-myelofibrosis") { key }
      vitiligo: approval(key: "ema-opzelura-cream-1-5-nonsegmental-vitiligo") { ${approvalFields} }
    }`);
    expect(imported).toBeNull();
    expect(curated).toMatchObject({ complete: true, products: [{ key: 'jakavi-oral-solution' }, { key: 'jakavi-tablet' }, { key: 'opzelura-cream-1-5' }] });
    expect(curated.sources.map((s: { citation: string }) => s.citation).filter((c: string) => c.includes('ema-medicines.csv'))).toEqual([]);
    expect(mf).toBeNull();
    // Opzelura's one indication: taken to date from its marketing authorisation.
    expect(vitiligo).toMatchObject({
      kind: 'AUTHORISATION',
      datePrecision: 'DAY',
      dateAsReported: '2023-04-19',
      issuingBody: 'European Commission',
      regulator: { key: 'EMA' },
      product: { key: 'opzelura-cream-1-5' },
      condition: { key: 'nonsegmental-vitiligo' },
    });
    expect(vitiligo.sources).toEqual([
      {
        citation: 'ema-medicines.csv: EMA medicines table, Opzelura, product number EMEA/H/C/005843',
        url: 'https://ema.europa.eu/en/medicines/human/EPAR/opzelura',
        confidence: 'CONFIRMED',
        note: 'imported from ema-medicines.csv (2026-09-28)',
      },
    ]);
    // The imported approval joins what the APPROVED status rests on; the off-label status still rests on the curated label.
    const after = await data(uses);
    expect(after.vitiligo).toEqual([
      {
        status: 'APPROVED',
        basis: [{ approvals: [...approvedBefore, 'ema-opzelura-cream-1-5-nonsegmental-vitiligo'].sort().map((key) => ({ key })), label: null }],
      },
    ]);
    expect(after.ad).toEqual(before.ad);

    // Jakavi's indications, as the importer reads them: "post polycythaemia vera myelofibrosis" is myelofibrosis;
    // the PV indication is its own paragraph.
    const rows = parseCsv(readFileSync(fixture('ema-medicines.csv'), 'utf8'));
    const header = rows.find((r) => r.cells.includes('Category'))!.cells;
    const jakavi = rows.find((r) => r.cells[header.indexOf('Medicine name')] === 'Jakavi')!;
    const paragraphs = indicationParagraphs(jakavi.cells[header.indexOf('Condition / indication')] as string);
    const index = await readGraphIndex(executor(), cypher);
    expect(paragraphs.map((p) => conditionsNamedIn(index, p).map((c) => c.key))).toEqual([['myelofibrosis'], ['polycythemia-vera']]);
    expect(paragraphs[1]).toBe(
      'Jakavi is indicated for the treatment of adult patients with polycythaemia vera who are resistant to or intolerant of hydroxyurea.',
    );
    // An abbreviation names its condition only with its capitals: the "as" of "also known as" above is not AS.
    expect(conditionsNamedIn(index, 'adults with active AS').map((c) => c.key)).toEqual(['ankylosing-spondylitis']);
    expect(conditionsNamedIn(index, 'as monotherapy or as well as methotrexate')).toEqual([]);
  });

  it('ema: a complete snapshot of a drug the graph holds no EMA label of: its indications approved (dated as a range), its other uses off-label', async () => {
    // SYNTHETIC TEST MEDICINE is no EMA record: a medicine of deuruxolitinib, which the graph knows no EMA decision on.
    const use = (condition: string, asOf: string) =>
      `uses(drug: "deuruxolitinib", condition: "${condition}", regulator: "EMA", route: ORAL, asOf: "${asOf}") { status basis { approvals { key } label { key } } }`;
    const before = await data(`{ aa: ${use('alopecia-areata', '2025-06-30')} hs: ${use('hidradenitis-suppurativa', '2025-06-30')} }`);
    expect(before).toEqual({ aa: [{ status: 'UNKNOWN', basis: [{ approvals: [], label: null }] }], hs: [] });
    const file = join(mkdtempSync(join(tmpdir(), 'jak-kg-ema-')), 'synthetic-ema.csv');
    writeFileSync(
      file,
      [
        'Category,Medicine name,International non-proprietary name (INN) / common name,Active substance,Product number,Authorisation status,Marketing authorisation date,Condition / indication,Revision date,URL',
        'Human,SYNTHETIC TEST MEDICINE,deuruxolitinib,deuruxolitinib,EMEA/H/C/000000,Authorised,01/02/2020,"SYNTHETIC TEST MEDICINE is indicated for the treatment of hidradenitis suppurativa in adults (not an EMA record).\nSYNTHETIC TEST MEDICINE is indicated for the treatment of atopic dermatitis in adults (not an EMA record).",01/02/2024,https://example.invalid/synthetic-test-medicine',
      ].join('\n'),
    );
    const run = await jakKg('import', 'ema', file);
    expect(run.code, run.stderr).toBe(0);
    // A product (deuruxolitinib has one route), two approvals, the label snapshot.
    expect(run.stdout).toMatch(/Imported ema .*synthetic-ema\.csv \(2024-02-01\): read 1, written 4 nodes and 10 relationships, skipped 0, unmatched 0 /);
    const { labelSnapshot, hs } = await data(`{
      labelSnapshot(key: "ema-label-deuruxolitinib") { complete status labelVersion products { key route } regulator { key } drug { key } }
      hs: approval(key: "ema-synthetic-test-medicine-hidradenitis-suppurativa") { ${approvalFields} }
    }`);
    expect(labelSnapshot).toEqual({
      complete: true,
      status: 'AUTHORISED',
      labelVersion: 'EMA medicines table, revision of 2024-02-01',
      products: [{ key: 'synthetic-test-medicine', route: 'ORAL' }],
      regulator: { key: 'EMA' },
      drug: { key: 'deuruxolitinib' },
    });
    // Two indications: each dated no earlier than the marketing authorisation, no later than the revision date.
    expect(hs).toMatchObject({
      datePrecision: 'RANGE',
      dateAsReported: '2020-02-01/2024-02-01',
      issuingBody: 'European Commission',
      product: { key: 'synthetic-test-medicine' },
    });
    const after = await data(`{
      aa: ${use('alopecia-areata', '2025-06-30')} hs: ${use('hidradenitis-suppurativa', '2025-06-30')}
      hsInRange: ${use('hidradenitis-suppurativa', '2022-01-01')} aaBeforeAuthorisation: ${use('alopecia-areata', '2019-06-30')}
    }`);
    expect(after).toEqual({
      aa: [{ status: 'OFF_LABEL', basis: [{ approvals: [], label: { key: 'ema-label-deuruxolitinib' } }] }],
      hs: [{ status: 'APPROVED', basis: [{ approvals: [{ key: 'ema-synthetic-test-medicine-hidradenitis-suppurativa' }], label: null }] }],
      hsInRange: [{ status: 'UNKNOWN', basis: [{ approvals: [{ key: 'ema-synthetic-test-medicine-hidradenitis-suppurativa' }], label: null }] }],
      aaBeforeAuthorisation: [{ status: 'NOT_AUTHORISED', basis: [{ approvals: [], label: { key: 'ema-label-deuruxolitinib' } }] }],
    });
  });

  it('ema: the .xlsx workbook reads as the CSV does (exceljs)', async () => {
    const rows = parseCsv(readFileSync(fixture('ema-medicines.csv'), 'utf8'));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Medicines');
    for (const row of rows) sheet.addRow(row.cells);
    const file = join(mkdtempSync(join(tmpdir(), 'jak-kg-ema-')), 'ema-medicines.xlsx');
    await workbook.xlsx.writeFile(file);
    const index = await readGraphIndex(executor(), cypher);
    const fromCsv = await parseEma(readFileSync(fixture('ema-medicines.csv')), 'ema-medicines', index);
    const fromXlsx = await parseEma(readFileSync(file), 'ema-medicines.xlsx', index);
    const strip = (plan: typeof fromCsv) =>
      JSON.parse(JSON.stringify({ ...plan, file: '', skipped: plan.skipped.length }).replaceAll('ema-medicines.xlsx', 'ema-medicines'));
    expect(strip(fromXlsx)).toEqual(strip(fromCsv));
  });

  it('ctgov: a registration and a randomised trial with results, arms by role, results as text or counts', async () => {
    const run = await jakKg('import', 'ctgov', fixture('ctgov-studies.json'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Imported ctgov .*ctgov-studies\.json \(2021-12-17\): read 2, written 2 nodes and 0 relationships, skipped 0, unmatched 1 /);
    // "Vitiligo" is the name of one condition of the graph and a synonym of another: not guessed.
    expect(run.stdout).toContain('unmatched: NCT06719024: condition "Vitiligo" names 2 conditions of the graph (');
    expect(run.stdout).toContain('note: NCT03745638: the graph also holds pmid:33957195, which reports this trial (kept apart)');
    const { registration, trial } = await data(`{
      registration: study(key: "nct:NCT06719024") { design nctId name title arms { key } sources { citation url confidence note } }
      trial: study(key: "nct:NCT03745638") { design designDetail patients year primaryEndpoint notes arms { key label role drug { key } route } }
    }`);
    expect(registration).toMatchObject({
      design: 'TRIAL_REGISTRATION',
      nctId: 'NCT06719024',
      arms: [],
      sources: [
        {
          citation: 'ctgov-studies.json: ClinicalTrials.gov record NCT06719024',
          url: 'https://clinicaltrials.gov/study/NCT06719024',
          confidence: 'CONFIRMED',
          note: 'imported from ctgov-studies.json (2021-12-17)',
        },
      ],
    });
    expect(trial).toMatchObject({ design: 'RCT', patients: 631, year: 2018, designDetail: 'PHASE3; RANDOMIZED; COMPLETED; results posted' });
    expect(trial.arms).toEqual([
      { key: 'vc-period-vehicle-cream-bid', label: 'VC Period: Vehicle Cream BID', role: 'VEHICLE', drug: null, route: null },
      {
        key: 'vc-period-ruxolitinib-0-75-cream-bid',
        label: 'VC Period: Ruxolitinib 0.75% Cream BID',
        role: 'EXPERIMENTAL',
        drug: { key: 'ruxolitinib' },
        route: 'TOPICAL',
      },
      {
        key: 'vc-period-ruxolitinib-1-5-cream-bid',
        label: 'VC Period: Ruxolitinib 1.5% Cream BID',
        role: 'EXPERIMENTAL',
        drug: { key: 'ruxolitinib' },
        route: 'TOPICAL',
      },
    ]);
    // Percentages are kept as text, never turned into counts.
    expect(trial.notes).toContain('VC Period: Ruxolitinib 1.5% Cream BID: 53.8 percentage of participants');
  });

  it('ctgov: counts of participants give a finding per arm, the comparator kept beside it', async () => {
    const study = JSON.parse(readFileSync(fixture('ctgov-studies.json'), 'utf8')).studies[1];
    const id = study.protocolSection.identificationModule;
    Object.assign(id, { nctId: 'NCT00000000', briefTitle: 'SYNTHETIC TEST STUDY (not trial data)', officialTitle: undefined });
    study.resultsSection.outcomeMeasuresModule.outcomeMeasures = [
      {
        type: 'PRIMARY',
        title: 'SYNTHETIC TEST MEASURE (not trial data) at Week 8',
        paramType: 'COUNT_OF_PARTICIPANTS',
        unitOfMeasure: 'Participants',
        timeFrame: 'Week 8',
        groups: [
          { id: 'OG000', title: 'VC Period: Vehicle Cream BID' },
          { id: 'OG001', title: 'VC Period: Ruxolitinib 1.5% Cream BID' },
        ],
        denoms: [
          {
            units: 'Participants',
            counts: [
              { groupId: 'OG000', value: '10' },
              { groupId: 'OG001', value: '20' },
            ],
          },
        ],
        classes: [
          {
            categories: [
              {
                measurements: [
                  { groupId: 'OG000', value: '1' },
                  { groupId: 'OG001', value: '9' },
                ],
              },
            ],
          },
        ],
      },
    ];
    const file = join(mkdtempSync(join(tmpdir(), 'jak-kg-ctgov-')), 'synthetic-study.json');
    writeFileSync(file, JSON.stringify(study));
    const run = await jakKg('import', 'ctgov', file);
    expect(run.code, run.stderr).toBe(0);
    const { finding } = await data(`{ finding(key: "nct:NCT00000000/vc-period-ruxolitinib-1-5-cream-bid/atopic-dermatitis/outcome-1") {
      patients responders timepointWeeks primary controlled drug { key } condition { key } arm { role }
      comparators { patients responders arm { role label } } sources { citation } } }`);
    expect(finding).toMatchObject({
      patients: 20,
      responders: 9,
      timepointWeeks: 8,
      primary: true,
      controlled: true,
      drug: { key: 'ruxolitinib' },
      condition: { key: 'atopic-dermatitis' },
      arm: { role: 'EXPERIMENTAL' },
      comparators: [{ patients: 10, responders: 1, arm: { role: 'VEHICLE', label: 'VC Period: Vehicle Cream BID' } }],
      sources: [{ citation: 'synthetic-study.json: ClinicalTrials.gov record NCT00000000' }],
    });
  });

  it('pubmed: articles become studies, a trial the graph holds is named, curated papers are kept', async () => {
    // What the importer makes of the articles, before the curated corpus is consulted.
    const plan = parsePubmed(readFileSync(fixture('pubmed-articles.xml'), 'utf8'), fixture('pubmed-articles.xml'), await readGraphIndex(executor(), cypher));
    expect(plan.studies.map((s) => s.key)).toEqual(['pmid:33957195', 'pmid:37099285']);
    const [paper] = plan.studies;
    expect(paper).toMatchObject({
      name: 'Papp 2021',
      design: 'RCT',
      firstAuthor: 'Papp K',
      year: 2021,
      journal: 'J Am Acad Dermatol',
      doi: '10.1016/j.jaad.2021.04.085',
      pmid: '33957195',
      nctId: 'NCT03745638',
      sources: [
        {
          citation: 'pubmed-articles.xml: PubMed record PMID 33957195',
          url: 'https://pubmed.ncbi.nlm.nih.gov/33957195/',
          pmid: '33957195',
          doi: '10.1016/j.jaad.2021.04.085',
          confidence: 'CONFIRMED',
          note: 'imported from pubmed-articles.xml (2023-04-26)',
        },
      ],
    });
    expect(paper.xrefs.map(({ source, id }) => ({ source, id }))).toEqual([
      { source: 'PubMed', id: '33957195' },
      { source: 'DOI', id: '10.1016/j.jaad.2021.04.085' },
      { source: 'NCT', id: 'NCT03745638' },
      { source: 'NCT', id: 'NCT03745651' },
    ]);
    expect(plan.studies[1]).toMatchObject({ name: 'Gorham 2023', design: 'CASE_REPORT' });

    // Both papers are in the curated corpus: nothing is written, each is said to be kept.
    const run = await jakKg('import', 'pubmed', fixture('pubmed-articles.xml'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /Imported pubmed .*pubmed-articles\.xml \(2023-04-26\): read 2, written 0 nodes and 0 relationships, skipped 0 \(\+2 kept curated\), unmatched 0 /,
    );
    expect(run.stdout).toContain('PMID 33957195 reports trial NCT03745638, which the graph holds as nct:NCT03745638 (kept apart, not merged)');
    expect(run.stdout).toContain('kept curated: study pmid:33957195 is in the curated corpus; not overwritten');
    expect(run.stdout).toContain('kept curated: study pmid:37099285 is in the curated corpus; not overwritten');
    const { trial, caseReport } = await data(`{
      trial: study(key: "pmid:33957195") { name nctId sources { citation } }
      caseReport: study(key: "pmid:37099285") { name sources { citation } }
    }`);
    expect(trial.nctId).toBe('NCT03745638');
    expect(trial.name).not.toBe('Papp 2021');
    expect(caseReport.name).toBe('Gorham 2023');
    for (const curated of [trial, caseReport]) {
      expect(curated.sources.map((s: { citation: string }) => s.citation).filter((c: string) => c.includes('pubmed-articles.xml'))).toEqual([]);
    }
    expect(designOf(['Journal Article', 'Clinical Trial, Phase II'])).toBe('PROSPECTIVE_OPEN_LABEL');
    expect(designOf(['Clinical Trial, Phase III', 'Randomized Controlled Trial'])).toBe('RCT');
    expect(designOf(['Review', 'Meta-Analysis'])).toBe('SYSTEMATIC_REVIEW');
    expect(designOf(['Observational Study'])).toBe('RETROSPECTIVE');
    expect(designOf(['Journal Article'])).toBeUndefined();
  });

  it('every imported row carries its provenance: the file, the record id, the public record, CONFIRMED', async () => {
    const rows = await executor().read(
      'test:import-provenance',
      `
      MATCH (n) WHERE n.importedFrom IS NOT NULL RETURN n.importedFrom AS file, n.sources AS sources, n.key AS what
      UNION ALL
      MATCH ()-[r]->() WHERE r.importedFrom IS NOT NULL RETURN r.importedFrom AS file, r.sources AS sources, type(r) AS what`,
    );
    const products = await executor().read(
      'test:import-applications',
      `
      MATCH (p:Product) WHERE p.fdaApplications IS NOT NULL RETURN p.key AS what, p.fdaApplications AS applications`,
    );
    interface Source {
      citation: string;
      url: string;
      confidence: string;
      note: string;
    }
    const checked: { file: string; what: string; sources: Source[] }[] = [
      ...rows.map((row) => ({ file: row.get('file'), what: row.get('what'), sources: JSON.parse(row.get('sources')) })),
      // Drugs@FDA applications are recorded on products, each with its own sources.
      ...products.flatMap((row) =>
        (JSON.parse(row.get('applications')) as { applicationNumber: string; sources: Source[] }[]).map((a) => ({
          file: 'drugsfda-jakafi.json',
          what: `${row.get('what')} ${a.applicationNumber}`,
          sources: a.sources,
        })),
      ),
    ];
    // Every file imported above wrote rows or applications, and nothing else did.
    expect([...new Set(checked.map((c) => c.file))].sort()).toEqual([
      'ctgov-studies.json',
      'drugsfda-jakafi.json',
      'ema-medicines.csv',
      'openfda-labels.json',
      'synthetic-ema.csv',
      'synthetic-study.json',
    ]);
    for (const { file, what, sources } of checked) {
      expect(sources.length, what).toBeGreaterThan(0);
      for (const source of sources) {
        expect(source.citation.startsWith(`${file}: `), `${what}: ${source.citation}`).toBe(true);
        expect(source.confidence).toBe('CONFIRMED');
        expect(source.url).toMatch(/^https:\/\//);
        expect(source.note).toMatch(new RegExp(`^imported from ${file.replace('.', '\\.')} \\(\\d{4}-\\d{2}-\\d{2}\\)$`));
      }
    }
  });

  it('importing the same files again changes nothing', async () => {
    const importAll = async () => {
      for (const [source, file] of [
        ['openfda', 'drugsfda-jakafi.json'],
        ['openfda', 'openfda-labels.json'],
        ['ema', 'ema-medicines.csv'],
        ['ctgov', 'ctgov-studies.json'],
        ['pubmed', 'pubmed-articles.xml'],
      ]) {
        const run = await jakKg('import', source, fixture(file));
        expect(run.code, run.stderr).toBe(0);
      }
    };
    // Every file in once, whatever the tests above imported, then again.
    await importAll();
    const first = await graphState();
    await importAll();
    const second = await graphState();
    expect(second.nodes).toBe(first.nodes);
    expect(second.relationships).toBe(first.relationships);
    expect(second.digest).toEqual(first.digest);
    expect(first.nodes).toBeGreaterThan(before.nodes);
  });

  it('refuses a malformed file or record with its coded error, exit 1, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jak-kg-bad-'));
    const write = (name: string, content: string) => {
      writeFileSync(join(dir, name), content);
      return join(dir, name);
    };
    const studies = JSON.parse(readFileSync(fixture('ctgov-studies.json'), 'utf8'));
    studies.studies[0].protocolSection.identificationModule.nctId = 'NCT09999991';
    const badStudies = { studies: [studies.studies[0], { hasResults: false }, studies.studies[1]] };
    const csv = readFileSync(fixture('ema-medicines.csv'), 'utf8').replace('19/04/2023', '2023-19-04');
    const cases: [string, string, RegExp][] = [
      ['ctgov', write('bad-ctgov.json', JSON.stringify(badStudies)), /IMPORT_MALFORMED_RECORD: at record 2: missing protocolSection/],
      ['ctgov', write('not-json.json', '{"studies": ['), /IMPORT_MALFORMED_FILE: .*not-json\.json is not JSON/],
      ['ema', write('bad-ema.csv', csv), /IMPORT_MALFORMED_RECORD: at line 9 \(EMEA\/H\/C\/005843\): marketing authorisation date "2023-19-04" is not a date/],
      ['ema', write('no-header.csv', 'a,b\n1,2\n'), /IMPORT_MALFORMED_FILE: .*no header row/],
      [
        'openfda',
        write(
          'bad-label.json',
          JSON.stringify({
            results: [
              JSON.parse(readFileSync(fixture('openfda-labels.json'), 'utf8')).results[0],
              { set_id: '24da5509-6631-4795-9d42-273faecd08e7', effective_time: '2024' },
            ],
          }),
        ),
        /IMPORT_MALFORMED_RECORD: at record 2 \(24da5509-6631-4795-9d42-273faecd08e7\): effective_time "2024" is not YYYYMMDD/,
      ],
      [
        'pubmed',
        write('bad.xml', readFileSync(fixture('pubmed-articles.xml'), 'utf8').replace('<PMID Version="1">37099285</PMID>', '')),
        /IMPORT_MALFORMED_RECORD: at record 2: missing or non-numeric PMID/,
      ],
      ['pubmed', write('broken.xml', '<PubmedArticleSet><PubmedArticle></PubmedArticleSet>'), /IMPORT_MALFORMED_FILE: .*not well-formed XML/],
    ];
    const state = await graphState();
    for (const [source, file, message] of cases) {
      const run = await jakKg('import', source, file);
      expect(run.code, `${source} ${file}: ${run.stderr}`).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toContain('nothing was written');
    }
    expect(await graphState()).toEqual(state);
    expect(await data(`{ study(key: "nct:NCT09999991") { key } }`)).toEqual({ study: null });
  });

  it('usage errors exit 2', async () => {
    for (const [args, message] of [
      [['import'], /missing source/],
      [['import', 'fda', 'x.json'], /unknown source: fda/],
      [['import', 'ema'], /missing file/],
      [['import', 'ema', 'a', 'b'], /unexpected argument: b/],
      [['import', '--colour'], /Unknown option '--colour'/],
    ] as const) {
      const run = await jakKg(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    expect((await jakKg('import', '--help')).stdout).toContain('usage: jak-kg import <source> <file>');
  });
});
