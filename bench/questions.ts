// The benchmark's six questions, each asked of the three implementations, and how each implementation's
// answer is brought to one comparable form (our server's `data`, with unordered neighbour lists sorted by
// key). The bench refuses to time a question whose three answers differ.
import { nodeLabels } from '../src/graph-model.js';

export type QuestionId = 'lookup' | 'nested' | 'deep' | 'evidence' | 'paths' | 'search';
export type ImplementationId = 'floor' | 'ours' | 'peer';

export interface HttpRequest {
  path: string;
  body: string;
}

export interface Question {
  id: QuestionId;
  title: string;
  /** The HTTP request each implementation gets (all POST, JSON). */
  requests: Record<ImplementationId, HttpRequest>;
  /** The answer in a comparable form, from each implementation's response body. */
  answer: Record<ImplementationId, (body: any) => unknown>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface QuestionArgs {
  drug: string;
  condition: string;
  pathFrom: string;
  pathTo: string;
  searchText: string;
  nestedFirst: number;
  /** Page size of the deep page (the synthetic graph has 1,025 conditions; the corpus fewer, all on the page). */
  deepFirst: number;
}

export const defaultArgs: QuestionArgs = {
  drug: 'ruxolitinib',
  condition: 'alopecia-areata',
  pathFrom: 'drug:ruxolitinib',
  pathTo: 'condition:lichen-planus',
  searchText: 'ruxolitinb',
  nestedFirst: 100,
  deepFirst: 1_000,
};

/**
 * What our server is started with for the deep page: one page of 1,000 is above the default page size
 * (KG_MAX_PAGE_SIZE 100, at most 1,000) and its estimated cost (1,000 conditions x 10 pathways x 10
 * sub-pathways x 10 conditions, about 1.2 million) above the default KG_MAX_COMPLEXITY (200,000). An
 * operator who serves such pages raises both the same way; the other questions are within the defaults.
 */
export const oursEnv: Record<string, string> = { KG_MAX_PAGE_SIZE: '1000', KG_MAX_COMPLEXITY: '2000000' };

const graphql = (query: string, variables: Record<string, unknown>): HttpRequest => ({
  path: '/graphql',
  body: JSON.stringify({ query: query.replace(/\s+/g, ' ').trim(), variables }),
});
const floor = (path: string, variables: Record<string, unknown>): HttpRequest => ({ path, body: JSON.stringify(variables) });

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
/** The GraphQL `data`, or the whole body when it carries errors (so they show in a mismatch). */
const dataOf = (body: any) => (body?.errors ? body : body?.data); // eslint-disable-line @typescript-eslint/no-explicit-any

// Our EntityType values are SCREAMING_CASE (CONDITION_CATEGORY); the floor and the peer answer the node label
// (ConditionCategory). Our answers are compared with the label written back.
const labelOf = new Map(nodeLabels.map((label) => [label.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase(), label]));
const withLabels = (value: any): any =>
  // eslint-disable-line @typescript-eslint/no-explicit-any
  Array.isArray(value)
    ? value.map(withLabels)
    : value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'entityType' ? (labelOf.get(v as string) ?? v) : withLabels(v)]))
      : value;
const oursOf = (body: any) => withLabels(dataOf(body)); // eslint-disable-line @typescript-eslint/no-explicit-any

/* eslint-disable @typescript-eslint/no-explicit-any */
interface NestedDrug {
  key: string;
  targets: { potencyNm: number | null; target: { key: string; pathways: { key: string; conditions: { key: string }[] }[] } }[];
}

/** Neighbour lists are ordered by name in our API and by whatever the others choose: compare them as sets. */
function canonicalNested(drugs: NestedDrug[]) {
  return drugs.map((d) => ({
    key: d.key,
    targets: d.targets
      .map((t) => ({
        potencyNm: t.potencyNm,
        target: {
          key: t.target.key,
          pathways: t.target.pathways.map((p) => ({ key: p.key, conditions: [...p.conditions].sort(byKey) })).sort(byKey),
        },
      }))
      .sort((a, b) => byKey(a.target, b.target)),
  }));
}

interface DeepCondition {
  key: string;
  pathways: { key: string; children: { key: string; conditions: { key: string }[] }[] }[];
}

function canonicalDeep(conditions: DeepCondition[], hasNextPage: boolean) {
  return {
    hasNextPage,
    conditions: conditions.map((c) => ({
      key: c.key,
      pathways: c.pathways
        .map((p) => ({ key: p.key, children: p.children.map((s) => ({ key: s.key, conditions: [...s.conditions].sort(byKey) })).sort(byKey) }))
        .sort(byKey),
    })),
  };
}

/** The nested list's answer (ours and the floor's) in comparable form. */
const nestedAnswer = (body: any) => {
  const data = dataOf(body);
  return data?.drugs ? canonicalNested(data.drugs.edges.map((e: any) => e.node)) : data;
};

/** The deep page's answer in comparable form, from the connection field `field`. */
const deepAnswer = (field: string) => (body: any) => {
  const data = dataOf(body);
  return data?.[field]
    ? canonicalDeep(
        data[field].edges.map((e: any) => e.node),
        data[field].pageInfo.hasNextPage,
      )
    : data;
};

