// Drug: identity, targets (with action and potency), products, findings, approvals.
import { builder } from '../builder.js';
import { EntityInterface, includeRetractedArg, neighbours, prop, ProvenanceType, RouteEnum, unlessRetracted } from './common.js';
import { DrugRef, ProductRef, FindingRef, TargetInteractionRef, TargetRef } from './refs.js';
import { pluralRoot, singularRoot } from './roots.js';

export const ActionEnum = builder.enumType('Action', {
  values: ['INHIBITOR', 'ALLOSTERIC_INHIBITOR', 'COVALENT_INHIBITOR'] as const,
});

DrugRef.implement({
  interfaces: [EntityInterface],
  fields: (t) => ({
    routes: t.field({ type: [RouteEnum], resolve: (d) => prop<('TOPICAL' | 'ORAL')[]>(d, 'routes') ?? [] }),
    developmentStatus: t.string({ resolve: (d) => prop<string>(d, 'developmentStatus') ?? 'UNKNOWN' }),
    selectivity: t.string({ nullable: true, resolve: (d) => prop<string>(d, 'selectivity') }),
    targets: t.field({
      type: [TargetInteractionRef],
      description: 'The targets the drug acts on, most potent first. Off-target (secondary) activity only with includeSecondary.',
      args: { includeSecondary: t.arg.boolean({ defaultValue: false }) },
      resolve: async (drug, args, context) =>
        (await neighbours(context, drug, 'INTERACTS_WITH', 'OUT'))
          .filter((n) => args.includeSecondary || n.rel.props.primary === true)
          .map((n) => ({ drug, target: n.node, link: n.rel }))
          .sort((a, b) => potency(a.link.props) - potency(b.link.props)),
    }),
    products: t.field({
      type: [ProductRef],
      resolve: async (drug, _args, context) => (await neighbours(context, drug, 'CONTAINS', 'IN')).map((n) => n.node),
    }),
    findings: t.field({
      type: [FindingRef],
      args: { includeRetracted: t.arg.boolean(includeRetractedArg) },
      resolve: async (drug, args, context) =>
        unlessRetracted((await neighbours(context, drug, 'OF_DRUG', 'IN')).map((n) => n.node), args.includeRetracted),
    }),
  }),
});

function potency(props: Record<string, unknown>): number {
  return typeof props.potencyNm === 'number' ? props.potencyNm : Number.POSITIVE_INFINITY;
}

TargetInteractionRef.implement({
  description: 'A drug acting on a target, with the action, potency and sources of that statement.',
  fields: (t) => ({
    drug: t.field({ type: DrugRef, resolve: (i) => i.drug }),
    target: t.field({ type: TargetRef, resolve: (i) => i.target }),
    action: t.field({ type: ActionEnum, resolve: (i) => i.link.props.action as 'INHIBITOR' }),
    primary: t.boolean({ description: 'A primary (intended) target, as opposed to weaker off-target activity.', resolve: (i) => i.link.props.primary === true }),
    potencyNm: t.float({ nullable: true, description: 'Potency in nM (see potencyType), null where not measured.', resolve: (i) => (i.link.props.potencyNm as number | undefined) ?? null }),
    potencyType: t.string({ nullable: true, resolve: (i) => (i.link.props.potencyType as string | undefined) ?? null }),
    sources: t.field({ type: [ProvenanceType], resolve: (i) => i.link.sources }),
  }),
});

singularRoot('drug', 'Drug', DrugRef, 'A drug by key (case-insensitive), e.g. "ruxolitinib"; null when unknown.');
pluralRoot('drugs', 'Drug', DrugRef, 'Drugs, paged.');
