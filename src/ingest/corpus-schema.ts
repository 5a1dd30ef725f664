// The shape of the curated corpus in data/*.json, validated before anything is written.
// One schema per file; every stated fact carries `sources` (at least one) with a confidence.
import { z } from 'zod';

/** Strongest first: a fact is only as sure as its least sure source (weakestConfidence). */
export const confidence = z.enum(['CONFIRMED', 'PARTIAL', 'UNVERIFIED']);
type Confidence = z.infer<typeof confidence>;

/** The weakest confidence among a fact's sources (CONFIRMED for none). */
export function weakestConfidence<S extends { confidence: Confidence }>(sources: readonly S[]): Confidence {
  const rank = (c: Confidence) => confidence.options.indexOf(c);
  return sources.reduce<Confidence>((weakest, s) => (rank(s.confidence) > rank(weakest) ? s.confidence : weakest), 'CONFIRMED');
}

const kebabKey = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase kebab-case');

export const source = z
  .object({
    citation: z.string().min(1),
    url: z.string().url().optional(),
    pmid: z.string().regex(/^\d+$/, 'PMID must be digits').optional(),
    doi: z
      .string()
      .regex(/^10\.\S+\/\S+$/, 'DOI must start with 10.')
      .optional(),
    confidence,
    note: z.string().optional(),
  })
  .strict();

const sources = z.array(source).min(1, 'every fact needs at least one source');

export const xref = z
  .object({
    source: z.enum([
      'ChEMBL',
      'DrugBank',
      'UniProt',
      'HGNC',
      'Ensembl',
      'Reactome',
      'MONDO',
      'MeSH',
      'ICD-10',
      'PubMed',
      'PMC',
      'DOI',
      'NCT',
      'EU',
      'NDA',
      'PubChem',
      'DevelopmentCode',
    ]),
    id: z.string().min(1),
    url: z.string().url().optional(),
    confidence: confidence.optional(),
  })
  .strict();

const entity = {
  name: z.string().min(1),
  synonyms: z.array(z.string().min(1)).default([]),
  xrefs: z.array(xref).default([]),
  description: z.string().optional(),
  sources,
};

export const route = z.enum(['TOPICAL', 'ORAL', 'INTRAVENOUS', 'SUBCUTANEOUS']);

export const drug = z
  .object({
    key: kebabKey,
    ...entity,
    routes: z.array(route).min(1),
    developmentStatus: z.enum(['APPROVED', 'INVESTIGATIONAL']),
    selectivity: z.string().optional(),
  })
  .strict();

export const target = z
  .object({
    key: z.string().regex(/^[A-Z0-9]+$/, 'must be an HGNC symbol'),
    ...entity,
    family: z.string().min(1),
  })
  .strict();

export const pathway = z
  .object({
    key: kebabKey,
    ...entity,
    nameVerified: z.boolean(),
    parent: kebabKey.optional(),
  })
  .strict();

export const conditionCategory = z.object({ key: kebabKey, ...entity }).strict();

export const condition = z
  .object({
    key: kebabKey,
    ...entity,
    category: kebabKey.optional(),
    categoryBasis: z.string().optional(),
    categoryConfidence: confidence.optional(),
    labelStatusNote: z.string().optional(),
  })
  .strict();

export const regulator = z.object({ key: z.string().regex(/^[A-Z]+$/), ...entity, jurisdiction: z.string().min(1) }).strict();

export const product = z
  .object({
    key: kebabKey,
    ...entity,
    drug: kebabKey,
    formulation: z.string().optional(),
    route,
    strength: z.string().optional(),
  })
  .strict();

export const interactionAction = z.enum(['INHIBITOR', 'ALLOSTERIC_INHIBITOR', 'COVALENT_INHIBITOR']);

export const interaction = z
  .object({
    drug: kebabKey,
    target: z.string().min(1),
    action: interactionAction,
    primary: z.boolean(),
    potencyNm: z.number().positive().optional(),
    potencyType: z.enum(['IC50', 'Ki', 'Kd']).optional(),
    sources,
  })
  .strict();

export const targetPathway = z.object({ target: z.string().min(1), pathway: kebabKey, sources }).strict();

export const pathwayCondition = z.object({ pathway: kebabKey, condition: kebabKey, note: z.string().optional(), sources }).strict();

const year = z.number().int().min(1900).max(2100);

/** How sure the curators are that a study is among a review's included studies. */
export const inclusionJudgement = z.enum(['LIKELY', 'POSSIBLE', 'UNKNOWN', 'UNLIKELY']);

