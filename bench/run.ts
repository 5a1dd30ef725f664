// `npm run bench`: the floor, our server and @neo4j/graphql side by side, on the same Neo4j, the same data
// and the same HTTP load, for the curated corpus and a synthetic graph at Hetionet's scale; writes the
// tables into bench/RESULTS.md (between its bench:start and bench:end markers, keeping the text around).
//
//   npm run bench                          corpus + synthetic scale 1 (loaded once into .neo4j/bench-1/)
//   npm run bench -- --scale 10            the synthetic graph ten times larger (.neo4j/bench-10/)
//   npm run bench -- --datasets corpus --seconds 5 --out /tmp/quick.md
//
// Options: --datasets corpus,synthetic  --scale N  --seed N  --connections 1,32  --warmup S  --seconds S  --rounds N
//          --warm-all S (each implementation answers every question for S seconds before the first window)
//          --reload (rebuild the synthetic database)  --out FILE  --profile-timeout S
//          --questions lookup,deep (a subset, for short runs: needs --out, RESULTS.md holds every question)
// Environment: BENCH_BOLT_PORT (7689), BENCH_HTTP_PORT (4100: floor, +1 ours, +2 peer), and the launcher's
//              JAK_KG_NEO4J_HEAP / JAK_KG_NEO4J_PAGECACHE (see bench/datasets.ts for the defaults).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/db/local-neo4j.js';
import { checkQuestion, type Checked } from './check.js';
import { datasetName, openDataset, type DatasetSpec } from './datasets.js';
import { drain, load, merge, type LoadResult } from './load.js';
import { profileStatements, type ProfileRow } from './profile.js';
import { defaultArgs, questions, type ImplementationId } from './questions.js';
import { machine, writeResults, type DatasetResult, type RunInfo } from './report.js';
import { implementations, startServer, type RunningServer } from './servers.js';

const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: 'corpus,synthetic' },
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '42' },
    connections: { type: 'string', default: '1,32' },
    warmup: { type: 'string', default: '3' },
    'warm-all': { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    // 2: each implementation measured in two windows of half the time, interleaved with the others', so a
    // drift of the machine's load falls on all three alike: with one window per cell, the same code's ratio to
    // the peer moved by up to 40% from one run to the next on these shared 2-core machines.
    rounds: { type: 'string', default: '2' },
    reload: { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(PROJECT_ROOT, 'bench', 'RESULTS.md') },
    'profile-timeout': { type: 'string', default: '30' },
    questions: { type: 'string' },
  },
});

if (values.questions && path.resolve(values.out) === path.join(PROJECT_ROOT, 'bench', 'RESULTS.md')) {
  throw new Error('--questions: a subset of the questions is written to another file (--out), not to bench/RESULTS.md');
}

const started = Date.now();
const log = (line: string) => console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const boltPort = Number(process.env.BENCH_BOLT_PORT ?? 7689);
const httpPort = Number(process.env.BENCH_HTTP_PORT ?? 4100);
const connections = values.connections.split(',').map(Number);
const warmup = Number(values.warmup);
const warmAll = Number(values['warm-all']);
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const specs: DatasetSpec[] = values.datasets.split(',').map((kind) => {
  if (kind !== 'corpus' && kind !== 'synthetic') throw new Error(`--datasets: corpus or synthetic, not ${kind}`);
  return { kind, scale: Number(values.scale), seed: Number(values.seed) };
});

const run: RunInfo = {
  command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  environment: { BENCH_BOLT_PORT: String(boltPort), BENCH_HTTP_PORT: String(httpPort) },
  startedAt: new Date(started).toISOString(),
  seconds: 0,
  connections,
  warmup,
  warmAll,
  measure: seconds,
  rounds,
  machine: machine(),
  neo4jVersion: '',
};

