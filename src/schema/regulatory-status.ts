// RegulatoryStatus: a use's status under one regulator, with what it rests on (src/regulatory-status.ts).
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import type { EntityRecord } from '../graph/records.js';
import { useStatuses, type StatusUnderRegulator } from '../regulatory-status.js';
import { ConfidenceEnum, lookup, ProvenanceType, RouteEnum, weakest } from './common.js';
import { ApprovalRef, LabelSnapshotRef, RegulatorRef } from './refs.js';

export const UseStatusEnum = builder.enumType('UseStatus', {
  description:
    'Open world: the absence of a record is never a fact. APPROVED: a product of the drug with that route is authorised for the condition (in force at asOf). OFF_LABEL: the regulator authorised a product of the drug with that route, the graph holds its label in full, and the condition is not on it. NOT_AUTHORISED: a sourced record that the regulator authorised no product of the drug (or, by its full label, none with that route). UNKNOWN: the graph does not hold that label in full, or the date of an authorisation leaves it open.',
  values: useStatuses,
});

/** A failed load is an error, never a shorter list. */
export function orFail<T>(rows: (T | Error | null)[]): T[] {
  const failed = rows.find((r): r is Error => r instanceof Error);
  if (failed) throw failed;
  return rows.filter((r): r is T => r !== null);
}

/** The records the status rests on: its approvals, else its label snapshot. */
async function basisRecords(s: StatusUnderRegulator, c: Context): Promise<EntityRecord[]> {
  if (s.approvals.length) return orFail(await c.entities('Approval').loadMany(s.approvals));
  if (s.label) return orFail([await lookup(c, 'LabelSnapshot', s.label)]);
  return [];
}

export const RegulatoryStatusRef = builder.objectRef<StatusUnderRegulator>('RegulatoryStatus').implement({
  description:
    "A use's status under one regulator and what it rests on: the authorisations (APPROVED, or UNKNOWN for a date known only to the month or year) or the label snapshot (OFF_LABEL, NOT_AUTHORISED, UNKNOWN for a partial label); nothing when the graph holds no record (UNKNOWN).",
  fields: (t) => ({
    regulator: t.field({ type: RegulatorRef, resolve: async (s, _a, c) => (await lookup(c, 'Regulator', s.regulator))! }),
    route: t.field({ type: RouteEnum, resolve: (s) => s.route as 'TOPICAL' }),
    status: t.field({ type: UseStatusEnum, resolve: (s) => s.status }),
    explanation: t.exposeString('explanation', { description: 'One sentence to show beside the status.' }),
    approvals: t.field({ type: [ApprovalRef], resolve: async (s, _a, c) => orFail(await c.entities('Approval').loadMany(s.approvals)) }),
    label: t.field({ type: LabelSnapshotRef, nullable: true, resolve: (s, _a, c) => (s.label ? lookup(c, 'LabelSnapshot', s.label) : null) }),
    sources: t.field({
      type: [ProvenanceType],
      description: 'The sources of the approvals or label snapshot it rests on.',
      resolve: async (s, _a, c) => (await basisRecords(s, c)).flatMap((r) => r.sources),
    }),
    confidence: t.field({
      type: ConfidenceEnum,
      nullable: true,
      description: 'The weakest confidence of what it rests on; null when it rests on no record (UNKNOWN).',
      resolve: async (s, _a, c) => {
        const records = await basisRecords(s, c);
        return records.length ? weakest(records.flatMap((r) => r.sources)) : null;
      },
    }),
  }),
});
