// The export tables: their columns (a fixed order), their filters (query parameters, validated), the Cypher
// they stream and how one record becomes rows. Served over HTTP by src/export/routes.ts and written to files
// by the CLI (src/cli/), both through src/export/stream.ts.
import type { Node, Record as Neo4jRecord } from 'neo4j-driver';
import type { CypherLibrary } from '../graph/cypher.js';
import type { Statement } from '../db/executor.js';
import { toEntity, toRelationship } from '../graph/records.js';
import {
  entityListProperties,
  entityProperties,
  internalProperties,
  nodeLabels,
  nodeProperties,
  relationships,
  type NodeLabel,
  type RelationshipType,
} from '../graph-model.js';
import { route, studyDesign } from '../ingest/corpus-schema.js';
import { armOf, comparatorsOf, rateOf } from '../arms.js';
import { dateWindow, regulatoryFacts, statusesOfUse, today, useStatuses } from '../regulatory-status.js';
import type { Row } from './encode.js';

/** A bad export request: unknown table, unknown or repeated parameter, bad value. */
export class ExportRequestError extends Error {
  constructor(
    message: string,
    readonly code: 'BAD_USER_INPUT' | 'NOT_FOUND',
    readonly status: 400 | 404,
  ) {
    super(message);
  }
}

const bad = (message: string) => new ExportRequestError(message, 'BAD_USER_INPUT', 400);

export interface Filter {
  description: string;
  /** The label whose key the filter names: a key that names nothing is refused (UNKNOWN_KEY), never an empty table. */
  label?: NodeLabel;
  /** The value as the Cypher parameter wants it; throws ExportRequestError on a bad value. */
  parse(name: string, value: string): unknown;
}

export type Filters = Record<string, unknown>;

export interface ExportTable {
  /** The path under /export without extension: nodes, nodes/Drug, edges, edges/INTERACTS_WITH, evidence, uses. */
  name: string;
  description: string;
  columns: readonly string[];
  filters: Record<string, Filter>;
  statements(cypher: CypherLibrary, filters: Filters): Statement[];
  /** Statements each returning one `total` (summed): the row count, where it is cheap to know in advance. */
  countStatements?(cypher: CypherLibrary, filters: Filters): Statement[];
  /** The rows of one record (one, or for uses one per regulator). */
  rows(record: Neo4jRecord, filters: Filters): Row[];
}

// ---- filters ----

const keyFilter = (what: string, label?: NodeLabel): Filter => ({
  label,
  description: `${what} key (case-insensitive)`,
  parse: (name, value) => {
    if (!value.trim() || value.length > 200) throw bad(`${name} must be a key of 1 to 200 characters.`);
    return value.trim().toLowerCase();
  },
});

const booleanFilter = (description: string): Filter => ({
  description: `${description}: true or false`,
  parse: (name, value) => {
    if (value !== 'true' && value !== 'false') throw bad(`${name} must be true or false.`);
    return value === 'true';
  },
});

const enumFilter = (values: readonly string[], description: string): Filter => ({
  description: `${description}: ${values.join(', ')}`,
  parse: (name, value) => {
    const upper = value.toUpperCase();
    if (!values.includes(upper)) throw bad(`${name} must be one of ${values.join(', ')}.`);
    return upper;
  },
});

/** A comma-separated subset of names (labels or relationship types), matched case-insensitively. */
const namesFilter = (names: readonly string[], description: string): Filter => ({
  description: `${description}, comma-separated: ${names.join(', ')}`,
  parse: (name, value) => {
    const picked = value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean)
      .map((v) => {
        const found = names.find((n) => n.toLowerCase() === v.toLowerCase());
        if (!found) throw bad(`${name} has an unknown value ${JSON.stringify(v)}; expected ${names.join(', ')}.`);
        return found;
      });
    if (picked.length === 0) throw bad(`${name} must name at least one of ${names.join(', ')}.`);
    return picked;
  },
});

const routes = route.options;
const designs = studyDesign.options;
const regulatorFilter: Filter = {
  label: 'Regulator',
  description: 'regulator acronym (FDA, EMA, MHRA, PMDA)',
  parse: (name, value) => {
    if (!/^[A-Za-z]{2,10}$/.test(value)) throw bad(`${name} must be an agency acronym such as FDA, EMA or MHRA.`);
    return value.toUpperCase();
  },
};

