// Study: publications, trial registrations and reviews; a review includes primary studies, each inclusion
// with its judgement (the corpus records which of the review's 28 a study is *believed* to be).
import { builder } from '../builder.js';
import type { EntityRecord, RelationshipRecord } from '../graph/records.js';
import { along, EntityInterface, neighbourNodes, neighbours, prop, ProvenanceType, reads, afterLoad } from './common.js';
import { linkSources } from './link-sources.js';
import { filterFindings, findingArgs } from './finding.js';
import { FindingRef, StudyRef } from './refs.js';
import { pluralRoot, singularRoot } from './roots.js';
import { inclusionJudgement, studyDesign } from '../ingest/corpus-schema.js';

export const StudyDesignEnum = builder.enumType('StudyDesign', {
  values: studyDesign.options,
});
export const InclusionJudgementEnum = builder.enumType('InclusionJudgement', {
  description: "How sure the curators are that a study is among a review's included studies (a judgement, not data from the review).",
  values: inclusionJudgement.options,
});

interface InclusionShape {
  review: EntityRecord;
  study: EntityRecord;
  link: RelationshipRecord;
}
const InclusionRef = builder.objectRef<InclusionShape>('Inclusion').implement({
  description: 'A review including a primary study, with the judgement and its basis.',
  fields: (t) => ({
    review: t.field({ type: StudyRef, resolve: (i) => i.review }),
    study: t.field({ type: StudyRef, resolve: (i) => i.study }),
    judgement: t.field({ type: InclusionJudgementEnum, resolve: (i) => i.link.props.judgement as 'LIKELY', ...reads('judgement') }),
    basis: t.string({ nullable: true, resolve: (i) => (i.link.props.basis as string | undefined) ?? null, ...reads('basis') }),
    sources: t.field({ type: [ProvenanceType], resolve: (i, _a, c) => linkSources(c, i.link) }),
  }),
});

interface PrismaShape {
  screened: number;
  excluded: number;
  assessed: number;
  included: number;
  searchedFrom: string | null;
  searchedTo: string | null;
}
const PrismaRef = builder.objectRef<PrismaShape>('PrismaCounts').implement({
  description: "A systematic review's PRISMA flow counts.",
  fields: (t) => ({
    screened: t.exposeInt('screened'),
    excluded: t.exposeInt('excluded'),
    assessed: t.exposeInt('assessed', { description: 'Full texts assessed for eligibility.' }),
    included: t.exposeInt('included'),
    searchedFrom: t.string({ nullable: true, resolve: (p) => p.searchedFrom }),
    searchedTo: t.string({ nullable: true, resolve: (p) => p.searchedTo }),
  }),
});

const str = (name: string) => (s: EntityRecord) => prop<string>(s, name);

