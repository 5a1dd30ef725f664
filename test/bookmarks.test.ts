// Read-your-writes on a cluster (issue 12, capability 4): every session of the server shares the driver's one
// bookmark manager, so the read after a curation write begins with the write's bookmark, and a cluster member
// reached through a routing URI waits until it has applied that write before it answers. The app runs over a
// routing URI (neo4j://, which a single Neo4j answers as a cluster of one) through the real GraphQL path;
// the driver's sessions and the manager are watched, not replaced.
import type { Driver, Session, SessionConfig } from 'neo4j-driver';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDriver } from '../src/db/driver.js';
import { createExecutor, sessionBookmarks } from '../src/db/executor.js';
import { readCorpus } from '../src/ingest/read-corpus.js';
import { createApp } from '../src/yoga.js';
import { cypher, testTokenRecords, testTokens } from './support/app.js';

const db = inject('neo4j');
const routingUri = db.uri.replace(/^bolt(\+s|\+ssc)?:/, 'neo4j$1:');
const driver: Driver = createDriver({ ...db, uri: routingUri });
const manager = sessionBookmarks(driver);

// Every session the app opens, with the config it was opened with.
const sessions: { config: SessionConfig; session: Session }[] = [];
const openSession = driver.session.bind(driver);
driver.session = (config: SessionConfig = {}) => {
  const session = openSession(config);
  sessions.push({ config, session });
  return session;
};
// What the manager handed to each transaction that began with it.
const handedOut: string[][] = [];
const managerBookmarks = manager.getBookmarks.bind(manager);
manager.getBookmarks = async () => {
  const bookmarks = [...(await managerBookmarks())];
  handedOut.push(bookmarks);
  return bookmarks;
};

const version = readCorpus().version;
const app = createApp({ tokens: testTokenRecords, driver, database: 'neo4j', cypher, queryTimeoutMs: 15_000, corpusVersion: () => version });

const STUDY = 'pmid:38417541';
const KEY = `${STUDY}/delgocitinib/granuloma-annulare`; // no such finding in the corpus (as in test/curation.test.ts)

async function gql(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await app.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
}

afterAll(async () => {
  await createExecutor({ driver, database: 'neo4j', timeoutMs: 30_000 }).write(
    'test:cleanup',
    `MATCH (f:Finding) WHERE f.keyNorm STARTS WITH $prefix AND f.createdBy IS NOT NULL
     OPTIONAL MATCH (e:AuditEvent)-[:AUDITS]->(f)
     DETACH DELETE f, e`,
    { prefix: `${STUDY}/delgocitinib/` },
  );
  await driver.close();
});

describe('read-your-writes through a routing URI', () => {
  it('opens the read after a curation write with the bookmark the write returned', async () => {
    const beforeWrite = sessions.length;
    const added = await gql(
      'mutation($input: FindingInput!) { addFinding(input: $input) { key } }',
      {
        input: {
          study: STUDY,
          drug: 'delgocitinib',
          condition: 'granuloma-annulare',
          outcome: 'PARTIAL_RESPONSE',
          patients: 4,
          responders: 3,
          summary: 'Test finding written by test/bookmarks.test.ts',
          sources: [{ citation: 'Test citation', pmid: '38417541', confidence: 'PARTIAL' }],
        },
      },
      { authorization: `Bearer ${testTokens.curator}` },
    );
    expect(added.errors).toBeUndefined();
    expect(added.data.addFinding.key).toBe(KEY);

    // The write committed in a session of the shared manager, and the manager now holds its bookmark.
    const writes = sessions.slice(beforeWrite).filter((s) => s.config.defaultAccessMode === 'WRITE');
    expect(writes.length).toBeGreaterThan(0);
    for (const write of writes) expect(write.config.bookmarkManager).toBe(manager);
    const writeBookmarks = writes.at(-1)!.session.lastBookmarks();
    expect(writeBookmarks.length).toBeGreaterThan(0);
    expect([...(await managerBookmarks())]).toEqual(expect.arrayContaining(writeBookmarks));

    // The next request reads through a new session of the same manager, whose transaction began with them.
    const beforeRead = sessions.length;
    const handedBeforeRead = handedOut.length;
    const read = await gql(`{ finding(key: "${KEY}") { key patients responders } }`);
    expect(read.errors).toBeUndefined();
    expect(read.data.finding).toEqual({ key: KEY, patients: 4, responders: 3 });
    const reads = sessions.slice(beforeRead);
    expect(reads.length).toBeGreaterThan(0);
    for (const r of reads) expect(r.config).toMatchObject({ defaultAccessMode: 'READ', bookmarkManager: manager });
    const given = handedOut.slice(handedBeforeRead);
    expect(given.length).toBeGreaterThanOrEqual(reads.length);
    for (const bookmarks of given) expect(bookmarks).toEqual(expect.arrayContaining(writeBookmarks));
  });
});
