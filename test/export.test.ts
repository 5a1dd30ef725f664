// Bulk exports through app.fetch (the real HTTP handling, in-process) against the real database: headers,
// RFC 4180 quoting, stable columns, row counts against the graph, the same answers as GraphQL, bad requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField, csvLine } from '../src/export/encode.js';
import { entityListProperties, entityProperties, internalProperties, nodeLabels, nodeProperties, relationships } from '../src/graph-model.js';
import { csvObjects, parseCsv } from './support/csv.js';
import { testApp } from './support/app.js';

const { app, data, executor, close } = testApp();

const TEMP_KEY = 'export-test-quoting';
const awkwardName = 'Quote "this", and\r\nthat\nand a lone \r too';

beforeAll(async () => {
  // A temporary drug whose name needs every kind of CSV quoting; removed after the file.
  await executor().write(
    'test:export-temp',
    `MERGE (d:Drug:Entity {keyNorm: $key}) SET d.key = $key, d.name = $name,
    d.synonyms = ['a, b', 'c "d"'], d.sources = '[]', d.xrefs = '[]', d.confidence = 'UNVERIFIED', d.routes = ['TOPICAL'],
    d.developmentStatus = 'INVESTIGATIONAL'`,
    { key: TEMP_KEY, name: awkwardName },
  );
});
afterAll(async () => {
  await executor().write('test:export-temp', 'MATCH (d:Drug {keyNorm: $key}) DETACH DELETE d', { key: TEMP_KEY });
  await close();
});

async function get(path: string) {
  const response = await app.fetch(`http://test${path}`);
  return { response, text: await response.text() };
}

async function csv(path: string) {
  const { response, text } = await get(path);
  expect(response.status, text).toBe(200);
  return { response, ...csvObjects(text) };
}

async function count(cypher: string, params: Record<string, unknown> = {}): Promise<number> {
  const [record] = await executor().read('test:count', cypher, params);
  return record.get('n') as number;
}

describe('CSV encoding', () => {
  it('quotes commas, quotes, CR and LF, doubling quotes (RFC 4180), and writes lists as JSON', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('carriage\rreturn')).toBe('"carriage\rreturn"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(0)).toBe('0');
    expect(csvField(false)).toBe('false');
    expect(csvField(['a', 'b'])).toBe('"[""a"",""b""]"');
    expect(csvLine(['x', 1, null])).toBe('x,1,\r\n');
    expect(parseCsv(csvLine(['a,b', 'c"d', 'e\r\nf']))).toEqual([['a,b', 'c"d', 'e\r\nf']]);
  });
});

