// Finding: one study's result for one drug (or product) in one condition, with counts where countable.
import { builder } from '../builder.js';
import type { EntityRecord } from '../db/records.js';
import { EntityInterface, neighbour, prop, RouteEnum } from './common.js';
import { ConditionRef, DrugRef, FindingRef, ProductRef, StudyRef } from './refs.js';
import { pluralRoot, singularRoot } from './roots.js';

export const OutcomeEnum = builder.enumType('Outcome', {
  description:
    'The reported result. IMPROVED: the source reports improvement without grading it as complete or partial response. Null where no result is reported (e.g. a registered trial).',
  values: ['COMPLETE_RESPONSE', 'PARTIAL_RESPONSE', 'IMPROVED', 'MIXED', 'NO_RESPONSE', 'WORSENED'] as const,
});

const str = (name: string) => (f: EntityRecord) => prop<string>(f, name);

FindingRef.implement({
  interfaces: [EntityInterface],
  fields: (t) => ({
    study: t.field({ type: StudyRef, resolve: async (f, _a, c) => (await neighbour(c, f, 'REPORTS', 'IN'))! }),
    drug: t.field({ type: DrugRef, resolve: async (f, _a, c) => (await neighbour(c, f, 'OF_DRUG', 'OUT'))! }),
    product: t.field({ type: ProductRef, nullable: true, resolve: (f, _a, c) => neighbour(c, f, 'WITH_PRODUCT', 'OUT') }),
    condition: t.field({ type: ConditionRef, resolve: async (f, _a, c) => (await neighbour(c, f, 'IN_CONDITION', 'OUT'))! }),
    route: t.field({ type: RouteEnum, resolve: (f) => prop<'TOPICAL'>(f, 'route')! }),
    patients: t.int({ nullable: true, description: 'Patients in the study or arm as reported (may include comparator arms: see the study design); null when not stated.', resolve: (f) => prop<number>(f, 'patients') }),
    responders: t.int({ nullable: true, description: 'Patients responding (see responderDefinition); null when not countable from the source.', resolve: (f) => prop<number>(f, 'responders') }),
    responderDefinition: t.string({ nullable: true, resolve: str('responderDefinition') }),
    outcome: t.field({ type: OutcomeEnum, nullable: true, resolve: (f) => prop<'IMPROVED'>(f, 'outcome') }),
    outcomeAsReported: t.string({ nullable: true, resolve: str('outcomeAsReported') }),
    regimen: t.string({ nullable: true, resolve: str('regimen') }),
    durationWeeks: t.float({ nullable: true, resolve: (f) => prop<number>(f, 'durationWeeks') }),
    durationAsReported: t.string({ nullable: true, resolve: str('durationAsReported') }),
    adverseEvents: t.string({ nullable: true, resolve: str('adverseEvents') }),
    summary: t.string({ nullable: true, resolve: str('summary') }),
  }),
});

/** Arguments of every findings list: which outcomes and which route. */
export const findingArgs = builder.args((t) => ({
  outcome: t.field({ type: [OutcomeEnum], required: false, description: 'Only findings with one of these outcomes.' }),
  route: t.field({ type: RouteEnum, required: false }),
}));

export function filterFindings(findings: EntityRecord[], args: { outcome?: readonly string[] | null; route?: string | null }) {
  return findings.filter(
    (f) => (!args.outcome || args.outcome.includes(f.props.outcome as string)) && (!args.route || f.props.route === args.route),
  );
}

const FindingFilter = builder.inputType('FindingFilter', {
  fields: (t) => ({
    text: t.string({ description: 'Case-insensitive substring of the label (study, drug, condition).' }),
    outcome: t.field({ type: [OutcomeEnum] }),
    route: t.field({ type: RouteEnum }),
  }),
});

pluralRoot('findings', 'Finding', FindingRef, 'Findings, paged; filter by outcome and route.', {
  type: FindingFilter,
  toQuery: (f) => ({
    text: f.text,
    anyOf: [
      ...(f.outcome ? [{ property: 'outcome', values: f.outcome }] : []),
      ...(f.route ? [{ property: 'route', values: [f.route] }] : []),
    ],
  }),
});

singularRoot('finding', 'Finding', FindingRef, 'A finding by key; null when unknown.');