/** The query parameters as filter values; unknown, repeated or empty parameters are refused. */
export function parseFilters(table: ExportTable, params: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const name of new Set(params.keys())) {
    const filter = table.filters[name];
    const allowed = Object.keys(table.filters);
    if (!filter) {
      throw bad(`Unknown parameter ${JSON.stringify(name)} for ${table.name}; ${allowed.length ? `allowed: ${allowed.join(', ')}` : 'it takes none'}.`);
    }
    const values = params.getAll(name);
    if (values.length > 1) throw bad(`Parameter ${name} is given ${values.length} times; give it once.`);
    if (values[0] === '') throw bad(`Parameter ${name} is empty.`);
    filters[name] = filter.parse(name, values[0]);
  }
  return filters;
}

/** The key filters given, with the label each must name (checked against the graph before exporting). */
export function keyChecks(table: ExportTable, filters: Filters): { argument: string; label: NodeLabel; key: string }[] {
  return Object.entries(filters).flatMap(([name, value]) => {
    const label = table.filters[name]?.label;
    return label && typeof value === 'string' ? [{ argument: name, label, key: value }] : [];
  });
}

// ---- nodes ----

const commonColumns = new Set<string>([...entityProperties, ...entityListProperties, ...internalProperties]);

function entityValues(node: Node): Row {
  const entity = toEntity(node);
  return {
    key: entity.key,
    name: entity.name,
    confidence: entity.props.confidence ?? null,
    description: entity.props.description ?? null,
    synonyms: entity.synonyms,
    xrefs: entity.xrefs,
    sources: entity.sources,
  };
}

/** The label's own properties, sorted by name (the all-types table keeps them in one `properties` column). */
function otherProperties(node: Node): Row {
  const props = node.properties as Row;
  return Object.fromEntries(
    Object.keys(props)
      .filter((k) => !commonColumns.has(k))
      .sort()
      .map((k) => [k, props[k]]),
  );
}

const nodeStatements = (cypher: CypherLibrary, labels: readonly NodeLabel[], name: 'export-nodes' | 'export-count-nodes') =>
  labels.map((label) => ({ cypher: cypher.forLabel(name, label) }));

const allNodes: ExportTable = {
  name: 'nodes',
  description: 'Every entity of the graph, label by label (in model order), each in key order; type-specific properties as one JSON object.',
  columns: ['type', ...entityProperties, ...entityListProperties, 'properties'],
  filters: { type: namesFilter(nodeLabels, 'node labels') },
  statements: (cypher, f) => nodeStatements(cypher, (f.type as NodeLabel[] | undefined) ?? nodeLabels, 'export-nodes'),
  countStatements: (cypher, f) => nodeStatements(cypher, (f.type as NodeLabel[] | undefined) ?? nodeLabels, 'export-count-nodes'),
  rows: (record) => {
    const node = record.get('n') as Node;
    return [{ type: toEntity(node).label, ...entityValues(node), properties: otherProperties(node) }];
  },
};

function nodesOf(label: NodeLabel): ExportTable {
  return {
    name: `nodes/${label}`,
    description: `Every ${label} in key order, one column per property.`,
    // The entity's own properties first, the label's next, the JSON-encoded lists last (src/graph-model.ts).
    columns: [...entityProperties, ...nodeProperties[label], ...entityListProperties],
    filters: {},
    statements: (cypher) => nodeStatements(cypher, [label], 'export-nodes'),
    countStatements: (cypher) => nodeStatements(cypher, [label], 'export-count-nodes'),
    rows: (record) => {
      const node = record.get('n') as Node;
      return [{ ...(node.properties as Row), ...entityValues(node) }];
    },
  };
}

// ---- edges ----

const relationshipTypes = Object.keys(relationships) as RelationshipType[];
const edgeFilters = { from: keyFilter('start node'), to: keyFilter('end node') };

const edgeStatements = (cypher: CypherLibrary, types: readonly RelationshipType[], f: Filters, name: 'export-edges' | 'export-count-edges') =>
  types.map((type) => ({ cypher: cypher.forRelationship(name, type), params: { from: f.from ?? null, to: f.to ?? null } }));

