// Condition and ConditionCategory (grouping by pathogenic mechanism, as in the review).
import { builder } from '../builder.js';
import { along, ConfidenceEnum, EntityInterface, neighbour, neighbourNodes, neighbours, prop, reads, afterLoad } from './common.js';
import { ConditionCategoryRef, ConditionRef, FindingRef, PathwayRef } from './refs.js';
import { filterFindings, findingArgs } from './finding.js';
import { ConditionLinkRef } from './pathway.js';
import { pluralRoot, singularRoot } from './roots.js';

ConditionRef.implement({
  interfaces: [EntityInterface],
  fields: (t) => ({
    category: t.field({
      type: ConditionCategoryRef,
      nullable: true,
      ...along('IN_CATEGORY', 'OUT'),
      description: 'Its pathogenic-mechanism group; null for conditions the review did not group (e.g. on-label ones).',
      resolve: (c, _a, context) => neighbour(context, c, 'IN_CATEGORY', 'OUT'),
    }),
    categoryBasis: t.string({
      nullable: true,
      description: "Why the condition sits in its category (often a curators' inference).",
      resolve: (c) => prop<string>(c, 'categoryBasis'),
      ...reads('categoryBasis'),
    }),
    categoryConfidence: t.field({
      type: ConfidenceEnum,
      nullable: true,
      resolve: (c) => prop<'PARTIAL'>(c, 'categoryConfidence'),
      ...reads('categoryConfidence'),
    }),
    labelStatusNote: t.string({
      nullable: true,
      description: "Curated note on topical ruxolitinib's label status here.",
      resolve: (c) => prop<string>(c, 'labelStatusNote'),
      ...reads('labelStatusNote'),
    }),
    pathways: t.field({
      type: [PathwayRef],
      ...along('IMPLICATED_IN', 'IN'),
      resolve: (c, _a, context) => neighbourNodes(context, c, 'IMPLICATED_IN', 'IN'),
    }),
    pathwayLinks: t.field({
      type: [ConditionLinkRef],
      ...along('IMPLICATED_IN', 'IN', 'pathway'),
      resolve: (c, _a, context) =>
        afterLoad(neighbours(context, c, 'IMPLICATED_IN', 'IN'), (list) => list.map((n) => ({ pathway: n.node, condition: c, link: n.rel }))),
    }),
    findings: t.field({
      type: [FindingRef],
      ...along('IN_CONDITION', 'IN'),
      args: findingArgs,
      resolve: (c, args, context) => afterLoad(neighbourNodes(context, c, 'IN_CONDITION', 'IN'), (all) => filterFindings(all, args)),
    }),
  }),
});

ConditionCategoryRef.implement({
  interfaces: [EntityInterface],
  fields: (t) => ({
    conditions: t.field({
      type: [ConditionRef],
      ...along('IN_CATEGORY', 'IN'),
      resolve: (c, _a, context) => neighbourNodes(context, c, 'IN_CATEGORY', 'IN'),
    }),
  }),
});

const ConditionFilter = builder.inputType('ConditionFilter', {
  fields: (t) => ({
    text: t.string({ description: 'Case-insensitive substring of the name or a synonym.' }),
    category: t.string({ description: 'A ConditionCategory key, e.g. "lichenoid-dermatoses".' }),
  }),
});

pluralRoot('conditions', 'Condition', ConditionRef, 'Conditions, paged; filter by text or category.', {
  type: ConditionFilter,
  toQuery: (f) => ({ text: f.text, category: f.category }),
  keys: (f) => [{ argument: 'category', label: 'ConditionCategory', key: f.category }],
});

singularRoot('condition', 'Condition', ConditionRef, 'A condition by key, e.g. "lichen-planus"; null when unknown.');
singularRoot('conditionCategory', 'ConditionCategory', ConditionCategoryRef, 'A condition category by key, e.g. "granulomatous-dermatoses".');
pluralRoot('conditionCategories', 'ConditionCategory', ConditionCategoryRef, 'Condition categories, paged.');
