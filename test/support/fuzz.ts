// Generators of hostile and malformed requests for test/fuzz.test.ts, driven by a seeded PRNG so that a
// run is reproducible: queries walked from the schema with random arguments, mutated copies of them,
// token soup, huge strings, deep nesting, bad variables, unknown operations, wrong content types,
// non-JSON bodies, odd methods and headers, and curation writes with invalid input; and requests that try
// to make a small request cost much (issue 13): aliases multiplied through nested fragment spreads,
// introspection walked and aliased, heavy fields (paths, mechanisms, search, evidence, uses) aliased
// (fast-check arbitraries, sampled with seeds drawn from the same PRNG).
import fc from 'fast-check';
import {
  getNamedType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  type GraphQLObjectType,
  type GraphQLScalarType,
  isLeafType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

export type Rng = () => number;

/** mulberry32: small, fast, good enough to drive a fuzzer deterministically. */
export function prng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

export interface FuzzRequest {
  kind: string;
  url: string;
  init: RequestInit;
}

const keys = [
  'ruxolitinib',
  'RUXOLITINIB',
  'drug:ruxolitinib',
  'lichen-planus',
  'alopecia-areata',
  'condition:alopecia-areata',
  'JAK1',
  'tyk2',
  'pmid:38417541',
  'pmid:40192197',
  'FDA',
  'EMA',
  'opzelura-cream-1-5',
  'jak-stat-signaling',
  'pmid:38417541/ruxolitinib/necrobiosis-lipoidica',
  'granulomatous-dermatoses',
  'delgocitinib',
  'nope',
  '',
  ' ',
  'a:b:c',
  'drug:',
  ':x',
  'x'.repeat(300),
  '\u0000',
  '💊',
  "'; MATCH (n) DETACH DELETE n //",
  '") RETURN 1 //',
  '\u0024{injection}',
  '%00',
  '../../etc/passwd',
  'null',
  '\\',
  '"',
  'ÿþ',
  'NaN',
];
const ints = [-2147483648, -1, 0, 1, 2, 3, 5, 10, 20, 50, 99, 100, 101, 1000, 2147483647];

function stringValue(rng: Rng): string {
  const r = rng();
  if (r < 0.7) return pick(rng, keys);
  if (r < 0.85) return Array.from({ length: int(rng, 1, 30) }, () => String.fromCharCode(int(rng, 32, 0x2fff))).join('');
  return 'y'.repeat(int(rng, 100, 20_000));
}

/** A GraphQL literal for an input type: mostly valid, sometimes not (null where required, wrong kinds). */
function literal(rng: Rng, type: GraphQLInputType, depth: number): string {
  if (rng() < 0.03) return pick(rng, ['null', '"wrong"', '42', '[1, 2]', '{a: 1}', 'true', '$undeclared']);
  if (type instanceof GraphQLNonNull) return literal(rng, type.ofType, depth);
  if (type instanceof GraphQLList) {
    return `[${Array.from({ length: int(rng, 0, 3) }, () => literal(rng, type.ofType, depth + 1)).join(', ')}]`;
  }
  if (type instanceof GraphQLEnumType) return rng() < 0.95 ? pick(rng, type.getValues()).name : 'NOT_A_VALUE';
  if (type instanceof GraphQLInputObjectType) {
    if (depth > 3) return '{}';
    const fields = Object.values(type.getFields()).filter((f) => f.type instanceof GraphQLNonNull || rng() < 0.5);
    return `{${fields.map((f) => `${f.name}: ${literal(rng, f.type, depth + 1)}`).join(', ')}}`;
  }
  const name = (type as GraphQLScalarType).name;
  if (name === 'Int') return String(pick(rng, ints));
  if (name === 'Float') return pick(rng, ['0', '1.5', '-3', '1e308', '12']);
  if (name === 'Boolean') return pick(rng, ['true', 'false']);
  if (name === 'Date') return JSON.stringify(pick(rng, ['2023-04-01', '2024-02-30', 'soon', '1999-12-31', '2025']));
  if (name === 'ID') return JSON.stringify(pick(rng, ['RHJ1ZzpydXhvbGl0aW5pYg==', 'bm9wZQ==', '', 'not base64!']));
  return JSON.stringify(stringValue(rng));
}

/** A selection set on a type, walking the schema to a random depth. */
function selection(rng: Rng, schema: GraphQLSchema, type: GraphQLObjectType | GraphQLInterfaceType, depth: number): string {
  const fields = Object.values(type.getFields());
  const chosen = Array.from({ length: int(rng, 1, 4) }, () => pick(rng, fields));
  const parts = chosen.map((field) => {
    const args = field.args.filter((a) => a.type instanceof GraphQLNonNull || rng() < 0.3);
    const argText = args.length ? `(${args.map((a) => `${a.name}: ${literal(rng, a.type, 0)}`).join(', ')})` : '';
    const named = getNamedType(field.type);
    const alias = rng() < 0.1 ? `a${int(rng, 0, 99)}: ` : '';
    if (isLeafType(named)) return `${alias}${field.name}${argText}`;
    if (depth <= 0) return `${alias}${field.name}${argText} { __typename }`;
    let inner = selection(rng, schema, named as GraphQLObjectType, depth - 1);
    if (named instanceof GraphQLInterfaceType && rng() < 0.5) {
      const implementation = pick(rng, schema.getPossibleTypes(named));
      inner += ` ... on ${implementation.name} { ${selection(rng, schema, implementation, depth - 2)} }`;
    }
    return `${alias}${field.name}${argText} { ${inner} }`;
  });
  return parts.join(' ');
}

export function schemaQuery(rng: Rng, schema: GraphQLSchema): string {
  const root = rng() < 0.85 ? schema.getQueryType()! : schema.getMutationType()!;
  const op = root === schema.getQueryType() ? 'query' : 'mutation';
  return `${op} Fuzz${int(rng, 0, 9)} { ${selection(rng, schema, root, int(rng, 0, 5))} }`;
}

function mutate(rng: Rng, text: string): string {
  let s = text;
  for (let n = int(rng, 1, 6); n > 0; n--) {
    const at = int(rng, 0, s.length);
    const r = rng();
    if (r < 0.3) s = s.slice(0, at) + s.slice(at + int(rng, 1, 5));
    else if (r < 0.6)
      s =
        s.slice(0, at) +
        pick(rng, ['{', '}', '(', ')', '[', ']', '"', '$', '@', '!', ':', '...', '#', '\\', '\n', 'query', 'on', ',', '"""', '\u0000']) +
        s.slice(at);
    else if (r < 0.8) s = s.slice(0, at) + s.slice(at, at + int(rng, 1, 40)).repeat(int(rng, 2, 4)) + s.slice(at);
    else s = s.slice(0, at) + String.fromCharCode(int(rng, 0, 0xffff)) + s.slice(at);
  }
  return s;
}

const soupTokens = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ':',
  '$',
  '@',
  '!',
  '=',
  '|',
  '&',
  '...',
  'query',
  'mutation',
  'subscription',
  'fragment',
  'on',
  'drug',
  'key',
  'name',
  '"x"',
  '1',
  '1.5',
  'true',
  'null',
  '__schema',
  '__type',
  'drugs',
  'first',
  'targets',
  '#c\n',
];

