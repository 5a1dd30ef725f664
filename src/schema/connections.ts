// Plural roots as Relay connections over one label: `first`/`after` cursors, `keys` bulk lookup, a filter,
// an order, and `totalCount`, all answered by one Cypher round trip (cypher/node-page.cypher).
import { getNamedType, GraphQLError, isObjectType, type GraphQLSchema } from 'graphql';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import type { EntityRecord } from '../graph/records.js';
import { readPage } from '../graph/reads.js';
import type { PlanNode } from '../graph/selection.js';
import { DEFAULT_PAGE_SIZE, defaultLimits } from '../limits.js';

/** The default maximum `first` (KG_MAX_PAGE_SIZE); the request's own limit is context.limits.maxPageSize. */
export const MAX_PAGE_SIZE = defaultLimits.maxPageSize;
export { DEFAULT_PAGE_SIZE };

export const OrderFieldEnum = builder.enumType('OrderField', {
  description: 'What to sort by. YEAR applies to studies; items without the value sort last (ascending).',
  values: ['KEY', 'NAME', 'YEAR'] as const,
});
export const OrderDirectionEnum = builder.enumType('OrderDirection', { values: ['ASC', 'DESC'] as const });

export const OrderInput = builder.inputType('OrderBy', {
  fields: (t) => ({
    field: t.field({ type: OrderFieldEnum, required: true }),
    direction: t.field({ type: OrderDirectionEnum, defaultValue: 'ASC' }),
  }),
});

const orderProperty = { KEY: 'keyNorm', NAME: 'name', YEAR: 'year' } as const;

export interface PageQuery {
  keys?: readonly string[] | null;
  text?: string | null;
  /** Each entry: the property must equal one of the values. */
  anyOf?: { property: string; values: readonly unknown[] }[];
  ranges?: { property: string; min?: number | null; max?: number | null }[];
  category?: string | null;
  orderBy?: { field: keyof typeof orderProperty; direction?: 'ASC' | 'DESC' | null } | null;
  first?: number | null;
  after?: string | null;
}

const encodeCursor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64');

/** The largest offset a cursor may hold: a cursor is only ever made from a real position, far below it. */
export const MAX_CURSOR_OFFSET = 2 ** 31 - 1;

function decodeCursor(cursor: string): number {
  const match = /^offset:(\d{1,10})$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  const offset = match ? Number(match[1]) : NaN;
  // An offset past any real position would overflow Neo4j's integers once the page size is added.
  if (!(offset <= MAX_CURSOR_OFFSET)) throw new GraphQLError('Invalid cursor.', { extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
  return offset;
}

/** The page size and offset a `first`/`after` pair asks for, refused when over the limit. */
function pageWindow(context: Context, firstArg: number | null | undefined, after: string | null | undefined) {
  const first = firstArg ?? DEFAULT_PAGE_SIZE;
  const max = context.limits.maxPageSize;
  if (first < 0 || first > max) {
    throw new GraphQLError(`first must be between 0 and ${max}.`, { extensions: { code: 'BAD_USER_INPUT', maximum: max } });
  }
  return { first, offset: after ? decodeCursor(after) + 1 : 0 };
}

/** A connection over one page of items starting at `offset`, out of `total`. */
function connectionOf<T>(items: T[], offset: number, total: number) {
  return {
    totalCount: total,
    edges: items.map((node, i) => ({ cursor: encodeCursor(offset + i), node })),
    pageInfo: {
      hasNextPage: offset + items.length < total,
      hasPreviousPage: offset > 0,
      startCursor: items.length ? encodeCursor(offset) : null,
      endCursor: items.length ? encodeCursor(offset + items.length - 1) : null,
    },
  };
}

/** A relationship list already loaded (by its DataLoader) as a connection with the same cursors and limits. */
export function pageOfList<T>(context: Context, items: T[], args: { first?: number | null; after?: string | null }) {
  const { first, offset } = pageWindow(context, args.first, args.after);
  return connectionOf(items.slice(offset, offset + first), offset, items.length);
}

/** A page of the plan's label, read with every list the plan walks below its nodes, in one round trip. */
export async function fetchPage(context: Context, plan: PlanNode, query: PageQuery) {
  const { first, offset } = pageWindow(context, query.first, query.after);
  const { nodes, total } = await readPage(context, plan, {
    keys: query.keys ? query.keys.map((k) => k.toLowerCase()) : null,
    text: query.text ? query.text.toLowerCase() : null,
    anyOf: query.anyOf ?? [],
    ranges: query.ranges ?? [],
    category: query.category ? query.category.toLowerCase() : null,
    orderBy: orderProperty[query.orderBy?.field ?? 'NAME'],
    descending: query.orderBy?.direction === 'DESC',
    offset,
    limit: first,
  });
  return connectionOf(nodes, offset, total);
}

/**
 * Every connection pages forward only (first/after; the API does not implement backward paging), so it
 * advertises only those: @pothos/plugin-relay adds last/before to every connection field, and they are
 * taken out of the built schema here, before it serves anything. A query that sends them is refused by
 * validation (GRAPHQL_VALIDATION_FAILED: unknown argument).
 */
export function forwardPagingOnly(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!getNamedType(field.type).name.endsWith('Connection')) continue;
      field.args = field.args.filter((arg) => arg.name !== 'last' && arg.name !== 'before');
    }
  }
  return schema;
}

export type EntityConnection = Awaited<ReturnType<typeof fetchPage>>;
export type { EntityRecord };