export function questions(args: QuestionArgs = defaultArgs): Question[] {
  return [
    {
      id: 'lookup',
      title: `key lookup: drug(key: "${args.drug}")`,
      requests: {
        ours: graphql(`query($key: String!) { drug(key: $key) { key name synonyms routes developmentStatus xrefs { source id url } } }`, { key: args.drug }),
        peer: graphql(
          `query($key: String!) { drugs(where: { keyNorm: { eq: $key } }) { key name synonyms routes developmentStatus xrefs { source id url } } }`,
          { key: args.drug.toLowerCase() },
        ),
        floor: floor('/lookup', { key: args.drug }),
      },
      answer: {
        ours: dataOf,
        floor: dataOf,
        peer: (body) => {
          const data = dataOf(body);
          return data?.drugs ? { drug: data.drugs[0] ?? null } : data;
        },
      },
    },
    {
      id: 'nested',
      title: `nested list: ${args.nestedFirst} drugs with targets, their pathways and those pathways' conditions`,
      requests: {
        ours: graphql(
          `query($first: Int!) { drugs(first: $first) { edges { node { key
             targets(includeSecondary: true) { potencyNm target { key pathways { key conditions { key } } } } } } } }`,
          { first: args.nestedFirst },
        ),
        peer: graphql(
          `query($first: Int!) { drugs(limit: $first, sort: [{ name: ASC }, { keyNorm: ASC }]) { key
             targetsConnection { edges { properties { potencyNm } node { key pathways { key conditions { key } } } } } } }`,
          { first: args.nestedFirst },
        ),
        floor: floor('/nested', { first: args.nestedFirst }),
      },
      answer: {
        // The floor answers in our shape.
        ours: nestedAnswer,
        floor: nestedAnswer,
        peer: (body) => {
          const data = dataOf(body);
          if (!data?.drugs) return data;
          return canonicalNested(
            data.drugs.map((d: any) => ({
              key: d.key,
              targets: d.targetsConnection.edges.map((e: any) => ({ potencyNm: e.properties.potencyNm, target: e.node })),
            })),
          );
        },
      },
    },
    {
      id: 'deep',
      title: `deep page: conditions(first: ${args.deepFirst}), their pathways, those pathways' sub-pathways and the conditions those are implicated in`,
      requests: {
        ours: graphql(
          `query($first: Int!) { conditions(first: $first) { pageInfo { hasNextPage endCursor } edges { node { key
             pathways { key children { key conditions { key } } } } } } }`,
          { first: args.deepFirst },
        ),
        peer: graphql(
          `query($first: Int!) { conditionsConnection(first: $first, sort: [{ name: ASC }, { keyNorm: ASC }]) { pageInfo { hasNextPage endCursor }
             edges { node { key pathways { key children { key conditions { key } } } } } } }`,
          { first: args.deepFirst },
        ),
        floor: floor('/deep', { first: args.deepFirst }),
      },
      answer: {
        // The floor answers in our shape; the peer's connection has its own name.
        ours: deepAnswer('conditions'),
        floor: deepAnswer('conditions'),
        peer: deepAnswer('conditionsConnection'),
      },
    },
    {
      id: 'evidence',
      title: `evidence summary: evidence(drug: "${args.drug}", condition: "${args.condition}")`,
      requests: {
        ours: graphql(
          `query($drug: String!, $condition: String!) { evidence(drug: $drug, condition: $condition) {
             studies studiesWithResults patients responders patientsWithKnownResponse responseRate
             findings { key outcome patients responders responseRatePercent primary study { key } } } }`,
          { drug: args.drug, condition: args.condition },
        ),
        peer: graphql(
          `query($drug: String!, $condition: String!) { evidence(drug: $drug, condition: $condition) {
             studies studiesWithResults patients responders patientsWithKnownResponse responseRate
             findings { key outcome patients responders responseRatePercent primary study } } }`,
          { drug: args.drug, condition: args.condition },
        ),
        floor: floor('/evidence', { drug: args.drug, condition: args.condition }),
      },
      answer: {
        ours: dataOf,
        floor: dataOf,
        peer: (body) => {
          const data = dataOf(body);
          if (!data?.evidence) return data;
          const e = data.evidence;
          return { evidence: { ...e, findings: e.findings.map((f: any) => ({ ...f, study: { key: f.study } })) } };
        },
      },
    },
    {
      id: 'paths',
      title: `path query: paths(from: "${args.pathFrom}", to: "${args.pathTo}", maxLength: 4, first: 10)`,
      requests: {
        ours: graphql(
          `query($from: String!, $to: String!) { paths(from: $from, to: $to, maxLength: 4, first: 10) {
             length nodes { key entityType } steps { type reversed } } }`,
          { from: args.pathFrom, to: args.pathTo },
        ),
        peer: graphql(
          `query($from: String!, $to: String!) { paths(from: $from, to: $to, first: 10) { length nodes { key entityType } steps { type reversed } } }`,
          { from: args.pathFrom, to: args.pathTo },
        ),
        floor: floor('/paths', { from: args.pathFrom, to: args.pathTo, maxLength: 4, first: 10 }),
      },
      answer: { ours: oursOf, floor: dataOf, peer: dataOf },
    },
    {
      id: 'search',
      title: `search: search(query: "${args.searchText}", first: 10)`,
      requests: {
        ours: graphql(`query($q: String!) { search(query: $q, first: 10) { score entity { key entityType name } } }`, { q: args.searchText }),
        peer: graphql(`query($q: String!) { search(query: $q, first: 10) { score entity { key entityType name } } }`, { q: args.searchText }),
        floor: floor('/search', { query: args.searchText, first: 10 }),
      },
      answer: { ours: oursOf, floor: dataOf, peer: dataOf },
    },
  ];
}
/* eslint-enable @typescript-eslint/no-explicit-any */