function jsonPost(query: unknown, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, ...extra }) };
}

// ---- amplification: small requests that ask for a lot of work ----

const typedKeys = [
  'drug:ruxolitinib',
  'condition:alopecia-areata',
  'target:JAK1',
  'condition:lichen-planus',
  'pathway:jak-stat-signaling',
  'TYK2',
  'ruxolitinb',
  'nope',
];
const drugKeys = ['ruxolitinib', 'baricitinib', 'tofacitinib', 'ruxolitinb', 'nope'];
const conditionKeys = ['alopecia-areata', 'lichen-planus', 'nonsegmental-vitiligo', 'vitiligo', 'lichen', 'nope'];

/** One heavy field with random arguments (some out of bounds, some naming nothing). */
const heavyField = fc.oneof(
  fc
    .record({
      from: fc.constantFrom(...typedKeys),
      to: fc.constantFrom(...typedKeys),
      maxLength: fc.integer({ min: 0, max: 8 }),
      first: fc.integer({ min: 0, max: 60 }),
    })
    .map((a) => `paths(from: "${a.from}", to: "${a.to}", maxLength: ${a.maxLength}, first: ${a.first}) { length steps { type } }`),
  fc
    .record({ drug: fc.constantFrom(...drugKeys), condition: fc.constantFrom(...conditionKeys), first: fc.integer({ min: 1, max: 60 }) })
    .map((a) => `mechanisms(drug: "${a.drug}", condition: "${a.condition}", first: ${a.first}) { length nodes { key } }`),
  fc
    .record({ query: fc.constantFrom('jak', 'ruxolitinb', 'alopecia', 'JAK1', 'a'), first: fc.integer({ min: 1, max: 120 }) })
    .map((a) => `search(query: "${a.query}", first: ${a.first}) { score entity { key name } }`),
  fc
    .record({ drug: fc.constantFrom(...drugKeys), condition: fc.constantFrom(...conditionKeys) })
    .map((a) => `evidence(drug: "${a.drug}", condition: "${a.condition}") { studies patients findings { key study { key } } }`),
  fc.constantFrom('uses { status drug { key } condition { key } }', 'uses(drug: "ruxolitinib") { status evidence { studies } }'),
  fc.integer({ min: 1, max: 100 }).map((n) => `drugs(first: ${n}) { edges { node { key targets { target { key pathways { key conditions { key } } } } } } }`),
);

