// A synthetic graph of the jak-kg model at Hetionet's scale or more (scale 1: about 750,000 nodes and
// 2,300,000 relationships; Hetionet v1.0 has 47,031 and 2,250,197), generated deterministically from a seed.
//
// It is written as corpus rows (the shapes of data/*.json) so that the seed's own mapping, corpusToGraph,
// turns it into nodes and relationships: the same labels, properties and relationship types as the curated
// corpus, which it extends (the corpus is loaded first and its entities are the named hubs below).
//
// Degrees are skewed the way biomedical graphs are: the entity at the other end of a link is drawn from a
// Zipf distribution over a ranked list, so a few entities collect most links. The curated entities head
// those lists: JAK1, JAK2, JAK3 and TYK2 are the hub targets, the curated (Reactome) pathways the hub
// pathways, ruxolitinib the drug with the most findings, and the 25 curated conditions (in data/ order) the
// conditions studied most. Everything else is the long tail. Every synthetic row says so in its sources.
import type { Corpus, Source } from '../src/ingest/corpus-schema.js';

/** Bump when the generator's output changes, so a stored benchmark database is rebuilt. */
export const GENERATOR_VERSION = 1;

export interface SyntheticSpec {
  seed: number;
  scale: number;
}

type Row<F extends keyof Corpus> = Corpus[F][number];
type Drug = Row<'drugs.json'>;
type Finding = Row<'findings.json'>;

/** How many synthetic entities of each kind at scale 1 (the curated corpus comes on top). */
export const SCALE_1 = {
  drugs: 1_500,
  targets: 20_000,
  pathways: 2_000,
  conditions: 1_000,
  studies: 100_000,
  findings: 620_000,
  approvals: 3_000,
};
const SYNTHETIC_CATEGORIES = 16;

// ---------------------------------------------------------------- randomness