export const studyDesign = z.enum([
  'CASE_REPORT',
  'CASE_SERIES',
  'RETROSPECTIVE',
  'PROSPECTIVE_OPEN_LABEL',
  'RCT',
  'SYSTEMATIC_REVIEW',
  'REVIEW',
  'TRIAL_REGISTRATION',
]);

/** Who an arm of a study is: the drug under study, or a comparator (placebo, vehicle, another treatment). */
export const armRole = z.enum(['EXPERIMENTAL', 'PLACEBO', 'VEHICLE', 'ACTIVE_COMPARATOR', 'NO_INTERVENTION']);
export const comparatorRoles: readonly z.infer<typeof armRole>[] = ['PLACEBO', 'VEHICLE', 'ACTIVE_COMPARATOR', 'NO_INTERVENTION'];

export const arm = z
  .object({
    key: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'arm key must be kebab-case'),
    label: z.string().min(1),
    /** In a report of several trials (e.g. two identical phase 3 trials), the trial the arm belongs to. */
    trial: z.string().optional(),
    role: armRole,
    drug: kebabKey.optional(),
    product: kebabKey.optional(),
    dose: z.string().optional(),
    route: route.optional(),
    patients: z.number().int().nonnegative().optional(),
  })
  .strict()
  .refine((a) => a.role !== 'EXPERIMENTAL' || a.drug !== undefined, { message: 'an EXPERIMENTAL arm names its drug' });

export const study = z
  .object({
    key: z.string().regex(/^(pmid:\d+|doi:10\.\S+|nct:NCT\d{8}|[a-z0-9]+(-[a-z0-9]+)*)$/, 'key must be pmid:, doi:, nct: or a kebab slug'),
    curationId: z.string().optional(),
    name: z.string().min(1),
    title: z.string().optional(),
    firstAuthor: z.string().optional(),
    year: year.optional(),
    journal: z.string().optional(),
    pmid: z.string().regex(/^\d+$/).optional(),
    doi: z
      .string()
      .regex(/^10\.\S+\/\S+$/)
      .optional(),
    nctId: z
      .string()
      .regex(/^NCT\d{8}$/)
      .optional(),
    design: studyDesign,
    designDetail: z.string().optional(),
    patients: z.number().int().nonnegative().optional(),
    patientsNote: z.string().optional(),
    evidenceStatus: z.string().optional(),
    xrefs: z.array(xref).default([]),
    prisma: z
      .object({
        screened: z.number().int(),
        excluded: z.number().int(),
        assessed: z.number().int(),
        included: z.number().int(),
        searchedFrom: z.string().optional(),
        searchedTo: z.string().optional(),
      })
      .strict()
      .optional(),
    includedIn: z
      .array(
        z
          .object({
            review: z.string().min(1),
            judgement: inclusionJudgement,
            basis: z.string().min(1),
            sources,
          })
          .strict(),
      )
      .default([]),
    primaryEndpoint: z.string().optional(),
    arms: z.array(arm).default([]),
    notes: z.string().optional(),
    sources,
  })
  .strict()
  .refine((s) => new Set(s.arms.map((a) => a.key)).size === s.arms.length, { message: 'arm keys must be unique within a study' });

export const outcome = z.enum(['COMPLETE_RESPONSE', 'PARTIAL_RESPONSE', 'IMPROVED', 'MIXED', 'NO_RESPONSE', 'WORSENED']);

export const finding = z
  .object({
    key: z.string().min(1),
    study: z.string().min(1),
    /** The arm of the study this result is of; absent for an uncontrolled report (one group, all treated). */
    arm: z.string().optional(),
    /** Absent only for the result of a comparator arm (placebo, vehicle, another treatment). */
    drug: kebabKey.optional(),
    product: kebabKey.optional(),
    condition: kebabKey,
    route: route.optional(),
    endpoint: z.string().optional(),
    timepointWeeks: z.number().positive().optional(),
    primary: z.boolean().optional(),
    /** A response rate the source states without the count behind it (never turned into a count). */
    responseRatePercent: z.number().min(0).max(100).optional(),
    patients: z.number().int().nonnegative().optional(),
    responders: z.number().int().nonnegative().optional(),
    responderDefinition: z.string().optional(),
    outcome: outcome.optional(),
    outcomeAsReported: z.string().optional(),
    regimen: z.string().optional(),
    durationWeeks: z.number().positive().optional(),
    durationAsReported: z.string().optional(),
    adverseEvents: z.string().optional(),
    summary: z.string().optional(),
    sources,
  })
  .strict()
  .refine((f) => f.responders === undefined || f.patients === undefined || f.responders <= f.patients, {
    message: 'responders cannot exceed patients',
  })
  .refine((f) => f.drug !== undefined || f.arm !== undefined, { message: 'a finding names its drug, or the comparator arm it is the result of' })
  .refine((f) => f.drug === undefined || f.route !== undefined, { message: 'a finding about a drug names its route' });

