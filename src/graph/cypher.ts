// Every Cypher statement lives in cypher/*.cypher and is read once, here, at start-up.
// A missing file fails the start, not a request.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { projection } from './records.js';
import { nodeLabels, relationships, type Direction, type NodeLabel, type RelationshipType } from '../graph-model.js';

/** The longest path `paths` may search: its cost grows with the graph's branching to this power. */
export const MAX_PATH_LENGTH = 6;

export const cypherDir = fileURLToPath(new URL('../../cypher/', import.meta.url));

const queryNames = [
  'corpus-stats',
  'corpus-version',
  'set-corpus-version',
  'search',
  'mechanisms',
  'evidence',
  'uses',
  'approvals-of-drugs',
  'approvals-of-conditions',
  'approvals-of-products',
  'ping',
  'export-evidence',
  'finding-write-refs',
  'create-finding',
  'retract-finding',
  'audit-events',
  'relationship-sources',
  'prune-corpus',
  'import-graph-index',
  'import-fda-applications',
] as const;

export type QueryName = (typeof queryNames)[number];

// `{{INCLUDE name}}`: the fragment cypher/name.cypher, without its comments.
// `{{PROJECT f Finding}}` / `{{PROJECT n}}` stay in the text: each request writes in the properties its
// selection reads (projectedStatement).
function readCypher(name: string): string {
  return readFileSync(`${cypherDir}${name}.cypher`, 'utf8').replace(/\{\{INCLUDE ([\w-]+)\}\}/g, (_all, fragment: string) =>
    readCypher(fragment)
      .split('\n')
      .filter((line) => !line.trim().startsWith('//'))
      .join('\n')
      .trim(),
  );
}

const projectedStatements = new Map<string, string>();
const MAX_PROJECTED_STATEMENTS = 500;

/**
 * The statement with each `{{PROJECT v Label}}` (or `{{PROJECT v}}`, any label) written as the projection of
 * the properties `reads[v]` asks for (src/graph/records.ts projection). A query's shape repeats: each text is
 * built once, and the memo is bounded, so no client can grow it without end.
 */
export function projectedStatement(statement: string, reads: Record<string, ReadonlySet<string> | 'all'>): string {
  const id = statement + JSON.stringify(Object.entries(reads).map(([v, r]) => [v, r === 'all' ? r : [...r].sort()]));
  let text = projectedStatements.get(id);
  if (text === undefined) {
    text = statement.replace(/\{\{PROJECT (\w+)(?: (\w+))?\}\}/g, (_all, variable: string, label?: NodeLabel) =>
      projection(variable, label ?? null, reads[variable] ?? new Set()),
    );
    if (projectedStatements.size >= MAX_PROJECTED_STATEMENTS) projectedStatements.delete(projectedStatements.keys().next().value!);
    projectedStatements.set(id, text);
  }
  return text;
}

