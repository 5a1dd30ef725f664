// What a curation write accepts, checked with zod after GraphQL has checked the types: lengths, ranges,
// URL/PMID/DOI shapes, and facts that cannot be (more responders than patients). A failure is one
// BAD_USER_INPUT error listing every problem with its path.
import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { confidence, outcome, route } from '../ingest/corpus-schema.js';

// Control characters have no place in curated text: NUL and the other C0 controls (a tab and line breaks
// are allowed in free text, not in keys), DEL, the C1 controls, the bidirectional overrides that make text
// display other than it reads, and unpaired UTF-16 surrogates (which no UTF-8 export can write).
const CONTROLS_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const CONTROLS_IN_KEY = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const noControls = (pattern: RegExp) => (value: string) => !pattern.test(value) && !LONE_SURROGATE.test(value);
const controlMessage = 'must not contain control characters (NUL, C0/C1 controls, bidirectional overrides) or unpaired surrogates';

const key = z.string().trim().min(1).max(200).refine(noControls(CONTROLS_IN_KEY), controlMessage);
const text = (max: number) => z.string().trim().min(1).max(max).refine(noControls(CONTROLS_IN_TEXT), controlMessage);

export const provenanceInput = z
  .object({
    citation: text(1_000),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2_000)
      .refine(noControls(CONTROLS_IN_KEY), controlMessage)
      .optional(),
    pmid: z
      .string()
      .regex(/^\d{1,9}$/, 'PMID must be 1 to 9 digits')
      .optional(),
    doi: z
      .string()
      .max(300)
      .regex(/^10\.\S+\/\S+$/, 'DOI must look like 10.<prefix>/<suffix>')
      .refine(noControls(CONTROLS_IN_KEY), controlMessage)
      .optional(),
    confidence,
    note: text(1_000).optional(),
  })
  .strict();

export const findingInput = z
  .object({
    study: key,
    drug: key,
    condition: key,
    product: key.optional(),
    route: route.optional(),
    outcome,
    patients: z.number().int().min(0).max(10_000_000).optional(),
    responders: z.number().int().min(0).max(10_000_000).optional(),
    responderDefinition: text(1_000).optional(),
    regimen: text(2_000).optional(),
    durationWeeks: z.number().positive().max(1_000).optional(),
    adverseEvents: text(4_000).optional(),
    summary: text(4_000).optional(),
    sources: z.array(provenanceInput).min(1, 'every finding needs at least one source').max(20),
  })
  .strict()
  .refine((f) => f.responders === undefined || f.patients === undefined || f.responders <= f.patients, {
    message: 'responders cannot exceed patients',
    path: ['responders'],
  });

export type FindingInput = z.infer<typeof findingInput>;

export const retraction = z.object({ key, reason: text(1_000).refine((r) => r.length >= 3, 'give a reason of at least 3 characters') }).strict();

/** GraphQL hands omitted optional fields over as null or undefined; zod's optional() wants them absent. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, withoutNulls(v)]),
    );
  }
  return value;
}

export function badUserInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions } });
}

/** Parses with the schema or throws one BAD_USER_INPUT naming every problem. */
export function parseInput<T>(schema: z.ZodType<T>, raw: unknown, argument: string): T {
  const parsed = schema.safeParse(withoutNulls(raw));
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: [argument, ...i.path.map(String)].join('.'), message: i.message }));
  throw badUserInput(`Invalid ${argument}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
}

/** A stable hash of an input (object properties sorted): equal inputs, equal hash. */
export function inputHash(input: unknown): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(sorted(input)))
    .digest('hex');
}

/** What a finding input means, whatever the case of its keys (`Ruxolitinib` is `ruxolitinib`). */
export function findingIdentity(input: FindingInput): FindingInput {
  return {
    ...input,
    study: input.study.toLowerCase(),
    drug: input.drug.toLowerCase(),
    condition: input.condition.toLowerCase(),
    product: input.product?.toLowerCase(),
  };
}
