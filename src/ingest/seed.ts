// Loads the validated corpus into Neo4j: schema first, then nodes, then relationships, in batches of
// UNWIND rows, one transaction per batch, all MERGE, so running it twice leaves the same graph.
import type { CypherLibrary } from '../graph/cypher.js';
import type { Executor } from '../db/executor.js';
import { setupSchema } from '../db/schema-setup.js';
import type { NodeLabel, RelationshipType } from '../graph-model.js';
import { dateWindow } from '../regulatory-status.js';
import { comparatorRoles, weakestConfidence, type Corpus, type Source } from './corpus-schema.js';
import { readCorpus, type LoadedCorpus } from './read-corpus.js';

type Row = Record<string, unknown>;
interface RelationshipRow {
  from: string;
  to: string;
  props: Row;
}

const BATCH_SIZE = 500;
export { weakestConfidence };

/** Drops undefined values (Neo4j stores no nulls) and encodes nested values as JSON strings. */
function props(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (v === undefined || v === null) continue;
    out[k] = typeof v === 'object' && !(Array.isArray(v) && v.every((x) => typeof x === 'string')) ? JSON.stringify(v) : v;
  }
  return out;
}

function entityRow(
  e: { key: string; name: string; synonyms?: string[]; xrefs?: { id: string }[]; sources: Source[]; description?: string },
  extra: Row = {},
  searchExtra: (string | undefined)[] = [],
): Row {
  const synonyms = e.synonyms ?? [];
  const xrefs = e.xrefs ?? [];
  return props({
    ...extra,
    key: e.key,
    keyNorm: e.key.toLowerCase(),
    name: e.name,
    synonyms,
    xrefs,
    description: e.description,
    sources: e.sources,
    confidence: weakestConfidence(e.sources),
    // What the full-text index reads besides the name: synonyms, the key and every cross-reference id.
    searchText: [e.key, ...synonyms, ...xrefs.map((x) => x.id), ...searchExtra].filter(Boolean).join(' | '),
  });
}

function relationship(from: string, to: string, sources: Source[], extra: Row = {}): RelationshipRow {
  return {
    from: from.toLowerCase(),
    to: to.toLowerCase(),
    props: props({ ...extra, sources, sourceCount: sources.length, confidence: weakestConfidence(sources) }),
  };
}

/** The first day a date of the given precision can mean, so "2023-04" counts from 2023-04-01 (for ordering). */
export const dateStart = (date: string): string => dateWindow(date).first;

