// The graph's entities an import matches against, read once before parsing (cypher/import-graph-index.cypher),
// and the matchers: a drug by key, name or synonym (salt words off: "RUXOLITINIB PHOSPHATE" is ruxolitinib); a
// condition named in a text (whole words, the longest name wins, "post-X" is not X); a product by brand and route.
import type { CypherLibrary } from '../graph/cypher.js';
import type { Executor } from '../db/executor.js';
import { normalise, normaliseKeepingCase, withoutSalt, type FdaApplication, type Route } from './shared.js';

export interface IndexedDrug {
  key: string;
  name: string;
  synonyms: string[];
  routes: Route[];
}
export interface IndexedCondition {
  key: string;
  name: string;
  synonyms: string[];
}
export interface IndexedProduct {
  key: string;
  name: string;
  synonyms: string[];
  route: Route;
  formulation?: string;
  drug: string;
  importedFrom?: string;
  fdaApplications: FdaApplication[];
}
export interface IndexedStudy {
  key: string;
  nctId?: string;
  pmid?: string;
  importedFrom?: string;
}
export interface IndexedLabel {
  key: string;
  regulator: string;
  drug: string;
  importedFrom?: string;
}

export interface GraphIndex {
  drugs: IndexedDrug[];
  conditions: IndexedCondition[];
  products: IndexedProduct[];
  studies: IndexedStudy[];
  labels: IndexedLabel[];
  /** Which regulator authorised which product (any approval of kind AUTHORISATION). */
  authorised: { regulator: string; product: string }[];
  /** Every existing Study, Finding, Approval, LabelSnapshot and Product key (case-folded): imported or curated. */
  existing: Map<string, { importedFrom?: string }>;
}

const orUndefined = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);

export async function readGraphIndex(executor: Executor, cypher: CypherLibrary): Promise<GraphIndex> {
  const [record] = await executor.read('import:index', cypher.query('import-graph-index'));
  const list = <T>(name: string) =>
    (record.get(name) as T[]).map((row) => Object.fromEntries(Object.entries(row as Record<string, unknown>).map(([k, v]) => [k, orUndefined(v)])) as T);
  const products = list<Omit<IndexedProduct, 'fdaApplications'> & { fdaApplications?: string }>('products').map((p) => ({
    ...p,
    synonyms: p.synonyms ?? [],
    fdaApplications: p.fdaApplications ? (JSON.parse(p.fdaApplications) as FdaApplication[]) : [],
  }));
  return {
    drugs: list<IndexedDrug>('drugs').map((d) => ({ ...d, synonyms: d.synonyms ?? [], routes: d.routes ?? [] })),
    conditions: list<IndexedCondition>('conditions').map((c) => ({ ...c, synonyms: c.synonyms ?? [] })),
    products,
    studies: list<IndexedStudy>('studies'),
    labels: list<IndexedLabel>('labels'),
    authorised: list<{ regulator: string; product: string }>('authorised'),
    existing: new Map(list<{ key: string; importedFrom?: string }>('keys').map((k) => [k.key, { importedFrom: k.importedFrom }])),
  };
}

const termsOf = (e: { key: string; name: string; synonyms: string[] }) => [
  ...new Set([e.key.replace(/-/g, ' '), e.name, ...e.synonyms].map(normalise).filter(Boolean)),
];

/** The drug a name denotes (exactly, by key, name or synonym, with or without its salt), or undefined. */
export function matchDrug(index: GraphIndex, name: string | undefined): IndexedDrug | undefined {
  if (!name) return undefined;
  const wanted = new Set([normalise(name), withoutSalt(name)]);
  return index.drugs.find((d) => termsOf(d).some((t) => wanted.has(t)));
}

/** The graph's drugs named anywhere in a text, as whole words. */
export function drugsNamedIn(index: GraphIndex, text: string): IndexedDrug[] {
  const haystack = ` ${normalise(text)} `;
  return index.drugs.filter((d) => termsOf(d).some((t) => t.length > 2 && haystack.includes(` ${t} `)));
}

