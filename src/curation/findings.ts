// Curation writes on findings. Each is one write transaction (all or nothing), leaves an audit trail
// (who: the token id; when; which operation; a hash of the input; the request id) and is idempotent:
//   addFinding     the key follows the corpus: `<study>/<drug>/<condition>` (then `/2`, `/3` ... once earlier
//                  findings of the triple were retracted). The same input sent again while its finding is
//                  live returns that finding and writes nothing; a different live finding of the same
//                  study, drug and condition is a CONFLICT (retract it first): one live result per triple,
//                  so that evidence never counts a study's patients twice.
//   retractFinding soft: the finding stays, marked retracted, and drops out of evidence and finding lists
//                  unless asked for; retracting it again writes nothing.
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Context } from '../context.js';
import type { EntityRecord } from '../graph/records.js';
import { createFinding, readFindingRefs, retractFindingNode } from '../graph/writes.js';
import { weakestConfidence } from '../ingest/corpus-schema.js';
import { badUserInput, findingIdentity, findingInput, inputHash, parseInput, retraction, type FindingInput } from './inputs.js';

function curator(context: Context): string {
  // The Mutation fields carry authScopes { curate }, so only a verified token gets here.
  if (context.caller.kind !== 'token') throw new Error('curation write without a verified token');
  return context.caller.tokenId;
}

function auditEvent(context: Context, operation: string, entityKey: string, hash: string, at: string) {
  return { id: randomUUID(), operation, entityKey, tokenId: curator(context), at, inputHash: hash, requestId: context.requestId };
}

/** The first key of the triple that no finding holds: base, else base/2, base/3 ... */
export function nextFindingKey(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((k) => k.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!lower.has(`${base}/${n}`.toLowerCase())) return `${base}/${n}`;
}

/** Drops unset values and encodes nested ones as JSON strings, as the seed stores them. */
function storable(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => [k, typeof v === 'object' && !(Array.isArray(v) && v.every((x) => typeof x === 'string')) ? JSON.stringify(v) : v]),
  );
}

function chooseRoute(input: FindingInput, drug: EntityRecord, product: EntityRecord | null): string {
  const productRoute = product?.props.route as string | undefined;
  if (input.route && productRoute && input.route !== productRoute) {
    throw badUserInput(`route ${input.route} does not match the product ${product!.key}, which is ${productRoute}.`, { argument: 'input.route' });
  }
  if (input.route) return input.route;
  if (productRoute) return productRoute;
  const routes = (drug.props.routes as string[] | undefined) ?? [];
  if (routes.length === 1) return routes[0];
  throw badUserInput(`route is required: ${drug.key} is used ${routes.join(', ') || 'by no recorded route'}.`, { argument: 'input.route' });
}

async function addOnce(context: Context, input: FindingInput, hash: string): Promise<EntityRecord> {
  const keys = {
    study: input.study.toLowerCase(),
    drug: input.drug.toLowerCase(),
    condition: input.condition.toLowerCase(),
    product: input.product?.toLowerCase() ?? null,
  };
  const baseKey = `${keys.study}/${keys.drug}/${keys.condition}`;
  return context.executor.writeTransaction('addFinding', async (tx) => {
    const refs = await readFindingRefs(tx, context.cypher, { ...keys, baseKey });
    const { study, drug, condition, product } = refs;
    const unknown = (['study', 'drug', 'condition', 'product'] as const).filter(
      (name, i) => [study, drug, condition, product][i] === null && keys[name] !== null,
    );
    if (unknown.length > 0) {
      throw badUserInput(`Unknown ${unknown.map((u) => `${u} "${input[u]}"`).join(', ')}.`, { unknown });
    }
    if (product && !refs.productDrugs.includes(keys.drug)) {
      throw badUserInput(`The product ${product.key} does not contain ${drug!.key}.`, { argument: 'input.product' });
    }
    const route = chooseRoute(input, drug!, product);

    const triple = refs.sameTriple;
    const live = triple.filter((f) => f.props.retracted !== true);
    const same = live.find((f) => f.props.inputHash === hash);
    if (same) return same; // a retry of a write that already succeeded: nothing more to write
    if (live.length > 0) {
      throw new GraphQLError(`${live[0].key} already reports this study's result for this drug and condition; retract it first.`, {
        extensions: { code: 'CONFLICT', http: { status: 409 }, existing: live[0].key },
      });
    }

    const key = nextFindingKey(
      `${study!.key}/${drug!.key}/${condition!.key}`,
      triple.map((f) => f.key),
    );
    const at = new Date().toISOString();
    const { study: _s, drug: _d, condition: _c, product: _p, sources, ...facts } = input;
    const props = storable({
      ...facts,
      route,
      key,
      keyNorm: key.toLowerCase(),
      name: `${study!.name}: ${drug!.name} in ${condition!.name}`,
      synonyms: [],
      xrefs: [],
      sources,
      confidence: weakestConfidence(sources),
      searchText: key,
      createdBy: curator(context),
      createdAt: at,
      inputHash: hash,
    });
    const rel = storable({ sources, sourceCount: sources.length, confidence: weakestConfidence(sources) });
    return createFinding(tx, context.cypher, { ...keys, props, rel, audit: auditEvent(context, 'addFinding', key, hash, at) });
  });
}

export async function addFinding(context: Context, raw: unknown): Promise<EntityRecord> {
  const input = parseInput(findingInput, raw, 'input');
  const hash = inputHash(findingIdentity(input));
  try {
    return await addOnce(context, input, hash);
  } catch (error) {
    // Two identical calls at once both find the key free; the second meets the key constraint. Run it
    // once more: it now finds the first one's finding and returns it (or reports the real conflict).
    if (error instanceof GraphQLError && error.extensions.code === 'CONFLICT' && !error.extensions.existing) {
      return addOnce(context, input, hash);
    }
    throw error;
  }
}

export async function retractFinding(context: Context, raw: { key: string; reason: string }): Promise<EntityRecord> {
  const { key, reason } = parseInput(retraction, raw, 'retraction');
  const at = new Date().toISOString();
  const hash = inputHash({ key: key.toLowerCase(), reason });
  const retracted = await retractFindingNode(context, {
    key: key.toLowerCase(),
    reason,
    at,
    tokenId: curator(context),
    audit: auditEvent(context, 'retractFinding', key, hash, at),
  });
  if (!retracted) throw badUserInput(`Unknown finding "${key}".`, { unknown: ['key'] });
  return retracted;
}
