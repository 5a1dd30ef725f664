// `paths` searches length by length (cypher/paths-of-length.cypher) instead of enumerating every path up to
// maxLength. Its answers must be the ones the plain definition gives: every simple path up to maxLength,
// ordered by length, then sources (descending), then node keys, the first `first`. The definition is
// written here as one variable-length match (the statement the server used before) and both are asked the
// same questions over the corpus.
import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from './support/app.js';

const { data, executor, close } = testApp();
afterAll(close);

const definition = (maxLength: number) => `
  MATCH (a:Entity) WHERE elementId(a) = $from
  MATCH (b:Entity) WHERE elementId(b) = $to
  MATCH p = (a)-[*1..${maxLength}]-(b)
  WHERE all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
  WITH p, reduce(weight = 0, r IN relationships(p) | weight + coalesce(r.sourceCount, 0)) AS weight
  ORDER BY length(p), weight DESC, [n IN nodes(p) | n.keyNorm]
  LIMIT $first
  RETURN [n IN nodes(p) | n.key] AS keys, [r IN relationships(p) | type(r)] AS types`;

const ends = [
  'drug:ruxolitinib',
  'drug:baricitinib',
  'condition:lichen-planus',
  'condition:alopecia-areata',
  'target:JAK1',
  'pathway:interferon-gamma-signaling',
  'regulator:FDA',
  'study:pmid:38417541',
  'product:opzelura-cream-1-5',
];

async function elementId(ref: string): Promise<string> {
  const [label, ...key] = ref.split(':');
  const [record] = await executor().read(
    'test:id',
    `MATCH (n:Entity {keyNorm: toLower($key)}) WHERE $label IN [l IN labels(n) | toLower(l)] RETURN elementId(n) AS id`,
    {
      key: key.join(':'),
      label,
    },
  );
  return record.get('id');
}

describe('paths, searched length by length', () => {
  it('answers what the plain definition answers, for every pair of a sample of entities', async () => {
    let compared = 0;
    for (const from of ends) {
      for (const to of ends) {
        if (from === to) continue;
        for (const [maxLength, first] of [
          [2, 10],
          [3, 5],
          [4, 10],
          [4, 50],
          [5, 3],
        ]) {
          const { paths } = await data(
            `query($from: String!, $to: String!, $max: Int!, $first: Int!) {
            paths(from: $from, to: $to, maxLength: $max, first: $first) { nodes { key } steps { type } } }`,
            { from, to, max: maxLength, first },
          );
          const expected = await executor().read('test:paths', definition(maxLength), { from: await elementId(from), to: await elementId(to), first });
          expect(
            paths.map((p: { nodes: { key: string }[]; steps: { type: string }[] }) => ({ keys: p.nodes.map((n) => n.key), types: p.steps.map((s) => s.type) })),
            `${from} -> ${to}, maxLength ${maxLength}, first ${first}`,
          ).toEqual(expected.map((r) => ({ keys: r.get('keys'), types: r.get('types') })));
          compared += expected.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000); // the sample is connected enough to compare many paths
  }, 120_000);
});
