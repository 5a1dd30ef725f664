// Light records (src/db/records.ts): neighbour lists and the evidence carry only keys, names and what lists
// are filtered by. A field that needs more is answered from the complete record, loaded in one batched
// round trip, with exactly the value a direct lookup gives.
import { afterAll, describe, expect, it } from 'vitest';
import { IncompleteRecordError, toLightEntity } from '../src/graph/records.js';
import { testApp } from './support/app.js';

const { gql, executor, close } = testApp();
afterAll(close);

const targetFields = 'key name synonyms description family confidence xrefs { source id url } sources { citation pmid doi confidence }';

describe('light records', () => {
  it('answer every field of a neighbour as a direct lookup does, for one more round trip', async () => {
    const keysOnly = await gql(`{ drug(key: "ruxolitinib") { targets(includeSecondary: true) { target { key name } } } }`);
    const rich = await gql(`{ drug(key: "ruxolitinib") { targets(includeSecondary: true) { target { ${targetFields} } } } }`);
    expect(rich.body.errors).toBeUndefined();
    // drug, targets; then one batch of complete targets, however many targets there are.
    expect(keysOnly.roundTrips).toBe(2);
    expect(rich.roundTrips).toBe(3);
    const targets = rich.body.data.drug.targets.map((t: { target: { key: string } }) => t.target);
    expect(targets.length).toBeGreaterThan(2);
    for (const target of targets) {
      const direct = await gql(`query($key: String!) { target(key: $key) { ${targetFields} } }`, { key: target.key });
      expect(target).toEqual(direct.body.data.target);
    }
    expect(targets.some((t: { description: string | null; xrefs: unknown[] }) => t.description && t.xrefs.length > 0)).toBe(true);
  });

  it('answer the sources of a drug-target link as the stored relationship has them, for one more round trip', async () => {
    const result = await gql(`{ drug(key: "ruxolitinib") { targets(includeSecondary: true) { target { key } potencyNm sources { citation pmid confidence } } } }`);
    expect(result.body.errors).toBeUndefined();
    // drug, targets; then one batch of relationship sources.
    expect(result.roundTrips).toBe(3);
    const interactions = result.body.data.drug.targets;
    expect(interactions.length).toBeGreaterThan(2);
    for (const interaction of interactions) {
      const [stored] = await executor().read('test:link', `MATCH (:Drug {keyNorm: 'ruxolitinib'})-[r:INTERACTS_WITH]->(t:Target {keyNorm: toLower($key)}) RETURN r.sources AS sources`, {
        key: interaction.target.key,
      });
      const sources = JSON.parse(stored.get('sources')) as { citation: string; pmid?: string; confidence: string }[];
      expect(interaction.sources).toEqual(sources.map(({ citation, pmid, confidence }) => ({ citation, pmid: pmid ?? null, confidence })));
      expect(interaction.sources.length).toBeGreaterThan(0);
    }
  });

  it('answer the long texts of the evidence findings and their studies as direct lookups do', async () => {
    const findingFields = 'key name route retracted summary regimen adverseEvents outcome patients responders sources { citation }';
    const result = await gql(`{ evidence(drug: "ruxolitinib", condition: "alopecia-areata") {
      findings { ${findingFields} study { key name year design notes xrefs { source id } } } } }`);
    expect(result.body.errors).toBeUndefined();
    const findings = result.body.data.evidence.findings;
    expect(findings.length).toBeGreaterThan(1);
    for (const finding of findings) {
      const direct = await gql(`query($key: String!) { finding(key: $key) { ${findingFields} study { key name year design notes xrefs { source id } } } }`, {
        key: finding.key,
      });
      expect(finding).toEqual(direct.body.data.finding);
    }
  });

  it('answer the nodes and the sources of path steps as direct lookups do', async () => {
    const result = await gql(`{ paths(from: "drug:ruxolitinib", to: "condition:lichen-planus", maxLength: 3, first: 6) {
      nodes { key entityType description sources { citation } } steps { type reversed from { key } to { key } sources { citation confidence } } } }`);
    expect(result.body.errors).toBeUndefined();
    const paths = result.body.data.paths;
    expect(paths.length).toBeGreaterThan(1);
    // path, one batch of complete nodes, one batch of relationship sources.
    expect(result.roundTrips).toBe(3);
    for (const path of paths) {
      for (const node of path.nodes) {
        // DRUG -> drug, CONDITION_CATEGORY -> conditionCategory: the singular root of the type.
        const field = node.entityType.toLowerCase().replace(/_(\w)/g, (_: string, c: string) => c.toUpperCase());
        const direct = await gql(`query($key: String!) { ${field}(key: $key) { key entityType description sources { citation } } }`, { key: node.key });
        expect(node).toEqual(direct.body.data[field]);
      }
      for (const step of path.steps) {
        const [start, end] = step.reversed ? [step.to.key, step.from.key] : [step.from.key, step.to.key];
        const [stored] = await executor().read('test:step', `MATCH (a:Entity {keyNorm: toLower($start)})-[r]->(b:Entity {keyNorm: toLower($end)}) WHERE type(r) = $type RETURN r.sources AS sources`, {
          start,
          end,
          type: step.type,
        });
        const sources = JSON.parse(stored.get('sources')) as { citation: string; confidence: string }[];
        expect(step.sources).toEqual(sources.map(({ citation, confidence }) => ({ citation, confidence })));
        expect(step.sources.length).toBeGreaterThan(0);
      }
    }
  });

  it('refuse to read a property they do not carry, so that no field can answer from a missing one', () => {
    const finding = toLightEntity('Finding', { key: 'f1', name: 'F', outcome: 'IMPROVED', patients: null });
    expect(finding.props.outcome).toBe('IMPROVED');
    expect(finding.props.patients).toBeNull();
    expect(() => finding.props.summary).toThrow(IncompleteRecordError);
    expect(() => finding.sources).toThrow(IncompleteRecordError);
    expect(() => finding.synonyms).toThrow(IncompleteRecordError);
  });
});
