// The Lucene query the typo-tolerant search runs (search(query:) and the suggestions of UNKNOWN_KEY,
// src/known-keys.ts): kept apart from the schema so that the exports and the CLI can use it.

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** Exact phrase first, then each term exactly, as a prefix, and within one edit (typos). */
export function luceneQuery(text: string): string | null {
  const terms = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 10);
  if (terms.length === 0) return null;
  const phrase = `"${text.replace(LUCENE_SPECIAL, ' ').trim()}"^4`;
  const perTerm = terms.map((t) => (t.length >= 4 ? `${t}^2 OR ${t}* OR ${t}~1` : `${t}^2 OR ${t}*`));
  return [phrase, ...perTerm.map((q) => `(${q})`)].join(' OR ');
}