/** Statements split on `;` at line ends, comments dropped (for schema files with one statement per line). */
export function readStatements(name: string): string[] {
  return readCypher(name)
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface CypherLibrary {
  query(name: QueryName): string;
  /**
   * The neighbours of many nodes along one relationship type, one direction, as complete records; with the
   * relationships' properties when `withLinks`.
   */
  neighbours(type: RelationshipType, direction: Direction, withLinks: boolean): string;
  /** Simple paths up to maxLength steps (1..MAX_PATH_LENGTH). */
  paths(maxLength: number): string;
  /** The upsert of one relationship type (seed). */
  seedRelationships(type: RelationshipType): string;
  /** A per-label query (nodes by keys, a page of nodes) with the label written in. */
  forLabel(name: LabelQueryName, label: NodeLabel): string;
  /** A per-relationship-type query (export) with the type and its end labels written in. */
  forRelationship(name: RelationshipQueryName, type: RelationshipType): string;
}

const labelQueryNames = ['nodes-by-keys', 'node-page', 'seed-nodes', 'export-nodes', 'export-count-nodes'] as const;
export type LabelQueryName = (typeof labelQueryNames)[number];
const relationshipQueryNames = ['export-edges', 'export-count-edges'] as const;
export type RelationshipQueryName = (typeof relationshipQueryNames)[number];

/**
 * paths.cypher for one maximum length: one paths-of-length.cypher block per length, shortest first. The
 * pattern of length L is (a)--(n1)--...--(b) with every pair of its nodes distinct (a simple path).
 */
export function pathsStatement(maxLength: number): string {
  const perLength = readCypher('paths-of-length')
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .trim();
  const blocks: string[] = [];
  for (let length = 1; length <= maxLength; length++) {
    const nodes = ['a', ...Array.from({ length: length - 1 }, (_, i) => `n${i + 1}`), 'b'];
    const distinct: string[] = [];
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) if (!(i === 0 && j === nodes.length - 1)) distinct.push(`${nodes[i]} <> ${nodes[j]}`);
    }
    const found = Array.from({ length: length - 1 }, (_, i) => `length${i + 1}`);
    blocks.push(
      perLength
        .split('\n')
        .map((line) => `  ${line}`)
        .join('\n')
        .replaceAll('{{LENGTH}}', String(length))
        .replaceAll('{{FOUND_VARIABLES}}', found.map((v) => `, ${v}`).join(''))
        .replaceAll('{{FOUND_COUNT}}', found.length ? found.map((v) => `size(${v})`).join(' + ') : '0')
        .replaceAll('{{PATTERN}}', nodes.map((n) => `(${n})`).join('--'))
        .replaceAll('{{DISTINCT_NODES}}', distinct.length ? distinct.join(' AND ') : 'true'),
    );
  }
  return readCypher('paths')
    .replaceAll('{{BY_LENGTH}}', blocks.join('\n'))
    .replaceAll('{{FOUND}}', Array.from({ length: maxLength }, (_, i) => `length${i + 1}`).join(' + '));
}

export function loadCypherLibrary(): CypherLibrary {
  const queries = new Map(queryNames.map((name) => [name, readCypher(name)]));
  // One template, instantiated per relationship type and direction from the graph model. The substituted
  // parts are constants of src/graph-model.ts, never user input, so labels and types stay static and the
  // planner can seek on the key constraints.
  const templates = { OUT: readCypher('neighbours-out'), IN: readCypher('neighbours-in') };
  const neighbours = new Map<string, string>();
  for (const [type, spec] of Object.entries(relationships)) {
    for (const direction of ['OUT', 'IN'] as const) {
      const [self, other] = direction === 'OUT' ? [spec.from, spec.to] : [spec.to, spec.from];
      for (const withLinks of [true, false]) {
        neighbours.set(
          `${type}:${direction}:${withLinks}`,
          templates[direction]
            .replaceAll('{{ITEM}}', withLinks ? '{node: m {.*}, id: elementId(r), rel: r {.*, sources: null}}' : '{node: m {.*}}')
            .replaceAll('{{SELF}}', self)
            .replaceAll('{{TYPE}}', type)
            .replaceAll('{{OTHER}}', other),
        );
      }
    }
  }
  const perLabel = new Map<string, string>();
  for (const name of labelQueryNames) {
    const template = readCypher(name);
    for (const label of nodeLabels) perLabel.set(`${name}:${label}`, template.replaceAll('{{LABEL}}', label));
  }
  const perRelationship = new Map<string, string>();
  for (const name of relationshipQueryNames) {
    const template = readCypher(name);
    for (const [type, spec] of Object.entries(relationships)) {
      perRelationship.set(`${name}:${type}`, template.replaceAll('{{FROM}}', spec.from).replaceAll('{{TYPE}}', type).replaceAll('{{TO}}', spec.to));
    }
  }
  const seedTemplate = readCypher('seed-relationships');
  const seedRelationships = new Map(
    Object.entries(relationships).map(([type, spec]) => [
      type,
      seedTemplate.replaceAll('{{FROM}}', spec.from).replaceAll('{{TYPE}}', type).replaceAll('{{TO}}', spec.to),
    ]),
  );
  const paths = Array.from({ length: MAX_PATH_LENGTH }, (_, i) => pathsStatement(i + 1));
  return {
    query: (name) => queries.get(name)!,
    paths: (maxLength) => paths[maxLength - 1],
    seedRelationships: (type) => seedRelationships.get(type)!,
    forLabel: (name, label) => perLabel.get(`${name}:${label}`)!,
    forRelationship: (name, type) => perRelationship.get(`${name}:${type}`)!,
    neighbours: (type, direction, withLinks) => neighbours.get(`${type}:${direction}:${withLinks}`)!,
  };
}
