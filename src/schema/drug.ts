// Drug: identity, targets (with action and potency), products, findings, approvals.
import { builder } from '../builder.js';
import { along, EntityInterface, neighbourNodes, neighbours, prop, ProvenanceType, reads, RouteEnum, afterLoad } from './common.js';
import { linkSources } from './link-sources.js';
import { DrugRef, ProductRef, FindingRef, TargetInteractionRef, TargetRef, type InteractionShape } from './refs.js';
import { filterFindings, findingArgs } from './finding.js';
import { pluralRoot, singularRoot } from './roots.js';
import { drug as drugSchema, interactionAction } from '../ingest/corpus-schema.js';

// The values of the corpus schema (src/ingest/corpus-schema.ts), the one place that defines them.
export const DevelopmentStatusEnum = builder.enumType('DevelopmentStatus', {
  description: 'Where the drug stands: APPROVED somewhere, or INVESTIGATIONAL.',
  values: drugSchema.shape.developmentStatus.options,
});

export const ActionEnum = builder.enumType('Action', {
  values: interactionAction.options,
});

DrugRef.implement({
  interfaces: [EntityInterface],
  fields: (t) => ({
    routes: t.field({ type: [RouteEnum], resolve: (d) => prop<('TOPICAL' | 'ORAL')[]>(d, 'routes') ?? [], ...reads('routes') }),
    developmentStatus: t.field({ type: DevelopmentStatusEnum, resolve: (d) => prop<'APPROVED'>(d, 'developmentStatus')!, ...reads('developmentStatus') }),
    selectivity: t.string({ nullable: true, resolve: (d) => prop<string>(d, 'selectivity'), ...reads('selectivity') }),
    targets: t.field({
      type: [TargetInteractionRef],
      ...along('INTERACTS_WITH', 'OUT', 'target'),
      description: 'The targets the drug acts on, most potent first. Off-target (secondary) activity only with includeSecondary.',
      args: {
        includeSecondary: t.arg.boolean({ defaultValue: false, description: 'Also weaker off-target (secondary) activity; default: primary targets only.' }),
      },
      resolve: (drug, args, context) =>
        afterLoad(neighbours(context, drug, 'INTERACTS_WITH', 'OUT'), (list) =>
          mostPotentFirst(
            list.map((n) => ({ drug, target: n.node, link: n.rel })),
            args.includeSecondary,
          ),
        ),
    }),
    products: t.field({
      type: [ProductRef],
      ...along('CONTAINS', 'IN'),
      resolve: (drug, _args, context) => neighbourNodes(context, drug, 'CONTAINS', 'IN'),
    }),
    findings: t.field({
      type: [FindingRef],
      ...along('OF_DRUG', 'IN'),
      args: findingArgs,
      resolve: (drug, args, context) => afterLoad(neighbourNodes(context, drug, 'OF_DRUG', 'IN'), (all) => filterFindings(all, args)),
    }),
  }),
});

function potency(props: Record<string, unknown>): number {
  return typeof props.potencyNm === 'number' ? props.potencyNm : Number.POSITIVE_INFINITY;
}

/** Interactions, primary ones only unless asked, most potent first (unmeasured potency last). */
export function mostPotentFirst(interactions: InteractionShape[], includeSecondary: boolean | null | undefined) {
  return interactions.filter((i) => includeSecondary || i.link.props.primary === true).sort((a, b) => potency(a.link.props) - potency(b.link.props));
}

TargetInteractionRef.implement({
  description: 'A drug acting on a target, with the action, potency and sources of that statement.',
  fields: (t) => ({
    drug: t.field({ type: DrugRef, resolve: (i) => i.drug }),
    target: t.field({ type: TargetRef, resolve: (i) => i.target }),
    action: t.field({ type: ActionEnum, resolve: (i) => i.link.props.action as 'INHIBITOR' }),
    primary: t.boolean({
      description: 'A primary (intended) target, as opposed to weaker off-target activity.',
      resolve: (i) => i.link.props.primary === true,
    }),
    potencyNm: t.float({
      nullable: true,
      description: 'Potency in nM (see potencyType), null where not measured.',
      resolve: (i) => (i.link.props.potencyNm as number | undefined) ?? null,
    }),
    potencyType: t.string({ nullable: true, resolve: (i) => (i.link.props.potencyType as string | undefined) ?? null }),
    sources: t.field({ type: [ProvenanceType], resolve: (i, _a, c) => linkSources(c, i.link) }),
  }),
});

singularRoot('drug', 'Drug', DrugRef, 'A drug by key (case-insensitive), e.g. "ruxolitinib"; null when unknown.');
pluralRoot('drugs', 'Drug', DrugRef, 'Drugs, paged.');
