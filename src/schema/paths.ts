// paths(from, to) between any two entities and mechanisms(drug, condition): drug -> target -> pathway ->
// condition. Every step carries its relationship type and sources.
import { getNamedType, GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { builder } from '../builder.js';
import { MAX_PATH_LENGTH } from '../graph/cypher.js';
import { readMechanisms, readPaths, type PathEnd, type PathShape, type StepShape } from '../graph/reads.js';
import { readsOfAnyLabel, subSelections } from '../graph/selection.js';
import { linkSources } from './link-sources.js';
import { nodeLabels, type NodeLabel } from '../graph-model.js';
import { knownKeyOrThrow, nearestKeys, unknownKeyError } from '../known-keys.js';
import { defaultLimits } from '../limits.js';
import type { Context } from '../context.js';
import { EntityInterface, ProvenanceType, RelationshipTypeEnum } from './common.js';

/** The default maximum `first` (KG_MAX_PATHS); the request's own is context.limits.maxPaths. */
export const MAX_PATHS = defaultLimits.maxPaths;

const PathStepRef = builder.objectRef<StepShape>('PathStep').implement({
  description: 'One step of a path, in path order; `reversed` when the stored relationship points the other way.',
  fields: (t) => ({
    from: t.field({ type: EntityInterface, resolve: (s) => s.from }),
    to: t.field({ type: EntityInterface, resolve: (s) => s.to }),
    type: t.field({ type: RelationshipTypeEnum, description: 'The relationship type, e.g. INTERACTS_WITH.', resolve: (s) => s.type }),
    reversed: t.exposeBoolean('reversed'),
    sources: t.field({ type: [ProvenanceType], resolve: (s, _a, context) => linkSources(context, s.link) }),
  }),
});

const PathRef = builder.objectRef<PathShape>('Path').implement({
  fields: (t) => ({
    length: t.int({ resolve: (p) => p.steps.length }),
    nodes: t.field({ type: [EntityInterface], resolve: (p) => p.nodes }),
    steps: t.field({ type: [PathStepRef], resolve: (p) => p.steps }),
  }),
});

function badInput(message: string, extensions: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions } });
}

/** What the selection reads of a path's nodes (`nodes`, `steps { from to }`), whatever their labels. */
function pathNodeReads(info: GraphQLResolveInfo): ReadonlySet<string> | 'all' {
  const pathType = getNamedType(info.returnType);
  const steps = subSelections(info, info.fieldNodes, pathType, 'steps');
  const fields = [
    ...subSelections(info, info.fieldNodes, pathType, 'nodes').fields,
    ...(steps.type ? [...subSelections(info, steps.fields, steps.type, 'from').fields, ...subSelections(info, steps.fields, steps.type, 'to').fields] : []),
  ];
  return readsOfAnyLabel(info, fields);
}

/** "drug:ruxolitinib" or "ruxolitinib" as a label (when the prefix names one) and a key. */
function parseRef(ref: string): PathEnd {
  const match = /^([A-Za-z]+):(.+)$/.exec(ref);
  const label = match ? nodeLabels.find((l) => l.toLowerCase() === match[1].toLowerCase()) : undefined;
  return { label: label ?? null, key: label ? match![2] : ref };
}

/** UNKNOWN_KEY when an end of a path names nothing, with the nearest (typed) keys. */
async function refuseUnknown(context: Context, ref: string, nodes: PathEnd[], argument: string) {
  if (nodes.length > 0) return;
  const { label, key } = parseRef(ref);
  const suggestions = await nearestKeys(context.executor, context.cypher, label ? [label] : null, key);
  throw unknownKeyError(label, key, suggestions, argument);
}

/** AMBIGUOUS_KEY when a key names more than one entity, with the typed keys to choose from. */
function refuseAmbiguous(ref: string, nodes: PathEnd[]) {
  if (nodes.length <= 1) return;
  const candidates = nodes.map((n) => `${n.label!.charAt(0).toLowerCase()}${n.label!.slice(1)}:${n.key}`);
  throw new GraphQLError(`"${ref}" names more than one entity; prefix it with its type: ${candidates.join(', ')}.`, {
    extensions: { code: 'AMBIGUOUS_KEY', candidates },
  });
}

builder.queryField('paths', (t) =>
  t.field({
    type: [PathRef],
    description: `Simple paths (no repeated node) between two entity keys, in either direction, shortest first; among equal lengths the best-supported first. Keys may be typed ("drug:ruxolitinib"); an ambiguous untyped key is refused with AMBIGUOUS_KEY. maxLength 1..${MAX_PATH_LENGTH}, first 1..${MAX_PATHS} (the default limits: KG_MAX_PATH_LENGTH, KG_MAX_PATHS).`,
    args: {
      from: t.arg.string({ required: true }),
      to: t.arg.string({ required: true }),
      maxLength: t.arg.int({ defaultValue: 4 }),
      first: t.arg.int({ defaultValue: 10 }),
    },
    resolve: async (_root, args, context, info) => {
      const maxLength = args.maxLength ?? 4;
      const first = args.first ?? 10;
      const { maxPathLength, maxPaths } = context.limits;
      if (maxLength < 1 || maxLength > maxPathLength) throw badInput(`maxLength must be between 1 and ${maxPathLength}.`, { maximum: maxPathLength });
      if (first < 1 || first > maxPaths) throw badInput(`first must be between 1 and ${maxPaths}.`, { maximum: maxPaths });
      // One round trip resolves both ends and searches (no paths when an end is unknown or ambiguous).
      const { froms, tos, paths } = await readPaths(context, maxLength, pathNodeReads(info), { from: parseRef(args.from), to: parseRef(args.to), first });
      await refuseUnknown(context, args.from, froms, 'from');
      await refuseUnknown(context, args.to, tos, 'to');
      refuseAmbiguous(args.from, froms);
      refuseAmbiguous(args.to, tos);
      return paths;
    },
  }),
);

builder.queryField('mechanisms', (t) =>
  t.field({
    type: [PathRef],
    description:
      'How a drug could act on a condition: typed drug -> target -> pathway -> condition paths, primary targets first, then by potency, then by number of sources. UNKNOWN_KEY (with the nearest keys) when either key names nothing.',
    args: {
      drug: t.arg.string({ required: true }),
      condition: t.arg.string({ required: true }),
      first: t.arg.int({ defaultValue: 20 }),
    },
    resolve: async (_root, args, context) => {
      const first = args.first ?? 20;
      if (first < 1 || first > context.limits.maxPaths)
        throw badInput(`first must be between 1 and ${context.limits.maxPaths}.`, { maximum: context.limits.maxPaths });
      const paths = await readMechanisms(context, { drug: args.drug, condition: args.condition, first });
      if (paths.length === 0) {
        // No path: say so only when both keys exist (checked only then, so a found mechanism costs nothing more).
        await knownKeyOrThrow(context, 'Drug', args.drug, 'drug');
        await knownKeyOrThrow(context, 'Condition', args.condition, 'condition');
      }
      return paths;
    },
  }),
);

export type { NodeLabel };
