// `jak-kg import openfda <file>`: the `results` of openFDA's /drug/label.json (drug labels) or /drug/drugsfda.json
// (Drugs@FDA applications), told apart record by record by their fields (a label has set_id and
// indications_and_usage; an application has application_number and products).
//
// A label's indications_and_usage is the whole current label: it yields one FDA label snapshot per drug (the
// products of the labels read, complete only when every indication paragraph named a condition of the graph and
// every product of the drug the graph knows FDA authorised is among them) and one approval per (product,
// condition). The label does not say when each indication was first approved, so the approval is dated as a RANGE
// "<lower>/<effective_time>": approved no later than the label's effective date, and no earlier than the
// application's original approval (Drugs@FDA ORIG, from this file or an earlier import), else than 1938, the year
// the Federal Food, Drug, and Cosmetic Act introduced new drug applications (no FDA approval predates it).
// A Drugs@FDA record yields the application's products (matched, or new) and its original approval date.
import type { GraphIndex } from './graph-index.js';
import { conditionsNamedIn, matchDrug, matchProduct, routeOf } from './graph-index.js';
import {
  compactDay,
  emptyPlan,
  ImportError,
  indicationParagraphs,
  kebab,
  latest,
  malformedRecord,
  provenance,
  SKIP_NOT_A_DRUG,
  recordAt,
  titleCase,
  calendarDay,
  type ApprovalRow,
  type FdaApplication,
  type ImportPlan,
  type LabelRow,
  type ProductRow,
  type Source,
} from './shared.js';
import { validated } from './validate.js';

/** No FDA approval predates the Federal Food, Drug, and Cosmetic Act of 1938 (new drug applications). */
export const FDA_EARLIEST = '1938';

type Json = Record<string, unknown>;
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The date range of an indication seen on a label of effective date `effective`. */
export function labelApprovalDate(effective: string, originalApproval?: string): { date: string; lowerBound: 'ORIG' | 'FD&C Act' } {
  if (originalApproval && originalApproval <= effective) return { date: `${originalApproval}/${effective}`, lowerBound: 'ORIG' };
  return { date: `${FDA_EARLIEST}/${effective}`, lowerBound: 'FD&C Act' };
}

const applicationUrl = (number: string) =>
  `https://www.accessdata.fda.gov/scripts/cder/daf/index.cfm?event=overview.process&ApplNo=${number.replace(/^\D+/, '')}`;
const dailyMedUrl = (setId: string) => `https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=${setId}`;

export function parseOpenFda(text: string, file: string, index: GraphIndex): ImportPlan {
  const plan = emptyPlan('openfda', file);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ImportError('IMPORT_MALFORMED_FILE', `${file} is not JSON (${(error as Error).message})`);
  }
  if (!isObject(document) || !Array.isArray(document.results)) {
    throw new ImportError('IMPORT_MALFORMED_FILE', `${file} has no "results" array (an openFDA /drug/label.json or /drug/drugsfda.json answer)`);
  }
  const results = document.results as unknown[];
  plan.read = results.length;

  // First pass: what each record is, and the dates the file gives (its own date comes from them, never the clock).
  const kinds = results.map((record, i) => {
    if (!isObject(record)) throw malformedRecord(i, undefined, 'not a JSON object');
    if ('set_id' in record || 'indications_and_usage' in record || 'effective_time' in record) return 'label' as const;
    if ('application_number' in record || 'submissions' in record) return 'application' as const;
    throw malformedRecord(
      i,
      undefined,
      'neither a drug label (set_id, effective_time, indications_and_usage) nor a Drugs@FDA record (application_number, products)',
    );
  });
  const meta = isObject(document.meta) ? document.meta : {};
  plan.fileDate =
    calendarDay(meta.last_updated) ??
    latest(
      results.flatMap((r) => [
        compactDay((r as Json).effective_time),
        ...(Array.isArray((r as Json).submissions) ? ((r as Json).submissions as Json[]).map((s) => compactDay(s?.submission_status_date)) : []),
      ]),
    ) ??
    'undated';

  // Drugs@FDA first: a label later in the same file may need its application's original approval.
  const originals = new Map<string, string>();
  results.forEach((record, i) => {
    if (kinds[i] === 'application') readApplication(record as Json, i, plan, index, originals);
  });
  for (const p of index.products)
    for (const a of p.fdaApplications) {
      if (a.originalApprovalDate && !originals.has(a.applicationNumber)) originals.set(a.applicationNumber, a.originalApprovalDate);
    }

  const labels: LabelRead[] = [];
  results.forEach((record, i) => {
    if (kinds[i] === 'label') {
      const read = readLabel(record as Json, i, plan, index, originals);
      if (read) labels.push(read);
    }
  });
  plan.approvals = dedupeApprovals(plan.approvals);
  plan.labels.push(...snapshots(labels, plan, index));
  return plan;
}

