// Faults survived, against a Neo4j of this test's own (a second local launcher on its own port and data
// folder; the shared test database is left alone):
//   - the server starts while Neo4j is down (readiness false, coded 503s) and gets ready by itself,
//     seeding the corpus, when Neo4j comes up;
//   - under load, Neo4j killed (SIGKILL) and restarted: only coded 503s while it is down, recovery
//     without restarting the server, every acknowledged write present and no partial write anywhere;
//   - a seed interrupted halfway and run again converges to the full graph.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { hashToken } from '../src/auth/tokens.js';
import { readConfig } from '../src/config.js';
import { createDriver } from '../src/db/driver.js';
import { createExecutor } from '../src/db/executor.js';
import { PROJECT_ROOT, startLocalNeo4j, type LocalNeo4j } from '../src/db/local-neo4j.js';
import { readCorpus } from '../src/ingest/read-corpus.js';
import { corpusToGraph, seed } from '../src/ingest/seed.js';
import { silentLogger } from '../src/observability/logger.js';
import { startServer, type RunningServer } from '../src/start.js';
import { cypher } from './support/app.js';

const port = Number(process.env.NEO4J_FAULT_BOLT_PORT ?? Number(process.env.NEO4J_TEST_BOLT_PORT ?? 7688) + 2);
const dataDir = path.join(PROJECT_ROOT, '.neo4j', 'test-fault', 'data');
const uri = `bolt://127.0.0.1:${port}`;
const token = 'fault-test-curator-token-0123456789';

let neo4j: LocalNeo4j | undefined;
let server: RunningServer | undefined;
const driver = createDriver({ uri, user: 'neo4j', password: '' });
const executor = createExecutor({ driver, database: 'neo4j', timeoutMs: 120_000 });

const startNeo4j = () => startLocalNeo4j({ dataDir, boltPort: port });

