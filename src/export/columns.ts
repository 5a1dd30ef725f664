// The per-label property columns of /export/nodes/<Label>.*: what the seed stores on each label besides
// the properties every entity has. test/export.test.ts fails when a label carries a property not listed here.

import type { NodeLabel } from '../graph-model.js';

/** Columns every entity has, first in every per-label node table. */
export const entityColumns = ['key', 'name', 'confidence', 'description'] as const;
/** List-valued entity columns, last (JSON in CSV). */
export const entityListColumns = ['synonyms', 'xrefs', 'sources'] as const;
/** Stored for lookups and search only: never exported. */
export const internalProperties = ['keyNorm', 'searchText', 'corpusVersion'] as const;

export const labelColumns: Record<NodeLabel, readonly string[]> = {
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
