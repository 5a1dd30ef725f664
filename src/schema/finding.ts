// Finding: one study's result for one drug (or product) in one condition, with counts where countable.
// Curated findings are added with addFinding and withdrawn with retractFinding (src/curation/findings.ts).
import { builder } from '../builder.js';
import { addFinding, retractFinding } from '../curation/findings.js';
import type { EntityRecord } from '../graph/records.js';
import { AuditEventRef, auditTrailOf } from './audit.js';
import {
  along,
  EntityInterface,
  includeRetractedArg,
  reads,
  neighbour,
  neighbourNodes,
  prop,
  ProvenanceInput,
  RouteEnum,
  unlessRetracted,
  afterLoad,
} from './common.js';
import { ConditionRef, DrugRef, FindingRef, ProductRef, StudyRef } from './refs.js';
import { pageOfList } from './connections.js';
import { pluralRoot, singularRoot } from './roots.js';
import type { Direction, RelationshipType } from '../graph-model.js';
import { outcome } from '../ingest/corpus-schema.js';

export const OutcomeEnum = builder.enumType('Outcome', {
  description:
    'The reported result. IMPROVED: the source reports improvement without grading it as complete or partial response. Null where no result is reported (e.g. a registered trial).',
  values: outcome.options,
});

const str = (name: string) => (f: EntityRecord) => prop<string>(f, name);

FindingRef.implement({
  interfaces: [EntityInterface],
  fields: (t) => ({
    study: t.field({ type: StudyRef, ...along('REPORTS', 'IN'), resolve: (f, _a, c) => afterLoad(neighbour(c, f, 'REPORTS', 'IN'), (n) => n!) }),
    drug: t.field({ type: DrugRef, ...along('OF_DRUG', 'OUT'), resolve: (f, _a, c) => afterLoad(neighbour(c, f, 'OF_DRUG', 'OUT'), (n) => n!) }),
    product: t.field({ type: ProductRef, nullable: true, ...along('WITH_PRODUCT', 'OUT'), resolve: (f, _a, c) => neighbour(c, f, 'WITH_PRODUCT', 'OUT') }),
    condition: t.field({
      type: ConditionRef,
      ...along('IN_CONDITION', 'OUT'),
      resolve: (f, _a, c) => afterLoad(neighbour(c, f, 'IN_CONDITION', 'OUT'), (n) => n!),
    }),
    route: t.field({ type: RouteEnum, resolve: (f) => prop<'TOPICAL'>(f, 'route')!, ...reads('route') }),
    patients: t.int({
      nullable: true,
      description: 'Patients in the study or arm as reported (may include comparator arms: see the study design); null when not stated.',
      resolve: (f) => prop<number>(f, 'patients'),
      ...reads('patients'),
    }),
    responders: t.int({
      nullable: true,
      description: 'Patients responding (see responderDefinition); null when not countable from the source.',
      resolve: (f) => prop<number>(f, 'responders'),
      ...reads('responders'),
    }),
    responderDefinition: t.string({ nullable: true, resolve: str('responderDefinition'), ...reads('responderDefinition') }),
    outcome: t.field({ type: OutcomeEnum, nullable: true, resolve: (f) => prop<'IMPROVED'>(f, 'outcome'), ...reads('outcome') }),
    outcomeAsReported: t.string({ nullable: true, resolve: str('outcomeAsReported'), ...reads('outcomeAsReported') }),
    regimen: t.string({ nullable: true, resolve: str('regimen'), ...reads('regimen') }),
    durationWeeks: t.float({ nullable: true, resolve: (f) => prop<number>(f, 'durationWeeks'), ...reads('durationWeeks') }),
    durationAsReported: t.string({ nullable: true, resolve: str('durationAsReported'), ...reads('durationAsReported') }),
    adverseEvents: t.string({ nullable: true, resolve: str('adverseEvents'), ...reads('adverseEvents') }),
    summary: t.string({ nullable: true, resolve: str('summary'), ...reads('summary') }),
    retracted: t.boolean({
      description: 'A curator withdrew it (see retraction); it stays, out of evidence unless asked for.',
      resolve: (f) => f.props.retracted === true,
      ...reads('retracted'),
    }),
    retraction: t.field({ type: RetractionRef, nullable: true, resolve: (f) => (f.props.retracted === true ? f : null) }),
    curatedBy: t.string({
      nullable: true,
      description: 'The id of the token that added it; null for the curated corpus (data/).',
      resolve: str('createdBy'),
      ...reads('createdBy'),
    }),
    curatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was added (UTC); null for the curated corpus.',
      resolve: str('createdAt'),
      ...reads('createdAt'),
    }),
    auditTrail: t.field({
      type: [AuditEventRef],
      ...reads(),
      description: 'Every curation write on it, oldest first.',
      resolve: (f, _a, c) => auditTrailOf(c, f.key),
    }),
  }),
});

/** Arguments of every findings list: which outcomes, which route, and whether retracted ones count. */
export const findingArgs = builder.args((t) => ({
  outcome: t.field({ type: [OutcomeEnum], required: false, description: 'Only findings with one of these outcomes.' }),
  route: t.field({ type: RouteEnum, required: false }),
  includeRetracted: t.boolean(includeRetractedArg),
}));

