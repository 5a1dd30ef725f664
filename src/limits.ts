// The limits every request is held to, from configuration (src/config.ts; defaults and reasons in
// docs/RELIABILITY.md), and the per-field cost rule the complexity check uses. A request over a limit is
// refused with a coded error before any Cypher runs: body size and batching at the HTTP layer, nesting and
// tokens at parse time, aliases at validation, depth/breadth/complexity and argument bounds just before
// execution (src/http/request-limits.ts).
import { getNamedType, GraphQLError, isListType, isNonNullType, type GraphQLField, type GraphQLOutputType } from 'graphql';
import { readConfig, type Config } from './config.js';

export interface Limits {
  /** Deepest selection (fields nested in fields). */
  maxDepth: number;
  /** Estimated cost: every field 1, the selections under a list multiplied by its size (`first`, else 10). */
  maxComplexity: number;
  /** Selected fields in total. */
  maxBreadth: number;
  maxAliases: number;
  /** Lexical tokens in the query text (bounds parse time). */
  maxTokens: number;
  /** `first` of connections. */
  maxPageSize: number;
  /** `maxLength` of paths (at most 6: the path queries are prepared for 1..6). */
  maxPathLength: number;
  /** `first` of paths and mechanisms. */
  maxPaths: number;
  /** `first` of search. */
  maxSearchResults: number;
  /** Items in one list argument (e.g. `keys`). */
  maxListArgument: number;
  /** Request body (and URL) size in bytes. */
  maxBodyBytes: number;
  /** Operations in one batched request; 0: batching off. */
  maxBatch: number;
  /** Neo4j sessions one request may hold at once (each holds a pooled connection). */
  maxSessionsPerRequest: number;
}

export function limitsFromConfig(config: Config): Limits {
  return {
    maxDepth: config.KG_MAX_DEPTH,
    maxComplexity: config.KG_MAX_COMPLEXITY,
    maxBreadth: config.KG_MAX_BREADTH,
    maxAliases: config.KG_MAX_ALIASES,
    maxTokens: config.KG_MAX_TOKENS,
    maxPageSize: config.KG_MAX_PAGE_SIZE,
    maxPathLength: config.KG_MAX_PATH_LENGTH,
    maxPaths: config.KG_MAX_PATHS,
    maxSearchResults: config.KG_MAX_SEARCH_RESULTS,
    maxListArgument: config.KG_MAX_LIST_ARGUMENT,
    maxBodyBytes: config.KG_MAX_BODY_BYTES,
    maxBatch: config.KG_MAX_BATCH,
    maxSessionsPerRequest: config.KG_MAX_SESSIONS_PER_REQUEST,
  };
}

/** The documented defaults (an environment without any KG_MAX_* variable). */
export const defaultLimits: Limits = limitsFromConfig(readConfig({}));

/** The size assumed for a list whose length the query does not state (e.g. a drug's targets). */
export const DEFAULT_LIST_SIZE = 10;
/** `first` of a connection when the query omits it (src/schema/connections.ts). */
export const DEFAULT_PAGE_SIZE = 20;

/** A refusal before execution: coded, HTTP 400 unless said otherwise. */
export function refusal(code: string, message: string, extensions: Record<string, unknown> = {}, status = 400): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status }, ...extensions } });
}

function outOfRange(argument: string, min: number, max: number): GraphQLError {
  return refusal('BAD_USER_INPUT', `${argument} must be between ${min} and ${max}.`, { argument, minimum: min, maximum: max });
}

function within(value: unknown, min: number, max: number): boolean {
  return typeof value !== 'number' || (value >= min && value <= max);
}

/** Bounds of the arguments that size a field's work; throws BAD_USER_INPUT naming the argument. */
export function checkArguments(fieldName: string, args: Record<string, unknown>, limits: Limits): void {
  for (const [name, value] of Object.entries(args)) {
    if (Array.isArray(value) && value.length > limits.maxListArgument) {
      throw refusal('BAD_USER_INPUT', `${name} may hold at most ${limits.maxListArgument} items.`, { argument: name, maximum: limits.maxListArgument });
    }
  }
  if (fieldName === 'paths') {
    if (!within(args.maxLength, 1, limits.maxPathLength)) throw outOfRange('maxLength', 1, limits.maxPathLength);
    if (!within(args.first, 1, limits.maxPaths)) throw outOfRange('first', 1, limits.maxPaths);
  } else if (fieldName === 'mechanisms') {
    if (!within(args.first, 1, limits.maxPaths)) throw outOfRange('first', 1, limits.maxPaths);
  } else if (fieldName === 'search') {
    if (!within(args.first, 1, limits.maxSearchResults)) throw outOfRange('first', 1, limits.maxSearchResults);
  } else if (!within(args.first, 0, limits.maxPageSize)) {
    throw outOfRange('first', 0, limits.maxPageSize);
  }
}

/**
 * Fields whose own work is far above a lookup's, as a field cost in the same units (an answer field):
 * measured on the corpus (warm, one client) against the README's 50 drugs with their targets, pathways,
 * conditions and categories (cost 161,751, 190 ms): a path search of length 6 and 50 paths 70 ms, of
 * length 4 25 ms, every use unfiltered 120 ms, a mechanism, an evidence summary or a search 20 to 30 ms.
 * A path search grows with the number of paths of each length, so its cost doubles with each step of
 * maxLength. Each needs its own Neo4j round trip, so aliased copies cost each their share.
 */
export const HEAVY_FIELD_COST: Readonly<Record<string, number>> = { mechanisms: 2_000, uses: 2_000, evidence: 1_000, search: 1_000 };

/** The field cost of paths(maxLength): 8,000 at the default length 4, 32,000 at the ceiling 6. */
export function pathSearchCost(maxLength: number): number {
  return 500 * 2 ** Math.max(1, Math.min(maxLength, 6));
}

function ownCost(fieldName: string, args: Record<string, unknown>): number {
  if (fieldName === 'paths') return pathSearchCost(typeof args.maxLength === 'number' ? args.maxLength : 4);
  return HEAVY_FIELD_COST[fieldName] ?? 1;
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/**
 * Cost of one field for @pothos/plugin-complexity: 1 (HEAVY_FIELD_COST for the fields that search or
 * summarise), and a multiplier for what is selected under it:
 * a connection's page size (`first`, else the default page), 1 for its `edges` (already counted by the
 * page), `first` of other sized lists, else 10 for a list and 1 for a single object. Argument bounds are
 * checked here too, so that the whole operation is refused before any resolver runs.
 */
export function fieldComplexity<C extends { limits: Limits }>(args: Record<string, unknown>, context: C, field: GraphQLField<unknown, C>) {
  checkArguments(field.name, args, context.limits);
  const typeName = getNamedType(field.type).name;
  const own = ownCost(field.name, args);
  if (field.name === 'edges' && typeName.endsWith('Edge')) return { field: 1, multiplier: 1 };
  if (typeof args.first === 'number') return { field: own, multiplier: Math.max(args.first, 1) };
  if (typeName.endsWith('Connection')) return { field: own, multiplier: DEFAULT_PAGE_SIZE };
  return isList(field.type) ? { field: own, multiplier: DEFAULT_LIST_SIZE } : own;
}
