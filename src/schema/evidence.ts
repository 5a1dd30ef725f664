// evidence(drug, condition): what the findings add up to, arms kept apart, and the use's status under each
// regulator (the rule of src/regulatory-status.ts, as in uses and /export/uses).
import DataLoader from 'dataloader';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import type { EntityRecord } from '../graph/records.js';
import { readEvidence } from '../graph/reads.js';
import { edgeKey, fieldsOf, planOf, subSelections } from '../graph/selection.js';
import { getNamedType, isObjectType, type GraphQLResolveInfo } from 'graphql';
import { entitiesByName } from '../graph/loaders.js';
import { authorisedRoutes, regulatorsWith, statusesOfUse, today, type StatusUnderRegulator } from '../regulatory-status.js';
import { comparatorsOf, rateOf } from '../arms.js';
import { reads, RouteEnum } from './common.js';
import { knownKeyOrThrow } from '../known-keys.js';
import { orFail, RegulatoryStatusRef } from './regulatory-status.js';
import { ConditionRef, DrugRef, FindingRef, RegulatorRef } from './refs.js';
import type { route } from '../ingest/corpus-schema.js';
import type { z } from 'zod';

type Route = z.infer<typeof route>;

export interface EvidenceShape {
  drug: EntityRecord;
  condition: EntityRecord;
  route: Route | null;
  findings: EntityRecord[];
  /** The study key of each finding, by finding key. */
  studyOf: Map<string, string>;
  /** The status under every regulator, for every route of the use (findings' and authorisations'); [] when the query asked for none. */
  statuses: StatusUnderRegulator[];
}

/** A finding reports a result when it grades an outcome, counts responders or states a response rate. */
export const reportsResult = (f: EntityRecord) => f.props.outcome != null || f.props.responders != null || f.props.responseRatePercent != null;

/**
 * The findings a summary counts: those that report a result, at the study's primary endpoint where the
 * finding says which it is (a trial's secondary endpoints and later time points would count its patients twice).
 */
export const countedFindings = (findings: EntityRecord[]) => findings.filter((f) => reportsResult(f) && f.props.primary !== false);

/** Sums of patients and responders, and the rate over the results that state both (never estimated). */
export function sums(results: { patients?: unknown; responders?: unknown }[]) {
  let patients = 0,
    responders = 0,
    countedPatients = 0,
    countedResponders = 0,
    anyPatients = false,
    anyResponders = false;
  for (const r of results) {
    const p = typeof r.patients === 'number' ? r.patients : undefined;
    const n = typeof r.responders === 'number' ? r.responders : undefined;
    if (p !== undefined) {
      patients += p;
      anyPatients = true;
    }
    if (n !== undefined) {
      responders += n;
      anyResponders = true;
    }
    if (p !== undefined && n !== undefined) {
      countedPatients += p;
      countedResponders += n;
    }
  }
  return {
    patients: anyPatients ? patients : null,
    responders: anyResponders ? responders : null,
    patientsWithKnownResponse: countedPatients,
    responseRate: rateOf({ patients: countedPatients, responders: countedResponders }),
  };
}

const summaries = new WeakMap<EntityRecord[], ReturnType<typeof sums>>();

/** The drug's arms only: every finding is the result of the drug (comparator arms are not findings). Once per list. */
export function summarise(allFindings: EntityRecord[]) {
  let summary = summaries.get(allFindings);
  if (!summary) summaries.set(allFindings, (summary = sums(countedFindings(allFindings).map((f) => f.props))));
  return summary;
}

/** The comparator arms beside the counted findings, each arm once (two doses of a drug share one placebo arm). */
export function summariseComparators(allFindings: EntityRecord[]) {
  const byKey = new Map(
    countedFindings(allFindings)
      .flatMap((f) => comparatorsOf(f))
      .map((c) => [c.key, c]),
  );
  return sums([...byKey.values()]);
}