export function filterFindings(
  findings: EntityRecord[],
  args: { outcome?: readonly string[] | null; route?: string | null; includeRetracted?: boolean | null },
) {
  return unlessRetracted(findings, args.includeRetracted).filter(
    (f) => (!args.outcome || args.outcome.includes(f.props.outcome as string)) && (!args.route || f.props.route === args.route),
  );
}

/** The one connection type of findings: the `findings` root and every `findingsConnection`. */
const FindingConnection = builder.connectionObject({ type: FindingRef, name: 'FindingConnection' }, { name: 'FindingEdge' });

/**
 * `findings` as a Relay connection too (`findingsConnection(first, after, outcome, route)` with totalCount),
 * for entities whose findings run long; the list is loaded by the same DataLoader and paged in memory.
 */
export function findingsConnectionField(ref: typeof DrugRef, type: RelationshipType, direction: Direction) {
  builder.objectField(ref, 'findingsConnection', (t) =>
    t.connection(
      {
        type: FindingRef,
        ...reads(),
        args: findingArgs,
        resolve: async (entity, args, context) => {
          const all = filterFindings(await neighbourNodes(context, entity, type, direction), args);
          return pageOfList(context, all, args);
        },
      },
      FindingConnection,
    ),
  );
}

const FindingFilter = builder.inputType('FindingFilter', {
  fields: (t) => ({
    text: t.string({ description: 'Case-insensitive substring of the label (study, drug, condition).' }),
    outcome: t.field({ type: [OutcomeEnum] }),
    route: t.field({ type: RouteEnum }),
  }),
});

pluralRoot(
  'findings',
  'Finding',
  FindingRef,
  'Findings, paged; filter by outcome and route.',
  {
    type: FindingFilter,
    toQuery: (f) => ({
      text: f.text,
      anyOf: [...(f.outcome ? [{ property: 'outcome', values: f.outcome }] : []), ...(f.route ? [{ property: 'route', values: [f.route] }] : [])],
    }),
  },
  FindingConnection,
);

const RetractionRef = builder.objectRef<EntityRecord>('Retraction').implement({
  fields: (t) => ({
    reason: t.string({ resolve: (f) => prop<string>(f, 'retractionReason')!, ...reads('retractionReason') }),
    at: t.field({ type: 'DateTime', description: 'When (UTC).', resolve: (f) => prop<string>(f, 'retractedAt')!, ...reads('retractedAt') }),
    by: t.string({ description: 'The id of the token that retracted it.', resolve: (f) => prop<string>(f, 'retractedBy')!, ...reads('retractedBy') }),
  }),
});

const FindingInput = builder.inputType('FindingInput', {
  description:
    "A new finding: one study's result for one drug (optionally a product of it) in one condition. Keys as in lookups (case-insensitive). route defaults to the product's, else to the drug's only route.",
  fields: (t) => ({
    study: t.string({ required: true, description: 'A Study key, e.g. "pmid:38417541".' }),
    drug: t.string({ required: true }),
    condition: t.string({ required: true }),
    product: t.string({ description: 'A Product key, e.g. "opzelura-cream-1-5"; it must contain the drug.' }),
    route: t.field({ type: RouteEnum }),
    outcome: t.field({ type: OutcomeEnum, required: true }),
    patients: t.int(),
    responders: t.int({ description: 'At most patients.' }),
    responderDefinition: t.string(),
    regimen: t.string(),
    durationWeeks: t.float(),
    adverseEvents: t.string(),
    summary: t.string(),
    sources: t.field({ type: [ProvenanceInput], required: true }),
  }),
});

builder.mutationField('addFinding', (t) =>
  t.field({
    type: FindingRef,
    authScopes: { curate: true },
    description:
      'Adds a finding, with its sources and an audit event, in one transaction. Idempotent: the same input again returns the same finding. UNAUTHENTICATED without a valid token, FORBIDDEN without the curate scope, BAD_USER_INPUT for unknown keys or impossible numbers, CONFLICT when the study already has a live finding for this drug and condition.',
    args: { input: t.arg({ type: FindingInput, required: true }) },
    resolve: (_root, args, context) => addFinding(context, args.input),
  }),
);

builder.mutationField('retractFinding', (t) =>
  t.field({
    type: FindingRef,
    authScopes: { curate: true },
    description:
      'Withdraws a finding without deleting it: it is marked retracted (who, when, why) and left out of evidence and finding lists unless asked for. Retracting it again changes nothing.',
    args: { key: t.arg.string({ required: true }), reason: t.arg.string({ required: true }) },
    resolve: (_root, args, context) => retractFinding(context, args),
  }),
);

singularRoot('finding', 'Finding', FindingRef, 'A finding by key; null when unknown.');

findingsConnectionField(DrugRef, 'OF_DRUG', 'IN');
findingsConnectionField(ConditionRef, 'IN_CONDITION', 'IN');
findingsConnectionField(StudyRef, 'REPORTS', 'OUT');
