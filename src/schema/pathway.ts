// Pathway: the targets signalling in it, the conditions it is implicated in, its place in the hierarchy.
import { builder } from '../builder.js';
import type { EntityRecord, RelationshipRecord } from '../graph/records.js';
import { along, EntityInterface, neighbour, neighbourNodes, neighbours, prop, ProvenanceType, reads, afterLoad } from './common.js';
import { linkSources } from './link-sources.js';
import { ConditionRef, PathwayRef, TargetRef } from './refs.js';
import { pluralRoot, singularRoot } from './roots.js';
import { PathwayLinkRef } from './target.js';

/** A pathway implicated in a condition, with the note and sources of that statement. */
export interface ConditionLinkShape {
  pathway: EntityRecord;
  condition: EntityRecord;
  link: RelationshipRecord;
}
export const ConditionLinkRef = builder.objectRef<ConditionLinkShape>('PathwayConditionLink').implement({
  description: 'A pathway implicated in a condition, with the sources of that statement.',
  fields: (t) => ({
    pathway: t.field({ type: PathwayRef, resolve: (l) => l.pathway }),
    condition: t.field({ type: ConditionRef, resolve: (l) => l.condition }),
    note: t.string({ nullable: true, resolve: (l) => (l.link.props.note as string | undefined) ?? null, ...reads('note') }),
    sources: t.field({ type: [ProvenanceType], resolve: (l, _a, c) => linkSources(c, l.link) }),
  }),
});

PathwayRef.implement({
  interfaces: [EntityInterface],
  fields: (t) => ({
    nameVerified: t.boolean({
      description: 'False where the name was not confirmed against the source (the id was).',
      resolve: (p) => prop<boolean>(p, 'nameVerified') ?? false,
      ...reads('nameVerified'),
    }),
    targets: t.field({
      type: [TargetRef],
      ...along('PARTICIPATES_IN', 'IN'),
      resolve: (p, _a, context) => neighbourNodes(context, p, 'PARTICIPATES_IN', 'IN'),
    }),
    targetLinks: t.field({
      type: [PathwayLinkRef],
      ...along('PARTICIPATES_IN', 'IN', 'target'),
      resolve: (p, _a, context) =>
        afterLoad(neighbours(context, p, 'PARTICIPATES_IN', 'IN'), (list) => list.map((n) => ({ target: n.node, pathway: p, link: n.rel }))),
    }),
    conditions: t.field({
      type: [ConditionRef],
      ...along('IMPLICATED_IN', 'OUT'),
      resolve: (p, _a, context) => neighbourNodes(context, p, 'IMPLICATED_IN', 'OUT'),
    }),
    conditionLinks: t.field({
      type: [ConditionLinkRef],
      ...along('IMPLICATED_IN', 'OUT', 'condition'),
      resolve: (p, _a, context) =>
        afterLoad(neighbours(context, p, 'IMPLICATED_IN', 'OUT'), (list) => list.map((n) => ({ pathway: p, condition: n.node, link: n.rel }))),
    }),
    parent: t.field({
      type: PathwayRef,
      nullable: true,
      ...along('PART_OF', 'OUT'),
      resolve: (p, _a, context) => neighbour(context, p, 'PART_OF', 'OUT'),
    }),
    children: t.field({
      type: [PathwayRef],
      ...along('PART_OF', 'IN'),
      resolve: (p, _a, context) => neighbourNodes(context, p, 'PART_OF', 'IN'),
    }),
  }),
});

singularRoot('pathway', 'Pathway', PathwayRef, 'A pathway by key, e.g. "interferon-gamma-signaling"; null when unknown.');
pluralRoot('pathways', 'Pathway', PathwayRef, 'Pathways, paged.');
