// The graph schema written down as data: every node label with its properties, and every relationship type
// with its source, target, direction, meaning and properties. The seed, the relationship loaders, the path queries and the README's model
// section are all derived from this one table.

export const nodeLabels = [
  'Drug',
  'Product',
  'Target',
  'Pathway',
  'Condition',
  'ConditionCategory',
  'Study',
  'Finding',
  'Regulator',
  'Approval',
  'LabelSnapshot',
] as const;

export type NodeLabel = (typeof nodeLabels)[number];

/** Properties every entity has (first in every per-label export table). */
export const entityProperties = ['key', 'name', 'confidence', 'description'] as const;
/** List-valued properties every entity has, JSON-encoded (last in the export tables). */
export const entityListProperties = ['synonyms', 'xrefs', 'sources'] as const;
/** Stored for lookups and search only: never exported. */
export const internalProperties = ['keyNorm', 'searchText', 'corpusVersion'] as const;

/** Each label's own properties, as the seed stores them. test/export.test.ts fails when a label carries one not listed. */
export const nodeProperties: Record<NodeLabel, readonly string[]> = {
  Drug: ['routes', 'developmentStatus', 'selectivity'],
  Product: ['formulation', 'route', 'strength'],
  Target: ['family'],
  Pathway: ['nameVerified'],
  Condition: ['categoryBasis', 'categoryConfidence', 'labelStatusNote'],
  ConditionCategory: [],
  Study: [
    'curationId',
    'title',
    'firstAuthor',
    'year',
    'journal',
    'pmid',
    'doi',
    'nctId',
    'design',
    'designDetail',
    'patients',
    'patientsNote',
    'evidenceStatus',
    'notes',
    'prismaScreened',
    'prismaExcluded',
    'prismaAssessed',
    'prismaIncluded',
    'searchedFrom',
    'searchedTo',
    'primaryEndpoint',
    'arms',
  ],
  Finding: [
    'route',
    'patients',
    'responders',
    'responderDefinition',
    'outcome',
    'outcomeAsReported',
    'regimen',
    'durationWeeks',
    'durationAsReported',
    'adverseEvents',
    'summary',
    'arm',
    'endpoint',
    'timepointWeeks',
    'primary',
    'responseRatePercent',
    'comparators',
    'controlled',
  ],
  Regulator: ['jurisdiction'],
  Approval: [
    'kind',
    'issuingBody',
    'indication',
    'population',
    'minimumAgeYears',
    'maximumAgeYears',
    'date',
    'dateStart',
    'datePrecision',
    'withdrawnDate',
    'withdrawnDatePrecision',
    'event',
    'notes',
  ],
  LabelSnapshot: ['status', 'complete', 'labelVersion', 'notes'],
};

export interface RelationshipSpec {
  from: NodeLabel;
  to: NodeLabel;
  meaning: string;
  /** Properties carried by the relationship besides `sources` (JSON list of Provenance). */
  properties: readonly string[];
}

export const relationships = {
  INTERACTS_WITH: {
    from: 'Drug',
    to: 'Target',
    properties: ['action', 'primary', 'potencyNm', 'potencyType'],
    meaning: 'The drug acts on the target (action, e.g. INHIBITOR; potency in nM where measured).',
  },
  PARTICIPATES_IN: {
    from: 'Target',
    to: 'Pathway',
    properties: [],
    meaning: 'The target transduces signals in the pathway.',
  },
  PART_OF: {
    from: 'Pathway',
    to: 'Pathway',
    properties: [],
    meaning: 'The pathway is a sub-pathway of the other (Reactome hierarchy).',
  },
  IMPLICATED_IN: {
    from: 'Pathway',
    to: 'Condition',
    properties: ['note'],
    meaning: 'The pathway is implicated in the pathogenesis of the condition.',
  },
  IN_CATEGORY: {
    from: 'Condition',
    to: 'ConditionCategory',
    properties: ['basis'],
    meaning: 'The condition is grouped under the pathogenic-mechanism category (as in the review).',
  },
  CONTAINS: {
    from: 'Product',
    to: 'Drug',
    properties: [],
    meaning: 'The marketed product contains the drug as its active ingredient.',
  },
  REPORTS: {
    from: 'Study',
    to: 'Finding',
    properties: [],
    meaning: 'The study reports the finding.',
  },
  OF_DRUG: {
    from: 'Finding',
    to: 'Drug',
    properties: [],
    meaning: 'The finding is about this drug.',
  },
  WITH_PRODUCT: {
    from: 'Finding',
    to: 'Product',
    properties: [],
    meaning: 'The finding used this marketed product (formulation).',
  },
  IN_CONDITION: {
    from: 'Finding',
    to: 'Condition',
    properties: [],
    meaning: 'The finding is about patients with this condition.',
  },
  INCLUDES: {
    from: 'Study',
    to: 'Study',
    properties: ['judgement', 'basis'],
    meaning: 'The review includes the primary study (with how certain that inclusion is).',
  },
  ISSUED: {
    from: 'Regulator',
    to: 'Approval',
    properties: [],
    meaning: 'The regulator issued the approval (or opinion).',
  },
  FOR_PRODUCT: {
    from: 'Approval',
    to: 'Product',
    properties: [],
    meaning: 'The approval is for this product.',
  },
  FOR_CONDITION: {
    from: 'Approval',
    to: 'Condition',
    properties: [],
    meaning: 'The approval is for this condition (indication).',
  },
  PUBLISHED: {
    from: 'Regulator',
    to: 'LabelSnapshot',
    properties: [],
    meaning: "The regulator's label for a drug, as the graph holds it (or its record that it authorised no product of the drug).",
  },
  LABEL_OF: {
    from: 'LabelSnapshot',
    to: 'Drug',
    properties: [],
    meaning: 'The label snapshot is about this drug.',
  },
  COVERS: {
    from: 'LabelSnapshot',
    to: 'Product',
    properties: [],
    meaning: "The snapshot lists this product's authorised indications (every one, when the snapshot is complete).",
  },
} as const satisfies Record<string, RelationshipSpec>;

export type RelationshipType = keyof typeof relationships;
export type Direction = 'OUT' | 'IN';

/** Markdown table of the model, for the README and GraphiQL docs. */
export function modelAsMarkdown(): string {
  const rows = Object.entries(relationships).map(([type, r]) => `| (${r.from})-[:${type}]->(${r.to}) | ${r.meaning} |`);
  return ['| relationship | meaning |', '| --- | --- |', ...rows].join('\n');
}
