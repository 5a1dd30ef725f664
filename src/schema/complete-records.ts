// Light records (src/db/records.ts) carry only an entity's key, name and what lists are filtered by. Every
// field of the schema is wrapped here, once, after the schema is built: when the field's parent is a light
// record and the resolver reads a property the record lacks (IncompleteRecordError), the field is answered
// again from the complete record, loaded by label and key (one batched round trip for all such parents of a
// tick, whatever their labels). Fields that need only what a light record has (keys, names, neighbours) pay
// nothing more.
import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import type { Context } from '../context.js';
import { IncompleteRecordError, type EntityRecord } from '../graph/records.js';

type Resolver = GraphQLFieldResolver<unknown, Context>;

const isLight = (parent: unknown): parent is EntityRecord =>
  typeof parent === 'object' && parent !== null && (parent as EntityRecord).complete === false;

/** Answers the field again from the complete record, when the error says the light parent lacked a property. */
function fromCompleteRecord(error: unknown, parent: EntityRecord, resolve: Resolver, args: unknown, context: Context, info: GraphQLResolveInfo) {
  if (!(error instanceof IncompleteRecordError) || error.key !== parent.key || error.label !== parent.label) throw error;
  return context
    .completeRecords()
    .load(JSON.stringify([parent.label, parent.key]))
    .then((complete) => {
      if (!complete) throw error; // gone since the light record was read
      return resolve(complete, args, context, info);
    });
}

// No named closure is made per call: this runs for every field of every object of every response.
function completing(resolve: Resolver): Resolver {
  return function resolveFromLightOrComplete(parent, args, context, info) {
    if (!isLight(parent)) return resolve(parent, args, context, info);
    let result: unknown;
    try {
      result = resolve(parent, args, context, info);
    } catch (error) {
      return fromCompleteRecord(error, parent, resolve, args, context, info);
    }
    return result instanceof Promise ? result.catch((error) => fromCompleteRecord(error, parent, resolve, args, context, info)) : result;
  };
}

/** Wraps the resolver of every field of every object type (the schema's own, not introspection's). */
export function completeLightRecords(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      field.resolve = completing((field.resolve ?? defaultFieldResolver) as Resolver);
    }
  }
  return schema;
}