export function corpusToGraph(corpus: Corpus): {
  nodes: Record<NodeLabel, Row[]>;
  relationships: Partial<Record<RelationshipType, RelationshipRow[]>>;
} {
  const studies = new Map(corpus['studies.json'].map((s) => [s.key, s]));
  const names = {
    drug: new Map(corpus['drugs.json'].map((d) => [d.key, d.name])),
    condition: new Map(corpus['conditions.json'].map((c) => [c.key, c.name])),
    product: new Map(corpus['products.json'].map((p) => [p.key, p.name])),
  };

  // A result names its drug (a Finding) or is the result of a comparator arm: those are kept beside the
  // findings of the same study, condition, endpoint and time point (`comparators`), never summed with them.
  const findings = corpus['findings.json'].filter((f): f is typeof f & { drug: string; route: string } => f.drug !== undefined);
  const comparatorResults = corpus['findings.json'].filter((f) => f.drug === undefined);
  const sameQuestion = (a: (typeof corpus)['findings.json'][number], b: typeof a) =>
    a.study === b.study && a.condition === b.condition && a.endpoint === b.endpoint && a.timepointWeeks === b.timepointWeeks;
  const armOf = (f: { study: string; arm?: string }) => studies.get(f.study)?.arms.find((a) => a.key === f.arm);
  const comparatorsOf = (f: (typeof findings)[number]) => {
    const found = comparatorResults
      // A report of several trials compares each arm with the comparators of its own trial only.
      .filter((c) => sameQuestion(c, f) && armOf(c)?.trial === armOf(f)?.trial)
      .map(({ key, arm, endpoint, timepointWeeks, patients, responders, responseRatePercent, summary, sources }) => ({
        key,
        arm: studies.get(f.study)?.arms.find((a) => a.key === arm),
        endpoint,
        timepointWeeks,
        patients,
        responders,
        responseRatePercent,
        summary,
        sources,
      }));
    return found.length ? found : undefined;
  };
  const controlled = (study: string) => studies.get(study)?.arms.some((a) => comparatorRoles.includes(a.role)) ?? false;

  const nodes: Record<NodeLabel, Row[]> = {
    Drug: corpus['drugs.json'].map((d) => entityRow(d, { routes: d.routes, developmentStatus: d.developmentStatus, selectivity: d.selectivity })),
    Target: corpus['targets.json'].map((t) => entityRow(t, { family: t.family })),
    Pathway: corpus['pathways.json'].map((p) => entityRow(p, { nameVerified: p.nameVerified })),
    ConditionCategory: corpus['condition-categories.json'].map((c) => entityRow(c)),
    Condition: corpus['conditions.json'].map((c) =>
      entityRow(c, { categoryBasis: c.categoryBasis, categoryConfidence: c.categoryConfidence, labelStatusNote: c.labelStatusNote }),
    ),
    Regulator: corpus['regulators.json'].map((r) => entityRow(r, { jurisdiction: r.jurisdiction })),
    Product: corpus['products.json'].map((p) => entityRow(p, { formulation: p.formulation, route: p.route, strength: p.strength })),
    Study: corpus['studies.json'].map((s) => {
      const { key, name, xrefs, sources, includedIn: _links, prisma, ...fields } = s;
      return entityRow(
        { key, name, xrefs, sources },
        {
          ...fields,
          prismaScreened: prisma?.screened,
          prismaExcluded: prisma?.excluded,
          prismaAssessed: prisma?.assessed,
          prismaIncluded: prisma?.included,
          searchedFrom: prisma?.searchedFrom,
          searchedTo: prisma?.searchedTo,
        },
        [s.pmid, s.doi, s.nctId, s.firstAuthor, s.title, s.curationId],
      );
    }),
    Finding: findings.map((f) => {
      const { key, study, drug, product, condition, sources, arm, ...fields } = f;
      const armOf = studies.get(study)?.arms.find((a) => a.key === arm);
      const name = `${studies.get(study)?.name ?? study}: ${names.drug.get(drug) ?? drug}${armOf ? ` (${armOf.label})` : ''} in ${names.condition.get(condition) ?? condition}`;
      return entityRow({ key, name, sources }, { ...fields, arm: armOf, comparators: comparatorsOf(f), controlled: controlled(study) });
    }),
    Approval: corpus['approvals.json'].map((a) => {
      const { key, regulator: _r, product, condition, sources, ...fields } = a;
      const name = `${a.issuingBody}: ${names.product.get(product) ?? product} for ${names.condition.get(condition) ?? condition} (${a.date})`;
      return entityRow({ key, name, sources }, { ...fields, dateStart: dateStart(a.date) });
    }),
    LabelSnapshot: corpus['labels.json'].map((l) => {
      const { key, regulator, drug, products: _p, sources, ...fields } = l;
      const verb = l.status === 'AUTHORISED' ? (l.complete ? 'label' : 'label (in part)') : 'no authorisation';
      return entityRow({ key, name: `${regulator}: ${names.drug.get(drug) ?? drug} ${verb}`, sources }, fields);
    }),
  };

  const pathwaySources = new Map(corpus['pathways.json'].map((p) => [p.key, p.sources]));
  const productSources = new Map(corpus['products.json'].map((p) => [p.key, p.sources]));
  const relationships: Partial<Record<RelationshipType, RelationshipRow[]>> = {
    INTERACTS_WITH: corpus['interactions.json'].map((i) =>
      relationship(i.drug, i.target, i.sources, { action: i.action, primary: i.primary, potencyNm: i.potencyNm, potencyType: i.potencyType }),
    ),
    PARTICIPATES_IN: corpus['target-pathways.json'].map((l) => relationship(l.target, l.pathway, l.sources)),
    PART_OF: corpus['pathways.json'].filter((p) => p.parent).map((p) => relationship(p.key, p.parent!, pathwaySources.get(p.key)!)),
    IMPLICATED_IN: corpus['pathway-conditions.json'].map((l) => relationship(l.pathway, l.condition, l.sources, { note: l.note })),
    IN_CATEGORY: corpus['conditions.json']
      .filter((c) => c.category)
      .map((c) =>
        relationship(
          c.key,
          c.category!,
          [
            {
              citation: 'jak-kg curated facts (shared/facts/conditions.tsv, spadafora_category)',
              confidence: c.categoryConfidence ?? 'PARTIAL',
              note: c.categoryBasis,
            },
          ],
          { basis: c.categoryBasis },
        ),
      ),
    CONTAINS: corpus['products.json'].map((p) => relationship(p.key, p.drug, p.sources)),
    REPORTS: findings.map((f) => relationship(f.study, f.key, f.sources)),
    OF_DRUG: findings.map((f) => relationship(f.key, f.drug, f.sources)),
    IN_CONDITION: findings.map((f) => relationship(f.key, f.condition, f.sources)),
    WITH_PRODUCT: findings.filter((f) => f.product).map((f) => relationship(f.key, f.product!, productSources.get(f.product!) ?? f.sources)),
    INCLUDES: corpus['studies.json'].flatMap((s) =>
      s.includedIn.map((inc) => relationship(inc.review, s.key, inc.sources, { judgement: inc.judgement, basis: inc.basis })),
    ),
    ISSUED: corpus['approvals.json'].map((a) => relationship(a.regulator, a.key, a.sources)),
    FOR_PRODUCT: corpus['approvals.json'].map((a) => relationship(a.key, a.product, a.sources)),
    FOR_CONDITION: corpus['approvals.json'].map((a) => relationship(a.key, a.condition, a.sources)),
    PUBLISHED: corpus['labels.json'].map((l) => relationship(l.regulator, l.key, l.sources)),
    LABEL_OF: corpus['labels.json'].map((l) => relationship(l.key, l.drug, l.sources)),
    COVERS: corpus['labels.json'].flatMap((l) => l.products.map((p) => relationship(l.key, p, l.sources))),
  };
  return { nodes, relationships };
}

