// uses(...): each (drug, condition, route) the graph holds findings or an authorisation for, with its status
// under a regulator (or overall) and the basis of that status. The rule is src/regulatory-status.ts's, the same
// one the evidence summary, /export/uses and the CLI apply.
import { GraphQLError } from 'graphql';
import DataLoader from 'dataloader';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import type { EntityRecord } from '../graph/records.js';
import { readUses, type UseRow } from '../graph/reads.js';
import { overallStatus, regulatorsWith, statusesOfUse, today, type StatusUnderRegulator, type UseStatus } from '../regulatory-status.js';
import { reads, RouteEnum } from './common.js';
import { EvidenceSummaryRef, evidenceReads, loadEvidence, regulatorsByKey } from './evidence.js';
import { knownKeyOrThrow } from '../known-keys.js';
import { orFail, RegulatoryStatusRef, UseStatusEnum } from './regulatory-status.js';
import { ApprovalRef, ConditionRef, DrugRef, RegulatorRef } from './refs.js';
import type { route } from '../ingest/corpus-schema.js';
import type { z } from 'zod';

type Route = z.infer<typeof route>;

export interface UseShape {
  drug: EntityRecord;
  condition: EntityRecord;
  route: Route;
  /** The status under every regulator in the graph, for this route. */
  statuses: StatusUnderRegulator[];
  /** The regulator the status is relative to, when the question named one. */
  regulator: string | null;
  asOf: string;
}

export const useStatusOf = (u: Pick<UseShape, 'statuses' | 'regulator'>): UseStatus =>
  u.regulator ? u.statuses.find((s) => s.regulator === u.regulator)!.status : overallStatus(u.statuses.map((s) => s.status));

export const UseRef = builder.objectRef<UseShape>('Use').implement({
  description:
    'A drug used in a condition by a route, with its status under the regulator asked about (without one: APPROVED where any regulator approved it, else OFF_LABEL where any says so, else UNKNOWN where any is unknown, else NOT_AUTHORISED). basis says why; statuses gives every regulator. Topical and oral are different uses.',
  fields: (t) => ({
    drug: t.field({ type: DrugRef, resolve: (u) => u.drug }),
    condition: t.field({ type: ConditionRef, resolve: (u) => u.condition }),
    route: t.field({ type: RouteEnum, resolve: (u) => u.route }),
    status: t.field({ type: UseStatusEnum, resolve: useStatusOf }),
    asOf: t.field({ type: 'Date', description: 'The date the status is for.', resolve: (u) => u.asOf }),
    basis: t.field({
      type: [RegulatoryStatusRef],
      description:
        'Why: the status under the regulator asked about with the approvals or label snapshot it rests on; without a regulator, those of every regulator whose status is the overall one.',
      resolve: (u) => {
        const status = useStatusOf(u);
        return u.statuses.filter((s) => (u.regulator ? s.regulator === u.regulator : s.status === status));
      },
    }),
    statuses: t.field({ type: [RegulatoryStatusRef], description: 'The status under every regulator in the graph.', resolve: (u) => u.statuses }),
    approvedBy: t.field({ type: [RegulatorRef], resolve: (u, _a, c) => regulatorsByKey(c, regulatorsWith(u.statuses, 'APPROVED')) }),
    offLabelIn: t.field({
      type: [RegulatorRef],
      description: 'Regulators under which the use is OFF_LABEL (never inferred from a missing record).',
      resolve: (u, _a, c) => regulatorsByKey(c, regulatorsWith(u.statuses, 'OFF_LABEL')),
    }),
    approvals: t.field({
      type: [ApprovalRef],
      description: 'The authorisations behind APPROVED (under the regulator asked about, or any), with their populations and dates.',
      resolve: (u, _a, c) => {
        const keys = u.statuses.filter((s) => s.status === 'APPROVED' && (!u.regulator || s.regulator === u.regulator)).flatMap((s) => s.approvals);
        return c
          .entities('Approval')
          .loadMany([...new Set(keys)])
          .then(orFail);
      },
    }),
    evidence: t.field({
      type: EvidenceSummaryRef,
      resolve: async (u, _a, c, info) => (await loadEvidence(c, evidenceReads(info), u.drug.key, u.condition.key, u.route))!,
    }),
  }),
});