const allEdges: ExportTable = {
  name: 'edges',
  description: 'Every relationship of the graph, type by type (in model order), each in (from, to) key order; type-specific properties as one JSON object.',
  columns: ['type', 'fromType', 'from', 'toType', 'to', 'confidence', 'sources', 'properties'],
  filters: { type: namesFilter(relationshipTypes, 'relationship types'), ...edgeFilters },
  statements: (cypher, f) => edgeStatements(cypher, (f.type as RelationshipType[] | undefined) ?? relationshipTypes, f, 'export-edges'),
  countStatements: (cypher, f) => edgeStatements(cypher, (f.type as RelationshipType[] | undefined) ?? relationshipTypes, f, 'export-count-edges'),
  rows: (record) => {
    const type = record.get('type') as RelationshipType;
    const spec = relationships[type];
    const rel = toRelationship(record.get('props'));
    const properties = Object.fromEntries(spec.properties.filter((p) => rel.props[p] !== undefined).map((p) => [p, rel.props[p]]));
    return [
      {
        type,
        fromType: spec.from,
        from: record.get('from'),
        toType: spec.to,
        to: record.get('to'),
        confidence: rel.props.confidence ?? null,
        sources: rel.sources,
        properties,
      },
    ];
  },
};

function edgesOf(type: RelationshipType): ExportTable {
  const spec = relationships[type];
  return {
    name: `edges/${type}`,
    description: `Every (${spec.from})-[:${type}]->(${spec.to}) in (from, to) key order. ${spec.meaning}`,
    columns: ['from', 'to', ...spec.properties, 'confidence', 'sources'],
    filters: edgeFilters,
    statements: (cypher, f) => edgeStatements(cypher, [type], f, 'export-edges'),
    countStatements: (cypher, f) => edgeStatements(cypher, [type], f, 'export-count-edges'),
    rows: (record) => {
      const rel = toRelationship(record.get('props'));
      return [{ ...rel.props, from: record.get('from'), to: record.get('to'), sources: rel.sources }];
    },
  };
}

// ---- evidence and uses ----

const evidence: ExportTable = {
  name: 'evidence',
  description:
    "One row per finding (one arm of the drug, or a report of one group): the study that reports it, its design, the arm, its counts and outcome, the comparator arms' results for the same endpoint beside it (never summed in), and sources. The rows of one (drug, condition[, route]) are the findings of the GraphQL evidence(drug, condition, route); retracted findings only with includeRetracted=true.",
  columns: [
    'drug',
    'condition',
    'category',
    'route',
    'study',
    'studyName',
    'design',
    'year',
    'pmid',
    'nctId',
    'finding',
    'arm',
    'armRole',
    'dose',
    'endpoint',
    'timepointWeeks',
    'primary',
    'patients',
    'responders',
    'responseRate',
    'responseRatePercent',
    'responderDefinition',
    'outcome',
    'outcomeAsReported',
    'durationWeeks',
    'controlled',
    'comparatorArms',
    'comparatorPatients',
    'comparatorResponders',
    'comparatorResponseRate',
    'comparatorResponseRatePercent',
    'summary',
    'retracted',
    'confidence',
    'sources',
  ],
  filters: {
    drug: keyFilter('drug', 'Drug'),
    condition: keyFilter('condition', 'Condition'),
    route: enumFilter(routes, 'route'),
    category: keyFilter('condition category', 'ConditionCategory'),
    study: keyFilter('study', 'Study'),
    design: enumFilter(designs, 'study design'),
    includeRetracted: booleanFilter('also the findings a curator retracted (as GraphQL evidence(includeRetracted: true))'),
  },
  statements: (cypher, f) => [
    {
      cypher: cypher.query('export-evidence'),
      params: {
        drug: f.drug ?? null,
        condition: f.condition ?? null,
        route: f.route ?? null,
        category: f.category ?? null,
        study: f.study ?? null,
        design: f.design ?? null,
        includeRetracted: f.includeRetracted ?? false,
      },
    },
  ],
  rows: (record) => {
    const study = toEntity(record.get('study'));
    const finding = toEntity(record.get('finding'));
    const p = finding.props;
    const arm = armOf(finding);
    const comparators = comparatorsOf(finding);
    // With one comparator (the usual placebo or vehicle) its counts stand in their own columns; with several,
    // comparatorArms names each and the counts are left to the GraphQL Finding.comparators.
    const only = comparators.length === 1 ? comparators[0] : null;
    return [
      {
        drug: record.get('drug'),
        condition: record.get('condition'),
        category: record.get('category'),
        route: p.route,
        study: study.key,
        studyName: study.name,
        design: study.props.design,
        year: study.props.year,
        pmid: study.props.pmid,
        nctId: study.props.nctId,
        finding: finding.key,
        arm: arm?.label,
        armRole: arm?.role,
        dose: arm?.dose,
        endpoint: p.endpoint,
        timepointWeeks: p.timepointWeeks,
        primary: p.primary,
        patients: p.patients,
        responders: p.responders,
        responseRate: rateOf({ patients: p.patients as number | undefined, responders: p.responders as number | undefined }),
        responseRatePercent: p.responseRatePercent,
        responderDefinition: p.responderDefinition,
        outcome: p.outcome,
        outcomeAsReported: p.outcomeAsReported,
        durationWeeks: p.durationWeeks,
        controlled: p.controlled === true,
        comparatorArms: comparators.length ? comparators.map((c) => c.arm?.label ?? c.key).join('; ') : null,
        comparatorPatients: only?.patients,
        comparatorResponders: only?.responders,
        comparatorResponseRate: only ? rateOf(only) : null,
        comparatorResponseRatePercent: only?.responseRatePercent,
        summary: p.summary,
        retracted: p.retracted === true,
        confidence: p.confidence,
        sources: finding.sources,
      },
    ];
  },
};

