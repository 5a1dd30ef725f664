// The benchmark's two kinds of database, each in its own data folder under .neo4j/ (git-ignored), run by
// the project's launcher on the bench's own Bolt port:
//   corpus       .neo4j/bench-corpus/   the curated corpus, seeded by the seed (idempotent) on every run;
//   synthetic    .neo4j/bench-<scale>/  the corpus plus the synthetic graph, loaded once and reused while
//                                       its seed, scale, generator version and corpus version stay the same.
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { loadCypherLibrary } from '../src/graph/cypher.js';
import { createDriver } from '../src/db/driver.js';
import { createExecutor } from '../src/db/executor.js';
import { PROJECT_ROOT, startLocalNeo4j } from '../src/db/local-neo4j.js';
import { readCorpus } from '../src/ingest/read-corpus.js';
import { seed } from '../src/ingest/seed.js';
import { graphSize, loadSynthetic, metaMatches, readMeta } from './load-synthetic.js';

export interface DatasetSpec {
  /** 'corpus', or a synthetic graph at this scale and seed. */
  kind: 'corpus' | 'synthetic';
  scale: number;
  seed: number;
}

export interface OpenDataset {
  name: string;
  uri: string;
  driver: Driver;
  nodes: number;
  relationships: number;
  /** Seconds this run spent loading (null when a stored database was reused), and what the stored one took. */
  loadSeconds: number | null;
  storedLoad: { seconds: number; at: string } | null;
  heap: string;
  pageCache: string;
  close(): Promise<void>;
}

export const datasetName = (spec: DatasetSpec) => (spec.kind === 'corpus' ? 'corpus' : `synthetic, scale ${spec.scale}`);

/** Heap and page cache: the environment's (JAK_KG_NEO4J_HEAP / _PAGECACHE) or enough for the store to stay in memory. */
function memoryFor(spec: DatasetSpec) {
  const big = spec.kind === 'synthetic';
  return {
    // 4g: at 32 concurrent path searches (hash joins of tens of thousands of rows each) 2g spends its time in GC.
    heap: process.env.JAK_KG_NEO4J_HEAP ?? (big ? '4g' : '1g'),
    pageCache: process.env.JAK_KG_NEO4J_PAGECACHE ?? (big ? `${Math.min(12, Math.max(1, Math.ceil(2 * spec.scale)))}g` : '512m'),
  };
}

export async function openDataset(spec: DatasetSpec, boltPort: number, log: (line: string) => void, reload = false): Promise<OpenDataset> {
  const name = datasetName(spec);
  const folder = path.join(PROJECT_ROOT, '.neo4j', spec.kind === 'corpus' ? 'bench-corpus' : `bench-${spec.scale}`);
  const dataDir = path.join(folder, 'data');
  const memory = memoryFor(spec);
  const loaded = readCorpus();
  const cypher = loadCypherLibrary();

  const start = async () => {
    const neo4j = await startLocalNeo4j({ dataDir, boltPort, ...memory, timeoutMs: 600_000 });
    const driver = createDriver({ uri: neo4j.uri, user: 'neo4j', password: '' });
    const executor = createExecutor({ driver, database: 'neo4j', timeoutMs: 3_600_000 });
    return { neo4j, driver, executor };
  };

  let db = await start();
  let loadSeconds: number | null = null;
  let storedLoad: OpenDataset['storedLoad'] = null;
  try {
    if (spec.kind === 'corpus') {
      const t0 = Date.now();
      await seed(db.executor, cypher, { loaded });
      loadSeconds = (Date.now() - t0) / 1000;
    } else {
      const meta = await readMeta(db.executor);
      if (reload || !metaMatches(meta, spec, loaded.version)) {
        const empty = (await graphSize(db.executor)).nodes === 0;
        log(`${name}: ${empty ? 'loading into' : `the stored graph is another one (${JSON.stringify(meta)}); rebuilding`} ${folder}`);
        if (!empty) {
          await db.driver.close();
          await db.neo4j.stop();
          rmSync(folder, { recursive: true, force: true });
          db = await start();
        }
        const t0 = Date.now();
        const fresh = await loadSynthetic(db.executor, cypher, loaded, spec, log);
        loadSeconds = (Date.now() - t0) / 1000;
        storedLoad = { seconds: fresh.loadSeconds, at: fresh.loadedAt };
      } else {
        storedLoad = { seconds: meta!.loadSeconds, at: meta!.loadedAt };
        log(`${name}: reusing ${folder} (loaded ${meta!.loadedAt} in ${meta!.loadSeconds} s)`);
      }
    }
    const size = await graphSize(db.executor);
    return {
      name,
      uri: db.neo4j.uri,
      driver: db.driver,
      ...size,
      loadSeconds,
      storedLoad,
      ...memory,
      close: async () => {
        await db.driver.close();
        await db.neo4j.stop();
      },
    };
  } catch (error) {
    await db.driver.close();
    await db.neo4j.stop();
    throw error;
  }
}
