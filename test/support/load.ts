// A load run on loopback: autocannon against a running server with a mix of the questions the corpus
// answers, sampling the server's resident memory from its /metrics while it runs. Used by the short
// in-suite test (test/load.test.ts) and by `npm run load` (scripts/load.ts, 60 s at concurrency 64).
import autocannon from 'autocannon';

/** The mix: one of each kind of question, as notebooks and GraphiQL ask them. */
export const mixedQueries: { name: string; query: string }[] = [
  { name: 'Targets', query: '{ drug(key: "ruxolitinib") { targets(includeSecondary: true) { target { key } action potencyNm sources { citation } } } }' },
  { name: 'Mechanism', query: '{ mechanisms(drug: "ruxolitinib", condition: "lichen-planus") { nodes { key } steps { type sources { pmid } } } }' },
  {
    name: 'Evidence',
    query:
      '{ evidence(drug: "ruxolitinib", condition: "alopecia-areata", route: TOPICAL) { studies patients responders responseRate findings { key outcome } offLabelIn { key } } }',
  },
  { name: 'Uses', query: '{ uses(drug: "ruxolitinib", regulator: "EMA", status: OFF_LABEL) { condition { key } route evidence { studies } } }' },
  { name: 'Approvals', query: '{ condition(key: "alopecia-areata") { approvals { regulator { key } product { name } date } } }' },
  { name: 'Search', query: '{ search(query: "ruxolitinb") { score entity { key entityType } } }' },
  {
    name: 'Studies',
    query: '{ studies(first: 20, filter: {yearFrom: 2020}, orderBy: {field: YEAR, direction: DESC}) { totalCount edges { node { key year design } } } }',
  },
  { name: 'Paths', query: '{ paths(from: "drug:ruxolitinib", to: "condition:alopecia-areata", maxLength: 3) { length steps { type } } }' },
  { name: 'Nested', query: '{ drugs(first: 10) { edges { node { key targets { target { key pathways { key conditions { key } } } } } } } }' },
];

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Errors the server counted in its answers (GraphQL errors inside 200s included). */
  graphqlErrors: number;
  rssMb: { start: number; max: number; end: number; everyTenSeconds: number[] };
  /** V8 heap in use at the end, after the run (MB). */
  heapUsedMb: number;
}

async function scrape(url: string): Promise<string> {
  return (await fetch(`${url}/metrics`)).text();
}

function metricSum(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

export async function runLoad(url: string, options: { connections: number; seconds: number }): Promise<LoadResult> {
  // Warm-up: Neo4j plans each statement on first use (seconds on a cold database); measure after that.
  for (const q of mixedQueries) {
    await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q.query }) });
  }
  const rss = async () => metricSum(await scrape(url), 'jakkg_process_resident_memory_bytes') / 2 ** 20;
  const errorsBefore = metricSum(await scrape(url), 'jakkg_graphql_errors_total');
  const samples = [await rss()];
  const sampler = setInterval(
    () =>
      void rss().then(
        (mb) => samples.push(mb),
        () => {},
      ),
    1_000,
  );
  const result = await autocannon({
    url: `${url}/graphql`,
    connections: options.connections,
    duration: options.seconds,
    timeout: 30,
    requests: mixedQueries.map((q) => ({
      method: 'POST' as const,
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: q.query, operationName: null }),
    })),
  });
  clearInterval(sampler);
  samples.push(await rss());
  return {
    connections: options.connections,
    seconds: options.seconds,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    graphqlErrors: metricSum(await scrape(url), 'jakkg_graphql_errors_total') - errorsBefore,
    rssMb: {
      start: Math.round(samples[0]),
      max: Math.round(Math.max(...samples)),
      end: Math.round(samples.at(-1)!),
      everyTenSeconds: samples.filter((_, i) => i % 10 === 0).map(Math.round),
    },
    heapUsedMb: Math.round(metricSum(await scrape(url), 'jakkg_nodejs_heap_size_used_bytes') / 2 ** 20),
  };
}
