// The Pothos builder with its plugins and the Context and Scalars types. No types are defined here.
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
import type { Context } from './context.js';
import { nodeLabels } from './graph-model.js';
import { DEFAULT_PAGE_SIZE, fieldComplexity } from './limits.js';
import { asAsked } from './schema/asked-ids.js';

const nodeTypeNames: ReadonlySet<string> = new Set(nodeLabels);

export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: { curate: boolean };
  Scalars: {
    ID: { Input: string; Output: string };
    Date: { Input: string; Output: string };
    DateTime: { Input: Date; Output: string | Date };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Connection: { totalCount: number };
}>({
  // scope-auth first, so that an unauthorised write is refused before any other plugin's wrapper runs.
  plugins: [ScopeAuthPlugin, ErrorsPlugin, RelayPlugin, DataloaderPlugin, ComplexityPlugin],
  // Fields are non-null unless they say otherwise: a null is a statement ("unknown"), never an accident.
  defaultFieldNullability: false,
  relay: {
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    // The page size a connection gives without `first` is in the schema (`first: Int = 20`). Connections
    // page forward only: last/before are removed from the built schema (src/schema/connections.ts).
    firstArgOptions: { defaultValue: DEFAULT_PAGE_SIZE, description: `How many items, from 0 to KG_MAX_PAGE_SIZE (100 by default).` },
    afterArgOptions: { description: 'The endCursor of the previous page.' },
    // Each node answered with the id it was asked by (src/schema/asked-ids.ts).
    nodeQueryOptions: {
      resolve: async (_root, args, _context, _info, resolveNode) => asAsked(await resolveNode([args.id] as never), (args.id as { id: string }).id),
    },
    nodesQueryOptions: {
      resolve: async (_root, args, _context, _info, resolveNodes) =>
        (await resolveNodes(args.ids as never)).map((node, i) => asAsked(node, (args.ids as { id: string }[])[i].id)),
    },
    // Pothos' own decoding, with its refusal coded; an id naming a type that node(id:) cannot load (not an
    // entity, or no type at all) is refused the same way, without naming the server's types.
    decodeGlobalID: (globalID: string) => {
      let decoded: ReturnType<typeof decodeGlobalID> | undefined;
      try {
        decoded = decodeGlobalID(globalID);
      } catch {
        decoded = undefined;
      }
      if (!decoded || !nodeTypeNames.has(decoded.typename)) {
        throw new GraphQLError(`Invalid global ID: ${JSON.stringify(globalID.slice(0, 100))} is not the id of an entity.`, {
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
      return decoded;
    },
  },
  errors: { defaultTypes: [] },
  scopeAuth: {
    authScopes: (context) => ({ curate: context.caller.kind === 'token' && context.caller.scopes.has('curate') }),
    // No (or a bad) token: UNAUTHENTICATED, 401. A valid token without the scope: FORBIDDEN, 403.
    unauthorizedError: (_parent, context) =>
      context.caller.kind === 'token'
        ? new GraphQLError('This token lacks the curate scope.', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } })
        : new GraphQLError(context.caller.kind === 'invalid' ? context.caller.reason : 'A bearer token with the curate scope is required.', {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'www-authenticate': 'Bearer' } } },
          }),
  },
  // Costs only: the limits are enforced once per operation before execution (src/http/request-limits.ts).
  complexity: { fieldComplexity },
});

/** The builder's schema types, for helpers that take Pothos refs. */
export type AppTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

builder.queryType({ description: 'Relationship questions over the JAK-inhibitor dermatology knowledge graph.' });
builder.mutationType({ description: 'Curation writes. Every one needs a bearer token with the curate scope.' });

builder.globalConnectionField('totalCount', (t) => t.int({ description: 'How many items match, over all pages.', resolve: (parent) => parent.totalCount }));
