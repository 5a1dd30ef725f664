// evidence(drug, condition) and uses(...): what the findings add up to, and where a use is approved or
// off-label. A use is APPROVED under a regulator when it authorised a product of the drug with that route
// for the condition; OFF_LABEL otherwise, when the use exists at all (findings, or an approval elsewhere).
import { GraphQLError } from 'graphql';
import type { Node } from 'neo4j-driver';
import DataLoader from 'dataloader';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { toEntity, toLightEntity, type EntityRecord } from '../db/records.js';
import { entitiesByName } from '../loaders/entities.js';
import { statusUnder } from '../use-status.js';
import { RouteEnum } from './common.js';
import { ApprovalRef, ConditionRef, DrugRef, FindingRef, RegulatorRef } from './refs.js';

type Route = 'TOPICAL' | 'ORAL' | 'INTRAVENOUS' | 'SUBCUTANEOUS';

export interface EvidenceShape {
  drug: EntityRecord;
  condition: EntityRecord;
  route: Route | null;
  findings: EntityRecord[];
  /** The study key of each finding, by finding key. */
  studyOf: Map<string, string>;
  approvedBy: string[];
  regulators: string[];
}

/**
 * Sums over the findings that report a result (a registered trial without results adds no patients);
 * the rate only over those where both patients and responders are known.
 */
export function summarise(allFindings: EntityRecord[]) {
  const findings = allFindings.filter((f) => f.props.outcome != null);
  let patients = 0, responders = 0, countedPatients = 0, anyPatients = false, anyResponders = false;
  for (const f of findings) {
    const p = f.props.patients as number | undefined;
    const r = f.props.responders as number | undefined;
    if (typeof p === 'number') { patients += p; anyPatients = true; }
    if (typeof r === 'number') { responders += r; anyResponders = true; }
    if (typeof p === 'number' && typeof r === 'number') countedPatients += p;
  }
  const countedResponders = findings.reduce(
    (sum, f) => sum + (typeof f.props.patients === 'number' && typeof f.props.responders === 'number' ? (f.props.responders as number) : 0),
    0,
  );
  return {
    patients: anyPatients ? patients : null,
    responders: anyResponders ? responders : null,
    patientsWithKnownResponse: countedPatients,
    responseRate: countedPatients > 0 ? countedResponders / countedPatients : null,
  };
}

// The loader's key: the question as JSON, so no character of a user's key can be mistaken for a separator.
const pairKey = (drug: string, condition: string, route: Route | null, includeRetracted: boolean) =>
  JSON.stringify([drug.toLowerCase(), condition.toLowerCase(), route, includeRetracted]);

/** Evidence for many (drug, condition, route) triples in one round trip per request tick. */
function evidenceLoader(context: Context) {
  return new DataLoader<string, EvidenceShape | null>(async (ids) => {
    const pairs = ids.map((id) => {
      const [drug, condition, route, includeRetracted] = JSON.parse(id) as [string, string, Route | null, boolean];
      return { id, drug, condition, route, includeRetracted };
    });
    const records = await context.executor.read('evidence', context.cypher.query('evidence'), { pairs });
    const byId = new Map<string, EvidenceShape>();
    for (const r of records) {
      type Properties = Record<string, unknown>;
      const rows = (r.get('findings') as { finding: Properties | null; study: Properties }[]).filter((f) => f.finding);
      const route = (pairs.find((p) => p.id === r.get('id'))?.route ?? null) as Route | null;
      const findings = new Map<string, EntityRecord>();
      const studiesOf = new Map<string, EntityRecord[]>();
      for (const row of rows) {
        const finding = toLightEntity('Finding', row.finding!);
        findings.set(finding.key, finding);
        studiesOf.set(finding.key, [...(studiesOf.get(finding.key) ?? []), toLightEntity('Study', row.study)]);
      }
      // What Finding.study and the regulator fields will ask for came with the evidence: prime their loaders.
      for (const [key, studies] of studiesOf) context.neighbourNodes('REPORTS', 'IN').prime(key, studies.sort(entitiesByName));
      const regulators = (r.get('regulators') as Node[]).map(toEntity);
      for (const regulator of regulators) context.entities('Regulator').prime(regulator.key, regulator);
      byId.set(r.get('id'), {
        drug: toEntity(r.get('d')),
        condition: toEntity(r.get('c')),
        route,
        findings: [...findings.values()].sort((a, b) => a.key.localeCompare(b.key)),
        studyOf: new Map([...studiesOf].map(([key, studies]) => [key, studies[0].key])),
        approvedBy: (r.get('approvedBy') as string[]).sort(),
        regulators: regulators.map((regulator) => regulator.key),
      });
    }
    return ids.map((id) => byId.get(id) ?? null);
  });
}