function readApplication(record: Json, i: number, plan: ImportPlan, index: GraphIndex, originals: Map<string, string>): void {
  const number = record.application_number;
  if (typeof number !== 'string' || !/^(NDA|ANDA|BLA)\d+$/.test(number)) {
    throw malformedRecord(i, typeof number === 'string' ? number : undefined, 'application_number must be NDA, ANDA or BLA followed by digits');
  }
  if (!Array.isArray(record.products) || record.products.length === 0) throw malformedRecord(i, number, 'missing products');
  const submissions = Array.isArray(record.submissions) ? (record.submissions as unknown[]) : [];
  let original: string | undefined;
  for (const submission of submissions) {
    if (!isObject(submission)) throw malformedRecord(i, number, 'a submission is not an object');
    if (submission.submission_type === 'ORIG' && submission.submission_status === 'AP') {
      original = compactDay(submission.submission_status_date);
      if (!original) throw malformedRecord(i, number, `ORIG submission_status_date "${String(submission.submission_status_date)}" is not YYYYMMDD`);
    }
  }
  const source = provenance(plan, `Drugs@FDA application ${number}`, applicationUrl(number));
  const application: FdaApplication = { applicationNumber: number, originalApprovalDate: original, sources: [source] };
  if (original) originals.set(number, original);

  let ours = 0;
  const seen = new Set<string>();
  for (const item of record.products as unknown[]) {
    if (!isObject(item)) throw malformedRecord(i, number, 'a product is not an object');
    const brand = typeof item.brand_name === 'string' ? item.brand_name.trim() : '';
    if (!brand) throw malformedRecord(i, number, 'a product has no brand_name');
    const ingredients = Array.isArray(item.active_ingredients) ? (item.active_ingredients as Json[]) : [];
    const drugs = [...new Set(ingredients.map((a) => matchDrug(index, typeof a?.name === 'string' ? a.name : undefined)?.key))];
    if (drugs.length !== 1 || drugs[0] === undefined) continue;
    ours++;
    const drug = drugs[0];
    const dosageForm = typeof item.dosage_form === 'string' ? item.dosage_form : undefined;
    const route = routeOf(typeof item.route === 'string' ? item.route : undefined) ?? routeOf(dosageForm);
    const matched =
      matchProduct(index, drug, brand, route, dosageForm) ??
      plan.products.find((p) => p.drug === drug && p.name.toLowerCase() === brand.toLowerCase() && p.route === route);
    let productKey = matched?.key;
    if (!productKey) {
      if (matchDrug(index, brand)?.key === drug) {
        plan.notes.push(`${number}: product "${brand}" is sold under the drug's own name (a generic); not added as a product`);
        continue;
      }
      if (!route) {
        plan.unmatched.push({ record: number, text: `product ${brand} ${dosageForm ?? ''}: route "${String(item.route)}" is none the graph knows` });
        continue;
      }
      const strengths = ingredients.map((a) => a?.strength).filter((s): s is string => typeof s === 'string');
      const row: ProductRow = validated(
        'product',
        {
          key: kebab(`${brand} ${dosageForm ?? ''}`),
          name: titleCase(brand),
          synonyms: [],
          xrefs: [{ source: 'NDA', id: number.replace(/^\D+/, ''), url: applicationUrl(number) }],
          sources: [source],
          drug,
          formulation: dosageForm?.toLowerCase(),
          route,
          strength: strengths.length ? [...new Set(strengths)].join('; ') : undefined,
        },
        recordAt(i, number),
      );
      plan.products.push(row);
      productKey = row.key;
    }
    if (!seen.has(productKey)) plan.applications.push({ product: productKey, application });
    seen.add(productKey);
  }
  if (ours === 0) plan.skipped.push({ record: number, reason: SKIP_NOT_A_DRUG });
}