/** Up to 45 aliased copies of a heavy field (the alias limit is 30). */
const heavyAliases = fc
  .tuple(fc.integer({ min: 2, max: 45 }), heavyField)
  .map(([n, field]) => `{ ${Array.from({ length: n }, (_, i) => `h${i}: ${field}`).join(' ')} }`);

/** Introspection: the standard walk's fragments, aliased, or a random walk of the introspection types. */
const introspectionWalks = [
  '__schema { types { name fields { name } } }',
  '__schema { types { ...T } }',
  '__type(name: "Drug") { fields { name args { name type { name } } } }',
  '__schema { queryType { fields { name type { name fields { name type { name fields { name } } } } } } }',
  '__schema { types { fields { type { ofType { fields { type { ofType { fields { name } } } } } } } } }',
];
const typeFragment =
  'fragment T on __Type { kind name fields(includeDeprecated: true) { name args { name type { name kind ofType { name kind } } } type { name kind ofType { name kind ofType { name } } } } inputFields { name } enumValues { name } possibleTypes { name } }';
const introspection = fc
  .tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom(...introspectionWalks))
  .map(([n, walk]) => `{ ${Array.from({ length: n }, (_, i) => `i${i}: ${walk}`).join(' ')} }${walk.includes('...T') ? ` ${typeFragment}` : ''}`);

/**
 * Aliases multiplied through nested fragments: `levels` fragments, each spreading the next under `fanout`
 * aliases, over introspection or over the data (drugs -> targets -> pathways).
 */
const fragmentAliases = fc
  .record({ levels: fc.integer({ min: 1, max: 4 }), fanout: fc.integer({ min: 2, max: 8 }), data: fc.boolean() })
  .map(({ levels, fanout, data }) => {
    const aliases = (field: string, next: string) => Array.from({ length: fanout }, (_, i) => `a${i}: ${field} { ${next} }`).join(' ');
    // [fragment type, field, what the field selects (X: the next fragment, or the leaf), the leaf]
    const chain = data
      ? [
          ['Query', 'drugs(first: 100)', 'edges { node { X } }', 'key'],
          ['Drug', 'targets(includeSecondary: true)', 'target { X }', 'key'],
          ['Target', 'pathways', 'X', 'key'],
          ['Pathway', 'conditions', 'X', 'key name'],
        ]
      : [
          ['Query', '__schema', 'X', 'description'],
          ['__Schema', 'types', 'X', 'name'],
          ['__Type', 'fields', 'X', 'name'],
          ['__Field', 'type', 'X', 'name'],
        ];
    const used = chain.slice(0, levels);
    const fragments = used.map(
      ([on, field, selects, leaf], i) => `fragment F${i} on ${on} { ${aliases(field, selects.replace('X', i === used.length - 1 ? leaf : `...F${i + 1}`))} }`,
    );
    return `{ ...F0 } ${fragments.join(' ')}`;
  });

function sample<T>(rng: Rng, arbitrary: fc.Arbitrary<T>): T {
  return fc.sample(arbitrary, { seed: Math.floor(rng() * 2 ** 31), numRuns: 1 })[0];
}