/** What the summary itself reads of every finding (its sums, routes and arms), besides what the query asks. */
const SUMMARY_READS = ['outcome', 'patients', 'responders', 'responseRatePercent', 'route', 'primary', 'controlled', 'retracted'];
/** The comparator arms' results (JSON, the largest of them) only for the comparator sums. */
const COMPARATOR_FIELDS = new Set(['comparatorPatients', 'comparatorResponders', 'comparatorResponseRate']);

/** The properties of findings and of their studies a query's selection reads (through `findings`). */
export interface EvidenceReads {
  finding: ReadonlySet<string> | 'all';
  study: ReadonlySet<string> | 'all';
  /** What it reads of the drug and the condition (`drug { ... }`, `condition { ... }`). */
  drug: ReadonlySet<string> | 'all';
  condition: ReadonlySet<string> | 'all';
  /** Whether the selection asks for a regulatory status (approvedBy, offLabelIn, regulatoryStatus). */
  statuses: boolean;
}

/** The fields of EvidenceSummary answered from the statuses under each regulator. */
const STATUS_FIELDS = new Set(['approvedBy', 'offLabelIn', 'regulatoryStatus']);

const list = (reads: ReadonlySet<string> | 'all') => (reads === 'all' ? 'all' : [...reads].sort());

/** What the selection of an evidence summary (a field returning EvidenceSummary) reads of findings and studies. */
export function evidenceReads(info: GraphQLResolveInfo): EvidenceReads {
  const { fields } = subSelections(info, info.fieldNodes, getNamedType(info.returnType), 'findings');
  const plan = planOf(info, 'Finding', fields);
  const study = plan.children.get(edgeKey('REPORTS', 'IN'))?.node.reads ?? new Set<string>();
  const summary = getNamedType(info.returnType);
  const asked = isObjectType(summary)
    ? fieldsOf(
        info,
        info.fieldNodes.map((f) => f.selectionSet),
        summary,
      ).map((f) => f.name.value)
    : [];
  const statuses = asked.some((name) => STATUS_FIELDS.has(name));
  const comparators = asked.some((name) => COMPARATOR_FIELDS.has(name)) ? ['comparators'] : [];
  const readsOf = (field: 'drug' | 'condition', label: 'Drug' | 'Condition') =>
    planOf(info, label, subSelections(info, info.fieldNodes, summary, field).fields).reads;
  return {
    finding: plan.reads === 'all' ? 'all' : new Set([...plan.reads, ...SUMMARY_READS, ...comparators]),
    study,
    drug: readsOf('drug', 'Drug'),
    condition: readsOf('condition', 'Condition'),
    statuses,
  };
}

const union = (a: ReadonlySet<string> | 'all', b: ReadonlySet<string> | 'all') => (a === 'all' || b === 'all' ? 'all' : new Set([...a, ...b]));

// The loader's key: the question and what it reads, as JSON, so no character of a user's key can be mistaken
// for a separator, and an answer read for fewer properties is never reused for a selection that needs more.
const pairKey = (drug: string, condition: string, route: Route | null, includeRetracted: boolean, reads: EvidenceReads) =>
  JSON.stringify([
    drug.toLowerCase(),
    condition.toLowerCase(),
    route,
    includeRetracted,
    list(reads.finding),
    list(reads.study),
    list(reads.drug),
    list(reads.condition),
    reads.statuses,
  ]);