/** A short abbreviation written with capitals ("AS", "PsA", "cGVHD"): it names the condition only as written. */
const isAbbreviation = (name: string) => /^\S{2,6}$/.test(name.trim()) && (name.match(/[A-Z]/g)?.length ?? 0) >= 2;

/**
 * The conditions a text names. Whole words only; a mention inside a longer mention of another condition does not
 * count ("lichen planus" inside "oral lichen planus"), nor one right after "post" ("post polycythaemia vera
 * myelofibrosis" is myelofibrosis, not polycythaemia vera). An abbreviation counts only with its capitals, as the
 * graph writes it: "AS" is ankylosing spondylitis, the "as" of "also known as" is not.
 */
export function conditionsNamedIn(index: GraphIndex, text: string): IndexedCondition[] {
  const cased = ` ${normaliseKeepingCase(text)} `;
  const haystack = cased.toLowerCase();
  const hits: { start: number; end: number; condition: IndexedCondition }[] = [];
  for (const condition of index.conditions) {
    const names = [...new Set([condition.key.replace(/-/g, ' '), condition.name, ...condition.synonyms])];
    const needles = new Set(names.map((n) => (isAbbreviation(n) ? normaliseKeepingCase(n) : normalise(n))).filter(Boolean));
    for (const needle of needles) {
      const within = needle === needle.toLowerCase() ? haystack : cased;
      let from = 0;
      for (;;) {
        const at = within.indexOf(` ${needle} `, from);
        if (at < 0) break;
        if (!haystack.slice(0, at + 1).endsWith(' post ')) hits.push({ start: at + 1, end: at + 1 + needle.length, condition });
        from = at + 1;
      }
    }
  }
  const kept = hits.filter(
    (h) => !hits.some((o) => o.condition.key !== h.condition.key && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start),
  );
  const seen = new Set<string>();
  return kept
    .sort((a, b) => a.start - b.start)
    .map((h) => h.condition)
    .filter((c) => !seen.has(c.key) && Boolean(seen.add(c.key)));
}

/** Exactly one condition named by a short name (a trial's condition), or undefined. */
export function matchConditionName(index: GraphIndex, name: string): IndexedCondition | undefined {
  const found = conditionsNamedIn(index, name);
  return found.length === 1 ? found[0] : undefined;
}

/** A route as a regulator or registry spells it, when it is one the graph knows. */
export function routeOf(text: string | undefined): Route | undefined {
  const t = normalise(text ?? '');
  if (/\b(topical|cutaneous|cream|ointment|gel|foam|lotion)\b/.test(t)) return 'TOPICAL';
  if (/\b(oral|tablet|tablets|capsule|capsules)\b/.test(t)) return 'ORAL';
  if (/\b(intravenous|infusion)\b/.test(t)) return 'INTRAVENOUS';
  if (/\bsubcutaneous\b/.test(t)) return 'SUBCUTANEOUS';
  return undefined;
}

/**
 * The graph's product of the drug with this brand name (and route, when known). When the drug has several
 * products of that brand and route, the one whose formulation the dosage form names; still several: undefined.
 */
export function matchProduct(index: GraphIndex, drug: string, brand: string, route?: Route, dosageForm?: string): IndexedProduct | undefined {
  const name = normalise(brand);
  const candidates = index.products.filter(
    (p) => p.drug === drug && (route === undefined || p.route === route) && [p.name, ...p.synonyms].some((n) => normalise(n) === name),
  );
  if (candidates.length <= 1) return candidates[0];
  const form = normalise(dosageForm ?? '');
  const byForm = candidates.filter((p) => p.formulation && form.includes(normalise(p.formulation).split(' ')[0]));
  return byForm.length === 1 ? byForm[0] : undefined;
}
