// `jak-kg import ctgov <file>`: ClinicalTrials.gov API v2 JSON, one study object or a page {"studies": [...]}.
//
// A study whose interventions name a drug of the graph becomes a Study keyed nct:<NCT id>: TRIAL_REGISTRATION when
// it has no posted results, else RCT when its allocation is RANDOMIZED, else PROSPECTIVE_OPEN_LABEL; its arm groups
// become arms (EXPERIMENTAL with the drug the arm's interventions name; PLACEBO_COMPARATOR and SHAM_COMPARATOR as
// PLACEBO, or VEHICLE when the arm is a vehicle; ACTIVE_COMPARATOR; NO_INTERVENTION). From the posted results, an
// outcome measure counted in participants (paramType COUNT_OF_PARTICIPANTS, one category) gives a finding per arm:
// responders out of the group's denominator, for the study's one condition of the graph. Other measures (means,
// percentages, several categories) are kept as text in the study's notes, never turned into counts.
import type { GraphIndex, IndexedDrug } from './graph-index.js';
import { conditionsNamedIn, drugsNamedIn, matchConditionName, routeOf } from './graph-index.js';
import {
  emptyPlan,
  ImportError,
  kebab,
  latest,
  malformedRecord,
  partialDate,
  provenance,
  recordAt,
  SKIP_NOT_A_DRUG,
  type FindingRow,
  type ImportPlan,
  type StudyRow,
} from './shared.js';
import { validated } from './validate.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const obj = (value: unknown): Json => (isObject(value) ? value : {});
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

type ArmRole = 'EXPERIMENTAL' | 'PLACEBO' | 'VEHICLE' | 'ACTIVE_COMPARATOR' | 'NO_INTERVENTION';

export function parseCtgov(text: string, file: string, index: GraphIndex): ImportPlan {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ImportError('IMPORT_MALFORMED_FILE', `${file} is not JSON (${(error as Error).message})`);
  }
  const studies: unknown[] =
    isObject(document) && Array.isArray(document.studies) ? document.studies : isObject(document) && 'protocolSection' in document ? [document] : [];
  if (studies.length === 0) {
    throw new ImportError('IMPORT_MALFORMED_FILE', `${file} holds neither a study (protocolSection) nor a page of studies ({"studies": [...]})`);
  }
  const plan = emptyPlan('ctgov', file);
  plan.read = studies.length;
  // Validate every record's identity first, so a malformed record is refused before anything else is made.
  studies.forEach((study, i) => {
    const id = str(obj(obj(obj(study).protocolSection).identificationModule).nctId);
    if (!isObject(study)) throw malformedRecord(i, undefined, 'not a JSON object');
    if (!isObject(study.protocolSection)) throw malformedRecord(i, id, 'missing protocolSection');
    if (!id || !/^NCT\d{8}$/.test(id)) throw malformedRecord(i, id, 'identificationModule.nctId must be NCT followed by 8 digits');
  });
  plan.fileDate =
    latest(
      studies.map((s) =>
        partialDate(
          obj(obj(obj(s).protocolSection).statusModule).lastUpdatePostDateStruct &&
            obj(obj(obj(obj(s).protocolSection).statusModule).lastUpdatePostDateStruct).date,
        ),
      ),
    ) ?? 'undated';
  for (const [i, study] of studies.entries()) readStudy(study as Json, i, plan, index);
  return plan;
}