interface LabelRead {
  drug: string;
  setId: string;
  effective: string;
  product: string;
  paragraphs: number;
  unmatched: string[];
  source: Source;
}

function readLabel(record: Json, i: number, plan: ImportPlan, index: GraphIndex, originals: Map<string, string>): LabelRead | undefined {
  const setId = typeof record.set_id === 'string' ? record.set_id : undefined;
  if (!setId || !/^[0-9a-f-]{36}$/i.test(setId)) throw malformedRecord(i, setId, 'set_id must be an SPL set id (a UUID)');
  const effective = compactDay(record.effective_time);
  if (!effective) throw malformedRecord(i, setId, `effective_time "${String(record.effective_time)}" is not YYYYMMDD`);
  const indications = strings(record.indications_and_usage);
  if (indications.length === 0) throw malformedRecord(i, setId, 'missing indications_and_usage');
  const openfda = isObject(record.openfda) ? record.openfda : {};
  const names = [...strings(openfda.generic_name), ...strings(openfda.substance_name)];
  const drugs = [...new Set(names.map((n) => matchDrug(index, n)?.key))];
  if (names.length === 0 || drugs.length !== 1 || drugs[0] === undefined) {
    plan.skipped.push({ record: setId, reason: SKIP_NOT_A_DRUG });
    return undefined;
  }
  const drug = drugs[0];
  const brand = strings(openfda.brand_name)[0];
  if (!brand) throw malformedRecord(i, setId, 'openfda.brand_name is missing');
  const routeText = strings(openfda.route)[0];
  const route = routeOf(routeText);
  const source = provenance(plan, `openFDA drug label set_id ${setId} (effective ${effective})`, dailyMedUrl(setId));
  const application = strings(openfda.application_number)[0];

  let product =
    matchProduct(index, drug, brand, route)?.key ??
    plan.products.find((p) => p.drug === drug && p.name.toLowerCase() === brand.toLowerCase() && (!route || p.route === route))?.key;
  if (!product) {
    if (!route) {
      plan.unmatched.push({ record: setId, text: `product ${brand}: route "${routeText ?? ''}" is none the graph knows` });
      return undefined;
    }
    const row: ProductRow = validated(
      'product',
      {
        key: kebab(`${brand} ${route}`),
        name: titleCase(brand),
        synonyms: [],
        xrefs: application ? [{ source: 'NDA', id: application.replace(/^\D+/, ''), url: applicationUrl(application) }] : [],
        sources: [source],
        drug,
        route,
      },
      recordAt(i, setId),
    );
    plan.products.push(row);
    product = row.key;
  }

  const { date, lowerBound } = labelApprovalDate(effective, application ? originals.get(application) : undefined);
  const paragraphs = indicationParagraphs(indications.join('\n'));
  const unmatched: string[] = [];
  for (const paragraph of paragraphs) {
    const conditions = conditionsNamedIn(index, paragraph);
    if (conditions.length === 0) {
      unmatched.push(paragraph);
      plan.unmatched.push({ record: setId, text: paragraph });
      continue;
    }
    for (const condition of conditions) {
      const row: ApprovalRow = validated(
        'approval',
        {
          key: `fda-label-${product}-${condition.key}`,
          kind: 'AUTHORISATION',
          regulator: 'FDA',
          issuingBody: 'FDA',
          product,
          condition: condition.key,
          indication: paragraph.slice(0, 1000),
          date,
          datePrecision: 'RANGE',
          event: `indication on the FDA label (set_id ${setId}) in force on its effective date, ${effective}`,
          notes:
            lowerBound === 'ORIG'
              ? `The label does not date its indications: approved no later than ${effective} and no earlier than ${date.split('/')[0]}, the original approval of ${application} (Drugs@FDA).`
              : `The label does not date its indications: approved no later than ${effective}; no earlier bound is known (no Drugs@FDA record of ${application ?? 'its application'} imported), so the range starts in ${FDA_EARLIEST}, the year new drug applications began.`,
          sources: [source],
        },
        recordAt(i, setId),
      );
      plan.approvals.push(row);
    }
  }
  return { drug, setId, effective, product, paragraphs: paragraphs.length, unmatched, source };
}

