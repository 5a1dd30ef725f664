// An export as a stream of text chunks: the header, then rows as Neo4j hands out records. Records are pulled
// only when the consumer asks for the next chunk (the HTTP response or a file write has drained), and the
// driver pauses Neo4j's stream meanwhile, so memory holds one chunk and one driver batch however large the
// export. Used by the HTTP routes and the CLI alike.
import type { CypherLibrary } from '../graph/cypher.js';
import type { Executor } from '../db/executor.js';
import { headerText, rowText, type Format } from './encode.js';
import type { ExportTable, Filters } from './tables.js';

/** Rows are gathered into chunks of about this many characters: big enough that writes are few. */
export const CHUNK_CHARS = 64 * 1024;

export interface ExportOptions {
  /** Called after each chunk with the number of rows written so far. */
  onRows?: (rows: number) => void;
}

export async function* exportChunks(
  executor: Executor,
  cypher: CypherLibrary,
  table: ExportTable,
  filters: Filters,
  format: Format,
  options: ExportOptions = {},
): AsyncGenerator<string, number, undefined> {
  const records = executor.stream(`export:${table.name}`, table.statements(cypher, filters));
  let chunk = headerText(format, table.columns);
  let rows = 0;
  // Ending early (client gone, a failed write: return() on this generator at a yield) leaves the for-await
  // abruptly, which calls return() on the records: the transaction rolls back and the session closes.
  for await (const record of records) {
    for (const row of table.rows(record, filters)) {
      chunk += rowText(format, table.columns, row);
      rows += 1;
    }
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
      options.onRows?.(rows);
    }
  }
  if (chunk) yield chunk;
  options.onRows?.(rows);
  return rows;
}

/** How many rows the export will have, where the table can count cheaply in advance (nodes, edges). */
export async function countRows(executor: Executor, cypher: CypherLibrary, table: ExportTable, filters: Filters): Promise<number | undefined> {
  if (!table.countStatements) return undefined;
  let total = 0;
  for (const { cypher: statement, params } of table.countStatements(cypher, filters)) {
    const [record] = await executor.read(`export-count:${table.name}`, statement, params);
    total += Number(record.get('total'));
  }
  return total;
}
