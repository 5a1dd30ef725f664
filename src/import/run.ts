// One import, start to end: read the graph's entities, read and validate the whole file (a malformed file or
// record throws an ImportError before anything is written), drop what would overwrite curated nodes, then write
// everything in one transaction.
import { readFileSync } from 'node:fs';
import type { CypherLibrary } from '../graph/cypher.js';
import type { Executor } from '../db/executor.js';
import { parseCtgov } from './ctgov.js';
import { parseEma } from './ema.js';
import { readGraphIndex } from './graph-index.js';
import { parseOpenFda } from './openfda.js';
import { parsePubmed } from './pubmed.js';
import { ImportError, type ImportPlan, type ImportSource } from './shared.js';
import { keepCurated, writePlan, type WriteResult } from './write.js';

export interface ImportResult {
  plan: ImportPlan;
  written: WriteResult;
}

export interface ImportProgress {
  /** Reading: records parsed so far (the total known). */
  read?(done: number, total: number): void;
  /** Writing: rows written so far in the transaction. */
  write?(done: number, total: number, what: string): void;
}

export async function runImport(
  executor: Executor,
  cypher: CypherLibrary,
  source: ImportSource,
  file: string,
  progress: ImportProgress = {},
): Promise<ImportResult> {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (error) {
    throw new ImportError('IMPORT_UNREADABLE_FILE', `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const index = await readGraphIndex(executor, cypher);
  const text = () => data.toString('utf8');
  const plan =
    source === 'openfda'
      ? parseOpenFda(text(), file, index)
      : source === 'ema'
        ? await parseEma(data, file, index)
        : source === 'ctgov'
          ? parseCtgov(text(), file, index)
          : parsePubmed(text(), file, index);
  progress.read?.(plan.read, plan.read);
  keepCurated(plan, index);
  const written = await writePlan(executor, cypher, plan, index, progress.write);
  return { plan, written };
}

/** The closing line: read, written, skipped, unmatched. */
export function summaryLine({ plan, written }: ImportResult, ms: number): string {
  const kept = plan.notes.filter((n) => n.startsWith('kept curated')).length;
  return (
    `Imported ${plan.source} ${plan.file} (${plan.fileDate}): read ${plan.read}, written ${written.nodes} nodes and ` +
    `${written.relationships} relationships${written.applications ? ` (and ${written.applications} products' FDA applications)` : ''}, ` +
    `skipped ${plan.skipped.length}${kept ? ` (+${kept} kept curated)` : ''}, unmatched ${plan.unmatched.length} in ${ms} ms`
  );
}

/** The details under the summary: why each record was skipped, each unmatched text, the notes. */
export function detailLines(plan: ImportPlan): string[] {
  const reasons = new Map<string, string[]>();
  for (const s of plan.skipped) reasons.set(s.reason, [...(reasons.get(s.reason) ?? []), s.record]);
  return [
    ...[...reasons].map(([reason, records]) => `  skipped: ${reason}: ${records.join(', ')}`),
    ...plan.unmatched.map((u) => `  unmatched: ${u.record}: ${u.text.length > 200 ? `${u.text.slice(0, 200)}...` : u.text}`),
    ...plan.notes.map((n) => `  note: ${n}`),
  ];
}
