// PROFILE of the path and evidence statements on a dataset: our server's statement now, the one it ran
// before the length-by-length path search and the smaller-end evidence (bench/profile/*-before.cypher),
// and the floor's. Database hits summed over the plan; a statement that runs past the limit is reported
// as timed out rather than waited for.
import { readFileSync } from 'node:fs';
import neo4j, { type Driver, type ProfiledPlan } from 'neo4j-driver';
import { loadCypherLibrary, projectedStatement } from '../src/graph/cypher.js';
import { toCypherParams } from '../src/db/executor.js';
import { nodeLabels } from '../src/graph-model.js';
import type { QuestionArgs } from './questions.js';

export interface ProfileRow {
  question: 'paths' | 'evidence';
  statement: string;
  dbHits: number | null;
  rows: number | null;
  ms: number;
  timedOut: boolean;
}

const file = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

function dbHits(plan: ProfiledPlan): number {
  return plan.dbHits + plan.children.reduce((sum, child) => sum + dbHits(child), 0);
}

async function profile(driver: Driver, statement: string, params: Record<string, unknown>, timeoutMs: number) {
  const session = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ });
  const started = performance.now();
  try {
    const result = await session.run(`PROFILE ${statement}`, toCypherParams(params) as Record<string, unknown>, { timeout: timeoutMs });
    return { dbHits: dbHits(result.summary.profile as ProfiledPlan), rows: result.records.length, ms: performance.now() - started, timedOut: false };
  } catch (error) {
    if (/TransactionTimedOut|terminated/i.test(String((error as { code?: string }).code ?? error))) {
      return { dbHits: null, rows: null, ms: performance.now() - started, timedOut: true };
    }
    throw error;
  } finally {
    await session.close();
  }
}

async function elementId(driver: Driver, ref: string): Promise<string> {
  const at = ref.indexOf(':');
  const { records } = await driver.executeQuery(
    'MATCH (n:Entity {keyNorm: toLower($key)}) WHERE toLower($label) IN [l IN labels(n) | toLower(l)] RETURN elementId(n) AS id',
    { label: ref.slice(0, at), key: ref.slice(at + 1) },
    { database: 'neo4j' },
  );
  if (records.length !== 1) throw new Error(`${ref} names ${records.length} entities`);
  return records[0].get('id');
}

const typed = (ref: string) => {
  const at = ref.indexOf(':');
  const label = nodeLabels.find((l) => l.toLowerCase() === ref.slice(0, at).toLowerCase());
  if (!label) throw new Error(`${ref}: unknown type`);
  return { label, key: ref.slice(at + 1).toLowerCase() };
};

/** Each statement once to warm it up (plan cache, page cache), then once profiled. */
export async function profileStatements(driver: Driver, args: QuestionArgs, timeoutMs: number): Promise<ProfileRow[]> {
  const cypher = loadCypherLibrary();
  const from = typed(args.pathFrom),
    to = typed(args.pathTo);
  const ids = { from: await elementId(driver, args.pathFrom), to: await elementId(driver, args.pathTo) };
  const pairs = [{ id: 'bench', drug: args.drug, condition: args.condition, route: null, includeRetracted: false }];
  // Our statements as the bench's questions project them: path nodes' keys and labels; what the evidence
  // summary sums of a finding (src/schema/evidence.ts SUMMARY_READS), and the study's key.
  const summaryReads = new Set(['outcome', 'patients', 'responders', 'responseRatePercent', 'route', 'primary', 'controlled', 'retracted']);
  const statements: [ProfileRow['question'], string, string, Record<string, unknown>][] = [
    ['paths', 'ours before (cypher/paths.cypher of 46248c5)', file('./profile/paths-before.cypher'), { ...ids, first: 10 }],
    [
      'paths',
      'ours now (cypher/paths.cypher)',
      projectedStatement(cypher.paths(4), { n: new Set() }),
      { from: { label: from.label, key: from.key }, to: { label: to.label, key: to.key }, first: 10 },
    ],
    [
      'paths',
      'floor (bench/floor/paths.cypher)',
      file('./floor/paths.cypher'),
      { fromLabel: from.label, fromKey: from.key, toLabel: to.label, toKey: to.key, first: 10 },
    ],
    ['evidence', 'ours before (cypher/evidence.cypher of 46248c5)', file('./profile/evidence-before.cypher'), { pairs }],
    [
      'evidence',
      'ours now (cypher/evidence.cypher)',
      projectedStatement(cypher.query('evidence'), { f: summaryReads, s: new Set() }),
      { pairs, statuses: false },
    ],
    ['evidence', 'floor (bench/floor/evidence.cypher)', file('./floor/evidence.cypher'), { drug: args.drug, condition: args.condition }],
  ];
  const rows: ProfileRow[] = [];
  for (const [question, statement, text, params] of statements) {
    const warm = await profile(driver, text, params, timeoutMs);
    const measured = warm.timedOut ? warm : await profile(driver, text, params, timeoutMs);
    rows.push({ question, statement, ...measured });
  }
  return rows;
}
