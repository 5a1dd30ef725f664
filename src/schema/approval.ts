// Approval: a regulator's authorisation (or CHMP opinion) of a product for a condition, with its date
// precision. `approvals(regulator, asOf)` on drugs, products, conditions and regulators share one filter.
import { GraphQLError } from 'graphql';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import type { QueryName } from '../db/cypher.js';
import type { EntityRecord } from '../db/records.js';
import type { Neighbour } from '../loaders/entities.js';
import { EntityInterface, neighbour, prop } from './common.js';
import { ApprovalRef, ConditionRef, DrugRef, ProductRef, RegulatorRef } from './refs.js';
import { pluralRoot, singularRoot } from './roots.js';

export const DatePrecisionEnum = builder.enumType('DatePrecision', { values: ['DAY', 'MONTH', 'YEAR'] as const });
export const ApprovalKindEnum = builder.enumType('ApprovalKind', {
  description: 'AUTHORISATION grants the use; POSITIVE_OPINION (e.g. EMA CHMP) precedes the EU decision and grants nothing by itself.',
  values: ['AUTHORISATION', 'POSITIVE_OPINION'] as const,
});

export const approvalArgs = builder.args((t) => ({
  regulator: t.string({ description: 'Only approvals by this regulator key (FDA, EMA, MHRA, PMDA).' }),
  asOf: t.field({
    type: 'Date',
    description:
      'Only approvals in force on this date. A date known to the month counts from the first day of that month, one known to the year from 1 January.',
  }),
  includeOpinions: t.boolean({ defaultValue: false, description: 'Also list positive opinions (CHMP), not only authorisations.' }),
}));

export interface ApprovalFilter { regulator?: string | null; asOf?: string | null; includeOpinions?: boolean | null }

export function filterApprovals(items: Neighbour[], filter: ApprovalFilter): EntityRecord[] {
  return items
    .filter((i) => !filter.regulator || String(i.rel.props.regulator).toLowerCase() === filter.regulator.toLowerCase())
    .filter((i) => filter.includeOpinions || i.node.props.kind === 'AUTHORISATION')
    .filter((i) => !filter.asOf || String(i.node.props.dateStart) <= filter.asOf)
    .map((i) => i.node)
    .sort((a, b) => String(a.props.dateStart).localeCompare(String(b.props.dateStart)) || a.key.localeCompare(b.key));
}

export async function approvalsOf(context: Context, query: QueryName, entity: EntityRecord, filter: ApprovalFilter) {
  if (filter.regulator !== undefined && filter.regulator !== null && !/^[A-Za-z]{2,10}$/.test(filter.regulator)) {
    throw new GraphQLError('regulator must be an agency acronym such as FDA, EMA or MHRA.', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return filterApprovals(await context.lists(query).load(entity.key), filter);
}

ApprovalRef.implement({
  interfaces: [EntityInterface],
  fields: (t) => ({
    kind: t.field({ type: ApprovalKindEnum, resolve: (a) => prop<'AUTHORISATION'>(a, 'kind')! }),
    regulator: t.field({ type: RegulatorRef, resolve: async (a, _x, c) => (await neighbour(c, a, 'ISSUED', 'IN'))! }),
    issuingBody: t.string({ description: 'The body that issued it, e.g. "European Commission" for an EMA-route authorisation.', resolve: (a) => prop<string>(a, 'issuingBody')! }),
    product: t.field({ type: ProductRef, resolve: async (a, _x, c) => (await neighbour(c, a, 'FOR_PRODUCT', 'OUT'))! }),
    drug: t.field({
      type: DrugRef,
      nullable: true,
      resolve: async (a, _x, c) => {
        const product = await neighbour(c, a, 'FOR_PRODUCT', 'OUT');
        return product ? neighbour(c, product, 'CONTAINS', 'OUT') : null;
      },
    }),
    condition: t.field({ type: ConditionRef, resolve: async (a, _x, c) => (await neighbour(c, a, 'FOR_CONDITION', 'OUT'))! }),
    indication: t.string({ resolve: (a) => prop<string>(a, 'indication')! }),
    population: t.string({ nullable: true, resolve: (a) => prop<string>(a, 'population') }),
    minimumAgeYears: t.int({ nullable: true, resolve: (a) => prop<number>(a, 'minimumAgeYears') }),
    maximumAgeYears: t.int({ nullable: true, resolve: (a) => prop<number>(a, 'maximumAgeYears') }),
    date: t.field({ type: 'Date', description: 'The first day the date can mean (see datePrecision).', resolve: (a) => prop<string>(a, 'dateStart')! }),
    dateAsReported: t.string({ description: 'The date at its own precision: 2021-09-21, 2023-04 or 2025.', resolve: (a) => prop<string>(a, 'date')! }),
    datePrecision: t.field({ type: DatePrecisionEnum, resolve: (a) => prop<'DAY'>(a, 'datePrecision')! }),
    event: t.string({ resolve: (a) => prop<string>(a, 'event')! }),
    notes: t.string({ nullable: true, resolve: (a) => prop<string>(a, 'notes') }),
  }),
});

singularRoot('approval', 'Approval', ApprovalRef, 'An approval by key; null when unknown.');
pluralRoot('approvals', 'Approval', ApprovalRef, 'Approvals and opinions, paged.');

builder.objectField(DrugRef, 'approvals', (t) =>
  t.field({ type: [ApprovalRef], args: approvalArgs, resolve: (d, args, c) => approvalsOf(c, 'approvals-of-drugs', d, args) }),
);
builder.objectField(ProductRef, 'approvals', (t) =>
  t.field({ type: [ApprovalRef], args: approvalArgs, resolve: (p, args, c) => approvalsOf(c, 'approvals-of-products', p, args) }),
);
builder.objectField(ConditionRef, 'approvals', (t) =>
  t.field({ type: [ApprovalRef], args: approvalArgs, resolve: (x, args, c) => approvalsOf(c, 'approvals-of-conditions', x, args) }),
);
