// search(query, types, first): full-text over names, synonyms, keys and cross-reference ids, typo tolerant.
import { GraphQLError, getNamedType } from 'graphql';
import { builder } from '../builder.js';
import type { EntityRecord } from '../graph/records.js';
import { readSearch } from '../graph/reads.js';
import { readsOfAnyLabel, subSelections } from '../graph/selection.js';
import { defaultLimits } from '../limits.js';
import { luceneQuery } from '../search-text.js';
import { EntityInterface, EntityTypeEnum } from './common.js';

/** The default maximum `first` (KG_MAX_SEARCH_RESULTS); the request's own is context.limits.maxSearchResults. */
export const MAX_SEARCH_RESULTS = defaultLimits.maxSearchResults;

const SearchHitRef = builder.objectRef<{ entity: EntityRecord; score: number }>('SearchHit').implement({
  fields: (t) => ({
    entity: t.field({ type: EntityInterface, resolve: (h) => h.entity }),
    score: t.exposeFloat('score', { description: 'Lucene relevance: higher is better; comparable within one answer only.' }),
  }),
});

export { luceneQuery };

builder.queryField('search', (t) =>
  t.field({
    type: [SearchHitRef],
    description: 'Full-text search over names, synonyms and cross-reference ids (ChEMBL, UniProt, MONDO, PMID, NCT ...), typo tolerant, best first.',
    args: {
      query: t.arg.string({ required: true }),
      types: t.arg({ type: [EntityTypeEnum] }),
      first: t.arg.int({ defaultValue: 10 }),
    },
    resolve: async (_root, args, context, info) => {
      const first = args.first ?? 10;
      const max = context.limits.maxSearchResults;
      if (first < 1 || first > max) {
        throw new GraphQLError(`first must be between 1 and ${max}.`, { extensions: { code: 'BAD_USER_INPUT', maximum: max } });
      }
      if (args.query.length > 200) {
        throw new GraphQLError('query must be at most 200 characters.', { extensions: { code: 'BAD_USER_INPUT' } });
      }
      const query = luceneQuery(args.query);
      if (!query) return [];
      // The hits projected to what the selection reads of `entity`, whatever its type.
      const entity = subSelections(info, info.fieldNodes, getNamedType(info.returnType), 'entity').fields;
      return readSearch(context, { query, types: args.types ?? null, first }, readsOfAnyLabel(info, entity));
    },
  }),
);
