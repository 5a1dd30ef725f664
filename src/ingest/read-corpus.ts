// Reads data/*.json, validates every row and every cross-reference, and either returns the whole corpus or
// throws one error listing each problem with its file, row and reason. Nothing is written here.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusFiles, type Corpus, type CorpusFile } from './corpus-schema.js';

export const defaultDataDir = fileURLToPath(new URL('../../data/', import.meta.url));

export class CorpusError extends Error {
  constructor(readonly problems: string[]) {
    super(`The corpus has ${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'CorpusError';
  }
}

export interface LoadedCorpus {
  corpus: Corpus;
  /** sha256 of the data files, so a served answer can name the corpus version it came from. */
  version: string;
}

export function readCorpus(dataDir: string = defaultDataDir): LoadedCorpus {
  const problems: string[] = [];
  const hash = createHash('sha256');
  const corpus = {} as Record<CorpusFile, unknown[]>;

  for (const [file, rowSchema] of Object.entries(corpusFiles) as [CorpusFile, (typeof corpusFiles)[CorpusFile]][]) {
    corpus[file] = [];
    let text: string;
    try {
      text = readFileSync(join(dataDir, file), 'utf8');
    } catch {
      problems.push(`${file}: cannot be read`);
      continue;
    }
    hash.update(file).update(text);
    let rows: unknown;
    try {
      rows = JSON.parse(text);
    } catch (error) {
      problems.push(`${file}: not valid JSON (${(error as Error).message})`);
      continue;
    }
    if (!Array.isArray(rows)) {
      problems.push(`${file}: must hold a JSON array of rows`);
      continue;
    }
    rows.forEach((row, index) => {
      const parsed = rowSchema.safeParse(row);
      if (parsed.success) corpus[file].push(parsed.data);
      else for (const issue of parsed.error.issues) problems.push(`${file} row ${index}: ${issue.path.join('.') || '(row)'}: ${issue.message}`);
    });
  }

  if (problems.length === 0) problems.push(...checkReferences(corpus as Corpus));
  if (problems.length > 0) throw new CorpusError(problems);
  return { corpus: corpus as Corpus, version: hash.digest('hex').slice(0, 16) };
}

/** Keys must be unique per file (case-insensitively), and every key a row refers to must exist. */
function checkReferences(corpus: Corpus): string[] {
  const problems: string[] = [];
  const keysOf = (file: CorpusFile): Set<string> => {
    const seen = new Set<string>();
    (corpus[file] as { key?: string }[]).forEach((row, index) => {
      if (row.key === undefined) return;
      const norm = row.key.toLowerCase();
      if (seen.has(norm)) problems.push(`${file} row ${index}: key "${row.key}" is used twice`);
      seen.add(norm);
    });
    return seen;
  };
  const keys = {
    drug: keysOf('drugs.json'),
    target: keysOf('targets.json'),
    pathway: keysOf('pathways.json'),
    category: keysOf('condition-categories.json'),
    condition: keysOf('conditions.json'),
    regulator: keysOf('regulators.json'),
    product: keysOf('products.json'),
    study: keysOf('studies.json'),
  };
  keysOf('findings.json');
  keysOf('approvals.json');
  keysOf('labels.json');

  const check = (file: CorpusFile, field: string, kind: keyof typeof keys) => {
    (corpus[file] as Record<string, unknown>[]).forEach((row, index) => {
      const value = row[field];
      if (typeof value === 'string' && !keys[kind].has(value.toLowerCase())) {
        problems.push(`${file} row ${index}: ${field} "${value}" is not a known ${kind}`);
      }
    });
  };
  check('pathways.json', 'parent', 'pathway');
  check('conditions.json', 'category', 'category');
  check('products.json', 'drug', 'drug');
  check('interactions.json', 'drug', 'drug');
  check('interactions.json', 'target', 'target');
  check('target-pathways.json', 'target', 'target');
  check('target-pathways.json', 'pathway', 'pathway');
  check('pathway-conditions.json', 'pathway', 'pathway');
  check('pathway-conditions.json', 'condition', 'condition');
  check('findings.json', 'study', 'study');
  check('findings.json', 'drug', 'drug');
  check('findings.json', 'product', 'product');
  check('findings.json', 'condition', 'condition');
  check('approvals.json', 'regulator', 'regulator');
  check('approvals.json', 'product', 'product');
  check('approvals.json', 'condition', 'condition');
  check('labels.json', 'regulator', 'regulator');
  check('labels.json', 'drug', 'drug');
  problems.push(...checkArms(corpus, keys), ...checkLabels(corpus));
  corpus['studies.json'].forEach((study, index) => {
    for (const inclusion of study.includedIn) {
      if (!keys.study.has(inclusion.review.toLowerCase())) {
        problems.push(`studies.json row ${index}: includedIn review "${inclusion.review}" is not a known study`);
      }
    }
  });
  return problems;
}

/** Arms name known drugs and products; a finding's arm is an arm of its study, and only a drug's arm has a drug. */
function checkArms(corpus: Corpus, keys: { drug: Set<string>; product: Set<string> }): string[] {
  const problems: string[] = [];
  const armsOf = new Map(corpus['studies.json'].map((s) => [s.key.toLowerCase(), new Map(s.arms.map((a) => [a.key, a]))]));
  corpus['studies.json'].forEach((study, index) => {
    for (const arm of study.arms) {
      if (arm.drug && !keys.drug.has(arm.drug)) problems.push(`studies.json row ${index}: arm "${arm.key}" drug "${arm.drug}" is not a known drug`);
      if (arm.product && !keys.product.has(arm.product))
        problems.push(`studies.json row ${index}: arm "${arm.key}" product "${arm.product}" is not a known product`);
    }
  });
  corpus['findings.json'].forEach((finding, index) => {
    if (finding.arm === undefined) return;
    const arm = armsOf.get(finding.study.toLowerCase())?.get(finding.arm);
    if (!arm) problems.push(`findings.json row ${index}: arm "${finding.arm}" is not an arm of study "${finding.study}"`);
    else if ((arm.role === 'EXPERIMENTAL') !== (finding.drug !== undefined)) {
      problems.push(`findings.json row ${index}: names a drug only when its arm is EXPERIMENTAL (arm "${arm.key}" is ${arm.role})`);
    } else if (finding.drug && arm.drug !== finding.drug) {
      problems.push(`findings.json row ${index}: drug "${finding.drug}" is not the drug of arm "${arm.key}" (${arm.drug})`);
    }
  });
  return problems;
}

/**
 * One snapshot per (regulator, drug); its products contain the drug; every approval the regulator gave a product
 * of the drug is of a product the snapshot lists (else the snapshot would not be the whole label), and a
 * NOT_AUTHORISED snapshot has no approval beside it.
 */
function checkLabels(corpus: Corpus): string[] {
  const problems: string[] = [];
  const drugOf = new Map(corpus['products.json'].map((p) => [p.key, p.drug]));
  const seen = new Set<string>();
  corpus['labels.json'].forEach((label, index) => {
    const pair = `${label.regulator}/${label.drug}`;
    if (seen.has(pair)) problems.push(`labels.json row ${index}: a second snapshot for ${pair}`);
    seen.add(pair);
    for (const product of label.products) {
      if (!drugOf.has(product)) problems.push(`labels.json row ${index}: product "${product}" is not a known product`);
      else if (drugOf.get(product) !== label.drug) problems.push(`labels.json row ${index}: product "${product}" does not contain ${label.drug}`);
    }
    const approved = corpus['approvals.json'].filter((a) => a.regulator === label.regulator && drugOf.get(a.product) === label.drug);
    for (const approval of approved) {
      if (label.status === 'NOT_AUTHORISED') problems.push(`labels.json row ${index}: ${pair} is NOT_AUTHORISED but approval "${approval.key}" exists`);
      else if (!label.products.includes(approval.product))
        problems.push(`labels.json row ${index}: approval "${approval.key}" is of product "${approval.product}", which the snapshot does not list`);
    }
  });
  return problems;
}
