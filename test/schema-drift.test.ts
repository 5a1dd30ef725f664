// The committed SDL (schema/schema.graphql) must be exactly what the code serves.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printedSchema, schemaFile } from '../src/schema/print.js';

describe('committed schema', () => {
  it('matches the schema built from the code (run `npm run schema:print` after changing it)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(printedSchema());
  });

  it('keeps the public names of shared/API.md', () => {
    const sdl = printedSchema();
    for (const name of [
      'interface Entity implements Node',
      'type Drug implements Entity & Node',
      'type TargetInteraction',
      'type EvidenceSummary',
      'type Use',
      'type Path',
      'type PathStep',
      'type Provenance',
      'type SearchHit',
      'drug(key: String!): Drug',
      'evidence(',
      'mechanisms(',
      'paths(',
      'uses(',
      'search(',
      'node(id: ID!): Node',
    ]) {
      expect(sdl).toContain(name);
    }
  });
});

describe('README graph model', () => {
  it('matches src/graph-model.ts (run `npm run docs:model` after changing it)', async () => {
    const { readmeFile, withModel } = await import('../src/readme-model.js');
    const readme = readFileSync(readmeFile, 'utf8');
    expect(readme).toBe(withModel(readme));
  });
});
