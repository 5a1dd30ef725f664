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
import { readGraphIndex } from '../src/import/graph-index.js';
import { FDA_EARLIEST, labelApprovalDate } from '../src/import/openfda.js';
import { designOf } from '../src/import/pubmed.js';
import { cypher, testApp } from './support/app.js';

const fixtures = fileURLToPath(new URL('./fixtures/import/', import.meta.url));
const fixture = (name: string) => join(fixtures, name);
const { data, executor, close } = testApp();

interface Run { code: number; stdout: string; stderr: string }

/** runCli in this process, against the test database, with stdout and stderr captured. */
async function jakKg(...args: string[]): Promise<Run> {
  const db = inject('neo4j');
  const saved = { uri: process.env.NEO4J_URI, user: process.env.NEO4J_USER, password: process.env.NEO4J_PASSWORD };
  Object.assign(process.env, { NEO4J_URI: db.uri, NEO4J_USER: db.user, NEO4J_PASSWORD: db.password });
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await runCli(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    for (const [name, value] of [['NEO4J_URI', saved.uri], ['NEO4J_USER', saved.user], ['NEO4J_PASSWORD', saved.password]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

async function cleanUp() {
  await executor().write('test:import-cleanup', `
    CALL () { MATCH (n) WHERE n.importedFrom IS NOT NULL DETACH DELETE n }
    CALL () { MATCH ()-[r]->() WHERE r.importedFrom IS NOT NULL DELETE r }
    CALL () { MATCH (p:Product) WHERE p.fdaApplications IS NOT NULL REMOVE p.fdaApplications }`);
}

/** Every node and relationship, with all its properties, in a stable order: the whole graph as text. */
async function graphState(): Promise<{ nodes: number; relationships: number; digest: string[] }> {
  const rows = await executor().read('test:import-state', `
    CALL () { MATCH (n) RETURN count(n) AS nodes }
    CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
    RETURN nodes, relationships`);
  const detail = await executor().read('test:import-detail', `
    MATCH (n) WHERE n.importedFrom IS NOT NULL OR n.fdaApplications IS NOT NULL
    OPTIONAL MATCH (n)-[r]->(m)
    WITH n.keyNorm AS key, labels(n) AS labels, properties(n) AS props, collect([type(r), m.keyNorm, properties(r)]) AS out
    RETURN labels, props, out ORDER BY key`);
  const canonical = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(canonical)
    : value && typeof value === 'object' && !('low' in (value as object)) ? Object.fromEntries(Object.entries(value as object).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]))
    : value && typeof value === 'object' ? String(value) : value;
  return {
    nodes: Number(rows[0].get('nodes')),
    relationships: Number(rows[0].get('relationships')),
    digest: detail.map((r) => JSON.stringify(canonical({ labels: [...r.get('labels')].sort(), props: r.get('props'), out: (r.get('out') as unknown[][]).map((o) => JSON.stringify(canonical(o))).sort() }))),
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

const approvalFields = 'key kind datePrecision dateAsReported date dateLast indication issuingBody condition { key } product { key } regulator { key } sources { citation url confidence note }';

describe('jak-kg import', () => {
  it('openfda: Drugs@FDA records the application, a label gives its snapshot and approvals dated as a range', async () => {
    const app = await jakKg('import', 'openfda', fixture('drugsfda-jakafi.json'));
    expect(app.code, app.stderr).toBe(0);
    expect(app.stdout).toMatch(/Imported openfda .*drugsfda-jakafi\.json \(2011-11-16\): read 1, written 0 nodes and 0 relationships \(and 1 products' FDA applications\), skipped 0, unmatched 0/);
    const [jakafi] = await executor().read('test:jakafi', `MATCH (p:Product {keyNorm: 'jakafi-tablet'}) RETURN p.fdaApplications AS a`);
    const applications = JSON.parse(jakafi.get('a'));
    expect(applications).toMatchObject([{ applicationNumber: 'NDA202192', originalApprovalDate: '2011-11-16' }]);
    expect(applications[0].sources[0]).toMatchObject({
      citation: 'drugsfda-jakafi.json: Drugs@FDA application NDA202192',
      url: 'https://www.accessdata.fda.gov/scripts/cder/daf/index.cfm?event=overview.process&ApplNo=202192',
      confidence: 'CONFIRMED',
      note: 'imported from drugsfda-jakafi.json (2011-11-16)',
    });

    const label = await jakKg('import', 'openfda', fixture('openfda-labels.json'));
    expect(label.code, label.stderr).toBe(0);
    expect(label.stdout).toMatch(/read 1, written 3 nodes and 9 relationships, skipped 0, unmatched 0/);
    const { labelSnapshot, ad, vitiligo } = await data(`{
      labelSnapshot(key: "fda-label-ruxolitinib") { complete status labelVersion notes regulator { key } drug { key } products { key } sources { citation url confidence note } }
      ad: approval(key: "fda-label-opzelura-cream-1-5-atopic-dermatitis") { ${approvalFields} }
      vitiligo: approval(key: "fda-label-opzelura-cream-1-5-nonsegmental-vitiligo") { ${approvalFields} }
    }`);
    // Opzelura's label is whole, but the graph knows FDA authorised Jakafi too, whose label is not in the file.
    expect(labelSnapshot).toMatchObject({
      complete: false, status: 'AUTHORISED', regulator: { key: 'FDA' }, drug: { key: 'ruxolitinib' }, products: [{ key: 'opzelura-cream-1-5' }],
      labelVersion: 'set_id 24da5509-6631-4795-9d42-273faecd08e7 effective 2024-08-20',
    });
    expect(labelSnapshot.notes).toContain('jakafi-tablet');
    expect(labelSnapshot.sources).toEqual([{
      citation: 'openfda-labels.json: openFDA drug label set_id 24da5509-6631-4795-9d42-273faecd08e7 (effective 2024-08-20)',
      url: 'https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=24da5509-6631-4795-9d42-273faecd08e7',
      confidence: 'CONFIRMED',
      note: 'imported from openfda-labels.json (2024-08-20)',
    }]);
    // No Drugs@FDA record of NDA215309 was imported: approved no later than the label, no earlier than 1938.
    expect(ad).toMatchObject({
      kind: 'AUTHORISATION', datePrecision: 'RANGE', dateAsReported: '1938/2024-08-20', date: '1938-01-01', dateLast: '2024-08-20',
      condition: { key: 'atopic-dermatitis' }, product: { key: 'opzelura-cream-1-5' }, regulator: { key: 'FDA' },
    });
    expect(ad.indication).toMatch(/^1\.1 Atopic Dermatitis OPZELURA is indicated/);
    expect(vitiligo).toMatchObject({ condition: { key: 'nonsegmental-vitiligo' }, dateAsReported: '1938/2024-08-20' });
    // Limitations of Use is no indication.
    expect(vitiligo.indication).not.toContain('Limitations');
  });

  it('openfda: the range starts at the application\'s original approval when Drugs@FDA gave it', () => {
    expect(labelApprovalDate('2024-08-20', '2011-11-16')).toEqual({ date: '2011-11-16/2024-08-20', lowerBound: 'ORIG' });
    expect(labelApprovalDate('2024-08-20')).toEqual({ date: `${FDA_EARLIEST}/2024-08-20`, lowerBound: 'FD&C Act' });
    expect(labelApprovalDate('2010-01-01', '2011-11-16').lowerBound).toBe('FD&C Act');
  });

  it('ema: authorised medicines of our drugs, dated by the table, a complete snapshot that makes other uses off-label', async () => {
    const before = await data(`{ uses(drug: "ruxolitinib", condition: "atopic-dermatitis", regulator: "EMA", route: TOPICAL) { status } }`);
    expect(before.uses).toEqual([{ status: 'UNKNOWN' }]);
    const run = await jakKg('import', 'ema', fixture('ema-medicines.csv'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Imported ema .*ema-medicines\.csv \(2026-09-28\): read 3, written 4 nodes and 13 relationships, skipped 1, unmatched 0/);
    expect(run.stdout).toMatch(/skipped: not a drug in the graph: line \d+ \(\(placeholder/);
    const { labelSnapshot, mf, pv, vitiligo } = await data(`{
      labelSnapshot(key: "ema-label-ruxolitinib") { complete products { key } sources { citation url } }
      mf: approval(key: "ema-jakavi-tablet-myelofibrosis") { ${approvalFields} }
      pv: approval(key: "ema-jakavi-tablet-polycythemia-vera") { ${approvalFields} }
      vitiligo: approval(key: "ema-opzelura-cream-1-5-nonsegmental-vitiligo") { ${approvalFields} }
    }`);
    expect(labelSnapshot).toMatchObject({ complete: true, products: [{ key: 'jakavi-tablet' }, { key: 'opzelura-cream-1-5' }] });
    expect(mf).toMatchObject({ datePrecision: 'RANGE', dateAsReported: '2012-08-23/2026-09-28', issuingBody: 'European Commission', regulator: { key: 'EMA' } });
    // "post polycythaemia vera myelofibrosis" is myelofibrosis; the PV indication is its own paragraph.
    expect(pv.indication).toBe('Jakavi is indicated for the treatment of adult patients with polycythaemia vera who are resistant to or intolerant of hydroxyurea.');
    expect(vitiligo).toMatchObject({ datePrecision: 'DAY', dateAsReported: '2023-04-19' });
    expect(vitiligo.sources).toEqual([{
      citation: 'ema-medicines.csv: EMA medicines table, Opzelura, product number EMEA/H/C/005843',
      url: 'https://ema.europa.eu/en/medicines/human/EPAR/opzelura', confidence: 'CONFIRMED', note: 'imported from ema-medicines.csv (2026-09-28)',
    }]);
    // The EMA label of ruxolitinib is now held in full: topical use in atopic dermatitis is off-label in the EU.
    const after = await data(`{ uses(drug: "ruxolitinib", condition: "atopic-dermatitis", regulator: "EMA", route: TOPICAL) { status basis { label { key } } } }`);
    expect(after.uses).toEqual([{ status: 'OFF_LABEL', basis: [{ label: { key: 'ema-label-ruxolitinib' } }] }]);
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
    const strip = (plan: typeof fromCsv) => JSON.parse(JSON.stringify({ ...plan, file: '', skipped: plan.skipped.length }).replaceAll('ema-medicines.xlsx', 'ema-medicines'));
    expect(strip(fromXlsx)).toEqual(strip(fromCsv));
  });

  it('ctgov: a registration and a randomised trial with results, arms by role, results as text or counts', async () => {
    const run = await jakKg('import', 'ctgov', fixture('ctgov-studies.json'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Imported ctgov .*ctgov-studies\.json \(2021-12-17\): read 2, written 2 nodes and 0 relationships, skipped 0, unmatched 0/);
    const { registration, trial } = await data(`{
      registration: study(key: "nct:NCT06719024") { design nctId name title arms { key } sources { citation url confidence note } }
      trial: study(key: "nct:NCT03745638") { design designDetail patients year primaryEndpoint notes arms { key label role drug { key } route } }
    }`);
    expect(registration).toMatchObject({
      design: 'TRIAL_REGISTRATION', nctId: 'NCT06719024', arms: [],
      sources: [{ citation: 'ctgov-studies.json: ClinicalTrials.gov record NCT06719024', url: 'https://clinicaltrials.gov/study/NCT06719024', confidence: 'CONFIRMED', note: 'imported from ctgov-studies.json (2021-12-17)' }],
    });
    expect(trial).toMatchObject({ design: 'RCT', patients: 631, year: 2018, designDetail: 'PHASE3; RANDOMIZED; COMPLETED; results posted' });
    expect(trial.arms).toEqual([
      { key: 'vc-period-vehicle-cream-bid', label: 'VC Period: Vehicle Cream BID', role: 'VEHICLE', drug: null, route: null },
      { key: 'vc-period-ruxolitinib-0-75-cream-bid', label: 'VC Period: Ruxolitinib 0.75% Cream BID', role: 'EXPERIMENTAL', drug: { key: 'ruxolitinib' }, route: 'TOPICAL' },
      { key: 'vc-period-ruxolitinib-1-5-cream-bid', label: 'VC Period: Ruxolitinib 1.5% Cream BID', role: 'EXPERIMENTAL', drug: { key: 'ruxolitinib' }, route: 'TOPICAL' },
    ]);
    // Percentages are kept as text, never turned into counts.
    expect(trial.notes).toContain('VC Period: Ruxolitinib 1.5% Cream BID: 53.8 percentage of participants');
  });

  it('ctgov: counts of participants give a finding per arm, the comparator kept beside it', async () => {
    const study = JSON.parse(readFileSync(fixture('ctgov-studies.json'), 'utf8')).studies[1];
    const id = study.protocolSection.identificationModule;
    Object.assign(id, { nctId: 'NCT00000000', briefTitle: 'SYNTHETIC TEST STUDY (not trial data)', officialTitle: undefined });
    study.resultsSection.outcomeMeasuresModule.outcomeMeasures = [{
      type: 'PRIMARY', title: 'SYNTHETIC TEST MEASURE (not trial data) at Week 8', paramType: 'COUNT_OF_PARTICIPANTS', unitOfMeasure: 'Participants', timeFrame: 'Week 8',
      groups: [{ id: 'OG000', title: 'VC Period: Vehicle Cream BID' }, { id: 'OG001', title: 'VC Period: Ruxolitinib 1.5% Cream BID' }],
      denoms: [{ units: 'Participants', counts: [{ groupId: 'OG000', value: '10' }, { groupId: 'OG001', value: '20' }] }],
      classes: [{ categories: [{ measurements: [{ groupId: 'OG000', value: '1' }, { groupId: 'OG001', value: '9' }] }] }],
    }];
    const file = join(mkdtempSync(join(tmpdir(), 'jak-kg-ctgov-')), 'synthetic-study.json');
    writeFileSync(file, JSON.stringify(study));
    const run = await jakKg('import', 'ctgov', file);
    expect(run.code, run.stderr).toBe(0);
    const { finding } = await data(`{ finding(key: "nct:NCT00000000/vc-period-ruxolitinib-1-5-cream-bid/atopic-dermatitis/outcome-1") {
      patients responders timepointWeeks primary controlled drug { key } condition { key } arm { role }
      comparators { patients responders arm { role label } } sources { citation } } }`);
    expect(finding).toMatchObject({
      patients: 20, responders: 9, timepointWeeks: 8, primary: true, controlled: true, drug: { key: 'ruxolitinib' }, condition: { key: 'atopic-dermatitis' },
      arm: { role: 'EXPERIMENTAL' }, comparators: [{ patients: 10, responders: 1, arm: { role: 'VEHICLE', label: 'VC Period: Vehicle Cream BID' } }],
      sources: [{ citation: 'synthetic-study.json: ClinicalTrials.gov record NCT00000000' }],
    });
  });

  it('pubmed: articles become studies, a trial the graph holds is named, a curated paper is kept', async () => {
    const run = await jakKg('import', 'pubmed', fixture('pubmed-articles.xml'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Imported pubmed .*pubmed-articles\.xml \(2023-04-26\): read 2, written 1 nodes and 0 relationships, skipped 0 \(\+1 kept curated\), unmatched 0/);
    expect(run.stdout).toContain('PMID 33957195 reports trial NCT03745638, which the graph holds as nct:NCT03745638 (kept apart, not merged)');
    expect(run.stdout).toContain('kept curated: study pmid:37099285');
    const { paper, curated } = await data(`{
      paper: study(key: "pmid:33957195") { name design firstAuthor year journal doi pmid nctId xrefs { source id } sources { citation url pmid doi confidence note } }
      curated: study(key: "pmid:37099285") { name sources { citation } }
    }`);
    expect(paper).toMatchObject({
      name: 'Papp 2021', design: 'RCT', firstAuthor: 'Papp K', year: 2021, journal: 'J Am Acad Dermatol', doi: '10.1016/j.jaad.2021.04.085', pmid: '33957195', nctId: 'NCT03745638',
      sources: [{ citation: 'pubmed-articles.xml: PubMed record PMID 33957195', url: 'https://pubmed.ncbi.nlm.nih.gov/33957195/', pmid: '33957195', doi: '10.1016/j.jaad.2021.04.085', confidence: 'CONFIRMED', note: 'imported from pubmed-articles.xml (2023-04-26)' }],
    });
    expect(paper.xrefs).toEqual([{ source: 'PubMed', id: '33957195' }, { source: 'DOI', id: '10.1016/j.jaad.2021.04.085' }, { source: 'NCT', id: 'NCT03745638' }, { source: 'NCT', id: 'NCT03745651' }]);
    expect(curated).toMatchObject({ name: 'Gorham 2023' });
    expect(curated.sources[0].citation).not.toContain('pubmed-articles.xml');
    expect(designOf(['Journal Article', 'Clinical Trial, Phase II'])).toBe('PROSPECTIVE_OPEN_LABEL');
    expect(designOf(['Clinical Trial, Phase III', 'Randomized Controlled Trial'])).toBe('RCT');
    expect(designOf(['Review', 'Meta-Analysis'])).toBe('SYSTEMATIC_REVIEW');
    expect(designOf(['Observational Study'])).toBe('RETROSPECTIVE');
    expect(designOf(['Journal Article'])).toBeUndefined();
  });

  it('every imported row carries its provenance: the file, the record id, the public record, CONFIRMED', async () => {
    const rows = await executor().read('test:import-provenance', `
      MATCH (n) WHERE n.importedFrom IS NOT NULL RETURN n.importedFrom AS file, n.sources AS sources, n.key AS what
      UNION ALL
      MATCH ()-[r]->() WHERE r.importedFrom IS NOT NULL RETURN r.importedFrom AS file, r.sources AS sources, type(r) AS what`);
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      const sources = JSON.parse(row.get('sources'));
      expect(sources.length, row.get('what')).toBeGreaterThan(0);
      for (const source of sources) {
        expect(source.citation.startsWith(`${row.get('file')}: `), `${row.get('what')}: ${source.citation}`).toBe(true);
        expect(source.confidence).toBe('CONFIRMED');
        expect(source.url).toMatch(/^https:\/\//);
        expect(source.note).toMatch(new RegExp(`^imported from ${row.get('file').replace('.', '\\.')} \\(\\d{4}-\\d{2}-\\d{2}\\)$`));
      }
    }
  });

  it('importing the same files again changes nothing', async () => {
    const first = await graphState();
    for (const [source, file] of [['openfda', 'drugsfda-jakafi.json'], ['openfda', 'openfda-labels.json'], ['ema', 'ema-medicines.csv'], ['ctgov', 'ctgov-studies.json'], ['pubmed', 'pubmed-articles.xml']]) {
      const run = await jakKg('import', source, fixture(file));
      expect(run.code, run.stderr).toBe(0);
    }
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
      ['openfda', write('bad-label.json', JSON.stringify({ results: [JSON.parse(readFileSync(fixture('openfda-labels.json'), 'utf8')).results[0], { set_id: '24da5509-6631-4795-9d42-273faecd08e7', effective_time: '2024' }] })), /IMPORT_MALFORMED_RECORD: at record 2 \(24da5509-6631-4795-9d42-273faecd08e7\): effective_time "2024" is not YYYYMMDD/],
      ['pubmed', write('bad.xml', readFileSync(fixture('pubmed-articles.xml'), 'utf8').replace('<PMID Version="1">37099285</PMID>', '')), /IMPORT_MALFORMED_RECORD: at record 2: missing or non-numeric PMID/],
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
    for (const [args, message] of [[['import'], /missing source/], [['import', 'fda', 'x.json'], /unknown source: fda/], [['import', 'ema'], /missing file/], [['import', 'ema', 'a', 'b'], /unexpected argument: b/], [['import', '--colour'], /Unknown option '--colour'/]] as const) {
      const run = await jakKg(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    expect((await jakKg('import', '--help')).stdout).toContain('usage: jak-kg import <source> <file>');
  });
});
