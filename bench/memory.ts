// Where each server's memory goes, without the timing: the three servers of the bench on one dataset,
// their RSS and V8 heap (process.memoryUsage(), sampled in the server by bench/memory-probe.mjs) idle after
// start, after each question has been answered once, and at the peak of a short load of each question.
//
//   npx tsx bench/memory.ts --dataset corpus --seconds 5 --connections 32
// Environment: BENCH_BOLT_PORT, BENCH_HTTP_PORT as for npm run bench; extra flags for the servers' node in
// BENCH_NODE_OPTIONS (e.g. "--max-semi-space-size=4") to compare V8 settings.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkQuestion } from './check.js';
import { openDataset } from './datasets.js';
import { load } from './load.js';
import { defaultArgs, questions, type ImplementationId } from './questions.js';
import { implementations, startServer, type RunningServer } from './servers.js';

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'corpus' },
    scale: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    questions: { type: 'string' },
  },
});
const boltPort = Number(process.env.BENCH_BOLT_PORT ?? 7689);
const httpPort = Number(process.env.BENCH_HTTP_PORT ?? 4100);
const log = (line: string) => console.error(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-memory-'));
process.env.BENCH_MEMORY_DIR = dir;
process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, `--import ${new URL('./memory-probe.mjs', import.meta.url).href}`, process.env.BENCH_NODE_OPTIONS]
  .filter(Boolean)
  .join(' ');

interface Sample {
  t: number;
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}
const samples = (pid: number): Sample[] =>
  readFileSync(path.join(dir, `${pid}.jsonl`), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const show = (s: Sample | undefined) => (s ? `${mb(s.rss)} (heap ${mb(s.heapUsed)}/${mb(s.heapTotal)}, ext ${mb(s.external)})` : '-');
/** The sample with the highest RSS since `from`. */
const peak = (pid: number, from: number) =>
  samples(pid)
    .filter((s) => s.t >= from)
    .reduce<Sample | undefined>((a, s) => (!a || s.rss > a.rss ? s : a), undefined);

const kind = values.dataset === 'synthetic' ? 'synthetic' : 'corpus';
const dataset = await openDataset({ kind, scale: Number(values.scale), seed: 42 }, boltPort, log);
const servers = {} as Record<ImplementationId, RunningServer>;
const rows: string[][] = [];
try {
  for (const [i, implementation] of implementations.entries()) servers[implementation.id] = await startServer(implementation, httpPort + i, dataset.uri, log);
  await sleep(3_000);
  const idle = Object.fromEntries(implementations.map(({ id }) => [id, samples(servers[id].pid).at(-1)]));
  const all = questions(defaultArgs).filter((q) => !values.questions || values.questions.split(',').includes(q.id));
  const checked = [];
  for (const question of all) {
    const c = await checkQuestion(question, servers);
    checked.push(c);
    log(
      `${question.id}: the answers agree (${c.size}); ${implementations.map(({ id }) => `${id} ${c.replies[id].bytes} bytes in ${c.replies[id].ms.toFixed(0)} ms`).join(', ')}`,
    );
  }
  await sleep(1_000);
  const warm = Object.fromEntries(implementations.map(({ id }) => [id, samples(servers[id].pid).at(-1)]));
  rows.push(['idle, 3 s after ready', ...implementations.map(({ id }) => show(idle[id]))]);
  rows.push(['each question answered once', ...implementations.map(({ id }) => show(warm[id]))]);
  for (const c of checked) {
    const cells: string[] = [];
    for (const { id } of implementations) {
      const from = Date.now();
      await load(servers[id], c.question.requests[id], c.replies[id].body, Number(values.connections), 0, Number(values.seconds));
      await sleep(500);
      cells.push(show(peak(servers[id].pid, from)));
    }
    rows.push([`peak, ${c.question.id} at ${values.connections} connections`, ...cells]);
  }
  rows.push(['after all', ...implementations.map(({ id }) => show(samples(servers[id].pid).at(-1)))]);
} finally {
  for (const server of Object.values(servers)) await server.stop();
  await dataset.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`RSS MB (V8 heap used/total, external), ${dataset.name}; node options of the servers: ${process.env.BENCH_NODE_OPTIONS || 'none'}\n`);
console.log(`| moment | ${implementations.map((i) => i.id).join(' | ')} |\n| --- | --- | --- | --- |`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