const loaders = new WeakMap<Context, DataLoader<string, EvidenceShape | null>>();
export function loadEvidence(context: Context, drug: string, condition: string, route: Route | null, includeRetracted = false) {
  if (!loaders.has(context)) loaders.set(context, evidenceLoader(context));
  return loaders.get(context)!.load(pairKey(drug, condition, route, includeRetracted));
}

const regulatorsByKey = (context: Context, keys: string[]) =>
  context.entities('Regulator').loadMany(keys).then((rs) => rs.filter((r): r is EntityRecord => !!r && !(r instanceof Error)));

const EvidenceSummaryRef = builder.objectRef<EvidenceShape>('EvidenceSummary').implement({
  description:
    'What the findings for one drug in one condition add up to. studies counts every study with a finding (registered trials included); patients and responders are sums over the findings that report a result and state them (patients as reported, which may include comparator arms); responseRate = responders / patients over the findings that state both (patientsWithKnownResponse), null when none do. Never estimated.',
  fields: (t) => ({
    drug: t.field({ type: DrugRef, resolve: (e) => e.drug }),
    condition: t.field({ type: ConditionRef, resolve: (e) => e.condition }),
    route: t.field({ type: RouteEnum, nullable: true, resolve: (e) => e.route }),
    studies: t.int({ resolve: (e) => new Set(e.studyOf.values()).size }),
    studiesWithResults: t.int({
      resolve: (e) => new Set(e.findings.filter((f) => f.props.outcome != null).map((f) => e.studyOf.get(f.key))).size,
    }),
    patients: t.int({ nullable: true, resolve: (e) => summarise(e.findings).patients }),
    responders: t.int({ nullable: true, resolve: (e) => summarise(e.findings).responders }),
    patientsWithKnownResponse: t.int({ resolve: (e) => summarise(e.findings).patientsWithKnownResponse }),
    responseRate: t.float({ nullable: true, resolve: (e) => summarise(e.findings).responseRate }),
    findings: t.field({ type: [FindingRef], resolve: (e) => e.findings }),
    approvedBy: t.field({ type: [RegulatorRef], resolve: (e, _a, c) => regulatorsByKey(c, e.approvedBy) }),
    offLabelIn: t.field({
      type: [RegulatorRef],
      description: 'Regulators in the graph that have not authorised this use, where the use exists (findings, or an approval elsewhere).',
      resolve: (e, _a, c) =>
        e.findings.length === 0 && e.approvedBy.length === 0
          ? []
          : regulatorsByKey(c, e.regulators.filter((r) => !e.approvedBy.includes(r))),
    }),
  }),
});

builder.queryField('evidence', (t) =>
  t.field({
    type: EvidenceSummaryRef,
    nullable: true,
    description: 'The evidence for a drug in a condition (optionally by one route); null when either key is unknown. Retracted findings are left out unless includeRetracted.',
    args: {
      drug: t.arg.string({ required: true }),
      condition: t.arg.string({ required: true }),
      route: t.arg({ type: RouteEnum }),
      includeRetracted: t.arg.boolean({ defaultValue: false, description: 'Also count findings a curator retracted.' }),
    },
    resolve: (_root, args, context) => loadEvidence(context, args.drug, args.condition, args.route ?? null, args.includeRetracted ?? false),
  }),
);

// ---- uses ----

export const UseStatusEnum = builder.enumType('UseStatus', { values: ['APPROVED', 'OFF_LABEL'] as const });

interface UseShape {
  drug: EntityRecord;
  condition: EntityRecord;
  route: Route;
  approvedBy: string[];
  approvals: string[];
  regulators: string[];
  /** The regulator the status is relative to, when the question named one. */
  regulator: string | null;
}

