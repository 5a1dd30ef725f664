// Loads the synthetic graph (bench/synthetic.ts) into a fresh database after the curated corpus: batched
// UNWIND, one transaction per batch, the next batch generated while the database writes the last one.
// The database remembers what it holds (a BenchMeta node), so a later run with the same seed, scale and
// generator version reuses it.
import { readFileSync } from 'node:fs';
import type { CypherLibrary } from '../src/graph/cypher.js';
import type { Executor } from '../src/db/executor.js';
import { relationships as model, type NodeLabel, type RelationshipType } from '../src/graph-model.js';
import type { Corpus } from '../src/ingest/corpus-schema.js';
import type { LoadedCorpus } from '../src/ingest/read-corpus.js';
import { corpusToGraph, seed } from '../src/ingest/seed.js';
import { GENERATOR_VERSION, syntheticGraph, type SyntheticSpec } from './synthetic.js';

const NODE_BATCH = 5_000;
const RELATIONSHIP_BATCH = 10_000;
const FINDING_CHUNK = 20_000;

const benchCypher = (name: string) => readFileSync(new URL(`./cypher/${name}.cypher`, import.meta.url), 'utf8');
const createNodes = benchCypher('create-nodes');
const createRelationships = benchCypher('create-relationships');

export interface BenchMeta {
  seed: number;
  scale: number;
  generatorVersion: number;
  corpusVersion: string;
  nodes: number;
  relationships: number;
  loadSeconds: number;
  loadedAt: string;
}

export async function readMeta(executor: Executor): Promise<BenchMeta | null> {
  const [record] = await executor.read('bench:meta', benchCypher('read-meta'));
  return record ? (record.get('meta') as BenchMeta) : null;
}

export function metaMatches(meta: BenchMeta | null, spec: SyntheticSpec, corpusVersion: string): boolean {
  return !!meta && meta.seed === spec.seed && meta.scale === spec.scale && meta.generatorVersion === GENERATOR_VERSION && meta.corpusVersion === corpusVersion;
}

export async function graphSize(executor: Executor): Promise<{ nodes: number; relationships: number }> {
  const [record] = await executor.read('bench:size', benchCypher('graph-size'));
  return { nodes: record.get('nodes'), relationships: record.get('relationships') };
}

type Rows = object[];

/** Writes batches one transaction each, keeping one write in flight while the caller prepares the next. */
class BatchWriter {
  private inFlight: Promise<unknown> = Promise.resolve();
  nodes = 0;
  relationships = 0;
  constructor(private readonly executor: Executor) {}

  async nodesOf(label: NodeLabel, rows: Rows) {
    const statement = createNodes.replaceAll('{{LABEL}}', label);
    for (let i = 0; i < rows.length; i += NODE_BATCH) await this.write(`bench:${label}`, statement, rows.slice(i, i + NODE_BATCH));
    this.nodes += rows.length;
  }

  async relationshipsOf(type: RelationshipType, rows: Rows) {
    const spec = model[type];
    const statement = createRelationships.replaceAll('{{FROM}}', spec.from).replaceAll('{{TYPE}}', type).replaceAll('{{TO}}', spec.to);
    for (let i = 0; i < rows.length; i += RELATIONSHIP_BATCH) await this.write(`bench:${type}`, statement, rows.slice(i, i + RELATIONSHIP_BATCH));
    this.relationships += rows.length;
  }

  private async write(operation: string, statement: string, rows: Rows) {
    await this.inFlight;
    const write = this.executor.write(operation, statement, { rows });
    write.catch(() => {}); // rethrown where it is awaited (next write or drain), not an unhandled rejection
    this.inFlight = write;
  }

  async drain() {
    await this.inFlight;
  }
}

/** The rows of one chunk of findings, with the studies, drugs, conditions and products they name (for names and sources). */
function findingCorpus(findings: Corpus['findings.json'], lookup: Lookup): Corpus {
  const pickAll = <T>(keys: Iterable<string>, map: Map<string, T>) => [...new Set(keys)].map((k) => map.get(k)!).filter(Boolean);
  return {
    ...emptyCorpus(),
    'findings.json': findings,
    'studies.json': pickAll(
      findings.map((f) => f.study),
      lookup.studies,
    ),
    'drugs.json': pickAll(
      findings.flatMap((f) => (f.drug ? [f.drug] : [])),
      lookup.drugs,
    ),
    'conditions.json': pickAll(
      findings.map((f) => f.condition),
      lookup.conditions,
    ),
    'products.json': pickAll(
      findings.flatMap((f) => (f.product ? [f.product] : [])),
      lookup.products,
    ),
  };
}