StudyRef.implement({
  interfaces: [EntityInterface],
  fields: (t) => ({
    title: t.string({ nullable: true, resolve: str('title'), ...reads('title') }),
    firstAuthor: t.string({ nullable: true, resolve: str('firstAuthor'), ...reads('firstAuthor') }),
    year: t.int({ nullable: true, resolve: (s) => prop<number>(s, 'year'), ...reads('year') }),
    journal: t.string({ nullable: true, resolve: str('journal'), ...reads('journal') }),
    pmid: t.string({ nullable: true, resolve: str('pmid'), ...reads('pmid') }),
    doi: t.string({ nullable: true, resolve: str('doi'), ...reads('doi') }),
    nctId: t.string({ nullable: true, resolve: str('nctId'), ...reads('nctId') }),
    design: t.field({ type: StudyDesignEnum, resolve: (s) => prop<'RCT'>(s, 'design')!, ...reads('design') }),
    designDetail: t.string({ nullable: true, resolve: str('designDetail'), ...reads('designDetail') }),
    patients: t.int({ nullable: true, resolve: (s) => prop<number>(s, 'patients'), ...reads('patients') }),
    patientsNote: t.string({ nullable: true, resolve: str('patientsNote'), ...reads('patientsNote') }),
    evidenceStatus: t.string({
      nullable: true,
      description: 'How well the curators verified this record.',
      resolve: str('evidenceStatus'),
      ...reads('evidenceStatus'),
    }),
    notes: t.string({ nullable: true, resolve: str('notes'), ...reads('notes') }),
    curationId: t.string({ nullable: true, description: 'Row id in the curated facts (S01..., T01...).', resolve: str('curationId'), ...reads('curationId') }),
    prisma: t.field({
      type: PrismaRef,
      nullable: true,
      ...reads('prismaScreened', 'prismaExcluded', 'prismaAssessed', 'prismaIncluded', 'searchedFrom', 'searchedTo'),
      resolve: (s) =>
        prop<number>(s, 'prismaScreened') === null
          ? null
          : {
              screened: prop<number>(s, 'prismaScreened')!,
              excluded: prop<number>(s, 'prismaExcluded')!,
              assessed: prop<number>(s, 'prismaAssessed')!,
              included: prop<number>(s, 'prismaIncluded')!,
              searchedFrom: prop<string>(s, 'searchedFrom'),
              searchedTo: prop<string>(s, 'searchedTo'),
            },
    }),
    findings: t.field({
      type: [FindingRef],
      ...along('REPORTS', 'OUT'),
      args: findingArgs,
      resolve: (s, args, c) => afterLoad(neighbourNodes(c, s, 'REPORTS', 'OUT'), (all) => filterFindings(all, args)),
    }),
    includedIn: t.field({
      type: [StudyRef],
      ...along('INCLUDES', 'IN'),
      description: 'Reviews believed to include this study (see inclusions for the judgement).',
      resolve: (s, _a, c) => neighbourNodes(c, s, 'INCLUDES', 'IN'),
    }),
    includes: t.field({
      type: [StudyRef],
      ...along('INCLUDES', 'OUT'),
      description: 'For a review: the primary studies believed to be among those it included.',
      args: { judgement: t.arg({ type: [InclusionJudgementEnum], description: 'Only inclusions with these judgements.' }) },
      resolve: async (s, args, c) =>
        (await neighbours(c, s, 'INCLUDES', 'OUT'))
          .filter((n) => !args.judgement || args.judgement.includes(n.rel.props.judgement as 'LIKELY'))
          .map((n) => n.node),
    }),
    inclusions: t.field({
      type: [InclusionRef],
      ...reads(),
      description: 'Every review-includes-study link touching this study, with judgement and sources.',
      resolve: async (s, _a, c) => [
        ...(await neighbours(c, s, 'INCLUDES', 'IN')).map((n) => ({ review: n.node, study: s, link: n.rel })),
        ...(await neighbours(c, s, 'INCLUDES', 'OUT')).map((n) => ({ review: s, study: n.node, link: n.rel })),
      ],
    }),
  }),
});

const StudyFilter = builder.inputType('StudyFilter', {
  fields: (t) => ({
    text: t.string({ description: 'Case-insensitive substring of the label.' }),
    design: t.field({ type: [StudyDesignEnum] }),
    yearFrom: t.int(),
    yearTo: t.int(),
    category: t.string({ description: 'Studies with a finding in a condition of this ConditionCategory key.' }),
  }),
});

pluralRoot('studies', 'Study', StudyRef, 'Studies, paged; filter by design, year range, condition category.', {
  type: StudyFilter,
  toQuery: (f) => ({
    text: f.text,
    anyOf: f.design ? [{ property: 'design', values: f.design }] : [],
    ranges: f.yearFrom != null || f.yearTo != null ? [{ property: 'year', min: f.yearFrom, max: f.yearTo }] : [],
    category: f.category,
  }),
  keys: (f) => [{ argument: 'category', label: 'ConditionCategory', key: f.category }],
});

singularRoot('study', 'Study', StudyRef, 'A study by key, e.g. "pmid:40192197"; null when unknown.');
