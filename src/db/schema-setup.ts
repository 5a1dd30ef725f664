// Applies cypher/constraints.cypher: idempotent (IF NOT EXISTS), one statement per transaction because
// Neo4j does not mix schema changes with other work in one transaction.
import { readStatements } from '../graph/cypher.js';
import type { Executor } from './executor.js';

const statements = readStatements('constraints');

export async function setupSchema(executor: Executor): Promise<void> {
  for (const statement of statements) await executor.write('schema', statement);
  await executor.write('schema:await', 'CALL db.awaitIndexes(60)');
}
