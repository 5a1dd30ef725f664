// A key argument that names nothing is a coded error, never an empty answer (API.md, Conventions): the
// error is UNKNOWN_KEY and suggests the nearest keys, found by the typo-tolerant full-text search that
// `search` uses (so `ruxolitinb` suggests `ruxolitinib`, and `vitiligo` suggests `nonsegmental-vitiligo`,
// whose name holds the word). Lookups by key alone (`drug(key:)`) still answer null: they are questions
// whether a key exists.
//
// GraphQL resolvers call knownKeyOrThrow(context, label, key, argument) (the entity, loaded through the
// request's DataLoader, or the error); the exports and the CLI call checkKnownKeys with an executor.
import { GraphQLError } from 'graphql';
import type { Context } from './context.js';
import type { CypherLibrary } from './graph/cypher.js';
import type { Executor } from './db/executor.js';
import type { EntityRecord } from './graph/records.js';
import { keyExists, readSearch } from './graph/reads.js';
import type { NodeLabel } from './graph-model.js';
import { luceneQuery } from './search-text.js';

/** How many keys an UNKNOWN_KEY error suggests at most. */
export const SUGGESTIONS = 5;

/** What a label is called in messages: ConditionCategory -> condition category. */
const described = (label: NodeLabel) => label.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** The keys of `labels` (any label when null) nearest to `text`, best first, by the full-text search. */
export async function nearestKeys(executor: Executor, cypher: CypherLibrary, labels: readonly NodeLabel[] | null, text: string): Promise<string[]> {
  const query = luceneQuery(text.slice(0, 200));
  if (!query) return [];
  const hits = await readSearch({ executor, cypher }, { query, types: labels ? [...labels] : null, first: SUGGESTIONS }, new Set(), 'suggest-keys');
  return [...new Set(hits.map((hit) => hit.entity.key))];
}

/** The coded error for a key that names nothing, with its suggestions. */
export function unknownKeyError(label: NodeLabel | null, key: string, suggestions: string[], argument?: string): GraphQLError {
  const what = label ? `No ${described(label)} has the key` : 'No entity has the key';
  const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => JSON.stringify(s)).join(', ')}?` : ' search(query:) finds keys by name.';
  return new GraphQLError(`${what} ${JSON.stringify(key.slice(0, 200))}.${hint}`, {
    extensions: { code: 'UNKNOWN_KEY', ...(argument ? { argument } : {}), ...(label ? { type: label } : {}), key: key.slice(0, 200), suggestions },
  });
}

/**
 * The entity of `label` with this key (case-insensitive), or UNKNOWN_KEY with the nearest keys of that
 * label as `extensions.suggestions`. `argument` names the argument in the error (e.g. "drug").
 */
export async function knownKeyOrThrow(context: Context, label: NodeLabel, key: string, argument?: string): Promise<EntityRecord> {
  const entity = await context.entities(label).load(key);
  if (entity) return entity;
  throw unknownKeyError(label, key, await nearestKeys(context.executor, context.cypher, [label], key), argument);
}

/** Each (argument, label, key) must name an entity of its label: the first that does not is thrown. */
export async function checkKnownKeys(
  executor: Executor,
  cypher: CypherLibrary,
  checks: readonly { argument: string; label: NodeLabel; key: string }[],
): Promise<void> {
  for (const { argument, label, key } of checks) {
    if (!(await keyExists({ executor, cypher }, label, key))) throw unknownKeyError(label, key, await nearestKeys(executor, cypher, [label], key), argument);
  }
}
