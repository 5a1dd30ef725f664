// Approval: a regulator's authorisation (or CHMP opinion) of a product for a condition, with its date
// precision. `approvals(regulator, asOf)` on drugs, products, conditions and regulators share one filter.
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { knownKeyOrThrow } from '../known-keys.js';
import type { QueryName } from '../graph/cypher.js';
import type { EntityRecord } from '../graph/records.js';
import type { Neighbour } from '../graph/loaders.js';
import { approvalKind, datePrecision } from '../ingest/corpus-schema.js';
import { dateWindow, inForce, inForceValues, today } from '../regulatory-status.js';
import { along, reads, EntityInterface, neighbour, prop, afterLoad } from './common.js';
import { ApprovalRef, ConditionRef, DrugRef, ProductRef, RegulatorRef } from './refs.js';
import { pluralRoot, singularRoot } from './roots.js';

export const DatePrecisionEnum = builder.enumType('DatePrecision', {
  description:
    'DAY, MONTH or YEAR: the date is known to that precision. RANGE: only bounds are known (dateAsReported is an ISO 8601 interval start/end; date and dateLast are its first and last days).',
  values: datePrecision.options,
});
export const ApprovalKindEnum = builder.enumType('ApprovalKind', {
  description: 'AUTHORISATION grants the use; POSITIVE_OPINION (e.g. EMA CHMP) precedes the EU decision and grants nothing by itself.',
  values: approvalKind.options,
});

export const approvalArgs = builder.args((t) => ({
  regulator: t.string({ description: 'Only approvals by this regulator key (FDA, EMA, MHRA, PMDA).' }),
  asOf: t.field({
    type: 'Date',
    description:
      'Only approvals that may be in force on this date: those in force (inForce YES) and those whose date, known only to the month or year, leaves it open (inForce UNCERTAIN). Ask each for inForce(asOf:) with the same date to tell them apart.',
  }),
  includeOpinions: t.boolean({ defaultValue: false, description: 'Also list positive opinions (CHMP), not only authorisations.' }),
}));

export interface ApprovalFilter {
  regulator?: string | null;
  asOf?: string | null;
  includeOpinions?: boolean | null;
}

export function filterApprovals(items: Neighbour[], filter: ApprovalFilter): EntityRecord[] {
  return items
    .filter((i) => !filter.regulator || String(i.rel.props.regulator).toLowerCase() === filter.regulator.toLowerCase())
    .filter((i) => filter.includeOpinions || i.node.props.kind === 'AUTHORISATION')
    .filter((i) => !filter.asOf || inForce(approvalDates(i.node), filter.asOf) !== 'NO')
    .map((i) => i.node)
    .sort((a, b) => String(a.props.dateStart).localeCompare(String(b.props.dateStart)) || a.key.localeCompare(b.key));
}

const approvalDates = (a: EntityRecord) => ({ date: String(a.props.date), withdrawnDate: (a.props.withdrawnDate as string | undefined) ?? null });

export const InForceEnum = builder.enumType('InForce', {
  description:
    'YES: granted by that date and not withdrawn. NO: not yet granted, or withdrawn. UNCERTAIN: the date is known only to the month or year, and the date asked about falls inside that window.',
  values: inForceValues,
});

export async function approvalsOf(context: Context, query: QueryName, entity: EntityRecord, filter: ApprovalFilter) {
  // A regulator the graph does not know is UNKNOWN_KEY with the nearest acronyms, not an empty list.
  if (filter.regulator !== undefined && filter.regulator !== null) await knownKeyOrThrow(context, 'Regulator', filter.regulator, 'regulator');
  return filterApprovals(await context.lists(query).load(entity.key), filter);
}

