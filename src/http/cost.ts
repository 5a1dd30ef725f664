// What a query costs once its fragments are spread, for the limits of src/http/request-limits.ts:
//   aliases       counted as the executed query has them: an alias inside a fragment counts once per spread
//                 of that fragment (and per spread of the fragments that spread it), so fragments cannot
//                 multiply aliased copies of a field past KG_MAX_ALIASES;
//   introspection `__schema` and `__type` cost exactly the number of fields their answer will hold. The
//                 schema is fixed, so the answer's size is known before executing: the introspection
//                 selection is walked over the schema's own introspection objects, with graphql-js's own
//                 introspection resolvers, memoised per (selection set, schema object) so that aliased or
//                 fragment-multiplied copies cost their size without being walked again.
// Both walks memoise by selection set, so a query whose expansion is exponential in its size is counted
// in time linear in its size.
import {
  getArgumentValues,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

type Fragments = Record<string, FragmentDefinitionNode | undefined>;

/**
 * Aliased fields of a selection set once every fragment spread is expanded (each spread counts its
 * fragment's aliases again). A cyclic fragment (refused by validation anyway) counts as nothing more.
 */
export function expandedAliasCount(selectionSet: SelectionSetNode, fragments: Fragments): number {
  const memo = new Map<SelectionSetNode, number>();
  const active = new Set<SelectionSetNode>();
  const count = (set: SelectionSetNode): number => {
    const known = memo.get(set);
    if (known !== undefined) return known;
    if (active.has(set)) return 0;
    active.add(set);
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) total += 1;
        if (selection.selectionSet) total += count(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += count(selection.selectionSet);
      } else {
        const fragment = fragments[selection.name.value];
        if (fragment) total += count(fragment.selectionSet);
      }
    }
    active.delete(set);
    memo.set(set, total);
    return total;
  };
  return count(selectionSet);
}

/**
 * The exact number of fields the answer to the operation's introspection root fields (`__schema`,
 * `__type`) will hold, wherever they sit in the root selection (fragments and inline fragments included),
 * each aliased copy counted. `__typename` is left to the ordinary estimate (it costs 1 wherever it is).
 */
export function introspectionCost(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Fragments, variables: Record<string, unknown>): number {
  const queryType = schema.getQueryType();
  if (operation.operation !== 'query' || !queryType) return 0;
  const memo = new Map<SelectionSetNode, WeakMap<object, number>>();
  const info = { schema } as never;

  /** Selections of a set that apply to a (concrete, introspection) object type, fragments expanded. */
  function* fieldsOf(set: SelectionSetNode, type: GraphQLObjectType, seen = new Set<string>()): Generator<FieldNode> {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) yield selection;
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!selection.typeCondition || selection.typeCondition.name.value === type.name) yield* fieldsOf(selection.selectionSet, type, seen);
      } else {
        const fragment = fragments[selection.name.value];
        if (!fragment || seen.has(fragment.name.value) || fragment.typeCondition.name.value !== type.name) continue;
        seen.add(fragment.name.value);
        yield* fieldsOf(fragment.selectionSet, type, seen);
        seen.delete(fragment.name.value);
      }
    }
  }

  /** Fields of the answer to `field` resolved to `value` (a schema object, a list of them, or a leaf). */
  function valueCost(node: FieldNode, type: GraphQLOutputType, value: unknown): number {
    if (value === null || value === undefined) return 0;
    if (isNonNullType(type)) return valueCost(node, type.ofType, value);
    if (isListType(type)) {
      let total = 0;
      for (const item of value as Iterable<unknown>) total += valueCost(node, type.ofType, item);
      return total;
    }
    if (isLeafType(type) || !node.selectionSet || !isObjectType(type)) return 0;
    return objectCost(node.selectionSet, type, value as object);
  }

  function objectCost(set: SelectionSetNode, type: GraphQLObjectType, value: object): number {
    let byValue = memo.get(set);
    if (!byValue) memo.set(set, (byValue = new WeakMap()));
    const known = byValue.get(value);
    if (known !== undefined) return known;
    let total = 0;
    for (const node of fieldsOf(set, type)) {
      total += 1;
      const field = type.getFields()[node.name.value];
      if (!field) continue; // __typename, or an unknown field validation refuses
      const args = getArgumentValues(field, node, variables);
      const resolved = field.resolve ? field.resolve(value, args, undefined, info) : (value as Record<string, unknown>)[field.name];
      total += valueCost(node, field.type, resolved);
    }
    byValue.set(value, total);
    return total;
  }

  let total = 0;
  for (const node of fieldsOf(operation.selectionSet, queryType)) {
    let field: GraphQLField<unknown, unknown>;
    let value: unknown;
    if (node.name.value === '__schema') {
      field = SchemaMetaFieldDef;
      value = schema;
    } else if (node.name.value === '__type') {
      field = TypeMetaFieldDef;
      const { name } = getArgumentValues(field, node, variables) as { name?: string };
      value = typeof name === 'string' ? schema.getType(name) : null;
    } else continue;
    total += 1 + valueCost(node, field.type, value);
  }
  return total;
}