/** One fuzz request of a random category. */
export function fuzzRequest(rng: Rng, schema: GraphQLSchema, tokens: { curator: string; reader: string }): FuzzRequest {
  const url = 'http://test/graphql';
  const amplification = rng();
  if (amplification < 0.04) return { kind: 'fragment-aliases', url, init: jsonPost(sample(rng, fragmentAliases)) };
  if (amplification < 0.08) return { kind: 'introspection', url, init: jsonPost(sample(rng, introspection)) };
  if (amplification < 0.12) return { kind: 'heavy-aliases', url, init: jsonPost(sample(rng, heavyAliases)) };
  const auth = (): Record<string, string> =>
    pick<Record<string, string>>(rng, [
      {},
      {},
      { authorization: `Bearer ${tokens.curator}` },
      { authorization: `Bearer ${tokens.reader}` },
      { authorization: 'Bearer x' },
      { authorization: 'garbage' },
      { authorization: `Bearer ${'z'.repeat(2_000)}` },
    ]);
  const r = rng();
  if (r < 0.3) return { kind: 'schema-walk', url, init: jsonPost(schemaQuery(rng, schema), {}, auth()) };
  if (r < 0.45) return { kind: 'mutated', url, init: jsonPost(mutate(rng, schemaQuery(rng, schema)), {}, auth()) };
  if (r < 0.5) return { kind: 'token-soup', url, init: jsonPost(Array.from({ length: int(rng, 1, 200) }, () => pick(rng, soupTokens)).join(' ')) };
  if (r < 0.55) {
    const size = pick(rng, [1_000, 50_000, 99_000, 101_000, 500_000, 2_000_000]);
    return { kind: 'huge-string', url, init: jsonPost(`{ search(query: ${JSON.stringify('q'.repeat(size))}) { score } }`) };
  }
  if (r < 0.62) {
    const depth = pick(rng, [5, 13, 20, 41, 100, 1_000, 10_000]);
    const shape = pick(rng, ['selection', 'list', 'object']);
    const query =
      shape === 'selection'
        ? `{ drugs(first: 1) { edges { node { ${'targets { target { interactions { drug { '.repeat(Math.ceil(depth / 4))}key${' } } } }'.repeat(Math.ceil(depth / 4))} } } } }`
        : shape === 'list'
          ? `{ drugs(keys: ${'['.repeat(depth)}"x"${']'.repeat(depth)}) { totalCount } }`
          : `{ studies(filter: ${'{text: '.repeat(depth)}"x"${'}'.repeat(depth)}) { totalCount } }`;
    return { kind: `deep-${shape}`, url, init: jsonPost(query) };
  }
  if (r < 0.72) {
    const query = pick(rng, [
      'query($n: Int, $k: [String!]) { drugs(first: $n, keys: $k) { totalCount } }',
      'query($d: String!, $c: String!) { evidence(drug: $d, condition: $c) { studies } }',
      'query($i: ID!) { node(id: $i) { id } }',
      'mutation($input: FindingInput!) { addFinding(input: $input) { key } }',
      'query($f: StudyFilter) { studies(filter: $f) { totalCount } }',
    ]);
    const variables = pick(rng, [
      { n: 'five' },
      { n: 1e20 },
      { n: 2.5 },
      { n: null, k: Array.from({ length: 1_500 }, (_, i) => `k${i}`) },
      { k: [[['x']]] },
      { k: 'x' },
      { d: null, c: 'x' },
      { d: { $gt: '' }, c: [] },
      { i: 12 },
      { i: null },
      { input: { study: 1 } },
      { input: 'x' },
      { input: { study: 'pmid:38417541', drug: 'ruxolitinib', condition: 'lichen-planus', outcome: 'MIXED', sources: [], patients: 3, responders: 9 } },
      { f: { design: ['NOPE'] } },
      { f: { yearFrom: '2020' } },
      { extra: true },
      {},
    ]);
    return { kind: 'bad-variables', url, init: jsonPost(query, { variables: rng() < 0.1 ? pick(rng, ['x', 1, [1], true]) : variables }, auth()) };
  }
  if (r < 0.77) {
    const body = pick(rng, [
      { query: 'query A { meta { dataVersion } } query B { meta { dataVersion } }' },
      { query: 'query A { meta { dataVersion } }', operationName: 'B' },
      { query: 'query A { meta { dataVersion } }', operationName: 42 },
      { query: '{ meta { dataVersion } }', operationName: '' },
      { query: 'subscription { meta { dataVersion } }' },
      { query: 'fragment F on Query { meta { dataVersion } }' },
      { query: '{ ...F } fragment F on Query { ...F }' },
      { query: 'query { drug(key: "ruxolitinib") @skip(if: true) @include(if: "x") { key } }' },
      { query: '{ __schema { types { name fields { name args { name type { name ofType { name ofType { name } } } } } } } }' },
      { query: '{ __type(name: "Drug") { name } }' },
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } },
    ]);
    return { kind: 'operations', url, init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } };
  }
  if (r < 0.88) {
    const bodies: [string, string | undefined][] = [
      ['{"query":', 'application/json'],
      ['null', 'application/json'],
      ['42', 'application/json'],
      ['"str"', 'application/json'],
      ['[]', 'application/json'],
      ['[[]]', 'application/json'],
      [JSON.stringify([{ query: '{ meta { dataVersion } }' }]), 'application/json'],
      ['{"query":"{ meta { dataVersion } }"}', 'text/plain'],
      ['<query/>', 'application/xml'],
      ['query=%7Bmeta%7BdataVersion%7D%7D', 'application/x-www-form-urlencoded'],
      ['--b\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{}\r\n--b--', 'multipart/form-data; boundary=b'],
      ['{ meta { dataVersion } }', 'application/graphql'],
      ['{"query":"{ meta { dataVersion } }"}', undefined],
      ['', 'application/json'],
      ['{"query":"{ meta { dataVersion } }"}', 'application/json; charset=latin1'],
      ['{"query":"\\ud800"}', 'application/json'],
      [String.fromCharCode(...Array.from({ length: 64 }, () => int(rng, 0, 255))), 'application/json'],
      ['{"query":"{ meta { dataVersion } }"}', 'application/json, text/html'],
    ];
    const [body, type] = pick(rng, bodies);
    const headers: Record<string, string> = type ? { 'content-type': type } : {};
    if (rng() < 0.3) headers['x-graphql-yoga-csrf'] = '1';
    if (rng() < 0.2) headers.accept = pick(rng, ['application/graphql-response+json', 'text/event-stream', 'image/png', '*/*', 'application/json;q=0']);
    return { kind: 'content-types', url, init: { method: 'POST', headers, body } };
  }
  if (r < 0.95) {
    const query = encodeURIComponent(
      pick(rng, [
        '{ meta { dataVersion } }',
        'mutation { retractFinding(key: "x", reason: "xyz") { key } }',
        '{ drug(key: "ruxolitinib") { key } }',
        '{',
        'x'.repeat(int(rng, 1, 150_000)),
      ]),
    );
    const method = pick(rng, ['GET', 'GET', 'GET', 'PUT', 'DELETE', 'PATCH']);
    const headers: Record<string, string> = rng() < 0.5 ? { 'x-graphql-yoga-csrf': '1' } : {};
    const extra = rng() < 0.3 ? `&variables=${encodeURIComponent(pick(rng, ['{', '{"n":1}', 'null', '[]']))}&operationName=${pick(rng, ['', 'X', '%'])}` : '';
    return { kind: 'methods', url: `${url}?query=${query}${extra}`, init: { method, headers } };
  }
  const input = {
    study: pick(rng, keys),
    drug: pick(rng, keys),
    condition: pick(rng, keys),
    outcome: pick(rng, ['MIXED', 'IMPROVED']),
    patients: pick(rng, [undefined, -1, 0, 5, 10_000_001]),
    responders: pick(rng, [undefined, 6, 2]),
    summary: rng() < 0.2 ? 's'.repeat(int(rng, 3_000, 90_000)) : 'fuzz',
    sources: pick(rng, [
      [],
      [{ citation: 'c', confidence: 'PARTIAL', url: pick(rng, ['ftp://x', 'https://ok.example', 'javascript:1']) }],
      [{ citation: '', confidence: 'CONFIRMED' }],
    ]),
  };
  return { kind: 'curation', url, init: jsonPost('mutation($input: FindingInput!) { addFinding(input: $input) { key } }', { variables: { input } }, auth()) };
}