/** sfc32, seeded through splitmix32 from the seed and a stream name: each stream is reproducible alone. */
export function prng(seed: number, stream: string): () => number {
  let h = seed >>> 0;
  for (let i = 0; i < stream.length; i++) h = Math.imul(h ^ stream.charCodeAt(i), 0x9e3779b1) >>> 0;
  const split = () => {
    h = (h + 0x9e3779b9) >>> 0;
    let z = h;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split(),
    b = split(),
    c = split(),
    d = split();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

/** Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^exponent. */
export class Zipf {
  private readonly cdf: Float64Array;
  constructor(
    readonly n: number,
    exponent: number,
  ) {
    this.cdf = new Float64Array(n);
    let sum = 0;
    for (let r = 0; r < n; r++) this.cdf[r] = sum += 1 / (r + 1) ** exponent;
    for (let r = 0; r < n; r++) this.cdf[r] /= sum;
  }
  draw(random: () => number): number {
    const u = random();
    let lo = 0,
      hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  /** k distinct ranks, none in `exclude` (k is small next to n). */
  distinct(random: () => number, k: number, exclude: Set<number> = new Set()): number[] {
    const chosen = new Set<number>();
    const wanted = Math.min(k, this.n - exclude.size);
    for (let tries = 0; chosen.size < wanted && tries < wanted * 50; tries++) {
      const r = this.draw(random);
      if (!exclude.has(r)) chosen.add(r);
    }
    return [...chosen];
  }
}

/** 1 + a geometric count: mean `mean`, most values small, a long tail. */
function count(random: () => number, mean: number, max: number): number {
  if (mean <= 1) return 1;
  const p = 1 / mean;
  return Math.min(max, 1 + Math.floor(Math.log(1 - random()) / Math.log(1 - p)));
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** Picks by weight: [[value, weight], ...]. */
function weighted<T>(random: () => number, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let u = random() * total;
  for (const [value, w] of table) if ((u -= w) < 0) return value;
  return table[table.length - 1][0];
}

// ---------------------------------------------------------------- names

const CONSONANTS = 'bdfgklmnprstvz';
const VOWELS = 'aeiou';
const SYLLABLES = [...CONSONANTS].flatMap((c) => [...VOWELS].map((v) => c + v));

/** A pronounceable, unique stem per index: consonant-vowel syllables decode one way only. */
function stem(index: number, syllables: number): string {
  let out = '';
  let i = index;
  for (let s = 0; s < syllables || i > 0; s++) {
    out += SYLLABLES[i % SYLLABLES.length];
    i = Math.floor(i / SYLLABLES.length);
  }
  return out;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// ---------------------------------------------------------------- the graph

export interface SyntheticGraph {
  /** Every synthetic row except the findings, as corpus files. */
  base: Corpus;
  /** The findings, generated afresh (same rows every time) in chunks of `size`. */
  findings(size: number): Generator<Finding[]>;
  findingCount: number;
}

/** The corpus rows the synthetic graph adds to `corpus` (which must be the curated corpus, already loaded). */
export function syntheticGraph(corpus: Corpus, spec: SyntheticSpec): SyntheticGraph {
  const { seed, scale } = spec;
  if (!(scale > 0)) throw new Error(`scale must be positive, not ${scale}`);
  const n = (base: number) => Math.max(1, Math.round(base * scale));
  const sources = (random: () => number, what: string): Source[] =>
    Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => ({
      citation: `jak-kg synthetic benchmark graph (bench/synthetic.ts v${GENERATOR_VERSION}, seed ${seed}, scale ${scale}): ${what}, source ${i + 1}`,
      confidence: 'UNVERIFIED' as const,
    }));
  const taken = new Set(
    [corpus['drugs.json'], corpus['products.json'], corpus['conditions.json'], corpus['pathways.json']].flatMap((rows) => rows.map((r) => r.key)),
  );

  // Drugs: the curated ones first (ruxolitinib at the head), then synthetic "-citinib" stems.
  const random = prng(seed, 'entities');
  const drugs: Drug[] = [];
  for (let i = 0; drugs.length < n(SCALE_1.drugs); i++) {
    const name = `${capitalise(stem(i, 3))}citinib`;
    if (taken.has(name.toLowerCase())) continue;
    drugs.push({
      key: name.toLowerCase(),
      name,
      synonyms: [`SYN-${i}`],
      xrefs: [],
      routes: ['TOPICAL', 'ORAL'],
      developmentStatus: random() < 0.2 ? 'APPROVED' : 'INVESTIGATIONAL',
      sources: sources(random, 'drug'),
    });
  }
  const allDrugs = [...corpus['drugs.json'], ...drugs];

  const products: Row<'products.json'>[] = drugs.flatMap((d) => [
    {
      key: `${d.key}-cream`,
      name: `${d.name} cream`,
      synonyms: [],
      xrefs: [],
      drug: d.key,
      formulation: 'cream',
      route: 'TOPICAL' as const,
      strength: '1%',
      sources: sources(random, 'product'),
    },
    {
      key: `${d.key}-tablet`,
      name: `${d.name} tablet`,
      synonyms: [],
      xrefs: [],
      drug: d.key,
      formulation: 'tablet',
      route: 'ORAL' as const,
      strength: '10 mg',
      sources: sources(random, 'product'),
    },
  ]);
  const allProducts = [...corpus['products.json'], ...products];
  const productsOf = new Map<string, Row<'products.json'>[]>();
  for (const p of allProducts) productsOf.set(p.drug, [...(productsOf.get(p.drug) ?? []), p]);

  const families = ['Tyrosine kinase', 'Serine/threonine kinase', 'Cytokine receptor', 'Transcription factor', 'Phosphatase'];
  const targets: Row<'targets.json'>[] = Array.from({ length: n(SCALE_1.targets) }, (_, i) => ({
    key: `SYN${i + 1}`,
    name: `Synthetic protein ${i + 1}`,
    synonyms: [],
    xrefs: [],
    family: pick(random, families),
    sources: sources(random, 'target'),
  }));
  const allTargets = [...corpus['targets.json'], ...targets];

  // Pathways: a hierarchy whose parents are earlier pathways, mostly the first ones (a few broad roots).
  const allPathwayKeys = corpus['pathways.json'].map((p) => p.key);
  const pathways: Row<'pathways.json'>[] = [];
  for (let i = 0; i < n(SCALE_1.pathways); i++) {
    const key = `syn-pathway-${i + 1}`;
    const parent = random() < 0.95 ? allPathwayKeys[Math.floor(random() * random() * allPathwayKeys.length)] : undefined;
    pathways.push({ key, name: `Synthetic pathway ${i + 1}`, synonyms: [], xrefs: [], nameVerified: false, parent, sources: sources(random, 'pathway') });
    allPathwayKeys.push(key);
  }

  const categories: Row<'condition-categories.json'>[] = Array.from({ length: SYNTHETIC_CATEGORIES }, (_, i) => ({
    key: `syn-category-${i + 1}`,
    name: `Synthetic category ${i + 1}`,
    synonyms: [],
    xrefs: [],
    sources: sources(random, 'category'),
  }));
  const allCategoryKeys = [...corpus['condition-categories.json'], ...categories].map((c) => c.key);
  const conditions: Row<'conditions.json'>[] = Array.from({ length: n(SCALE_1.conditions) }, (_, i) => ({
    key: `syn-condition-${i + 1}`,
    name: `Synthetic condition ${i + 1}`,
    synonyms: [],
    xrefs: [],
    category: pick(random, allCategoryKeys),
    categoryBasis: 'synthetic',
    categoryConfidence: 'UNVERIFIED' as const,
    sources: sources(random, 'condition'),
  }));
  const allConditions = [...corpus['conditions.json'], ...conditions];

  // Drug -> target: about 8 targets a drug, drawn Zipf(0.8) over targets headed by the JAK family.
  const links = prng(seed, 'links');
  const targetZipf = new Zipf(allTargets.length, 0.8);
  const interactions: Row<'interactions.json'>[] = drugs.flatMap((d) =>
    targetZipf.distinct(links, count(links, 8, 60)).map((t, i) => ({
      drug: d.key,
      target: allTargets[t].key,
      action: weighted(links, [
        ['INHIBITOR', 90],
        ['ALLOSTERIC_INHIBITOR', 5],
        ['COVALENT_INHIBITOR', 5],
      ] as const),
      primary: i < 2,
      potencyNm: Math.round(Math.exp(links() * 9) * 10) / 10,
      potencyType: 'IC50' as const,
      sources: sources(links, 'interaction'),
    })),
  );

  // Target -> pathway: about 4 pathways a target, Zipf(1.0) over pathways headed by the curated ones (hub
  // pathways of thousands of targets); the curated JAK targets join 30 more each (hub targets).
  const pathwayZipf = new Zipf(allPathwayKeys.length, 1.0);
  const pathwayIndex = new Map(allPathwayKeys.map((k, i) => [k, i]));
  const targetPathways: Row<'target-pathways.json'>[] = [];
  for (const t of corpus['targets.json']) {
    const already = new Set(corpus['target-pathways.json'].filter((l) => l.target === t.key).map((l) => pathwayIndex.get(l.pathway)!));
    for (const p of pathwayZipf.distinct(links, 30, already)) {
      targetPathways.push({ target: t.key, pathway: allPathwayKeys[p], sources: sources(links, 'target-pathway') });
    }
  }
  for (const t of targets) {
    for (const p of pathwayZipf.distinct(links, count(links, 4, 100))) {
      targetPathways.push({ target: t.key, pathway: allPathwayKeys[p], sources: sources(links, 'target-pathway') });
    }
  }

  // Pathway -> condition: about 3 conditions a pathway, Zipf(0.8) over conditions headed by the curated
  // ones; the curated pathways are implicated in 10 more each.
  const conditionZipf = new Zipf(allConditions.length, 0.8);
  const pathwayConditions: Row<'pathway-conditions.json'>[] = [];
  for (const p of corpus['pathways.json']) {
    const already = new Set(
      corpus['pathway-conditions.json'].filter((l) => l.pathway === p.key).map((l) => allConditions.findIndex((c) => c.key === l.condition)),
    );
    for (const c of conditionZipf.distinct(links, 10, already)) {
      pathwayConditions.push({ pathway: p.key, condition: allConditions[c].key, sources: sources(links, 'pathway-condition') });
    }
  }
  for (const p of pathways) {
    for (const c of conditionZipf.distinct(links, count(links, 3, 50))) {
      pathwayConditions.push({ pathway: p.key, condition: allConditions[c].key, sources: sources(links, 'pathway-condition') });
    }
  }

  // Studies: 3% systematic reviews; 40% of primary studies are included in one or two of them.
  const studyRandom = prng(seed, 'studies');
  const designs = [
    ['CASE_REPORT', 30],
    ['CASE_SERIES', 20],
    ['RETROSPECTIVE', 15],
    ['PROSPECTIVE_OPEN_LABEL', 12],
    ['RCT', 15],
    ['TRIAL_REGISTRATION', 5],
    ['SYSTEMATIC_REVIEW', 3],
  ] as const;
  const studies: Row<'studies.json'>[] = [];
  const reviews: string[] = [];
  for (let i = 0; i < n(SCALE_1.studies); i++) {
    const design = weighted(studyRandom, designs);
    const key = `syn-study-${i + 1}`;
    const study: Row<'studies.json'> = {
      key,
      name: `Synthetic study ${i + 1}`,
      design,
      year: 1995 + Math.floor(studyRandom() * 31),
      patients: count(studyRandom, 40, 5_000),
      xrefs: [],
      includedIn: [],
      arms: [],
      sources: sources(studyRandom, 'study'),
    };
    if (design === 'SYSTEMATIC_REVIEW') reviews.push(key);
    else if (reviews.length > 0 && studyRandom() < 0.4) {
      const inReviews = new Set(Array.from({ length: 1 + Math.floor(studyRandom() * 2) }, () => pick(studyRandom, reviews)));
      study.includedIn = [...inReviews].map((review) => ({
        review,
        judgement: weighted(studyRandom, [
          ['LIKELY', 70],
          ['POSSIBLE', 20],
          ['UNKNOWN', 10],
        ] as const),
        basis: 'synthetic',
        sources: sources(studyRandom, 'inclusion'),
      }));
    }
    studies.push(study);
  }
  const primaryStudies = studies.filter((s) => s.design !== 'SYSTEMATIC_REVIEW').map((s) => s.key);

  // Approvals: products and conditions drawn like the findings' (the curated ones most often).
  const approvalRandom = prng(seed, 'approvals');
  const productZipf = new Zipf(allProducts.length, 0.8);
  const regulators = corpus['regulators.json'].map((r) => r.key);
  const approvals: Row<'approvals.json'>[] = Array.from({ length: n(SCALE_1.approvals) }, (_, i) => {
    const regulator = pick(approvalRandom, regulators);
    const date = `${2000 + Math.floor(approvalRandom() * 26)}-${String(1 + Math.floor(approvalRandom() * 12)).padStart(2, '0')}-${String(1 + Math.floor(approvalRandom() * 28)).padStart(2, '0')}`;
    return {
      key: `syn-approval-${i + 1}`,
      kind: approvalRandom() < 0.85 ? ('AUTHORISATION' as const) : ('POSITIVE_OPINION' as const),
      regulator,
      issuingBody: regulator,
      product: allProducts[productZipf.draw(approvalRandom)].key,
      condition: allConditions[conditionZipf.draw(approvalRandom)].key,
      indication: 'Synthetic indication',
      date,
      datePrecision: 'DAY' as const,
      event: 'synthetic approval',
      sources: sources(approvalRandom, 'approval'),
    };
  });

  const base: Corpus = {
    'drugs.json': drugs,
    'targets.json': targets,
    'pathways.json': pathways,
    'condition-categories.json': categories,
    'conditions.json': conditions,
    'regulators.json': [],
    'products.json': products,
    'interactions.json': interactions,
    'target-pathways.json': targetPathways,
    'pathway-conditions.json': pathwayConditions,
    'studies.json': studies,
    'findings.json': [],
    'approvals.json': approvals,
    'labels.json': [],
  };

  // Findings: a study, a drug drawn Zipf(0.8) (ruxolitinib first), a condition drawn Zipf(0.8) (the curated
  // conditions first), a route the drug has, half of them with a product of that route.
  const findingCount = n(SCALE_1.findings);
  const drugZipf = new Zipf(allDrugs.length, 0.8);
  const outcomes = [
    ['COMPLETE_RESPONSE', 15],
    ['PARTIAL_RESPONSE', 25],
    ['IMPROVED', 25],
    ['MIXED', 10],
    ['NO_RESPONSE', 10],
    ['WORSENED', 5],
    [undefined, 10],
  ] as const;
  function* findings(size: number): Generator<Finding[]> {
    const r = prng(seed, 'findings');
    for (let start = 0; start < findingCount; start += size) {
      const chunk: Finding[] = [];
      for (let i = start; i < Math.min(findingCount, start + size); i++) {
        const drug = allDrugs[drugZipf.draw(r)];
        const route = pick(r, drug.routes);
        const product = r() < 0.5 ? (productsOf.get(drug.key) ?? []).find((p) => p.route === route)?.key : undefined;
        const outcome = weighted(r, outcomes);
        const patients = count(r, 30, 2_000);
        chunk.push({
          key: `syn-finding-${i + 1}`,
          study: pick(r, primaryStudies),
          drug: drug.key,
          product,
          condition: allConditions[conditionZipf.draw(r)].key,
          route,
          outcome,
          patients,
          responders: outcome && r() < 0.6 ? Math.floor(r() * (patients + 1)) : undefined,
          durationWeeks: pick(r, [4, 8, 12, 16, 24, 52]),
          summary: 'Synthetic finding',
          sources: sources(r, 'finding'),
        });
      }
      yield chunk;
    }
  }
  return { base, findings, findingCount };
}