interface Lookup {
  studies: Map<string, Corpus['studies.json'][number]>;
  drugs: Map<string, Corpus['drugs.json'][number]>;
  conditions: Map<string, Corpus['conditions.json'][number]>;
  products: Map<string, Corpus['products.json'][number]>;
}

function emptyCorpus(): Corpus {
  return {
    'drugs.json': [],
    'targets.json': [],
    'pathways.json': [],
    'condition-categories.json': [],
    'conditions.json': [],
    'regulators.json': [],
    'products.json': [],
    'interactions.json': [],
    'target-pathways.json': [],
    'pathway-conditions.json': [],
    'studies.json': [],
    'findings.json': [],
    'approvals.json': [],
    'labels.json': [],
  };
}

const byKey = <T extends { key: string }>(...lists: T[][]) => new Map(lists.flat().map((r) => [r.key, r]));

/**
 * Seeds the curated corpus (the seed's own code), then writes the synthetic graph on top: its entities and
 * links, then the findings chunk by chunk with their REPORTS, OF_DRUG, IN_CONDITION and WITH_PRODUCT.
 * Expects an empty database.
 */
export async function loadSynthetic(
  executor: Executor,
  cypher: CypherLibrary,
  loaded: LoadedCorpus,
  spec: SyntheticSpec,
  log: (line: string) => void,
): Promise<BenchMeta> {
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  await seed(executor, cypher, { loaded });
  log(`  corpus seeded (${seconds()} s)`);

  const graph = syntheticGraph(loaded.corpus, spec);
  const base = corpusToGraph(graph.base);
  const writer = new BatchWriter(executor);
  for (const [label, rows] of Object.entries(base.nodes) as [NodeLabel, Rows][]) {
    if (rows.length) await writer.nodesOf(label, rows);
  }
  await writer.drain();
  log(`  ${writer.nodes} entity nodes (${seconds()} s)`);
  for (const [type, rows] of Object.entries(base.relationships) as [RelationshipType, Rows][]) {
    if (rows?.length) await writer.relationshipsOf(type, rows);
  }
  await writer.drain();
  log(`  ${writer.relationships} links between them (${seconds()} s)`);

  const corpus = loaded.corpus;
  const lookup: Lookup = {
    studies: byKey(corpus['studies.json'], graph.base['studies.json']),
    drugs: byKey(corpus['drugs.json'], graph.base['drugs.json']),
    conditions: byKey(corpus['conditions.json'], graph.base['conditions.json']),
    products: byKey(corpus['products.json'], graph.base['products.json']),
  };
  let findings = 0;
  for (const chunk of graph.findings(FINDING_CHUNK)) {
    const rows = corpusToGraph(findingCorpus(chunk, lookup));
    await writer.nodesOf('Finding', rows.nodes.Finding);
    for (const type of ['REPORTS', 'OF_DRUG', 'IN_CONDITION', 'WITH_PRODUCT'] as const) {
      await writer.relationshipsOf(type, rows.relationships[type] ?? []);
    }
    findings += chunk.length;
    if (findings % 100_000 < FINDING_CHUNK) log(`  ${findings} of ${graph.findingCount} findings (${seconds()} s)`);
  }
  await writer.drain();
  await executor.write('bench:await-indexes', 'CALL db.awaitIndexes(3600)');
  const size = await graphSize(executor);
  const meta: BenchMeta = {
    seed: spec.seed,
    scale: spec.scale,
    generatorVersion: GENERATOR_VERSION,
    corpusVersion: loaded.version,
    nodes: size.nodes,
    relationships: size.relationships,
    loadSeconds: Math.round((Date.now() - started) / 100) / 10,
    loadedAt: new Date().toISOString(),
  };
  await executor.write('bench:meta', benchCypher('write-meta'), { meta });
  log(`  loaded ${meta.nodes} nodes and ${meta.relationships} relationships in ${meta.loadSeconds} s`);
  return meta;
}
