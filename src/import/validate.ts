// Every row an import makes passes the corpus's own zod schemas (src/ingest/corpus-schema.ts) before anything is
// written: the same keys, dates, sources and shapes as data/. A row that fails names the record it came from.
import type { z } from 'zod';
import { approval, finding, labelSnapshot, product, study } from '../ingest/corpus-schema.js';
import { malformed } from './shared.js';

const schemas = { product, study, finding, approval, labelSnapshot } as const;
type Kind = keyof typeof schemas;

/** The row, parsed by its corpus schema; else IMPORT_MALFORMED_RECORD at `where` (recordAt, lineAt). */
export function validated<K extends Kind>(kind: K, row: unknown, where: string): z.infer<(typeof schemas)[K]> {
  const parsed = schemas[kind].safeParse(row);
  if (parsed.success) return parsed.data as z.infer<(typeof schemas)[K]>;
  const reason = `${kind} row: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(row)'}: ${issue.message}`).join('; ')}`;
  throw malformed(where, reason);
}