const uses: ExportTable = {
  name: 'uses',
  description:
    "One row per (drug, condition, route, regulator): the status of the use under that regulator today, by the rule of the GraphQL uses(regulator:) (src/regulatory-status.ts), with why (explanation), the approvals or label snapshot it rests on, and, where APPROVED, the first authorisation's date.",
  columns: ['drug', 'condition', 'route', 'regulator', 'status', 'explanation', 'date', 'dateAsReported', 'approvals', 'label'],
  filters: {
    drug: keyFilter('drug', 'Drug'),
    condition: keyFilter('condition', 'Condition'),
    route: enumFilter(routes, 'route'),
    regulator: regulatorFilter,
    status: enumFilter(useStatuses, 'status under the regulator'),
  },
  statements: (cypher, f) => [
    {
      cypher: cypher.query('uses'),
      params: { drugs: f.drug ? [f.drug] : null, condition: f.condition ?? null, route: f.route ?? null },
    },
  ],
  rows: (record, f) => {
    const drug = (record.get('d') as Node).properties.key as string;
    const condition = (record.get('c') as Node).properties.key as string;
    const route = record.get('route') as string;
    const facts = regulatoryFacts(record);
    const regulators = (record.get('regulators') as string[]).filter((r) => !f.regulator || r === f.regulator);
    return statusesOfUse(regulators, { drug, condition, routes: [route] }, facts, today())
      .map((s) => {
        const first = facts.authorisations
          .filter((a) => s.approvals.includes(a.key))
          .sort((a, b) => dateWindow(a.date).first.localeCompare(dateWindow(b.date).first) || a.key.localeCompare(b.key))[0];
        return {
          drug,
          condition,
          route,
          regulator: s.regulator,
          status: s.status,
          explanation: s.explanation,
          date: s.status === 'APPROVED' && first ? dateWindow(first.date).first : null,
          dateAsReported: s.status === 'APPROVED' && first ? first.date : null,
          approvals: s.approvals.length ? s.approvals.join('; ') : null,
          label: s.label,
        };
      })
      .filter((row) => !f.status || row.status === f.status);
  },
};

// ---- the registry ----

export const exportTables: ExportTable[] = [allNodes, ...nodeLabels.map(nodesOf), allEdges, ...relationshipTypes.map(edgesOf), evidence, uses];

/** The table a path names (nodes/drug finds nodes/Drug), or a 404 ExportRequestError. */
export function findTable(name: string): ExportTable {
  const table = exportTables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  if (!table) {
    throw new ExportRequestError(
      `No export table ${JSON.stringify(name)}. Tables: nodes, nodes/<Label>, edges, edges/<TYPE>, evidence, uses (GET /export lists them all).`,
      'NOT_FOUND',
      404,
    );
  }
  return table;
}
