// The Pothos builder with its plugins and the Context and Scalars types. No types are defined here.
import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import type { Context } from './context.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: {
    ID: { Input: string; Output: string };
    Date: { Input: string; Output: string };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Connection: { totalCount: number };
}>({
  plugins: [ErrorsPlugin, RelayPlugin, DataloaderPlugin],
  // Fields are non-null unless they say otherwise: a null is a statement ("unknown"), never an accident.
  defaultFieldNullability: false,
  relay: {
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
  },
  errors: { defaultTypes: [] },
});

/** The builder's schema types, for helpers that take Pothos refs. */
export type AppTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

builder.queryType({ description: 'Relationship questions over the JAK-inhibitor dermatology knowledge graph.' });

builder.globalConnectionField('totalCount', (t) =>
  t.int({ description: 'How many items match, over all pages.', resolve: (parent) => parent.totalCount }),
);