export interface UseQuery {
  drug?: string | null;
  condition?: string | null;
  status?: UseStatus | null;
  regulator?: string | null;
  route?: Route | null;
  asOf?: string | null;
}

function checkRegulator(regulator: string | null | undefined) {
  if (regulator && !/^[A-Za-z]{2,10}$/.test(regulator)) {
    throw new GraphQLError('regulator must be an agency acronym such as FDA, EMA or MHRA.', { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

export async function findUses(context: Context, q: UseQuery): Promise<UseShape[]> {
  checkRegulator(q.regulator);
  const rows = await readUses(context, {
    drugs: q.drug ? [q.drug.toLowerCase()] : null,
    condition: q.condition ? q.condition.toLowerCase() : null,
    route: q.route ?? null,
  });
  // A key that names nothing is a coded error with the nearest keys, never an empty answer. Checked only when
  // the answer is empty or the regulator is not among those the statement read: no round trip otherwise.
  if (rows.length === 0) {
    if (q.drug) await knownKeyOrThrow(context, 'Drug', q.drug, 'drug');
    if (q.condition) await knownKeyOrThrow(context, 'Condition', q.condition, 'condition');
  }
  const known = rows.length ? rows[0].regulators : null;
  if (q.regulator && !known?.includes(q.regulator.toUpperCase())) await knownKeyOrThrow(context, 'Regulator', q.regulator, 'regulator');
  return usesOf(rows, q);
}

/** The uses read, with their statuses, filtered as the question asks. */
function usesOf(rows: UseRow[], q: UseQuery): UseShape[] {
  const regulator = q.regulator ? q.regulator.toUpperCase() : null;
  const asOf = q.asOf ?? today();
  return rows
    .map(({ drug, condition, route, regulators, facts }) => {
      const statuses = statusesOfUse(regulators, { drug: drug.key, condition: condition.key, routes: [route] }, facts, asOf);
      return { drug, condition, route: route as Route, statuses, regulator, asOf };
    })
    .filter((u) => !q.status || useStatusOf(u) === q.status);
}

const useArgs = builder.args((t) => ({
  status: t.field({ type: UseStatusEnum }),
  regulator: t.string({ description: 'Status relative to this regulator (FDA, EMA, MHRA, PMDA).' }),
  route: t.field({ type: RouteEnum }),
  asOf: t.field({ type: 'Date', description: 'The status on this date (default: today, UTC).' }),
}));

builder.queryField('uses', (t) =>
  t.field({
    type: [UseRef],
    description: 'Uses of drugs in conditions, e.g. every off-label topical use of ruxolitinib under the FDA.',
    args: { drug: t.arg.string(), condition: t.arg.string(), ...useArgs },
    resolve: (_root, args, context) => findUses(context, args),
  }),
);

// Drug.uses of every drug in a list in one statement per request tick (and per set of arguments).
function drugUsesLoader(context: Context) {
  return new DataLoader<string, UseShape[]>(async (ids) => {
    const asked = ids.map((id) => JSON.parse(id) as [string, UseQuery]);
    const answers = new Map<string, UseShape[]>();
    for (const argsJson of new Set(asked.map(([, q]) => JSON.stringify(q)))) {
      const q = JSON.parse(argsJson) as UseQuery;
      const drugs = asked.filter(([, x]) => JSON.stringify(x) === argsJson).map(([drug]) => drug);
      const uses = usesOf(await readUses(context, { drugs, condition: null, route: q.route ?? null }), q);
      for (const drug of drugs)
        answers.set(
          JSON.stringify([drug, q]),
          uses.filter((u) => u.drug.key.toLowerCase() === drug),
        );
    }
    return ids.map((id) => answers.get(id) ?? []);
  });
}

builder.objectField(DrugRef, 'uses', (t) =>
  t.field({
    type: [UseRef],
    ...reads(),
    args: useArgs,
    resolve: async (drug, args, context) => {
      checkRegulator(args.regulator);
      if (args.regulator) await knownKeyOrThrow(context, 'Regulator', args.regulator, 'regulator');
      const q: UseQuery = { status: args.status ?? null, regulator: args.regulator ?? null, route: args.route ?? null, asOf: args.asOf ?? null };
      return context.loader('drug-uses', () => drugUsesLoader(context)).load(JSON.stringify([drug.key.toLowerCase(), q]));
    },
  }),
);
