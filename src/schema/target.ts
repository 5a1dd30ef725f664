// Target (JAK family kinases): the drugs acting on it and the pathways it signals in.
import { builder } from '../builder.js';
import { along, EntityInterface, neighbourNodes, neighbours, prop, ProvenanceType, reads, afterLoad } from './common.js';
import { linkSources } from './link-sources.js';
import { PathwayRef, TargetInteractionRef, TargetRef } from './refs.js';
import { mostPotentFirst } from './drug.js';
import { pluralRoot, singularRoot } from './roots.js';
import type { EntityRecord, RelationshipRecord } from '../graph/records.js';

/** A target's participation in a pathway, with the sources of that statement. */
export interface PathwayLinkShape {
  target: EntityRecord;
  pathway: EntityRecord;
  link: RelationshipRecord;
}
export const PathwayLinkRef = builder.objectRef<PathwayLinkShape>('TargetPathwayLink').implement({
  description: 'A target signalling in a pathway, with the sources of that statement.',
  fields: (t) => ({
    target: t.field({ type: TargetRef, resolve: (l) => l.target }),
    pathway: t.field({ type: PathwayRef, resolve: (l) => l.pathway }),
    sources: t.field({ type: [ProvenanceType], resolve: (l, _a, c) => linkSources(c, l.link) }),
  }),
});

TargetRef.implement({
  interfaces: [EntityInterface],
  fields: (t) => ({
    symbol: t.string({ description: 'The HGNC gene symbol (same as key).', resolve: (e) => e.key, ...reads() }),
    family: t.string({ nullable: true, resolve: (e) => prop<string>(e, 'family'), ...reads('family') }),
    interactions: t.field({
      type: [TargetInteractionRef],
      ...along('INTERACTS_WITH', 'IN', 'drug'),
      description:
        'The drugs acting on this target as a primary target, most potent first; weaker off-target activity only with includeSecondary (as Drug.targets).',
      args: { includeSecondary: t.arg.boolean({ defaultValue: false }) },
      resolve: (target, args, context) =>
        afterLoad(neighbours(context, target, 'INTERACTS_WITH', 'IN'), (list) =>
          mostPotentFirst(
            list.map((n) => ({ drug: n.node, target, link: n.rel })),
            args.includeSecondary,
          ),
        ),
    }),
    pathways: t.field({
      type: [PathwayRef],
      ...along('PARTICIPATES_IN', 'OUT'),
      resolve: (target, _a, context) => neighbourNodes(context, target, 'PARTICIPATES_IN', 'OUT'),
    }),
    pathwayLinks: t.field({
      type: [PathwayLinkRef],
      ...along('PARTICIPATES_IN', 'OUT', 'pathway'),
      resolve: (target, _a, context) =>
        afterLoad(neighbours(context, target, 'PARTICIPATES_IN', 'OUT'), (list) => list.map((n) => ({ target, pathway: n.node, link: n.rel }))),
    }),
  }),
});

singularRoot('target', 'Target', TargetRef, 'A target by HGNC symbol (case-insensitive), e.g. "JAK1"; null when unknown.');
pluralRoot('targets', 'Target', TargetRef, 'Targets, paged.');