// On Ctrl-C or SIGTERM, stop what this run started (the servers, then the database) before leaving.
const cleanups: (() => Promise<void>)[] = [];
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping the servers and the database`);
    void (async () => {
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
      process.exit(130);
    })();
  });
}

const results: DatasetResult[] = [];
for (const spec of specs) {
  log(`dataset ${datasetName(spec)}`);
  const loadBefore = machine().loadAverage;
  const dataset = await openDataset(spec, boltPort, log, values.reload);
  const servers = {} as Record<ImplementationId, RunningServer>;
  const stopAll = async () => {
    for (const server of Object.values(servers)) await server.stop();
    await dataset.close();
  };
  cleanups.push(stopAll);
  try {
    const [component] = (
      await dataset.driver.executeQuery(
        'CALL dbms.components() YIELD name, versions, edition RETURN versions[0] + " " + edition AS version',
        {},
        { database: 'system' },
      )
    ).records;
    run.neo4jVersion = component.get('version');
    for (const [i, implementation] of implementations.entries()) servers[implementation.id] = await startServer(implementation, httpPort + i, dataset.uri, log);

    const checked: Checked[] = [];
    const asked = values.questions?.split(',');
    for (const question of questions(defaultArgs).filter((q) => !asked || asked.includes(q.id))) {
      const c = await checkQuestion(question, servers);
      checked.push(c);
      log(`  ${question.id}: the three answers agree (${c.size})`);
    }

    let profiles: ProfileRow[] = [];
    if (!asked || asked.includes('paths') || asked.includes('evidence')) {
      log('  PROFILE of the path and evidence statements');
      profiles = await profileStatements(dataset.driver, defaultArgs, Number(values['profile-timeout']) * 1000);
    }

    // One pass over every question by every implementation, at one connection, before the first measured
    // window: the three share Neo4j's JVM, which compiles its hot paths in the first seconds of load, so
    // without it the first cell measured whichever implementation came first on a cold JVM.
    if (warmAll > 0) {
      log(`  warm-up: every question, each implementation, ${warmAll} s at 1 connection`);
      for (const c of checked) {
        for (const { id } of implementations) {
          const r = await load(servers[id], c.question.requests[id], c.replies[id].body, 1, 0, warmAll);
          if (r.errors) log(`  (warm-up: ${r.errors} errors from ${id} on ${c.question.id})`);
          await drain(dataset.driver);
        }
      }
    }

    const cells: DatasetResult['cells'] = [];
    for (const c of checked) {
      for (const n of connections) {
        const cell = { question: c.question.id, connections: n, results: {} as Record<ImplementationId, LoadResult> };
        // Each implementation gets `rounds` windows of seconds/rounds, interleaved with the others' and in an
        // order that turns from cell to cell, so that a change in the machine's background load falls on all
        // three alike rather than on whichever ran at that moment.
        const order = (['floor', 'ours', 'peer'] as const).map((_, i, all) => all[(i + cells.length) % all.length]);
        const parts = { floor: [], ours: [], peer: [] } as Record<ImplementationId, LoadResult[]>;
        for (let round = 0; round < rounds; round++) {
          for (const id of order) {
            parts[id].push(await load(servers[id], c.question.requests[id], c.replies[id].body, n, warmup, seconds / rounds));
            const drained = await drain(dataset.driver);
            if (drained > 1) log(`  (database busy ${drained.toFixed(0)} s after ${id}'s window)`);
          }
        }
        for (const id of ['floor', 'ours', 'peer'] as const) {
          const r = (cell.results[id] = merge(parts[id]));
          log(
            `  ${c.question.id} c=${n} ${id}: ${r.requestsPerSecond.toFixed(1)} req/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, ${r.errors} errors`,
          );
        }
        cells.push(cell);
      }
    }
    results.push({
      spec,
      name: dataset.name,
      nodes: dataset.nodes,
      relationships: dataset.relationships,
      loadSeconds: dataset.loadSeconds,
      storedLoad: dataset.storedLoad,
      heap: dataset.heap,
      pageCache: dataset.pageCache,
      checked,
      profiles,
      cells,
      loadAverage: { before: loadBefore, after: machine().loadAverage },
    });
  } finally {
    cleanups.splice(cleanups.indexOf(stopAll), 1);
    await stopAll();
  }
}

run.seconds = (Date.now() - started) / 1000;
writeResults(values.out, run, results);
writeFileSync(
  path.join(PROJECT_ROOT, '.neo4j', 'bench-results.json'),
  JSON.stringify(
    {
      run,
      results: results.map((r) => ({
        ...r,
        checked: r.checked.map((c) => ({
          question: c.question.id,
          size: c.size,
          replies: Object.fromEntries(Object.entries(c.replies).map(([k, v]) => [k, { ...v, body: undefined }])),
        })),
      })),
    },
    (key, value) => (key === 'latencies' ? undefined : value),
    1,
  ),
);
log(`done in ${run.seconds.toFixed(0)} s; results in ${values.out}`);
