// The object refs of every entity type, declared before any is implemented so that the per-entity files
// can point at each other without import cycles.
import type { Neighbour } from '../graph/loaders.js';
import type { EntityRecord } from '../graph/records.js';
import { builder } from '../builder.js';
import { entityNode } from './common.js';

export const DrugRef = entityNode('Drug');
export const ProductRef = entityNode('Product');
export const TargetRef = entityNode('Target');
export const PathwayRef = entityNode('Pathway');
export const ConditionRef = entityNode('Condition');
export const ConditionCategoryRef = entityNode('ConditionCategory');
export const StudyRef = entityNode('Study');
export const FindingRef = entityNode('Finding');
export const RegulatorRef = entityNode('Regulator');
export const ApprovalRef = entityNode('Approval');
export const LabelSnapshotRef = entityNode('LabelSnapshot');

/** A drug acting on a target: the relationship with its own facts. */
export interface InteractionShape {
  drug: EntityRecord;
  target: EntityRecord;
  link: Neighbour['rel'];
}
export const TargetInteractionRef = builder.objectRef<InteractionShape>('TargetInteraction');