/** Called after every batch: the label or relationship type written, and items (nodes + relationships) so far. */
export type SeedProgress = (step: { what: string; done: number; total: number }) => void;

export interface SeedResult {
  version: string;
  nodes: number;
  relationships: number;
}

/** Validates everything first (a bad file throws before the first write), then writes batch by batch. */
export async function seed(
  executor: Executor,
  cypher: CypherLibrary,
  options: { dataDir?: string; loaded?: LoadedCorpus; progress?: SeedProgress } = {},
): Promise<SeedResult> {
  const { corpus, version } = options.loaded ?? readCorpus(options.dataDir);
  const graph = corpusToGraph(corpus);
  await setupSchema(executor);

  const total =
    Object.values(graph.nodes).reduce((n, rows) => n + rows.length, 0) + Object.values(graph.relationships).reduce((n, rows) => n + rows!.length, 0);
  let done = 0;
  let nodeCount = 0;
  for (const [label, rows] of Object.entries(graph.nodes) as [NodeLabel, Row[]][]) {
    for (let i = 0; i < rows.length; i += BATCH_SIZE) {
      const batch = rows.slice(i, i + BATCH_SIZE);
      await executor.write(`seed:${label}`, cypher.forLabel('seed-nodes', label), { rows: batch, version });
      done += batch.length;
      options.progress?.({ what: label, done, total });
    }
    nodeCount += rows.length;
  }
  let relationshipCount = 0;
  for (const [type, rows] of Object.entries(graph.relationships) as [RelationshipType, RelationshipRow[]][]) {
    for (let i = 0; i < rows.length; i += BATCH_SIZE) {
      const batch = rows.slice(i, i + BATCH_SIZE);
      await executor.write(`seed:${type}`, cypher.seedRelationships(type), { rows: batch, version });
      done += batch.length;
      options.progress?.({ what: type, done, total });
    }
    relationshipCount += rows.length;
  }
  await executor.write('seed:prune', cypher.query('prune-corpus'), { version });
  await executor.write('seed:version', cypher.query('set-corpus-version'), { version });
  return { version, nodes: nodeCount, relationships: relationshipCount };
}
