// AuditEvent: one curation write (who, when, what, on which input), linked to the fact it wrote by
// (:AuditEvent)-[:AUDITS]->(fact). Read through Finding.auditTrail.
import DataLoader from 'dataloader';
import { builder } from '../builder.js';
import type { Context } from '../context.js';

export interface AuditEventShape {
  id: string;
  operation: string;
  entityKey: string;
  tokenId: string;
  at: string;
  inputHash: string;
  requestId: string;
}

export const AuditEventRef = builder.objectRef<AuditEventShape>('AuditEvent').implement({
  description: 'A curation write: which operation, by which token (its id, never the token), when, on which input.',
  fields: (t) => ({
    operation: t.exposeString('operation', { description: 'addFinding, retractFinding ...' }),
    entityKey: t.exposeString('entityKey'),
    tokenId: t.exposeString('tokenId', { description: 'The id of the curation token that made the write.' }),
    at: t.field({ type: 'DateTime', description: 'When (UTC).', resolve: (e) => e.at }),
    inputHash: t.exposeString('inputHash', { description: 'sha256 of the normalised input: equal inputs, equal hash.' }),
    requestId: t.exposeString('requestId', { description: 'The x-request-id of the HTTP request (matches the server logs).' }),
  }),
});

const loaders = new WeakMap<Context, DataLoader<string, AuditEventShape[], string>>();

/** The audit events of a finding, oldest first, batched per request. */
export function auditTrailOf(context: Context, findingKey: string): Promise<AuditEventShape[]> {
  if (!loaders.has(context)) {
    loaders.set(
      context,
      new DataLoader<string, AuditEventShape[], string>(
        async (keys) => {
          const records = await context.executor.read('audit-events', context.cypher.query('audit-events'), { keys: [...keys] });
          const byKey = new Map(records.map((r) => [(r.get('key') as string).toLowerCase(), r.get('events') as AuditEventShape[]]));
          return keys.map((k) => byKey.get(k.toLowerCase()) ?? []);
        },
        { cacheKeyFn: (k) => k.toLowerCase() },
      ),
    );
  }
  return loaders.get(context)!.load(findingKey);
}
