// Writes an import plan into the graph through the seed's own shapes: the plan's rows become a corpus, which
// corpusToGraph turns into node and relationship rows, written with the seed's MERGE statements (by key, so a
// second run of the same file changes nothing). Everything goes in one write transaction: all or nothing.
// Imported nodes and relationships carry importedFrom (the file name) and importSource; a node of the curated
// corpus (data/, no importedFrom) with the same key is never overwritten: the plan's row is dropped and said so.
import { basename } from 'node:path';
import type { CypherLibrary } from '../graph/cypher.js';
import type { Executor } from '../db/executor.js';
import type { NodeLabel, RelationshipType } from '../graph-model.js';
import type { Corpus } from '../ingest/corpus-schema.js';
import { corpusToGraph } from '../ingest/seed.js';
import type { GraphIndex } from './graph-index.js';
import type { ImportPlan } from './shared.js';

const BATCH_SIZE = 500;

/** The node labels an import writes, in order; drugs, conditions, regulators are only ever matched. */
const importedLabels: NodeLabel[] = ['Product', 'Study', 'Finding', 'Approval', 'LabelSnapshot'];
const importedRelationships: RelationshipType[] = [
  'CONTAINS',
  'REPORTS',
  'OF_DRUG',
  'IN_CONDITION',
  'WITH_PRODUCT',
  'ISSUED',
  'FOR_PRODUCT',
  'FOR_CONDITION',
  'PUBLISHED',
  'LABEL_OF',
  'COVERS',
];

export interface WriteResult {
  nodes: number;
  relationships: number;
  /** Products whose Drugs@FDA applications were recorded. */
  applications: number;
}

type Row = Record<string, unknown>;

/**
 * Drops the rows whose key belongs to a curated node (the graph's curated facts win), and the findings of a
 * study so dropped. Says what it dropped in the plan's notes.
 */
export function keepCurated(plan: ImportPlan, index: GraphIndex): void {
  const curated = (key: string) => {
    const found = index.existing.get(key.toLowerCase());
    return found !== undefined && !found.importedFrom;
  };
  const dropped = new Set<string>();
  plan.studies = plan.studies.filter((s) => {
    if (!curated(s.key)) return true;
    dropped.add(s.key);
    plan.notes.push(`kept curated: study ${s.key} is in the curated corpus; not overwritten`);
    return false;
  });
  plan.findings = plan.findings.filter((f) => !dropped.has(f.study) && !curated(f.key));
  for (const kind of ['approvals', 'labels'] as const) {
    (plan[kind] as { key: string }[]) = (plan[kind] as { key: string }[]).filter((row) => {
      if (!curated(row.key)) return true;
      plan.notes.push(`kept curated: ${kind === 'labels' ? 'label snapshot' : 'approval'} ${row.key} is in the curated corpus; not overwritten`);
      return false;
    });
  }
}

/** The node and relationship rows of a plan, as the seed would write them, marked as imported. */
export function planToGraph(plan: ImportPlan, index: GraphIndex) {
  const newProducts = new Set(plan.products.map((p) => p.key));
  const entity = (key: string, name: string) => ({ key, name, synonyms: [], xrefs: [], sources: [] });
  // corpusToGraph reads the names of drugs, conditions and products for the names of findings and approvals;
  // the graph's own entities stand in for them here (their nodes are not written).
  const corpus = {
    'drugs.json': index.drugs.map((d) => entity(d.key, d.name)),
    'targets.json': [],
    'pathways.json': [],
    'condition-categories.json': [],
    'conditions.json': index.conditions.map((c) => entity(c.key, c.name)),
    'regulators.json': [],
    'products.json': [
      ...index.products.filter((p) => !newProducts.has(p.key)).map((p) => ({ ...entity(p.key, p.name), drug: p.drug, route: p.route })),
      ...plan.products,
    ],
    'interactions.json': [],
    'target-pathways.json': [],
    'pathway-conditions.json': [],
    'studies.json': plan.studies,
    'findings.json': plan.findings,
    'approvals.json': plan.approvals,
    'labels.json': plan.labels,
  } as unknown as Corpus;
  const graph = corpusToGraph(corpus);
  const marks = { importedFrom: basename(plan.file), importSource: plan.source };
  const nodes = importedLabels.map((label) => ({
    label,
    rows: (graph.nodes[label] ?? []).filter((row) => label !== 'Product' || newProducts.has(row.key as string)).map((row) => ({ ...row, ...marks })),
  }));
  const relationships = importedRelationships.map((type) => ({
    type,
    rows: (graph.relationships[type] ?? [])
      .filter((row) => type !== 'CONTAINS' || newProducts.has(plan.products.find((p) => p.key.toLowerCase() === row.from)?.key ?? ''))
      .map((row) => ({ ...row, props: { ...row.props, ...marks } })),
  }));
  return { nodes, relationships };
}

/** Writes the plan in one transaction; progress after every batch, with the rows written so far. */
export async function writePlan(
  executor: Executor,
  cypher: CypherLibrary,
  plan: ImportPlan,
  index: GraphIndex,
  progress?: (done: number, total: number, what: string) => void,
): Promise<WriteResult> {
  const { nodes, relationships } = planToGraph(plan, index);
  const applicationRows = applicationsByProduct(plan, index);
  const total = nodes.reduce((n, l) => n + l.rows.length, 0) + relationships.reduce((n, r) => n + r.rows.length, 0) + applicationRows.length;
  return executor.writeTransaction(`import:${plan.source}`, async (tx) => {
    let done = 0;
    const run = async (what: string, statement: string, rows: Row[]) => {
      for (let i = 0; i < rows.length; i += BATCH_SIZE) {
        const batch = rows.slice(i, i + BATCH_SIZE);
        // version null: imported rows are not the corpus's, so a later seed never prunes them (prune-corpus.cypher).
        await tx.run(statement, { rows: batch, version: null });
        done += batch.length;
        progress?.(done, total, what);
      }
    };
    for (const { label, rows } of nodes) await run(label, cypher.forLabel('seed-nodes', label), rows);
    for (const { type, rows } of relationships) await run(type, cypher.seedRelationships(type), rows as unknown as Row[]);
    await run('fdaApplications', cypher.query('import-fda-applications'), applicationRows);
    return {
      nodes: nodes.reduce((n, l) => n + l.rows.length, 0),
      relationships: relationships.reduce((n, r) => n + r.rows.length, 0),
      applications: applicationRows.length,
    };
  });
}

/** Each product's Drugs@FDA applications after this import: those it had, the same numbers replaced. */
function applicationsByProduct(plan: ImportPlan, index: GraphIndex): Row[] {
  const byProduct = new Map<string, ImportPlan['applications'][number]['application'][]>();
  for (const { product, application } of plan.applications) {
    const current = byProduct.get(product) ?? index.products.find((p) => p.key === product)?.fdaApplications ?? [];
    byProduct.set(
      product,
      [...current.filter((a) => a.applicationNumber !== application.applicationNumber), application].sort((a, b) =>
        a.applicationNumber.localeCompare(b.applicationNumber),
      ),
    );
  }
  return [...byProduct].map(([product, applications]) => ({ product: product.toLowerCase(), applications: JSON.stringify(applications) }));
}