// A date at the precision its source gives: a day, a month, a year, or (RANGE) an ISO 8601 interval of two
// such dates when a source bounds it without dating it ("2017-02/2024-05": granted no earlier than the first
// and no later than the second, e.g. an indication first seen on a label of known date).
const calendarDate = String.raw`\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?`;
const partialDate = z
  .string()
  .regex(new RegExp(`^${calendarDate}(/${calendarDate})?$`), 'date must be YYYY, YYYY-MM, YYYY-MM-DD or an interval of two such dates (start/end)');
export const datePrecision = z.enum(['DAY', 'MONTH', 'YEAR', 'RANGE']);

/** Whether a date's shape is the one its precision says. */
export const dateMatchesPrecision = (date: string, precision: z.infer<typeof datePrecision>) =>
  precision === 'RANGE'
    ? date.includes('/') && date.split('/')[0] <= date.split('/')[1]
    : !date.includes('/') && date.split('-').length === { YEAR: 1, MONTH: 2, DAY: 3 }[precision];

export const labelStatus = z.enum(['AUTHORISED', 'NOT_AUTHORISED']);

export const approvalKind = z.enum(['AUTHORISATION', 'POSITIVE_OPINION']);

export const approval = z
  .object({
    key: kebabKey,
    kind: approvalKind,
    regulator: z.string().regex(/^[A-Z]+$/),
    issuingBody: z.string().min(1),
    product: kebabKey,
    condition: kebabKey,
    indication: z.string().min(1),
    population: z.string().optional(),
    minimumAgeYears: z.number().int().nonnegative().optional(),
    maximumAgeYears: z.number().int().nonnegative().optional(),
    date: partialDate,
    datePrecision,
    withdrawnDate: partialDate.optional(),
    withdrawnDatePrecision: datePrecision.optional(),
    event: z.string().min(1),
    notes: z.string().optional(),
    sources,
  })
  .strict()
  .refine((a) => (a.withdrawnDate === undefined) === (a.withdrawnDatePrecision === undefined), {
    message: 'withdrawnDate and withdrawnDatePrecision go together',
  })
  .refine((a) => !a.withdrawnDate || dateMatchesPrecision(a.withdrawnDate, a.withdrawnDatePrecision!), {
    message: 'withdrawnDate does not match withdrawnDatePrecision',
  })
  .refine((a) => dateMatchesPrecision(a.date, a.datePrecision), {
    message: 'date does not match datePrecision',
  });

/**
 * What the graph knows of one regulator's authorisations of one drug. AUTHORISED with complete = true says
 * that approvals.json holds every indication the regulator ever authorised for the listed products (all of
 * the drug's products it authorised), as the cited label lists them: only then can a use be OFF_LABEL there.
 * NOT_AUTHORISED is a sourced record that the regulator authorised no product of the drug.
 */
export const labelSnapshot = z
  .object({
    key: kebabKey,
    regulator: z.string().regex(/^[A-Z]+$/),
    drug: kebabKey,
    status: labelStatus,
    products: z.array(kebabKey).default([]),
    complete: z.boolean(),
    labelVersion: z.string().optional(),
    notes: z.string().optional(),
    sources,
  })
  .strict()
  .refine((l) => (l.status === 'AUTHORISED') === l.products.length > 0, {
    message: 'an AUTHORISED snapshot lists the products; a NOT_AUTHORISED one lists none',
  });

/** Each data file and the schema of its rows, in load order (entities before the facts that link them). */
export const corpusFiles = {
  'drugs.json': drug,
  'targets.json': target,
  'pathways.json': pathway,
  'condition-categories.json': conditionCategory,
  'conditions.json': condition,
  'regulators.json': regulator,
  'products.json': product,
  'interactions.json': interaction,
  'target-pathways.json': targetPathway,
  'pathway-conditions.json': pathwayCondition,
  'studies.json': study,
  'findings.json': finding,
  'approvals.json': approval,
  'labels.json': labelSnapshot,
} as const;

export type CorpusFile = keyof typeof corpusFiles;
export type Corpus = { [F in CorpusFile]: z.infer<(typeof corpusFiles)[F]>[] };
export type Source = z.infer<typeof source>;
