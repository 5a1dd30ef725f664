// What the four importers (openFDA, EMA, ClinicalTrials.gov, PubMed) share: the coded errors, the plan an
// importer makes of a file before anything is written, provenance, dates, and the matching of a record's names
// and texts to the drugs, conditions and products the graph already holds (src/import/graph-index.ts).
// Matching is by key, name or synonym, case-insensitively, after spelling normalisation (accents, "ae"/"oe",
// punctuation); it never guesses: a text that names no condition of the graph is reported as unmatched.
import { basename } from 'node:path';
import type { z } from 'zod';
import type { approval, finding, labelSnapshot, product, route, source, study } from '../ingest/corpus-schema.js';

export type Source = z.infer<typeof source>;
export type Route = z.infer<typeof route>;
export type ProductRow = z.infer<typeof product>;
export type StudyRow = z.infer<typeof study>;
export type FindingRow = z.infer<typeof finding>;
export type ApprovalRow = z.infer<typeof approval>;
export type LabelRow = z.infer<typeof labelSnapshot>;

export const importSources = ['openfda', 'ema', 'ctgov', 'pubmed'] as const;
export type ImportSource = (typeof importSources)[number];

/** A refusal before anything is written: the file, or one of its records, is not what the format says. */
export class ImportError extends Error {
  constructor(
    readonly code: 'IMPORT_MALFORMED_FILE' | 'IMPORT_MALFORMED_RECORD' | 'IMPORT_UNREADABLE_FILE',
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'ImportError';
  }
}

/** Where a record is: "record 3 (NCT01234567)", counting from 1 as a person reads a file; or "line 12 (...)". */
export const recordAt = (index: number, id?: string) => `record ${index + 1}${id ? ` (${id})` : ''}`;
export const lineAt = (line: number, id?: string) => `line ${line}${id ? ` (${id})` : ''}`;

/** IMPORT_MALFORMED_RECORD at <where>: reason. */
export function malformed(where: string, reason: string): ImportError {
  return new ImportError('IMPORT_MALFORMED_RECORD', `at ${where}: ${reason}`);
}

/** IMPORT_MALFORMED_RECORD at record N (its id): reason. */
export function malformedRecord(index: number, id: string | undefined, reason: string): ImportError {
  return malformed(recordAt(index, id), reason);
}

/** A new or existing product's extra facts from Drugs@FDA: the application and its original approval. */
export interface FdaApplication {
  applicationNumber: string;
  originalApprovalDate?: string;
  sources: Source[];
}

/** Everything an importer makes of a file, validated, before the one write transaction. */
export interface ImportPlan {
  source: ImportSource;
  file: string;
  /** The file's own date (never the clock): openFDA meta.last_updated, the EMA revision date, ... */
  fileDate: string;
  /** Records read (labels, applications, table rows, studies, articles). */
  read: number;
  products: ProductRow[];
  studies: StudyRow[];
  findings: FindingRow[];
  approvals: ApprovalRow[];
  labels: LabelRow[];
  /** Drugs@FDA applications to record on products (by product key). */
  applications: { product: string; application: FdaApplication }[];
  skipped: { record: string; reason: string }[];
  unmatched: { record: string; text: string }[];
  /** Other things worth saying (a paper's trial already in the graph, a curated node kept as it is). */
  notes: string[];
}

export function emptyPlan(source: ImportSource, file: string): ImportPlan {
  return {
    source,
    file,
    fileDate: '',
    read: 0,
    products: [],
    studies: [],
    findings: [],
    approvals: [],
    labels: [],
    applications: [],
    skipped: [],
    unmatched: [],
    notes: [],
  };
}

export const SKIP_NOT_A_DRUG = 'not a drug in the graph';

/** The provenance of one imported row: the file and the record's own id, the public record, CONFIRMED. */
export function provenance(plan: Pick<ImportPlan, 'file' | 'fileDate'>, what: string, url: string, extra: { pmid?: string; doi?: string } = {}): Source {
  const name = basename(plan.file);
  return {
    citation: `${name}: ${what}`,
    url,
    ...extra,
    confidence: 'CONFIRMED',
    note: `imported from ${name} (${plan.fileDate})`,
  };
}

// ---- Dates

const pad = (n: number) => String(n).padStart(2, '0');

/** A real calendar day as YYYY-MM-DD, or undefined. */
export function isoDay(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** openFDA's YYYYMMDD. */
export function compactDay(value: unknown): string | undefined {
  const m = typeof value === 'string' ? /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim()) : null;
  return m ? isoDay(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** YYYY-MM-DD, or the EMA table's DD/MM/YYYY, or a spreadsheet date. */
export function calendarDay(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return isoDay(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/.exec(text);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (m) return isoDay(Number(m[3]), Number(m[2]), Number(m[1]));
  return undefined;
}

/** A date as ClinicalTrials.gov gives it: YYYY-MM-DD or YYYY-MM (kept at its precision). */
export function partialDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return calendarDay(text);
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(text) || /^\d{4}$/.test(text)) return text;
  return undefined;
}

export const latest = (dates: (string | undefined)[]): string | undefined =>
  dates
    .filter((d): d is string => Boolean(d))
    .sort()
    .at(-1);

// ---- Names and texts

/**
 * normalise without the lowercasing: accents off, "ae"/"oe" as "e", punctuation as spaces, capitals kept. Its
 * lowercase is normalise's, letter for letter, so a place in one is the same place in the other.
 */
export function normaliseKeepingCase(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[aA]([eE])/g, '$1')
    .replace(/[oO]([eE])/g, '$1')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim();
}

/** Lowercase, accents off, British "ae"/"oe" spelt as American "e", punctuation as spaces. */
export function normalise(text: string): string {
  return normaliseKeepingCase(text).toLowerCase();
}

/** kebab-case of a name, as the corpus keys products and arms. */
export function kebab(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/%/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** "JAKAFI" -> "Jakafi", as the corpus names products. */
export const titleCase = (text: string) =>
  text.toLowerCase().replace(/(^|[\s-])([a-z])/g, (_all, before: string, letter: string) => `${before}${letter.toUpperCase()}`);

/** Salt and ester words that follow an active moiety in a substance name ("RUXOLITINIB PHOSPHATE"). */
const saltWords = new Set([
  'phosphate',
  'hydrochloride',
  'hydrobromide',
  'citrate',
  'tosylate',
  'sulfate',
  'sulphate',
  'maleate',
  'mesylate',
  'besylate',
  'tartrate',
  'succinate',
  'fumarate',
  'acetate',
  'sodium',
  'potassium',
  'calcium',
  'monohydrate',
  'dihydrate',
  'hemihydrate',
  'anhydrous',
  'free',
  'base',
]);

export function withoutSalt(name: string): string {
  return normalise(name)
    .split(' ')
    .filter((word) => !saltWords.has(word))
    .join(' ');
}

/** Splits a text into paragraphs that state an indication ("... is indicated for ..."). */
export function indicationParagraphs(text: string): string[] {
  const paragraphs: string[] = [];
  for (const block of text.split(/\r?\n|\s(?=\d+\.\d+\s+[A-Z])/)) {
    // Within a block, one paragraph per sentence that says "indicated"; a "Limitations of Use" passage states no
    // indication and is left out.
    const cleaned = block.replace(/Limitations? of Use\b.*$/is, '').trim();
    if (!cleaned) continue;
    const sentences = cleaned.split(/(?<=\.)\s+(?=[A-Z])/);
    for (const sentence of sentences) if (/\bindicated\b/i.test(sentence)) paragraphs.push(sentence.trim());
  }
  return paragraphs;
}
