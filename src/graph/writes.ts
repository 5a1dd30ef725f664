// The curation writes' statements and the mapping of their records (src/curation/ decides what to write).
import type { Node } from 'neo4j-driver';
import type { TransactionRunner } from '../db/executor.js';
import type { GraphAccess } from './reads.js';
import type { CypherLibrary } from './cypher.js';
import { toEntity, type EntityRecord } from './records.js';

export interface FindingRefs {
  study: EntityRecord | null;
  drug: EntityRecord | null;
  condition: EntityRecord | null;
  product: EntityRecord | null;
  /** The keys of the drugs the product contains. */
  productDrugs: string[];
  /** The findings (retracted ones too) of the same study, drug and condition. */
  sameTriple: EntityRecord[];
}

/** What a new finding refers to, read in the write's own transaction. */
export async function readFindingRefs(
  tx: TransactionRunner,
  cypher: CypherLibrary,
  keys: { study: string; drug: string; condition: string; product: string | null; baseKey: string },
): Promise<FindingRefs> {
  const [refs] = await tx.run(cypher.query('finding-write-refs'), keys);
  const node = (name: string) => (refs.get(name) ? toEntity(refs.get(name) as Node) : null);
  return {
    study: node('s'),
    drug: node('d'),
    condition: node('c'),
    product: node('p'),
    productDrugs: refs.get('productDrugs') as string[],
    sameTriple: (refs.get('sameTriple') as Node[]).map(toEntity),
  };
}

/** Creates the finding with its relationships and audit event; answers the finding created. */
export async function createFinding(tx: TransactionRunner, cypher: CypherLibrary, params: Record<string, unknown>): Promise<EntityRecord> {
  const [created] = await tx.run(cypher.query('create-finding'), params);
  return toEntity(created.get('f') as Node);
}

/** Marks a finding retracted (with its audit event); null when no finding has the key. */
export async function retractFindingNode({ executor, cypher }: GraphAccess, params: Record<string, unknown>): Promise<EntityRecord | null> {
  const [row] = await executor.write('retractFinding', cypher.query('retract-finding'), params);
  return row ? toEntity(row.get('f') as Node) : null;
}