/** One approval per key: where two labels give the same (product, condition), the earlier upper bound (tighter). */
function dedupeApprovals(approvals: ApprovalRow[]): ApprovalRow[] {
  const byKey = new Map<string, ApprovalRow>();
  for (const a of approvals) {
    const kept = byKey.get(a.key);
    if (!kept || a.date.split('/')[1] < kept.date.split('/')[1]) byKey.set(a.key, a);
  }
  return [...byKey.values()];
}

/** One FDA label snapshot per drug, over the labels of this file. */
function snapshots(labels: LabelRead[], plan: ImportPlan, index: GraphIndex): LabelRow[] {
  const rows: LabelRow[] = [];
  for (const drug of [...new Set(labels.map((l) => l.drug))]) {
    const ofDrug = labels.filter((l) => l.drug === drug);
    const curated = index.labels.find((l) => l.regulator === 'FDA' && l.drug === drug && !l.importedFrom);
    if (curated) {
      plan.notes.push(`kept curated: label snapshot ${curated.key} (FDA, ${drug}) is in the curated corpus; no imported snapshot written`);
      continue;
    }
    const products = [...new Set(ofDrug.map((l) => l.product))].sort();
    const authorisedElsewhere = index.authorised
      .filter((a) => a.regulator === 'FDA' && index.products.find((p) => p.key === a.product)?.drug === drug && !products.includes(a.product))
      .map((a) => a.product);
    const unmatched = ofDrug.flatMap((l) => l.unmatched);
    const empty = ofDrug.filter((l) => l.paragraphs === 0);
    const complete = unmatched.length === 0 && empty.length === 0 && authorisedElsewhere.length === 0;
    const why = [
      ...(unmatched.length
        ? [`${unmatched.length} indication paragraph(s) name no condition of the graph: ${unmatched.map((u) => `"${u.slice(0, 120)}"`).join('; ')}`]
        : []),
      ...(empty.length ? [`no indication paragraph found on ${empty.map((l) => l.setId).join(', ')}`] : []),
      ...(authorisedElsewhere.length
        ? [`the graph holds FDA approvals of ${[...new Set(authorisedElsewhere)].join(', ')}, whose label is not in this file`]
        : []),
    ];
    rows.push(
      validated(
        'labelSnapshot',
        {
          key: `fda-label-${drug}`,
          regulator: 'FDA',
          drug,
          status: 'AUTHORISED',
          products,
          complete,
          labelVersion: ofDrug.map((l) => `set_id ${l.setId} effective ${l.effective}`).join('; '),
          notes: complete
            ? `Imported from ${plan.file}: every indication paragraph of the label(s) named a condition of the graph.`
            : `Imported from ${plan.file}; incomplete: ${why.join('; ')}.`,
          sources: ofDrug.map((l) => l.source),
        },
        `the FDA label snapshot of ${drug}`,
      ),
    );
  }
  return rows;
}
