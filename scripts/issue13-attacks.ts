// The attacks of issue 13 against the app of a source tree, over HTTP on loopback, with the client in the same
// process: introspection multiplied through fragments, 40 clients of 30 (then 5) aliased path searches, and
// the coded refusals (a cursor of 2^53, an id of AuditEvent, misspelt keys, GET without a CSRF header, HEAD on
// an export). Figures of docs/RELIABILITY.md ("Issue 13"). Against a seeded Neo4j (NEO4J_URI, default
// bolt://127.0.0.1:7696), e.g.:
//   npx tsx scripts/issue13-attacks.ts                      this tree
//   ROOT=/path/to/a/checkout/of/846afc8 npx tsx scripts/issue13-attacks.ts   before (its node_modules linked to ours)
const root = process.env.ROOT ?? new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const { createApp } = await import(`${root}/src/yoga.ts`);
const { createDriver } = await import(`${root}/src/db/driver.ts`);
const { loadCypherLibrary } = await import(`${root}/src/db/cypher.ts`);
const { createMetrics } = await import(`${root}/src/observability/metrics.ts`);
const { listen } = await import(`${root}/src/server.ts`);
const driver = createDriver({
  uri: process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7696',
  user: process.env.NEO4J_USER ?? 'neo4j',
  password: process.env.NEO4J_PASSWORD ?? '',
});
const metrics = createMetrics();
let open = 0,
  most = 0;
const inc = metrics.sessionsInUse.inc.bind(metrics.sessionsInUse);
metrics.sessionsInUse.inc = (d: number) => {
  open += d;
  most = Math.max(most, open);
  inc(d);
};
const app = createApp({ driver, database: 'neo4j', cypher: loadCypherLibrary(), queryTimeoutMs: 15000, corpusVersion: () => 'x', metrics });
const server = await listen(app, 0, '127.0.0.1');
const url = `http://127.0.0.1:${(server.address() as any).port}/graphql`;
const rss = () => Math.round(process.memoryUsage().rss / 1e6);
const post = (query: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
const codes = (b: any) => (b.errors ?? []).map((e: any) => e.extensions?.code ?? 'UNCODED').join(',') || '-';
const out: Record<string, unknown> = { root };

// A. Introspection multiplied through fragments.
const aliases = (n: number, p: string, body: string) => Array.from({ length: n }, (_, i) => `${p}${i}: ${body}`).join(' ');
const attack = `{ ...A } fragment A on Query { ${aliases(4, 's', '__schema { ...S }')} } fragment S on __Schema { ${aliases(4, 't', 'types { ...T }')} } fragment T on __Type { ${aliases(4, 'f', 'fields { ...F }')} } fragment F on __Field { ${aliases(3, 'n', 'name')} ${aliases(3, 'd', 'description')} type { name kind } }`;
{
  const t = Date.now();
  const before = rss();
  const r = await post(attack);
  const text = await r.text();
  out.introspection = {
    requestBytes: Buffer.byteLength(JSON.stringify({ query: attack })),
    status: r.status,
    code: codes(JSON.parse(text)),
    answerBytes: text.length,
    ms: Date.now() - t,
    rssBefore: before,
    rssAfter: rss(),
  };
}
// C. 40 clients, each 30 aliased paths(maxLength: 6, first: 50), at once; then 5 aliased.
for (const n of [30, 5]) {
  most = 0;
  const t = Date.now();
  const tally: Record<string, number> = {};
  const q = `{ ${aliases(n, 'p', 'paths(from: "drug:ruxolitinib", to: "condition:alopecia-areata", maxLength: 6, first: 50) { length }')} }`;
  await Promise.all(
    Array.from({ length: 40 }, async () => {
      const r = await post(q);
      const b = await r.json();
      const k = `${r.status} ${codes(b)}`;
      tally[k] = (tally[k] ?? 0) + 1;
    }),
  );
  out[`paths${n}x40`] = { tally, mostSessions: most, ms: Date.now() - t };
}
// D. Coded refusals.
const b64 = (s: string) => Buffer.from(s).toString('base64');
for (const [name, q] of [
  ['cursor2^53', `{ drugs(after: "${b64('offset:9007199254740992')}") { totalCount } }`],
  ['nodeAuditEvent', `{ node(id: "${b64('AuditEvent:x')}") { id } }`],
  ['usesEU', '{ uses(regulator: "EU") { status } }'],
  ['mechanismsTypo', '{ mechanisms(drug: "ruxolitinb", condition: "lichen-planus") { length } }'],
]) {
  const r = await post(q);
  const b = await r.json();
  out[name] = `${r.status} ${codes(b)} ${JSON.stringify(b.data ?? null).slice(0, 60)}`;
}
{
  const r = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`);
  out.getWithoutCsrfHeader = r.status;
  const h = await fetch(url.replace('/graphql', '/export/evidence.csv'), { method: 'HEAD' });
  out.headExport = h.status;
  const e = await fetch(url.replace('/graphql', '/export/evidence.csv?drug=nosuch'));
  out.exportNosuch = `${e.status} ${(await e.text()).slice(0, 60).replace(/\r\n/g, '|')}`;
}
console.log(JSON.stringify(out, null, 1));
server.closeAllConnections();
server.close();
await driver.close();
