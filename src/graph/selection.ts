// What a query's selection asks of the graph, read from the GraphQL selection before anything is loaded:
// for each entity, the node properties its fields read and the relationship lists it walks, as a tree.
// src/graph/plan.ts turns the tree into one Cypher statement.
//
// Each field says what it needs in its `extensions` (src/schema/fields.ts writes them):
//   reads: ['routes']                   the node properties its resolver reads (the key and name are always there);
//   relationship: {type, direction, node?}
//                                       it lists the neighbours along one relationship type; `node` names the
//                                       sub-field that holds the neighbour when the list is of links (Drug.targets
//                                       is a list of TargetInteraction whose `target` is the Target).
// A field of an entity that says neither reads every property: correct, only slower.
import {
  getNamedType,
  isAbstractType,
  isObjectType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { getDirectiveValues, GraphQLIncludeDirective, GraphQLSkipDirective } from 'graphql';
import { nodeLabels, relationships, type Direction, type NodeLabel, type RelationshipType } from '../graph-model.js';

export interface FieldNeeds {
  reads?: readonly string[];
  relationship?: { type: RelationshipType; direction: Direction; node?: string };
}

/** What one entity in the selection needs: its properties ('all' when a field did not say) and its relationship lists. */
export interface PlanNode {
  label: NodeLabel;
  reads: Set<string> | 'all';
  children: Map<string, PlanEdge>;
}

export interface PlanEdge {
  type: RelationshipType;
  direction: Direction;
  node: PlanNode;
  /** A field lists the links themselves (their properties, their sources by id), not only the neighbours. */
  links: boolean;
}

/** The parts of GraphQLResolveInfo a plan is read from. */
export interface SelectionContext {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variableValues: Record<string, unknown>;
}

export const edgeKey = (type: RelationshipType, direction: Direction) => `${type}:${direction}`;
export const otherEnd = (type: RelationshipType, direction: Direction): NodeLabel => relationships[type][direction === 'OUT' ? 'to' : 'from'];
const isLabel = (name: string): name is NodeLabel => (nodeLabels as readonly string[]).includes(name);

function included(node: FieldNode | { directives?: FieldNode['directives'] }, variables: Record<string, unknown>): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node as FieldNode, variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node as FieldNode, variables);
  return include?.if !== false;
}

/** Whether a fragment on `condition` applies to objects of `type` (the type itself, or an interface or union it belongs to). */
function applies(context: SelectionContext, condition: string | undefined, type: GraphQLObjectType): boolean {
  if (!condition || condition === type.name) return true;
  const conditionType = context.schema.getType(condition);
  return !!conditionType && isAbstractType(conditionType) && context.schema.isSubType(conditionType, type);
}

/** The fields selected on objects of `type`, fragments and inline fragments flattened, @skip/@include applied. */
export function fieldsOf(context: SelectionContext, selectionSets: readonly (SelectionSetNode | undefined)[], type: GraphQLObjectType): FieldNode[] {
  const fields: FieldNode[] = [];
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (!included(selection, context.variableValues)) continue;
      if (selection.kind === 'Field') fields.push(selection);
      else if (selection.kind === 'InlineFragment') {
        if (applies(context, selection.typeCondition?.name.value, type)) visit(selection.selectionSet);
      } else {
        const fragment = context.fragments[selection.name.value];
        if (fragment && applies(context, fragment.typeCondition.name.value, type)) visit(fragment.selectionSet);
      }
    }
  };
  for (const set of selectionSets) visit(set);
  return fields;
}

/** The selection sets of the sub-fields called `name` of the given fields (e.g. `edges`, then `node`). */
export function subSelections(context: SelectionContext, fields: readonly FieldNode[], type: GraphQLNamedType, name: string) {
  if (!isObjectType(type)) return { type: undefined, fields: [] as FieldNode[] };
  const field = type.getFields()[name];
  const found = fieldsOf(
    context,
    fields.map((f) => f.selectionSet),
    type,
  ).filter((f) => f.name.value === name);
  return { type: field ? getNamedType(field.type) : undefined, fields: found };
}

/**
 * The plan of the entities of `label` selected by `fields` (the field nodes whose selection sets list the
 * entity's fields): which properties they read, which relationship lists they walk, recursively.
 */
export function planOf(context: SelectionContext, label: NodeLabel, fields: readonly FieldNode[], depth = 0): PlanNode {
  const plan: PlanNode = { label, reads: new Set(), children: new Map() };
  const type = context.schema.getType(label);
  if (!isObjectType(type) || depth > 16) {
    plan.reads = 'all';
    return plan;
  }
  const byName = new Map<string, FieldNode[]>();
  for (const field of fieldsOf(
    context,
    fields.map((f) => f.selectionSet),
    type,
  )) {
    byName.set(field.name.value, [...(byName.get(field.name.value) ?? []), field]);
  }
  for (const [name, nodes] of byName) {
    // The Relay id is made from the key (always read); __typename from the label.
    if (name.startsWith('__') || name === 'id') continue;
    const definition = type.getFields()[name];
    if (!definition) continue;
    const needs = (definition.extensions ?? {}) as FieldNeeds;
    if (needs.relationship) {
      const { type: relType, direction, node } = needs.relationship;
      const neighbourLabel = otherEnd(relType, direction);
      // The neighbour's own selection: the field's, or that of the sub-field holding it in a list of links.
      const neighbourFields = node ? subSelections(context, nodes, getNamedType(definition.type), node).fields : nodes;
      const child = planOf(context, neighbourLabel, neighbourFields, depth + 1);
      const key = edgeKey(relType, direction);
      const existing = plan.children.get(key);
      plan.children.set(key, { type: relType, direction, node: existing ? merged(existing.node, child) : child, links: !!node || !!existing?.links });
    }
    if (needs.reads) {
      if (plan.reads !== 'all') for (const property of needs.reads) plan.reads.add(property);
    } else if (!needs.relationship) {
      plan.reads = 'all';
    }
  }
  return plan;
}

function merged(a: PlanNode, b: PlanNode): PlanNode {
  const reads = a.reads === 'all' || b.reads === 'all' ? 'all' : new Set([...a.reads, ...b.reads]);
  const children = new Map(a.children);
  for (const [key, edge] of b.children) {
    const existing = children.get(key);
    children.set(key, existing ? { ...edge, node: merged(existing.node, edge.node), links: edge.links || existing.links } : edge);
  }
  return { label: a.label, reads, children };
}

/**
 * The properties to read of each label anywhere in the plan, as one set per label: a node's relationship
 * lists are cached per request by its key, so every occurrence of a label must carry the same properties.
 */
export function readsByLabel(plan: PlanNode, into = new Map<NodeLabel, Set<string> | 'all'>()): Map<NodeLabel, Set<string> | 'all'> {
  const before = into.get(plan.label);
  if (before === 'all' || plan.reads === 'all') into.set(plan.label, 'all');
  else into.set(plan.label, new Set([...(before ?? []), ...plan.reads]));
  for (const edge of plan.children.values()) readsByLabel(edge.node, into);
  return into;
}

/**
 * What `fields` read of an entity whose label is known only from the data (a path's nodes, a search hit):
 * the union of what they read of each label.
 */
export function readsOfAnyLabel(context: SelectionContext, fields: readonly FieldNode[]): ReadonlySet<string> | 'all' {
  const reads = new Set<string>();
  for (const label of nodeLabels) {
    const plan = planOf(context, label, fields);
    if (plan.reads === 'all') return 'all';
    for (const property of plan.reads) reads.add(property);
  }
  return reads;
}

export { isLabel };
