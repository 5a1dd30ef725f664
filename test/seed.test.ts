// The seed against the real database: idempotent, and a bad data file writes nothing.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CorpusError, defaultDataDir, readCorpus } from '../src/ingest/read-corpus.js';
import { corpusToGraph, seed } from '../src/ingest/seed.js';
import { cypher, testApp } from './support/app.js';

const { executor, close } = testApp();
afterAll(close);

async function counts() {
  const [record] = await executor().read(
    'test:counts',
    `
    MATCH (n:Entity) WITH count(n) AS nodes
    MATCH (:Entity)-[r]->(:Entity) RETURN nodes, count(r) AS relationships`,
  );
  return { nodes: record.get('nodes') as number, relationships: record.get('relationships') as number };
}

describe('seed', () => {
  it('leaves the same graph when run twice, holding every node and relationship of the corpus', async () => {
    const graph = corpusToGraph(readCorpus().corpus);
    const expected = {
      nodes: Object.values(graph.nodes).reduce((n, rows) => n + rows.length, 0),
      relationships: Object.values(graph.relationships).reduce((n, rows) => n + rows!.length, 0),
    };
    const first = await seed(executor(), cypher);
    const afterFirst = await counts();
    const second = await seed(executor(), cypher);
    const afterSecond = await counts();
    expect(second).toEqual(first);
    expect(afterSecond).toEqual(afterFirst);
    // Other test files may add their own temporary nodes; the corpus is at least all there.
    expect(afterFirst.nodes).toBeGreaterThanOrEqual(expected.nodes);
    expect(afterFirst.relationships).toBeGreaterThanOrEqual(expected.relationships);
    expect(first).toMatchObject(expected);
  });

  it("removes what a later version of data/ no longer holds, and keeps a curator's findings", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jak-kg-prune-'));
    cpSync(defaultDataDir, dir, { recursive: true });
    const findings = JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8'));
    const dropped = findings.find((f: { drug?: string }) => f.drug).key as string;
    writeFileSync(join(dir, 'findings.json'), JSON.stringify(findings.filter((f: { key: string }) => f.key !== dropped)));
    const present = async (key: string) =>
      (await executor().read('test:present', 'MATCH (f:Finding {keyNorm: toLower($key)}) RETURN count(f) AS n', { key }))[0].get('n') as number;
    await executor().write(
      'test:curated',
      `MERGE (f:Finding:Entity {keyNorm: 'seed-test-curated'}) SET f.key = 'seed-test-curated',
      f.name = 'curated', f.createdBy = 'curator', f.sources = '[]', f.xrefs = '[]', f.confidence = 'UNVERIFIED'`,
    );
    try {
      await seed(executor(), cypher, { dataDir: dir });
      expect(await present(dropped)).toBe(0);
      expect(await present('seed-test-curated')).toBe(1);
    } finally {
      // Back to the corpus of data/ for the other test files.
      await seed(executor(), cypher);
      await executor().write('test:curated', "MATCH (f:Finding {keyNorm: 'seed-test-curated'}) DETACH DELETE f");
    }
    expect(await present(dropped)).toBe(1);
  });

  it('refuses a bad data file before writing anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jak-kg-bad-'));
    cpSync(defaultDataDir, dir, { recursive: true });
    writeFileSync(join(dir, 'approvals.json'), JSON.stringify([{ key: 'Not Kebab', date: 'soon' }]));
    let writes = 0;
    const counting = executor();
    const spy = {
      ...counting,
      write: (...args: Parameters<typeof counting.write>) => {
        writes++;
        return counting.write(...args);
      },
    };
    await expect(seed(spy, cypher, { dataDir: dir })).rejects.toThrow(CorpusError);
    await expect(seed(spy, cypher, { dataDir: dir })).rejects.toThrow(/approvals\.json row 0: key: must be lowercase kebab-case/);
    expect(writes).toBe(0);
  });
});