function readStudy(record: Json, i: number, plan: ImportPlan, index: GraphIndex): void {
  const protocol = obj(record.protocolSection);
  const identification = obj(protocol.identificationModule);
  const nctId = str(identification.nctId)!;
  const where = recordAt(i, nctId);
  const status = obj(protocol.statusModule);
  const design = obj(protocol.designModule);
  const armsModule = obj(protocol.armsInterventionsModule);
  const interventions = list(armsModule.interventions);
  const armGroups = list(armsModule.armGroups);

  const interventionText = (names: string[]) => names.join(' | ');
  const allNames = [
    ...interventions.map((x) => str(x.name) ?? ''),
    ...armGroups.flatMap((a) => (Array.isArray(a.interventionNames) ? a.interventionNames : []) as string[]),
  ];
  const drugs = [...new Map(allNames.flatMap((n) => drugsNamedIn(index, n)).map((d) => [d.key, d])).values()];
  if (drugs.length === 0) {
    plan.skipped.push({ record: nctId, reason: SKIP_NOT_A_DRUG });
    return;
  }

  const title = str(identification.briefTitle);
  if (!title) throw malformedRecord(i, nctId, 'identificationModule.briefTitle is missing');
  const results = isObject(record.resultsSection) ? record.resultsSection : undefined;
  const allocation = str(obj(design.designInfo).allocation);
  const studyDesign = !results ? 'TRIAL_REGISTRATION' : allocation === 'RANDOMIZED' ? 'RCT' : 'PROSPECTIVE_OPEN_LABEL';
  const phases = Array.isArray(design.phases) ? (design.phases as string[]) : [];
  const start = partialDate(obj(status.startDateStruct).date);
  const completion = partialDate(obj(status.completionDateStruct).date);
  const enrollment = obj(design.enrollmentInfo).count;
  const key = `nct:${nctId}`;
  const source = provenance(plan, `ClinicalTrials.gov record ${nctId}`, `https://clinicaltrials.gov/study/${nctId}`);

  const conditionNames = Array.isArray(obj(protocol.conditionsModule).conditions) ? (obj(protocol.conditionsModule).conditions as string[]) : [];
  const conditions = [
    ...new Map(
      conditionNames
        .map((n) => matchConditionName(index, n))
        .filter((c) => c !== undefined)
        .map((c) => [c.key, c]),
    ).values(),
  ];
  for (const name of conditionNames) {
    if (matchConditionName(index, name)) continue;
    const several = conditionsNamedIn(index, name);
    plan.unmatched.push({
      record: nctId,
      text: `condition "${name}"${several.length > 1 ? ` names ${several.length} conditions of the graph (${several.map((c) => c.key).join(', ')}), not one` : ''}`,
    });
  }

  // Arms: the role from the arm type, the drug from the interventions the arm names.
  const arms: StudyRow['arms'] = [];
  const armKeys = new Map<string, string>();
  for (const group of armGroups) {
    const label = str(group.label);
    if (!label) throw malformedRecord(i, nctId, 'an arm group has no label');
    const names = (Array.isArray(group.interventionNames) ? group.interventionNames : []) as string[];
    const named = [...new Map(names.flatMap((n) => drugsNamedIn(index, n)).map((d) => [d.key, d])).values()];
    const vehicle = /\bvehicle\b/i.test(`${label} ${interventionText(names)}`);
    const role = armRole(str(group.type), named, vehicle);
    if (!role) {
      plan.unmatched.push({
        record: nctId,
        text: `arm "${label}" (${String(group.type)}): ${named.length > 1 ? 'several drugs of the graph' : 'no drug of the graph'}`,
      });
      continue;
    }
    const armKey = uniqueKey(kebab(label) || 'arm', armKeys);
    armKeys.set(label.toLowerCase(), armKey);
    // An active comparator keeps the drug it names (when one of the graph's), but its results are comparators'.
    const drug = role === 'EXPERIMENTAL' || role === 'ACTIVE_COMPARATOR' ? (named.length === 1 ? named[0] : undefined) : undefined;
    arms.push({ key: armKey, label, role, drug: drug?.key, route: drug ? armRoute(drug, `${label} ${interventionText(names)}`) : undefined });
  }

  // Results: count measures per arm become findings; the rest is summarised.
  const findings: FindingRow[] = [];
  const summaries: string[] = [];
  const condition = conditions.length === 1 ? conditions[0] : undefined;
  const measures = list(obj(obj(results).outcomeMeasuresModule).outcomeMeasures);
  measures.forEach((measure, m) => {
    const measureTitle = str(measure.title);
    if (!measureTitle) throw malformedRecord(i, nctId, `outcome measure ${m + 1} has no title`);
    const groups = list(measure.groups);
    const groupTitle = new Map(groups.map((g) => [str(g.id) ?? '', str(g.title) ?? '']));
    const denominators = new Map(list(list(measure.denoms)[0]?.counts).map((c) => [str(c.groupId) ?? '', Number(c.value)]));
    const categories = list(measure.classes).flatMap((c) => list(c.categories));
    const timeFrame = str(measure.timeFrame);
    const weeks = weeksOf(`${timeFrame ?? ''} ${measureTitle}`);
    const unit = str(measure.unitOfMeasure) ?? '';
    const counted = measure.paramType === 'COUNT_OF_PARTICIPANTS' && categories.length === 1 && condition !== undefined;
    const values = categories.flatMap((c) => list(c.measurements));
    if (!counted) {
      const parts = values.map((v) => `${groupTitle.get(str(v.groupId) ?? '') ?? str(v.groupId)}: ${str(v.value) ?? 'NA'}${unit ? ` ${unit}` : ''}`);
      summaries.push(
        `${String(measure.type ?? 'OUTCOME')} outcome "${measureTitle}"${timeFrame ? ` [${timeFrame}]` : ''}${parts.length ? `: ${parts.join('; ')}` : ''}`,
      );
      return;
    }
    for (const value of values) {
      const groupId = str(value.groupId) ?? '';
      const armKey = armKeys.get((groupTitle.get(groupId) ?? '').toLowerCase());
      const arm = arms.find((a) => a.key === armKey);
      if (!arm) {
        plan.unmatched.push({ record: nctId, text: `result group "${groupTitle.get(groupId) ?? groupId}" of "${measureTitle}" matches no arm` });
        continue;
      }
      const responders = Number(value.value);
      const patients = denominators.get(groupId);
      if (!Number.isInteger(responders) || responders < 0)
        throw malformedRecord(i, nctId, `"${measureTitle}": ${groupId} count "${String(value.value)}" is not a whole number`);
      if (patients === undefined || !Number.isInteger(patients)) throw malformedRecord(i, nctId, `"${measureTitle}": no denominator for ${groupId}`);
      if (arm.role === 'EXPERIMENTAL' && !arm.route) {
        plan.unmatched.push({ record: nctId, text: `arm "${arm.label}": route of ${arm.drug} not stated` });
        continue;
      }
      findings.push(
        validated(
          'finding',
          {
            key: `${key}/${arm.key}/${condition!.key}/outcome-${m + 1}`,
            study: key,
            arm: arm.key,
            drug: arm.role === 'EXPERIMENTAL' ? arm.drug : undefined,
            condition: condition!.key,
            route: arm.role === 'EXPERIMENTAL' ? arm.route : undefined,
            endpoint: measureTitle,
            timepointWeeks: weeks,
            primary: measure.type === 'PRIMARY',
            patients,
            responders,
            responderDefinition: str(measure.description)?.slice(0, 1000),
            summary: `${responders}/${patients} ${unit || 'participants'} (${arm.label})${timeFrame ? `, ${timeFrame}` : ''}`,
            sources: [source],
          },
          where,
        ),
      );
    }
  });
  if (measures.length && !condition)
    plan.unmatched.push({ record: nctId, text: `results kept as text: the study names ${conditions.length} conditions of the graph, not exactly one` });

  const primary = measures.find((m) => m.type === 'PRIMARY');
  plan.studies.push(
    validated(
      'study',
      {
        key,
        name: title,
        title: str(identification.officialTitle),
        year: Number((start ?? completion ?? '').slice(0, 4)) || undefined,
        nctId,
        design: studyDesign,
        designDetail: [phases.join('/'), allocation, str(status.overallStatus), results ? 'results posted' : 'no results posted'].filter(Boolean).join('; '),
        patients: typeof enrollment === 'number' && Number.isInteger(enrollment) ? enrollment : undefined,
        xrefs: [{ source: 'NCT', id: nctId, url: `https://clinicaltrials.gov/study/${nctId}` }],
        primaryEndpoint: str(primary?.title),
        arms,
        notes: summaries.length ? summaries.join('\n') : undefined,
        sources: [source],
      },
      where,
    ),
  );
  plan.findings.push(...findings);
  const paper = index.studies.find((s) => s.nctId === nctId && s.key !== key);
  if (paper) plan.notes.push(`${nctId}: the graph also holds ${paper.key}, which reports this trial (kept apart)`);
}