afterAll(async () => {
  await server?.close();
  await driver.close();
  await neo4j?.stop();
  rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

interface Answer {
  status: number;
  codes: string[];
  key?: string;
  write: boolean;
  sent: number;
  at: number;
}

async function ask(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const sent = Date.now();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const json = (await response.json()) as { data?: { addFinding?: { key: string } }; errors?: { extensions?: { code?: string } }[] };
  // A client backs off a little when told the service is unavailable.
  if (response.status === 503) await new Promise((resolve) => setTimeout(resolve, 25));
  return {
    status: response.status,
    codes: (json.errors ?? []).map((e) => e.extensions?.code ?? 'UNCODED'),
    key: json.data?.addFinding?.key,
    write: 'authorization' in headers,
    sent,
    at: Date.now(),
  };
}

const reads = [
  '{ drug(key: "ruxolitinib") { targets { target { key } potencyNm } } }',
  '{ evidence(drug: "ruxolitinib", condition: "alopecia-areata") { studies patients } }',
  '{ search(query: "tofacitinib") { entity { key } } }',
];
const studies = readCorpus().corpus['studies.json'].map((s) => s.key);
const conditions = readCorpus().corpus['conditions.json'].map((c) => c.key);

/** Readers and writers hammering the server until stopped; every answer kept, with what was written. */
function load(url: string, writers: { drug: string }[], readers: number) {
  const answers: Answer[] = [];
  const attempted: string[] = [];
  let running = true;
  const loops = [
    ...Array.from({ length: readers }, async (_, r) => {
      for (let i = 0; running; i++) answers.push(await ask(url, { query: reads[(r + i) % reads.length] }));
    }),
    ...writers.map(async ({ drug }) => {
      for (let i = 0; running && i < studies.length * conditions.length; i++) {
        const input = {
          study: studies[i % studies.length],
          drug,
          condition: conditions[Math.floor(i / studies.length)],
          outcome: 'IMPROVED',
          patients: 10,
          responders: 5,
          summary: 'written by test/fault.test.ts',
          sources: [{ citation: 'fault test', confidence: 'UNVERIFIED' }],
        };
        attempted.push(`${input.study}/${drug}/${input.condition}`);
        answers.push(
          await ask(
            url,
            { query: 'mutation($input: FindingInput!) { addFinding(input: $input) { key } }', variables: { input } },
            {
              authorization: `Bearer ${token}`,
            },
          ),
        );
      }
    }),
  ];
  return {
    answers,
    attempted,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

async function waitFor(check: () => Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const readyStatus = async () => (await fetch(`http://127.0.0.1:${server!.port}/ready`)).status;

describe.skipIf(inject('neo4j').how !== 'local launcher')('faults', () => {
  it('starts while Neo4j is down, refuses with coded 503s, and gets ready by itself when Neo4j comes up', { timeout: 240_000 }, async () => {
    rmSync(path.dirname(dataDir), { recursive: true, force: true });
    const config = readConfig({
      NEO4J_URI: uri,
      HOST: '127.0.0.1',
      PORT: '0',
      KG_TOKENS: `fault:${hashToken(token)}:curate`,
      SHUTDOWN_GRACE_MS: '5000',
    });
    server = await startServer(config, { logger: silentLogger });
    const url = `http://127.0.0.1:${server.port}`;
    expect(await readyStatus()).toBe(503);
    const down = await ask(url, { query: reads[0] });
    expect(down).toMatchObject({ status: 503, codes: ['SERVICE_UNAVAILABLE'] });

    neo4j = await startNeo4j();
    await server.ready; // the server seeds the empty database by itself
    expect(await readyStatus()).toBe(200);
    const up = await ask(url, { query: '{ drug(key: "ruxolitinib") { key } meta { dataVersion } }' });
    expect(up).toMatchObject({ status: 200, codes: [] });
  });

  it('survives Neo4j killed under load: coded 503s only, recovery without a restart, no write lost or partial', { timeout: 240_000 }, async () => {
    const url = `http://127.0.0.1:${server!.port}`;
    const run = load(url, [{ drug: 'delgocitinib' }, { drug: 'baricitinib' }], 6);
    const writes = (since = 0) => run.answers.filter((a) => a.key && a.at > since).length;
    await waitFor(async () => writes() >= 5, 60_000); // under way: reads and writes acknowledged
    const beforeCrash = run.answers.length;

    process.kill(neo4j!.pid, 'SIGKILL');
    const crashedAt = Date.now();
    await waitFor(async () => (await readyStatus()) === 503, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    neo4j = await startNeo4j(); // same data folder: Neo4j recovers its transaction log
    const neo4jReadyAt = Date.now(); // the launcher says the database is available
    // When Neo4j itself first serves a query (a new driver, no pooled connections): a restarted JVM is cold.
    const direct = (async () => {
      const fresh = createDriver({ uri, user: 'neo4j', password: '' });
      try {
        await fresh.executeQuery('RETURN 1');
        return Date.now() - neo4jReadyAt;
      } finally {
        await fresh.close();
      }
    })();
    await waitFor(async () => (await readyStatus()) === 200, 60_000);
    const recoveredAt = Date.now();
    // Reads and writes go through again, on the same server.
    await waitFor(async () => writes(recoveredAt) >= 3 && run.answers.filter((a) => a.at > recoveredAt + 1_000).length >= 20, 60_000);
    await run.stop();

    const { answers } = run;
    const afterRecovery = answers.filter((a) => a.at > recoveredAt + 1_000);
    // Recovery soon after Neo4j serves queries again (issue 13, item 5): the first read and the first write
    // through the server, against a fresh driver's first query (what Neo4j itself takes). The rest is Neo4j
    // compiling each of our statements on its cold JVM, and the driver's 1 s back-off before it retries the
    // first write; before the probe ran a real read, queries hung in Neo4j until their 15 s timeout.
    const neo4jServes = await direct;
    const firstRead = Math.min(...answers.filter((a) => !a.write && a.status === 200 && a.at > neo4jReadyAt).map((a) => a.at)) - neo4jReadyAt;
    const firstWrite = Math.min(...answers.filter((a) => a.key && a.at > neo4jReadyAt).map((a) => a.at)) - neo4jReadyAt;
    console.log(
      `fault: after Neo4j was ready again, its first query took ${neo4jServes} ms (a fresh driver); the server's first read ${firstRead} ms, first write ${firstWrite} ms`,
    );
    // These are hang bounds, not performance targets (those belong in benchmarks; the figures are printed above and
    // in docs/RELIABILITY.md). On a loaded machine Neo4j's cold start stretches, and our statements' compilation
    // with it, so the bounds grow with what Neo4j itself took. Before, requests begun in a restarted Neo4j hung
    // until their 15 s transaction timeout: none may wait that long now.
    expect(firstRead - neo4jServes).toBeLessThan(10_000 + 2 * neo4jServes);
    expect(firstWrite - neo4jServes).toBeLessThan(15_000 + 2 * neo4jServes);
    expect(answers.filter((a) => a.sent > neo4jReadyAt && a.at - a.sent > 14_000)).toEqual([]);
    console.log(
      `fault: ${answers.length} answers (${beforeCrash} before the kill), ` +
        `${answers.filter((a) => a.status === 503).length} coded 503s, down ${recoveredAt - crashedAt} ms, ` +
        `${afterRecovery.length} after recovery (${writes(recoveredAt)} writes), ${answers.filter((a) => a.key).length} writes acknowledged`,
    );
    // Only 200s and coded 503s, ever; every 503 says SERVICE_UNAVAILABLE.
    expect(answers.filter((a) => a.status !== 200 && a.status !== 503)).toEqual([]);
    expect(answers.filter((a) => a.status === 503 && !a.codes.every((c) => c === 'SERVICE_UNAVAILABLE'))).toEqual([]);
    expect(answers.filter((a) => a.status === 200 && a.codes.length > 0)).toEqual([]);
    expect(answers.filter((a) => a.status === 503).length).toBeGreaterThan(0);
    // Recovered by itself: the same server answers again, and everything after recovery succeeds.
    expect(server!.server.listening).toBe(true);
    expect(afterRecovery.length).toBeGreaterThan(0);
    expect(afterRecovery.filter((a) => a.status !== 200)).toEqual([]);

    // Nothing lost: every acknowledged write is there, whole.
    const acknowledged = answers.flatMap((a) => (a.key ? [a.key.toLowerCase()] : []));
    expect(acknowledged.length).toBeGreaterThan(0);
    const [present] = await executor.read(
      'test:acknowledged',
      `
      UNWIND $keys AS key
      MATCH (s:Study)-[:REPORTS]->(f:Finding {keyNorm: key})-[:OF_DRUG]->(:Drug), (f)-[:IN_CONDITION]->(:Condition), (:AuditEvent)-[:AUDITS]->(f)
      RETURN count(DISTINCT f) AS n`,
      { keys: acknowledged },
    );
    expect(present.get('n')).toBe(new Set(acknowledged).size);
    // Nothing partial: no curated finding without its study, drug, condition and audit event, and no
    // audit event without its finding; what was written but not acknowledged (lost answers) is whole too.
    const [partial] = await executor.read(
      'test:partial',
      `
      OPTIONAL MATCH (f:Finding) WHERE f.createdBy IS NOT NULL AND NOT (
        EXISTS { (:Study)-[:REPORTS]->(f) } AND EXISTS { (f)-[:OF_DRUG]->(:Drug) } AND
        EXISTS { (f)-[:IN_CONDITION]->(:Condition) } AND EXISTS { (:AuditEvent)-[:AUDITS]->(f) })
      WITH count(f) AS findings
      OPTIONAL MATCH (e:AuditEvent) WHERE NOT EXISTS { (e)-[:AUDITS]->(:Finding) }
      RETURN findings, count(e) AS events`,
    );
    expect({ findings: partial.get('findings'), events: partial.get('events') }).toEqual({ findings: 0, events: 0 });
    const [curated] = await executor.read('test:curated', 'MATCH (f:Finding) WHERE f.createdBy IS NOT NULL RETURN count(f) AS n, collect(f.keyNorm) AS keys');
    const attempted = new Set(run.attempted.map((k) => k.toLowerCase()));
    expect((curated.get('keys') as string[]).filter((k) => !attempted.has(k))).toEqual([]);
    expect(curated.get('n')).toBeGreaterThanOrEqual(new Set(acknowledged).size);
    const inFlight = answers.filter((a) => a.write && a.sent < crashedAt && a.at > crashedAt);
    console.log(
      `fault: ${inFlight.length} writes in flight when Neo4j was killed (${inFlight.filter((a) => a.key).length} acknowledged), ` +
        `${attempted.size} writes attempted, ${new Set(acknowledged).size} acknowledged and present, ` +
        `${(curated.get('n') as number) - new Set(acknowledged).size} unacknowledged but whole, the rest absent; 0 partial`,
    );
  });

  it('converges to the full graph when a seed interrupted halfway is run again', { timeout: 240_000 }, async () => {
    const graph = corpusToGraph(readCorpus().corpus);
    const full = {
      nodes: Object.values(graph.nodes).reduce((n, rows) => n + rows.length, 0),
      relationships: Object.values(graph.relationships).reduce((n, rows) => n + rows!.length, 0),
    };
    const counts = async () => {
      const [row] = await executor.read(
        'test:counts',
        `
        CALL () { MATCH (n:Entity) RETURN count(n) AS nodes }
        CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS relationships }
        CALL () { OPTIONAL MATCH (m:CorpusMeta) RETURN m.version AS version }
        RETURN nodes, relationships, version`,
      );
      return { nodes: row.get('nodes') as number, relationships: row.get('relationships') as number, version: row.get('version') as string | null };
    };
    await executor.write('test:wipe', 'MATCH (n) DETACH DELETE n');
    let steps = 0;
    const interrupted = seed(executor, cypher, {
      progress: () => {
        if (++steps === 8) throw new Error('interrupted');
      },
    });
    await expect(interrupted).rejects.toThrow('interrupted');
    const half = await counts();
    expect(half.nodes).toBeGreaterThan(0);
    expect(half.nodes + half.relationships).toBeLessThan(full.nodes + full.relationships);
    expect(half.version).toBeNull(); // the version is written last: the server would seed again at start

    const result = await seed(executor, cypher);
    expect(await counts()).toEqual({ ...full, version: result.version });
    await seed(executor, cypher);
    expect(await counts()).toEqual({ ...full, version: result.version });
  });
});
