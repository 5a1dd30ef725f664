// meta: which corpus version answered, and the graph model (so notebook results are citable).
import { builder } from '../builder.js';
import { relationships, type RelationshipType } from '../graph-model.js';
import { RelationshipTypeEnum } from './common.js';

const RelationshipTypeRef = builder.objectRef<{ type: RelationshipType; from: string; to: string; meaning: string }>('RelationshipTypeInfo').implement({
  fields: (t) => ({
    type: t.field({ type: RelationshipTypeEnum, resolve: (r) => r.type }),
    from: t.exposeString('from'),
    to: t.exposeString('to'),
    meaning: t.exposeString('meaning'),
  }),
});

const MetaRef = builder.objectRef<{ dataVersion: string | null }>('Meta').implement({
  fields: (t) => ({
    dataVersion: t.string({
      nullable: true,
      description: 'Hash of the curated corpus loaded in the graph; cite it with results.',
      resolve: (m) => m.dataVersion,
    }),
    relationshipTypes: t.field({
      type: [RelationshipTypeRef],
      resolve: () => Object.entries(relationships).map(([type, r]) => ({ type: type as RelationshipType, from: r.from, to: r.to, meaning: r.meaning })),
    }),
  }),
});

builder.queryField('meta', (t) => t.field({ type: MetaRef, resolve: (_r, _a, context) => ({ dataVersion: context.services.corpusVersion() ?? null }) }));