function armRole(type: string | undefined, drugs: IndexedDrug[], vehicle: boolean): ArmRole | undefined {
  switch (type) {
    case 'EXPERIMENTAL':
    case 'OTHER':
      return drugs.length === 1 ? 'EXPERIMENTAL' : undefined;
    case 'PLACEBO_COMPARATOR':
    case 'SHAM_COMPARATOR':
      return vehicle ? 'VEHICLE' : 'PLACEBO';
    case 'ACTIVE_COMPARATOR':
      return 'ACTIVE_COMPARATOR';
    case 'NO_INTERVENTION':
      return 'NO_INTERVENTION';
    default:
      return undefined;
  }
}

/** The drug's route in this arm: its only route, or the one the arm's words name (cream: TOPICAL, tablet: ORAL). */
function armRoute(drug: IndexedDrug, words: string) {
  if (drug.routes.length === 1) return drug.routes[0];
  const named = routeOf(words);
  return named && drug.routes.includes(named) ? named : undefined;
}

function weeksOf(text: string): number | undefined {
  const m = /\bweek\s*(\d+(?:\.\d+)?)\b/i.exec(text);
  return m ? Number(m[1]) || undefined : undefined;
}

function uniqueKey(base: string, taken: Map<string, string>): string {
  const used = new Set(taken.values());
  let key = base;
  for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
  return key;
}