describe('export over HTTP', () => {
  it('answers CSV with a header row, the data version and a citable file name', async () => {
    const { meta } = await data('{ meta { dataVersion } }');
    const { response, header } = await csv('/export/evidence.csv');
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('x-data-version')).toBe(meta.dataVersion);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="jak-kg-evidence-${meta.dataVersion}.csv"`);
    // The column order is part of the contract (notebooks index by name, spreadsheets by position).
    expect(header).toEqual([
      'drug',
      'condition',
      'category',
      'route',
      'study',
      'studyName',
      'design',
      'year',
      'pmid',
      'nctId',
      'finding',
      'arm',
      'armRole',
      'dose',
      'endpoint',
      'timepointWeeks',
      'primary',
      'patients',
      'responders',
      'responseRate',
      'responseRatePercent',
      'responderDefinition',
      'outcome',
      'outcomeAsReported',
      'durationWeeks',
      'controlled',
      'comparatorArms',
      'comparatorPatients',
      'comparatorResponders',
      'comparatorResponseRate',
      'comparatorResponseRatePercent',
      'summary',
      'retracted',
      'confidence',
      'sources',
    ]);
    const uses = await csv('/export/uses.csv');
    expect(uses.header).toEqual(['drug', 'condition', 'route', 'regulator', 'status', 'explanation', 'date', 'dateAsReported', 'approvals', 'label']);
    const page = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ meta { dataVersion } }"}',
    });
    expect(page.headers.get('x-data-version')).toBe(meta.dataVersion);
  });

  it('round-trips a value with commas, quotes, CR and LF through the export', async () => {
    const { rows } = await csv('/export/nodes/Drug.csv');
    const row = rows.find((r) => r.key === TEMP_KEY)!;
    expect(row.name).toBe(awkwardName);
    expect(JSON.parse(row.synonyms)).toEqual(['a, b', 'c "d"']);
    const ndjson = (await get('/export/nodes/Drug.ndjson')).text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(ndjson.find((r) => r.key === TEMP_KEY).name).toBe(awkwardName);
  });

  it('writes every node and every relationship once, label by label and type by type', async () => {
    const entities = await count(`MATCH (n:Entity) WHERE any(l IN labels(n) WHERE l IN $labels) RETURN count(n) AS n`, { labels: [...nodeLabels] });
    const nodes = await csv('/export/nodes.csv');
    expect(nodes.rows.length).toBe(entities);
    expect(new Set(nodes.rows.map((r) => `${r.type}:${r.key}`)).size).toBe(entities);
    const ndjsonLines = (await get('/export/nodes.ndjson')).text.split('\n');
    expect(ndjsonLines.pop()).toBe('');
    expect(ndjsonLines.length).toBe(entities);
    expect(Object.keys(JSON.parse(ndjsonLines[0]))).toEqual(nodes.header);

    let relationshipTotal = 0;
    for (const [type, spec] of Object.entries(relationships)) {
      const expected = await count(`MATCH (:${spec.from})-[r:${type}]->(:${spec.to}) RETURN count(r) AS n`);
      const perType = await csv(`/export/edges/${type}.csv`);
      expect(perType.rows.length, type).toBe(expected);
      expect(perType.header).toEqual(['from', 'to', ...spec.properties, 'confidence', 'sources']);
      relationshipTotal += expected;
    }
    const edges = await csv('/export/edges.csv');
    expect(edges.rows.length).toBe(relationshipTotal);
    for (const label of nodeLabels) {
      const perLabel = await csv(`/export/nodes/${label}.csv`);
      expect(perLabel.rows.length, label).toBe(await count(`MATCH (n:${label}) RETURN count(n) AS n`));
    }
  });

  it('has a column for every property a label carries', async () => {
    for (const label of nodeLabels) {
      const [record] = await executor().read('test:props', `MATCH (n:${label}) UNWIND keys(n) AS k RETURN collect(DISTINCT k) AS keys`);
      const known = new Set<string>([...entityProperties, ...entityListProperties, ...internalProperties, ...nodeProperties[label]]);
      expect(
        (record.get('keys') as string[]).filter((k) => !known.has(k)),
        label,
      ).toEqual([]);
    }
  });

  it('gives one evidence row per finding, the same findings as GraphQL evidence for every pair', async () => {
    const { rows } = await csv('/export/evidence.csv');
    // Retracted findings are left out, as GraphQL evidence leaves them out, unless asked for.
    expect(rows.length).toBe(
      await count(
        'MATCH (:Study)-[:REPORTS]->(f:Finding)-[:OF_DRUG]->(:Drug) MATCH (f)-[:IN_CONDITION]->(:Condition) WHERE f.retracted IS NULL RETURN count(f) AS n',
      ),
    );
    expect((await csv('/export/evidence.csv?includeRetracted=true')).rows.length).toBe(
      await count('MATCH (:Study)-[:REPORTS]->(f:Finding)-[:OF_DRUG]->(:Drug) MATCH (f)-[:IN_CONDITION]->(:Condition) RETURN count(f) AS n'),
    );
    const pairs = [...new Set(rows.map((r) => `${r.drug}|${r.condition}`))];
    const answers: Record<string, any> = {}; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (let at = 0; at < pairs.length; at += 25) {
      // the server refuses more than 30 aliases in one request
      Object.assign(
        answers,
        await data(
          `{ ${pairs
            .slice(at, at + 25)
            .map((p, i) => {
              const [drug, condition] = p.split('|');
              return `p${at + i}: evidence(drug: "${drug}", condition: "${condition}") { patients findings { key study { key design } patients responders outcome } }`;
            })
            .join('\n')} }`,
        ),
      );
    }
    pairs.forEach((pair, i) => {
      const csvRows = rows.filter((r) => `${r.drug}|${r.condition}` === pair);
      const fromGraphQL = answers[`p${i}`].findings.map((f: any) => ({
        // eslint-disable-line @typescript-eslint/no-explicit-any
        finding: f.key,
        study: f.study.key,
        design: f.study.design,
        patients: f.patients === null ? '' : String(f.patients),
        responders: f.responders === null ? '' : String(f.responders),
        outcome: f.outcome ?? '',
      }));
      const fromCsv = csvRows.map((r) => ({
        finding: r.finding,
        study: r.study,
        design: r.design,
        patients: r.patients,
        responders: r.responders,
        outcome: r.outcome,
      }));
      expect(
        fromCsv.sort((a, b) => a.finding.localeCompare(b.finding)),
        pair,
      ).toEqual(fromGraphQL.sort((a: { finding: string }, b: { finding: string }) => a.finding.localeCompare(b.finding)));
    });
    // Sources are compact JSON with citations.
    for (const r of rows) expect(JSON.parse(r.sources).every((s: { citation: string }) => s.citation)).toBe(true);
  });

  it('filters evidence by drug, condition and route as GraphQL does', async () => {
    const { rows } = await csv('/export/evidence.csv?drug=RUXOLITINIB&condition=necrobiosis-lipoidica&route=topical');
    expect(rows.map((r) => [r.study, r.design, r.patients, r.responders])).toEqual([['pmid:38417541', 'PROSPECTIVE_OPEN_LABEL', '12', '']]);
  });

  it('gives one uses row per (drug, condition, route, regulator) with the status and first authorisation of GraphQL uses', async () => {
    const { uses } = await data(`{ uses { drug { key } condition { key } route
      statuses { regulator { key } status explanation label { key } approvals { key date dateAsReported } } } }`);
    const regulators = (await data('{ regulators(first: 100) { edges { node { key } } } }')).regulators.edges
      .map((e: { node: { key: string } }) => e.node.key)
      .sort();
    const { rows } = await csv('/export/uses.csv');
    expect(rows.length).toBe(uses.length * regulators.length);
    for (const use of uses) {
      for (const regulator of regulators) {
        const row = rows.find((r) => r.drug === use.drug.key && r.condition === use.condition.key && r.route === use.route && r.regulator === regulator);
        const status = use.statuses.find((s: { regulator: { key: string } }) => s.regulator.key === regulator);
        const own = [...status.approvals].sort(
          (a: { date: string; key: string }, b: { date: string; key: string }) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key),
        );
        const approved = status.status === 'APPROVED';
        expect(row, `${use.drug.key} ${use.condition.key} ${use.route} ${regulator}`).toEqual({
          drug: use.drug.key,
          condition: use.condition.key,
          route: use.route,
          regulator,
          status: status.status,
          explanation: status.explanation,
          label: status.label?.key ?? '',
          date: approved ? (own[0]?.date ?? '') : '',
          dateAsReported: approved ? (own[0]?.dateAsReported ?? '') : '',
          approvals: own
            .map((a: { key: string }) => a.key)
            .sort()
            .join('; '),
        });
      }
    }
  });

  it('filters uses by regulator and status with the answer of uses(regulator:, status:)', async () => {
    const { uses } = await data('{ uses(drug: "ruxolitinib", regulator: "EMA", status: OFF_LABEL) { condition { key } route } }');
    const { rows } = await csv('/export/uses.csv?drug=ruxolitinib&regulator=ema&status=OFF_LABEL');
    expect(rows.map((r) => `${r.condition}|${r.route}`).sort()).toEqual(
      uses.map((u: { condition: { key: string }; route: string }) => `${u.condition.key}|${u.route}`).sort(),
    );
    expect(new Set(rows.map((r) => `${r.regulator}|${r.status}`))).toEqual(new Set(['EMA|OFF_LABEL']));
    const approved = await csv('/export/uses.csv?drug=ruxolitinib&condition=nonsegmental-vitiligo&route=TOPICAL&status=APPROVED');
    // The MHRA authorisation is known to the month (2023-07): date is its first day, dateAsReported says so; the
    // CHMP opinion is no authorisation.
    expect(approved.rows.map((r) => [r.regulator, r.date, r.dateAsReported, r.approvals])).toEqual([
      ['EMA', '2023-04-19', '2023-04-19', 'ec-opzelura-nonsegmental-vitiligo-2023'],
      ['FDA', '2022-07-18', '2022-07-18', 'fda-opzelura-nonsegmental-vitiligo-2022'],
      ['MHRA', '2023-07-01', '2023-07', 'mhra-opzelura-nonsegmental-vitiligo-2023'],
    ]);
  });

  it('serves NDJSON with one object per line, values typed, columns in order', async () => {
    const { response, text } = await get('/export/evidence.ndjson?drug=ruxolitinib&condition=alopecia-areata');
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const { evidence } = await data('{ evidence(drug: "ruxolitinib", condition: "alopecia-areata") { findings { key } } }');
    expect(lines.length).toBe(evidence.findings.length);
    expect(Object.keys(lines[0])).toEqual((await csv('/export/evidence.csv')).header);
    expect(Array.isArray(lines[0].sources)).toBe(true);
    expect(lines.find((l) => l.study === 'doi:10.1001/jamadermatol.2015.4445').patients).toBe(1);
    expect(lines.find((l) => l.study === 'pmid:31622643').armRole).toBe('EXPERIMENTAL');
  });

  it('lists the tables at /export', async () => {
    const response = await app.fetch('http://test/export');
    const body = await response.json();
    expect(body.tables.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(['nodes', 'nodes/Drug', 'edges', 'edges/INTERACTS_WITH', 'evidence', 'uses']),
    );
    expect(body.tables.find((t: { name: string }) => t.name === 'uses').filters).toHaveProperty('regulator');
  });

  it('refuses bad requests with a status and a JSON error code', async () => {
    const cases: [string, number, string, RegExp][] = [
      ['/export/evidence.csv?colour=red', 400, 'BAD_USER_INPUT', /Unknown parameter "colour".*allowed: drug, condition/],
      ['/export/evidence.csv?route=NASAL', 400, 'BAD_USER_INPUT', /route must be one of TOPICAL/],
      ['/export/uses.csv?status=MAYBE', 400, 'BAD_USER_INPUT', /status must be one of APPROVED, OFF_LABEL, NOT_AUTHORISED, UNKNOWN/],
      ['/export/uses.csv?regulator=E.M.A', 400, 'BAD_USER_INPUT', /agency acronym/],
      ['/export/uses.csv?drug=a&drug=b', 400, 'BAD_USER_INPUT', /given 2 times/],
      ['/export/uses.csv?drug=', 400, 'BAD_USER_INPUT', /is empty/],
      ['/export/nodes.csv?type=Drug,Gene', 400, 'BAD_USER_INPUT', /unknown value "Gene"/],
      ['/export/nodes/Drug.csv?type=Drug', 400, 'BAD_USER_INPUT', /it takes none/],
      ['/export/genes.csv', 404, 'NOT_FOUND', /No export table "genes"/],
      ['/export/evidence.xlsx', 404, 'NOT_FOUND', /end in \.csv or \.ndjson/],
      ['/export/%E0%A4%A.csv', 400, 'BAD_USER_INPUT', /not valid URL encoding/],
    ];
    for (const [path, status, code, message] of cases) {
      const response = await app.fetch(`http://test${path}`);
      const body = await response.json();
      expect(response.status, path).toBe(status);
      expect(body.error.code, path).toBe(code);
      expect(body.error.message, path).toMatch(message);
    }
    const post = await app.fetch('http://test/export/uses.csv', { method: 'POST' });
    expect(post.status).toBe(405);
    expect((await post.json()).error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('filters nodes by type and edges by end keys', async () => {
    const { rows } = await csv('/export/nodes.csv?type=target,Regulator');
    expect(new Set(rows.map((r) => r.type))).toEqual(new Set(['Target', 'Regulator']));
    const edges = await csv('/export/edges.csv?type=INTERACTS_WITH&from=ruxolitinib');
    expect(edges.rows.map((r) => r.to)).toEqual(['JAK1', 'JAK2', 'JAK3', 'TYK2']);
    expect(JSON.parse(edges.rows[0].properties)).toMatchObject({ action: 'INHIBITOR', potencyNm: 3, primary: true });
  });
});