function statusOf(use: UseShape): 'APPROVED' | 'OFF_LABEL' {
  return statusUnder(use.approvedBy, use.regulator);
}

const UseRef = builder.objectRef<UseShape>('Use').implement({
  description:
    'A drug used in a condition by a route. status is relative to the regulator asked about; without one, APPROVED when any regulator authorised it. Topical and oral are different uses.',
  fields: (t) => ({
    drug: t.field({ type: DrugRef, resolve: (u) => u.drug }),
    condition: t.field({ type: ConditionRef, resolve: (u) => u.condition }),
    route: t.field({ type: RouteEnum, resolve: (u) => u.route }),
    status: t.field({ type: UseStatusEnum, resolve: statusOf }),
    approvedBy: t.field({ type: [RegulatorRef], resolve: (u, _a, c) => regulatorsByKey(c, u.approvedBy) }),
    offLabelIn: t.field({ type: [RegulatorRef], resolve: (u, _a, c) => regulatorsByKey(c, u.regulators.filter((r) => !u.approvedBy.includes(r))) }),
    approvals: t.field({
      type: [ApprovalRef],
      description: 'The authorisations behind APPROVED, with their populations and dates.',
      resolve: (u, _a, c) =>
        c.entities('Approval').loadMany(u.approvals).then((rs) => rs.filter((r): r is EntityRecord => !!r && !(r instanceof Error))),
    }),
    evidence: t.field({
      type: EvidenceSummaryRef,
      resolve: async (u, _a, c) => (await loadEvidence(c, u.drug.key, u.condition.key, u.route))!,
    }),
  }),
});

interface UseQuery { drug?: string | null; condition?: string | null; status?: 'APPROVED' | 'OFF_LABEL' | null; regulator?: string | null; route?: Route | null }

export async function findUses(context: Context, q: UseQuery): Promise<UseShape[]> {
  if (q.regulator && !/^[A-Za-z]{2,10}$/.test(q.regulator)) {
    throw new GraphQLError('regulator must be an agency acronym such as FDA, EMA or MHRA.', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  const records = await context.executor.read('uses', context.cypher.query('uses'), {
    drug: q.drug ? q.drug.toLowerCase() : null,
    condition: q.condition ? q.condition.toLowerCase() : null,
    route: q.route ?? null,
  });
  const regulator = q.regulator ? q.regulator.toUpperCase() : null;
  return records
    .map((r) => ({
      drug: toEntity(r.get('d')),
      condition: toEntity(r.get('c')),
      route: r.get('route') as Route,
      approvedBy: (r.get('approvedBy') as string[]).sort(),
      approvals: r.get('approvals') as string[],
      regulators: r.get('regulators') as string[],
      regulator,
    }))
    // A regulator the graph does not know has no uses to rule on (an empty answer, as for an unknown key).
    .filter((u) => !regulator || u.regulators.includes(regulator))
    .filter((u) => !q.status || statusOf(u) === q.status);
}

const useArgs = builder.args((t) => ({
  status: t.field({ type: UseStatusEnum }),
  regulator: t.string({ description: 'Status relative to this regulator (FDA, EMA, MHRA, PMDA).' }),
  route: t.field({ type: RouteEnum }),
}));

builder.queryField('uses', (t) =>
  t.field({
    type: [UseRef],
    description: 'Uses of drugs in conditions, e.g. every off-label topical use of ruxolitinib under the FDA.',
    args: { drug: t.arg.string(), condition: t.arg.string(), ...useArgs },
    resolve: (_root, args, context) => findUses(context, args),
  }),
);

builder.objectField(DrugRef, 'uses', (t) =>
  t.field({ type: [UseRef], args: useArgs, resolve: (drug, args, context) => findUses(context, { ...args, drug: drug.key }) }),
);

builder.objectField(DrugRef, 'evidence', (t) =>
  t.field({
    type: EvidenceSummaryRef,
    nullable: true,
    args: {
      condition: t.arg.string({ required: true }),
      route: t.arg({ type: RouteEnum }),
      includeRetracted: t.arg.boolean({ defaultValue: false, description: 'Also count findings a curator retracted.' }),
    },
    resolve: (drug, args, context) => loadEvidence(context, drug.key, args.condition, args.route ?? null, args.includeRetracted ?? false),
  }),
);
