// The floor's answers: for each question the one best hand-written Cypher statement, run as an auto-commit
// read (one network round trip, the cheapest way to run a statement; driver.executeQuery and managed
// transactions take two), shaped as our server's GraphQL `data`. bench/floor/server.ts serves them over
// node:http; test/bench-agreement.test.ts calls them directly.
import { readFileSync } from 'node:fs';
import neo4j, { type Driver, type Node } from 'neo4j-driver';
import { nodeLabels } from '../../src/graph-model.js';

const cypher = (name: string) => readFileSync(new URL(`./${name}.cypher`, import.meta.url), 'utf8');
const statements = {
  lookup: cypher('lookup'),
  nested: cypher('nested'),
  deep: cypher('deep'),
  evidence: cypher('evidence'),
  search: cypher('search'),
  paths: cypher('paths'),
};

/** Cypher round trips of one request (one per question here), reported in x-cypher-round-trips. */
interface Stats {
  roundTrips: number;
}

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const parseJsonList = (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as Body[]) : []);
const label = (node: Node) => node.labels.find((l) => l !== 'Entity')!;

/** The typed key "drug:ruxolitinib" as label and key (the floor takes typed keys only). */
function typedKey(ref: string): { label: string; key: string } {
  const at = ref.indexOf(':');
  if (at < 1) throw new Error(`expected a typed key such as drug:ruxolitinib, not "${ref}"`);
  const lower = ref.slice(0, at).toLowerCase();
  const found = nodeLabels.find((l) => l.toLowerCase() === lower);
  if (!found) throw new Error(`unknown type "${ref.slice(0, at)}"`);
  return { label: found, key: ref.slice(at + 1).toLowerCase() };
}

/** Exact phrase, then each term exactly, as a prefix and (from 4 letters) within one edit: as our server does. */
function luceneQuery(text: string): string | null {
  const terms = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 10);
  if (terms.length === 0) return null;
  const phrase = `"${text.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, ' ').trim()}"^4`;
  return [phrase, ...terms.map((t) => `(${t.length >= 4 ? `${t}^2 OR ${t}* OR ${t}~1` : `${t}^2 OR ${t}*`})`)].join(' OR ');
}

export function createFloor(driver: Driver, timeoutMs = 15_000) {
  async function read(stats: Stats, statement: string, params: Record<string, unknown>) {
    stats.roundTrips += 1;
    const session = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ });
    try {
      return (await session.run(statement, params, { timeout: timeoutMs })).records;
    } finally {
      await session.close();
    }
  }

  const handlers: Record<string, (body: Body, stats: Stats) => Promise<unknown>> = {
    async lookup({ key }, stats) {
      const [record] = await read(stats, statements.lookup, { key });
      const drug = record?.get('drug');
      if (!drug) return { drug: null };
      const xrefs = parseJsonList(drug.xrefs).map((x) => ({ source: x.source, id: x.id, url: x.url ?? null }));
      return {
        drug: {
          key: drug.key,
          name: drug.name,
          synonyms: drug.synonyms ?? [],
          routes: drug.routes ?? [],
          developmentStatus: drug.developmentStatus ?? 'UNKNOWN',
          xrefs,
        },
      };
    },

    async nested({ first }, stats) {
      const records = await read(stats, statements.nested, { first: neo4j.int(first) });
      return { drugs: { edges: records.map((r) => ({ node: r.get('drug') })) } };
    },

    async deep({ first }, stats) {
      const records = await read(stats, statements.deep, { first: neo4j.int(first) });
      // The first page's end cursor as our server writes it (an offset), so that the answers match byte for byte.
      const endCursor = records.length ? Buffer.from(`offset:${records.length - 1}`).toString('base64') : null;
      return {
        conditions: { pageInfo: { hasNextPage: records[0]?.get('more') ?? false, endCursor }, edges: records.map((r) => ({ node: r.get('condition') })) },
      };
    },

    async evidence({ drug, condition }, stats) {
      const [record] = await read(stats, statements.evidence, { drug, condition });
      if (!record) return { evidence: null };
      const findings = record.get('findings') as {
        key: string;
        outcome: string | null;
        patients: number | null;
        responders: number | null;
        responseRatePercent: number | null;
        primary: boolean | null;
        study: string;
      }[];
      const withResults = findings.filter((f) => f.outcome != null || f.responders != null || f.responseRatePercent != null);
      const counted = withResults.filter((f) => f.primary !== false);
      const countable = counted.filter((f) => f.patients != null && f.responders != null);
      const sum = (list: typeof findings, field: 'patients' | 'responders') =>
        list.some((f) => f[field] != null) ? list.reduce((s, f) => s + (f[field] ?? 0), 0) : null;
      const known = countable.reduce((s, f) => s + f.patients!, 0);
      return {
        evidence: {
          studies: new Set(findings.map((f) => f.study)).size,
          studiesWithResults: new Set(withResults.map((f) => f.study)).size,
          patients: sum(counted, 'patients'),
          responders: sum(counted, 'responders'),
          patientsWithKnownResponse: known,
          responseRate: known > 0 ? countable.reduce((s, f) => s + f.responders!, 0) / known : null,
          findings: findings.map((f) => ({
            key: f.key,
            outcome: f.outcome ?? null,
            patients: f.patients ?? null,
            responders: f.responders ?? null,
            responseRatePercent: f.responseRatePercent ?? null,
            primary: f.primary ?? null,
            study: { key: f.study },
          })),
        },
      };
    },

    async paths({ from, to, first }, stats) {
      const a = typedKey(from),
        b = typedKey(to);
      const records = await read(stats, statements.paths, { fromLabel: a.label, fromKey: a.key, toLabel: b.label, toKey: b.key, first: neo4j.int(first) });
      return {
        paths: records.map((r) => {
          const nodes = r.get('nodes') as Node[];
          const steps = r.get('steps') as { type: string; start: string }[];
          return {
            length: steps.length,
            nodes: nodes.map((n) => ({ key: n.properties.key, entityType: label(n) })),
            steps: steps.map((s, i) => ({ type: s.type, reversed: s.start !== nodes[i].properties.keyNorm })),
          };
        }),
      };
    },

    async search({ query, first }, stats) {
      const lucene = luceneQuery(query);
      if (!lucene) return { search: [] };
      const records = await read(stats, statements.search, { query: lucene, first: neo4j.int(first), candidates: neo4j.int(first * 5 + 50) });
      return { search: records.map((r) => ({ score: r.get('score'), entity: { key: r.get('key'), entityType: r.get('entityType'), name: r.get('name') } })) };
    },
  };

  return {
    /** The answer to one question (its name, e.g. "paths", and its variables) as our server's `data`; null for no such question. */
    async answer(question: string, variables: Body): Promise<{ data: unknown; roundTrips: number } | null> {
      const handler = Object.hasOwn(handlers, question) ? handlers[question] : undefined;
      if (!handler) return null;
      const stats: Stats = { roundTrips: 0 };
      return { data: await handler(variables, stats), roundTrips: stats.roundTrips };
    },
  };
}
