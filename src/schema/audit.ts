// AuditEvent: one curation write (who, when, what, on which input), linked to the fact it wrote by
// (:AuditEvent)-[:AUDITS]->(fact). Read through Finding.auditTrail.
import DataLoader from 'dataloader';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { readAuditEvents, type AuditEventShape } from '../graph/reads.js';

export type { AuditEventShape };

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

/** The audit events of a finding, oldest first, batched per request. */
export function auditTrailOf(context: Context, findingKey: string): Promise<AuditEventShape[]> {
  return context
    .loader(
      'audit-events',
      () => new DataLoader<string, AuditEventShape[], string>((keys) => readAuditEvents(context, keys), { cacheKeyFn: (k) => k.toLowerCase() }),
    )
    .load(findingKey);
}
