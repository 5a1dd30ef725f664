// Arms of a study and the result of each comparator arm. A controlled trial's arms are never summed into one
// count: each Finding is the result of one arm of the drug (Finding.arm), and the results of the study's
// comparator arms for the same endpoint and time point stand beside it (Finding.comparators).
// Both are stored with the study and the finding as JSON (src/ingest/seed.ts), as the curated data gives them.
import { armOf, armsOf, comparatorsOf, rateOf, type ArmShape, type ComparatorResultShape } from '../arms.js';
import { builder } from '../builder.js';
import { armRole } from '../ingest/corpus-schema.js';
import { reads, lookup, prop, ProvenanceType, RouteEnum, weakest, ConfidenceEnum } from './common.js';
import { DrugRef, FindingRef, ProductRef, StudyRef } from './refs.js';

export const ArmRoleEnum = builder.enumType('ArmRole', {
  description:
    'EXPERIMENTAL: the drug under study. The others are comparators: PLACEBO, VEHICLE (a topical placebo), ACTIVE_COMPARATOR (another treatment), NO_INTERVENTION.',
  values: armRole.options,
});

export const ArmRef = builder.objectRef<ArmShape>('Arm').implement({
  description: 'One group of a study, as randomised or assigned.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Unique within its study.' }),
    label: t.exposeString('label'),
    trial: t.string({ nullable: true, description: 'In a report of several trials, the trial the arm belongs to.', resolve: (a) => a.trial ?? null }),
    role: t.field({ type: ArmRoleEnum, resolve: (a) => a.role }),
    drug: t.field({ type: DrugRef, nullable: true, resolve: (a, _x, c) => (a.drug ? lookup(c, 'Drug', a.drug) : null) }),
    product: t.field({ type: ProductRef, nullable: true, resolve: (a, _x, c) => (a.product ? lookup(c, 'Product', a.product) : null) }),
    dose: t.string({ nullable: true, resolve: (a) => a.dose ?? null }),
    route: t.field({ type: RouteEnum, nullable: true, resolve: (a) => a.route ?? null }),
    patients: t.int({ nullable: true, description: 'Patients randomised or assigned to the arm; null when not stated.', resolve: (a) => a.patients ?? null }),
  }),
});

export const ComparatorResultRef = builder.objectRef<ComparatorResultShape>('ComparatorResult').implement({
  description: "A comparator arm's result for the same endpoint and time point as the finding it stands beside.",
  fields: (t) => ({
    key: t.exposeString('key'),
    arm: t.field({ type: ArmRef, nullable: true, resolve: (r) => r.arm ?? null }),
    endpoint: t.string({ nullable: true, resolve: (r) => r.endpoint ?? null }),
    timepointWeeks: t.float({ nullable: true, resolve: (r) => r.timepointWeeks ?? null }),
    patients: t.int({ nullable: true, resolve: (r) => r.patients ?? null }),
    responders: t.int({ nullable: true, resolve: (r) => r.responders ?? null }),
    responseRate: t.float({ nullable: true, description: 'responders / patients where both are stated; never estimated.', resolve: rateOf }),
    responseRatePercent: t.float({
      nullable: true,
      description: 'A percentage the source states without the count behind it.',
      resolve: (r) => r.responseRatePercent ?? null,
    }),
    summary: t.string({ nullable: true, resolve: (r) => r.summary ?? null }),
    sources: t.field({ type: [ProvenanceType], resolve: (r) => r.sources }),
    confidence: t.field({ type: ConfidenceEnum, resolve: (r) => weakest(r.sources) }),
  }),
});

builder.objectFields(StudyRef, (t) => ({
  arms: t.field({ type: [ArmRef], description: 'The arms, as randomised or assigned; empty for a report of one group.', resolve: armsOf, ...reads('arms') }),
  primaryEndpoint: t.string({ nullable: true, resolve: (s) => prop<string>(s, 'primaryEndpoint'), ...reads('primaryEndpoint') }),
  controlled: t.boolean({
    description: 'The study has a comparator arm (placebo, vehicle, another treatment, no intervention).',
    resolve: (s) => armsOf(s).some((a) => a.role !== 'EXPERIMENTAL'),
    ...reads('arms'),
  }),
}));

builder.objectFields(FindingRef, (t) => ({
  arm: t.field({
    type: ArmRef,
    nullable: true,
    description: 'The arm of the study this is the result of; null for a report of one group.',
    resolve: armOf,
    ...reads('arm'),
  }),
  endpoint: t.string({ nullable: true, resolve: (f) => prop<string>(f, 'endpoint'), ...reads('endpoint') }),
  timepointWeeks: t.float({ nullable: true, resolve: (f) => prop<number>(f, 'timepointWeeks'), ...reads('timepointWeeks') }),
  primary: t.boolean({
    nullable: true,
    description: "Whether the endpoint is the study's primary endpoint; null when not said.",
    resolve: (f) => prop<boolean>(f, 'primary'),
    ...reads('primary'),
  }),
  responseRate: t.float({
    nullable: true,
    description: 'responders / patients where both are stated; never estimated.',
    resolve: (f) => rateOf({ patients: prop<number>(f, 'patients'), responders: prop<number>(f, 'responders') }),
    ...reads('patients', 'responders'),
  }),
  responseRatePercent: t.float({
    nullable: true,
    description: 'A percentage the source states without the count behind it.',
    resolve: (f) => prop<number>(f, 'responseRatePercent'),
    ...reads('responseRatePercent'),
  }),
  controlled: t.boolean({ description: 'Its study has a comparator arm.', resolve: (f) => prop<boolean>(f, 'controlled') === true, ...reads('controlled') }),
  comparators: t.field({
    type: [ComparatorResultRef],
    description: "The comparator arms' results for the same endpoint and time point.",
    resolve: comparatorsOf,
    ...reads('comparators'),
  }),
}));
