// 20 browsers loading GraphiQL for 10 s (raw HTTP, compressed bytes counted as sent) against the server of a
// source tree run as its own process, beside one client asking { __typename } every 50 ms: pages served,
// bytes sent, the server's RSS (its /metrics), the { __typename } p50/p99. Figures of docs/RELIABILITY.md
// ("Issue 13"). Against a seeded Neo4j (NEO4J_URI, default bolt://127.0.0.1:7696); ROOT as in
// scripts/issue13-attacks.ts.
import { request } from 'node:http';
const root = process.env.ROOT ?? new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const { startServerProcess } = await import(`${root}/test/support/server-process.ts`);
const server = await startServerProcess({ NEO4J_URI: process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7696', SEED_ON_START: 'false', KG_METRICS: 'true' });
const rssOf = async () => Number(/jakkg_process_resident_memory_bytes (\d+)/.exec(await (await fetch(`${server.url}/metrics`)).text())?.[1] ?? 0) / 1e6;
// Raw HTTP, as a browser: the compressed bytes are counted as sent, not decompressed by the client.
const tally: Record<string, number> = {};
const get = () =>
  new Promise<number>((resolve, reject) => {
    const req = request(`${server.url}/graphql`, { headers: { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
      let n = 0;
      res.on('data', (c) => (n += c.length));
      res.on('end', () => {
        tally[`${res.statusCode} ${res.headers['content-encoding']} ${n}`] = (tally[`${res.statusCode} ${res.headers['content-encoding']} ${n}`] ?? 0) + 1;
        resolve(n);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
const before = await rssOf();
let maxRss = before;
let pages = 0;
let bytes = 0;
const lat: number[] = [];
const end = Date.now() + 10_000;
const sampler = setInterval(async () => (maxRss = Math.max(maxRss, await rssOf())), 500);
await Promise.all([
  ...Array.from({ length: 20 }, async () => {
    while (Date.now() < end) {
      const n = await get();
      bytes += n;
      pages++;
    }
  }),
  (async () => {
    while (Date.now() < end) {
      const t = Date.now();
      await (
        await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' })
      ).text();
      lat.push(Date.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
  })(),
]);
clearInterval(sampler);
lat.sort((a, b) => a - b);
console.log(JSON.stringify(tally));
console.log(
  JSON.stringify({
    root,
    pages,
    mbSent: Math.round(bytes / 1e5) / 10,
    bytesPerPage: Math.round(bytes / pages),
    rssBeforeMb: Math.round(before),
    rssMaxMb: Math.round(maxRss),
    typenameP50: lat[Math.floor(lat.length / 2)],
    typenameP99: lat[Math.floor(lat.length * 0.99)],
    typenameRequests: lat.length,
  }),
);
await server.stop();