/** Evidence for many (drug, condition, route) triples in one round trip per request tick. */
function evidenceLoader(context: Context) {
  return new DataLoader<string, EvidenceShape | null>(async (ids) => {
    let reads: EvidenceReads = { finding: new Set(SUMMARY_READS), study: new Set(), drug: new Set(), condition: new Set(), statuses: false };
    const pairs = ids.map((id) => {
      type Listed = string[] | 'all';
      const [drug, condition, route, includeRetracted, finding, study, drugReads, conditionReads, statuses] = JSON.parse(id) as [
        string,
        string,
        Route | null,
        boolean,
        Listed,
        Listed,
        Listed,
        Listed,
        boolean,
      ];
      const set = (listed: Listed) => (listed === 'all' ? 'all' : new Set(listed));
      reads = {
        finding: union(reads.finding, set(finding)),
        study: union(reads.study, set(study)),
        drug: union(reads.drug, set(drugReads)),
        condition: union(reads.condition, set(conditionReads)),
        statuses: reads.statuses || statuses,
      };
      return { id, drug, condition, route, includeRetracted };
    });
    // One statement for the batch, reading what any of its selections reads.
    const rows = await readEvidence(context, pairs, reads);
    const byId = new Map<string, EvidenceShape>();
    for (const { id, drug, condition, findings: found, regulators, facts } of rows) {
      const route = (pairs.find((p) => p.id === id)?.route ?? null) as Route | null;
      const findings = new Map<string, EntityRecord>();
      const studiesOf = new Map<string, EntityRecord[]>();
      for (const { finding, study } of found) {
        if (!findings.has(finding.key)) findings.set(finding.key, finding);
        const studies = studiesOf.get(finding.key);
        if (studies) studies.push(study);
        else studiesOf.set(finding.key, [study]);
      }
      // What Finding.study and the regulator fields will ask for came with the evidence: handed to the
      // findings (read without a promise, as a planned list) and primed in the loaders.
      for (const [key, studies] of studiesOf) {
        studies.sort(entitiesByName);
        (findings.get(key)!.planned ??= new Map()).set('REPORTS:IN:nodes', studies);
        context.neighbourNodes('REPORTS', 'IN').prime(key, studies);
      }
      for (const regulator of regulators) context.entities('Regulator').prime(regulator.key, regulator);
      const sorted = [...findings.values()].sort((a, b) => a.key.localeCompare(b.key));
      // The use's routes: its findings' and its authorisations' (a use with neither has no status anywhere).
      const routes = [...new Set([...sorted.map((f) => f.props.route as string), ...authorisedRoutes(facts, condition.key)])].filter(
        (x) => !route || x === route,
      );
      byId.set(id, {
        drug,
        condition,
        route,
        findings: sorted,
        studyOf: new Map([...studiesOf].map(([key, studies]) => [key, studies[0].key])),
        statuses: !reads.statuses
          ? []
          : statusesOfUse(
              regulators.map((x) => x.key),
              { drug: drug.key, condition: condition.key, routes },
              facts,
              today(),
            ),
      });
    }
    return ids.map((id) => byId.get(id) ?? null);
  });
}

export function loadEvidence(context: Context, reads: EvidenceReads, drug: string, condition: string, route: Route | null, includeRetracted = false) {
  return context.loader('evidence', () => evidenceLoader(context)).load(pairKey(drug, condition, route, includeRetracted, reads));
}

export const regulatorsByKey = (context: Context, keys: string[]) => context.entities('Regulator').loadMany(keys).then(orFail);

