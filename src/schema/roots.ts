// The root fields every entity type gets: `<type>(key)` and a plural connection `<types>(first, after,
// keys, filter, orderBy)` answered in one round trip.
import type { InputObjectRef } from '@pothos/core';
import { builder, type AppTypes } from '../builder.js';
import type { Context } from '../context.js';
import type { NodeLabel } from '../graph-model.js';
import { knownKeyOrThrow } from '../known-keys.js';
import { readPlannedRoots } from '../graph/plan.js';
import { planOf, subSelections } from '../graph/selection.js';
import { getNamedType } from 'graphql';
import type { entityNode } from './common.js';
import { fetchPage, OrderInput, type PageQuery } from './connections.js';

export const TextFilter = builder.inputType('EntityFilter', {
  description: 'Filter shared by every plural root.',
  fields: (t) => ({
    text: t.string({ description: 'Case-insensitive substring of the name or a synonym.' }),
  }),
});

type Ref = ReturnType<typeof entityNode>;

/** `drug(key)` style lookup: the entity, or null for an unknown key. */
export function singularRoot(field: string, label: NodeLabel, ref: Ref, description: string) {
  builder.queryField(field, (t) =>
    t.field({
      type: ref,
      nullable: true,
      description,
      args: { key: t.arg.string({ required: true }) },
      // The entity as the selection reads it, with the relationship lists it walks below, in one round trip.
      resolve: async (_root, { key }, context: Context, info) => (await readPlannedRoots(context, planOf(info, label, info.fieldNodes), [key]))[0],
    }),
  );
}

/** `DrugConnection` / `DrugEdge` rather than Pothos' default `QueryDrugsConnection`. */
export function connectionNames(label: NodeLabel) {
  return [{ name: `${label}Connection` }, { name: `${label}Edge` }] as const;
}

/** How a plural root's filter input becomes the page query; the default filter only has `text`. */
export interface RootFilter<F> {
  type: InputObjectRef<AppTypes, F>;
  toQuery(filter: F): Omit<PageQuery, 'keys' | 'orderBy' | 'first' | 'after'>;
  /** Keys the filter names that must exist (UNKNOWN_KEY otherwise), e.g. a category. */
  keys?(filter: F): { argument: string; label: NodeLabel; key: string | null | undefined }[];
}

const textOnly: RootFilter<{ text?: string | null }> = { type: TextFilter, toQuery: (f) => ({ text: f.text }) };

/** A plural connection root: `first`/`after`, `keys` bulk lookup, a filter, `orderBy`, `totalCount`. */
export function pluralRoot<F extends object = { text?: string | null }>(
  field: string,
  label: NodeLabel,
  ref: Ref,
  description: string,
  filter: RootFilter<F> = textOnly as unknown as RootFilter<F>,
  /** A connection type shared with other fields (findings); default: <Label>Connection of its own. */
  connection?: ReturnType<typeof builder.connectionObject>,
) {
  builder.queryField(field, (t) =>
    t.connection(
      {
        type: ref,
        description,
        args: {
          keys: t.arg.stringList({ description: 'Bulk lookup by key (case-insensitive).' }),
          filter: t.arg({ type: filter.type }),
          orderBy: t.arg({ type: OrderInput }),
        },
        resolve: async (_root, args, context: Context, info) => {
          const given = (args as { filter?: F | null }).filter;
          for (const check of (given && filter.keys?.(given)) || []) {
            if (check.key) await knownKeyOrThrow(context, check.label, check.key, `filter.${check.argument}`);
          }
          // The page as the selection reads its nodes, with the lists it walks below them, in one round trip.
          const edges = subSelections(info, info.fieldNodes, getNamedType(info.returnType), 'edges');
          const nodes = edges.type ? subSelections(info, edges.fields, edges.type, 'node').fields : [];
          return fetchPage(context, planOf(info, label, nodes), {
            ...(given ? filter.toQuery(given) : {}),
            keys: args.keys,
            orderBy: args.orderBy as PageQuery['orderBy'],
            first: args.first,
            after: args.after,
          });
        },
      },
      ...((connection ? [connection] : connectionNames(label)) as ReturnType<typeof connectionNames>),
    ),
  );
}