ApprovalRef.implement({
  interfaces: [EntityInterface],
  fields: (t) => ({
    kind: t.field({ type: ApprovalKindEnum, resolve: (a) => prop<'AUTHORISATION'>(a, 'kind')!, ...reads('kind') }),
    regulator: t.field({ type: RegulatorRef, ...along('ISSUED', 'IN'), resolve: (a, _x, c) => afterLoad(neighbour(c, a, 'ISSUED', 'IN'), (n) => n!) }),
    issuingBody: t.string({
      description: 'The body that issued it, e.g. "European Commission" for an EMA-route authorisation.',
      resolve: (a) => prop<string>(a, 'issuingBody')!,
      ...reads('issuingBody'),
    }),
    product: t.field({ type: ProductRef, ...along('FOR_PRODUCT', 'OUT'), resolve: (a, _x, c) => afterLoad(neighbour(c, a, 'FOR_PRODUCT', 'OUT'), (n) => n!) }),
    drug: t.field({
      type: DrugRef,
      nullable: true,
      ...reads(),
      resolve: async (a, _x, c) => {
        const product = await neighbour(c, a, 'FOR_PRODUCT', 'OUT');
        return product ? neighbour(c, product, 'CONTAINS', 'OUT') : null;
      },
    }),
    condition: t.field({
      type: ConditionRef,
      ...along('FOR_CONDITION', 'OUT'),
      resolve: (a, _x, c) => afterLoad(neighbour(c, a, 'FOR_CONDITION', 'OUT'), (n) => n!),
    }),
    indication: t.string({ resolve: (a) => prop<string>(a, 'indication')!, ...reads('indication') }),
    population: t.string({ nullable: true, resolve: (a) => prop<string>(a, 'population'), ...reads('population') }),
    minimumAgeYears: t.int({ nullable: true, resolve: (a) => prop<number>(a, 'minimumAgeYears'), ...reads('minimumAgeYears') }),
    maximumAgeYears: t.int({ nullable: true, resolve: (a) => prop<number>(a, 'maximumAgeYears'), ...reads('maximumAgeYears') }),
    date: t.field({
      type: 'Date',
      description: 'The first day the date can mean (see datePrecision).',
      resolve: (a) => prop<string>(a, 'dateStart')!,
      ...reads('dateStart'),
    }),
    dateLast: t.field({
      type: 'Date',
      description: "The last day the date can mean: the same as date for DAY precision, the month's or year's last day otherwise.",
      resolve: (a) => dateWindow(prop<string>(a, 'date')!).last,
      ...reads('date'),
    }),
    withdrawnDate: t.string({
      nullable: true,
      description: 'When it was withdrawn, at its own precision (YYYY, YYYY-MM or YYYY-MM-DD); null while in force.',
      resolve: (a) => prop<string>(a, 'withdrawnDate'),
      ...reads('withdrawnDate'),
    }),
    withdrawnDatePrecision: t.field({
      type: DatePrecisionEnum,
      nullable: true,
      resolve: (a) => prop<'DAY'>(a, 'withdrawnDatePrecision'),
      ...reads('withdrawnDatePrecision'),
    }),
    inForce: t.field({
      type: InForceEnum,
      args: { asOf: t.arg({ type: 'Date', description: 'Default: today (UTC).' }) },
      description: 'Whether it was in force on asOf, honest about dates known only to the month or year.',
      resolve: (a, args) => inForce(approvalDates(a), args.asOf ?? today()),
    }),
    dateAsReported: t.string({
      description: 'The date at its own precision: 2021-09-21, 2023-04, 2025, or an interval 2017-02/2024-05 (RANGE).',
      resolve: (a) => prop<string>(a, 'date')!,
      ...reads('date'),
    }),
    datePrecision: t.field({ type: DatePrecisionEnum, resolve: (a) => prop<'DAY'>(a, 'datePrecision')!, ...reads('datePrecision') }),
    event: t.string({ resolve: (a) => prop<string>(a, 'event')!, ...reads('event') }),
    notes: t.string({ nullable: true, resolve: (a) => prop<string>(a, 'notes'), ...reads('notes') }),
  }),
});

singularRoot('approval', 'Approval', ApprovalRef, 'An approval by key; null when unknown.');
pluralRoot('approvals', 'Approval', ApprovalRef, 'Approvals and opinions, paged.');

builder.objectField(DrugRef, 'approvals', (t) =>
  t.field({ type: [ApprovalRef], ...reads(), args: approvalArgs, resolve: (d, args, c) => approvalsOf(c, 'approvals-of-drugs', d, args) }),
);
builder.objectField(ProductRef, 'approvals', (t) =>
  t.field({ type: [ApprovalRef], ...reads(), args: approvalArgs, resolve: (p, args, c) => approvalsOf(c, 'approvals-of-products', p, args) }),
);
builder.objectField(ConditionRef, 'approvals', (t) =>
  t.field({ type: [ApprovalRef], ...reads(), args: approvalArgs, resolve: (x, args, c) => approvalsOf(c, 'approvals-of-conditions', x, args) }),
);