export const EvidenceSummaryRef = builder.objectRef<EvidenceShape>('EvidenceSummary').implement({
  description:
    "What the findings for one drug in one condition add up to, arms kept apart. Every finding is the result of the drug's own arm (or of a report of one group); comparator arms are never summed into it and stand beside it (comparator*). studies counts every study with a finding (registered trials included); patients and responders are sums over the findings that report a result at their study's primary endpoint; responseRate = responders / patients over the findings that state both (patientsWithKnownResponse), null when none do. Never estimated.",
  fields: (t) => ({
    drug: t.field({ type: DrugRef, resolve: (e) => e.drug }),
    condition: t.field({ type: ConditionRef, resolve: (e) => e.condition }),
    route: t.field({ type: RouteEnum, nullable: true, resolve: (e) => e.route }),
    studies: t.int({ resolve: (e) => new Set(e.studyOf.values()).size }),
    studiesWithResults: t.int({ resolve: (e) => new Set(e.findings.filter(reportsResult).map((f) => e.studyOf.get(f.key))).size }),
    controlledStudies: t.int({
      description: 'Studies with a comparator arm (placebo, vehicle, another treatment) among those with a result.',
      resolve: (e) => new Set(e.findings.filter((f) => reportsResult(f) && f.props.controlled === true).map((f) => e.studyOf.get(f.key))).size,
    }),
    patients: t.int({ nullable: true, description: "Patients in the drug's arms (comparator arms excluded).", resolve: (e) => summarise(e.findings).patients }),
    responders: t.int({ nullable: true, resolve: (e) => summarise(e.findings).responders }),
    patientsWithKnownResponse: t.int({ resolve: (e) => summarise(e.findings).patientsWithKnownResponse }),
    responseRate: t.float({ nullable: true, resolve: (e) => summarise(e.findings).responseRate }),
    comparatorPatients: t.int({
      nullable: true,
      description: 'Patients in the comparator arms of the controlled studies counted (each arm once).',
      resolve: (e) => summariseComparators(e.findings).patients,
    }),
    comparatorResponders: t.int({ nullable: true, resolve: (e) => summariseComparators(e.findings).responders }),
    comparatorResponseRate: t.float({
      nullable: true,
      description: 'responders / patients over the comparator arms that state both; null when none do.',
      resolve: (e) => summariseComparators(e.findings).responseRate,
    }),
    findings: t.field({ type: [FindingRef], resolve: (e) => e.findings }),
    approvedBy: t.field({ type: [RegulatorRef], resolve: (e, _a, c) => regulatorsByKey(c, regulatorsWith(e.statuses, 'APPROVED')) }),
    offLabelIn: t.field({
      type: [RegulatorRef],
      description:
        'Regulators under which the use is OFF_LABEL by some route and approved by none (never inferred from a missing record: see regulatoryStatus).',
      resolve: (e, _a, c) => regulatorsByKey(c, regulatorsWith(e.statuses, 'OFF_LABEL', regulatorsWith(e.statuses, 'APPROVED'))),
    }),
    regulatoryStatus: t.field({
      type: [RegulatoryStatusRef],
      description: 'The status under every regulator, by route, with its basis.',
      resolve: (e) => e.statuses,
    }),
  }),
});

builder.queryField('evidence', (t) =>
  t.field({
    type: EvidenceSummaryRef,
    nullable: true,
    description:
      'The evidence for a drug in a condition (optionally by one route). A drug or condition key that names nothing is UNKNOWN_KEY with the nearest keys. Retracted findings are left out unless includeRetracted.',
    args: {
      drug: t.arg.string({ required: true }),
      condition: t.arg.string({ required: true }),
      route: t.arg({ type: RouteEnum }),
      includeRetracted: t.arg.boolean({ defaultValue: false, description: 'Also count findings a curator retracted.' }),
    },
    resolve: (_root, args, context, info) =>
      evidenceOrUnknownKey(context, evidenceReads(info), args.drug, args.condition, args.route ?? null, args.includeRetracted ?? false),
  }),
);

/** The evidence, or (when no row came back) UNKNOWN_KEY naming the key that names nothing, with suggestions. */
async function evidenceOrUnknownKey(context: Context, reads: EvidenceReads, drug: string, condition: string, route: Route | null, includeRetracted: boolean) {
  const evidence = await loadEvidence(context, reads, drug, condition, route, includeRetracted);
  if (evidence) return evidence;
  await knownKeyOrThrow(context, 'Drug', drug, 'drug');
  await knownKeyOrThrow(context, 'Condition', condition, 'condition');
  return null;
}

builder.objectField(DrugRef, 'evidence', (t) =>
  t.field({
    type: EvidenceSummaryRef,
    ...reads(),
    nullable: true,
    args: {
      condition: t.arg.string({ required: true }),
      route: t.arg({ type: RouteEnum }),
      includeRetracted: t.arg.boolean({ defaultValue: false, description: 'Also count findings a curator retracted.' }),
    },
    resolve: (drug, args, context, info) =>
      evidenceOrUnknownKey(context, evidenceReads(info), drug.key, args.condition, args.route ?? null, args.includeRetracted ?? false),
  }),
);
