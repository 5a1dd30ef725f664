// `jak-kg import ema <file>`: EMA's medicines table ("Medicines output - European public assessment reports"),
// as CSV or as the .xlsx EMA publishes (read with exceljs). The real file opens with a few preamble lines; the
// header is the first row holding "Category" and the medicine name column. Columns are read by their published
// names (older and newer spellings both: "Medicine name" / "Name of medicine", "Therapeutic indication" /
// "Condition / indication", "Revision date" / "Last updated date", "URL" / "Medicine URL", ...).
//
// An authorised human medicine of a drug of the graph yields its product (matched by name, or new when the drug
// has one route; where the graph holds several products of that name, none, and the row is reported unmatched),
// one approval per condition its "Therapeutic indication" names, and one EMA label snapshot per drug. The table
// gives the marketing authorisation date of the medicine, not of each indication: with several indications each
// is dated as a RANGE "<marketing authorisation date>/<revision date>"; a medicine with a single indication is
// taken to have had it from its marketing authorisation (DAY). The snapshot is complete only when every indication
// paragraph named a condition, every authorised row of the drug in the file was read, and every product of the
// drug the graph knows EMA authorised is among them.
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import type { GraphIndex } from './graph-index.js';
import { conditionsNamedIn, matchDrug, matchProduct } from './graph-index.js';
import {
  calendarDay,
  emptyPlan,
  ImportError,
  indicationParagraphs,
  kebab,
  latest,
  lineAt,
  malformed,
  normalise,
  provenance,
  SKIP_NOT_A_DRUG,
  type ApprovalRow,
  type ImportPlan,
  type LabelRow,
  type ProductRow,
  type Source,
} from './shared.js';
import { validated } from './validate.js';

type Cell = string | Date | undefined;
interface SheetRow {
  line: number;
  cells: Cell[];
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and line breaks. Each row with its first line. */
export function parseCsv(text: string): SheetRow[] {
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      cells.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      cells.push(field);
      rows.push({ line: rowLine, cells });
      cells = [];
      field = '';
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (quoted) throw new ImportError('IMPORT_MALFORMED_FILE', `an unterminated quoted field starts on or before line ${rowLine}`);
  if (field !== '' || cells.length) {
    cells.push(field);
    rows.push({ line: rowLine, cells });
  }
  return rows;
}

/** The first worksheet of an .xlsx, as rows of text or dates (rich text and hyperlinks as their text). */
export async function readXlsx(data: Buffer): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (error) {
    throw new ImportError('IMPORT_MALFORMED_FILE', `not a readable .xlsx workbook (${(error as Error).message})`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportError('IMPORT_MALFORMED_FILE', 'the workbook has no worksheet');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellValue(cell.value);
    });
    rows.push({ line: number, cells });
  });
  return rows;
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
    return undefined;
  }
  return String(value);
}

const columnNames = {
  category: ['Category'],
  name: ['Medicine name', 'Name of medicine'],
  inn: ['International non-proprietary name (INN) / common name'],
  substance: ['Active substance'],
  productNumber: ['Product number', 'EMA product number'],
  status: ['Authorisation status', 'Medicine status'],
  authorisationDate: ['Marketing authorisation date'],
  revisionDate: ['Revision date', 'Last updated date'],
  indication: ['Therapeutic indication', 'Condition / indication'],
  url: ['URL', 'Medicine URL'],
} as const;
type Column = keyof typeof columnNames;
const required: Column[] = ['category', 'name', 'inn', 'productNumber', 'status', 'authorisationDate', 'indication', 'url'];

const headerText = (cell: Cell) => (typeof cell === 'string' ? cell.replace(/\s+/g, ' ').trim().toLowerCase() : '');

export async function parseEma(data: Buffer, file: string, index: GraphIndex): Promise<ImportPlan> {
  const rows = extname(file).toLowerCase() === '.xlsx' ? await readXlsx(data) : parseCsv(data.toString('utf8'));
  const headerAt = rows.findIndex((r) => {
    const texts = r.cells.map(headerText);
    return texts.includes('category') && columnNames.name.some((n) => texts.includes(n.toLowerCase()));
  });
  if (headerAt < 0) {
    throw new ImportError('IMPORT_MALFORMED_FILE', `${file}: no header row with "Category" and "Medicine name" (the EMA medicines table)`);
  }
  const header = rows[headerAt].cells.map(headerText);
  const columns = {} as Record<Column, number>;
  for (const [column, names] of Object.entries(columnNames) as [Column, readonly string[]][]) {
    // biome-ignore lint/complexity/useIndexOf: the callback matches any of several names, which indexOf cannot
    columns[column] = header.findIndex((h) => names.some((n) => n.toLowerCase() === h));
  }
  const missing = required.filter((c) => columns[c] < 0);
  if (missing.length) {
    throw new ImportError(
      'IMPORT_MALFORMED_FILE',
      `${file}: the header on line ${rows[headerAt].line} lacks ${missing.map((c) => `"${columnNames[c][0]}"`).join(', ')}`,
    );
  }
  const cell = (row: SheetRow, column: Column): Cell => (columns[column] >= 0 ? row.cells[columns[column]] : undefined);
  const text = (row: SheetRow, column: Column): string => {
    const value = cell(row, column);
    return value instanceof Date ? value.toISOString() : (value ?? '').trim();
  };

  const body = rows.slice(headerAt + 1).filter((r) => r.cells.some((c) => (c instanceof Date ? true : Boolean(c?.trim()))));
  const plan = emptyPlan('ema', file);
  plan.read = body.length;
  plan.fileDate =
    latest(body.map((r) => calendarDay(cell(r, 'revisionDate')))) ?? latest(body.map((r) => calendarDay(cell(r, 'authorisationDate')))) ?? 'undated';

  interface RowRead {
    drug: string;
    product?: string;
    paragraphs: number;
    unmatched: string[];
    source: Source;
    productNumber: string;
  }
  const read: RowRead[] = [];
  for (const row of body) {
    const name = text(row, 'name');
    const productNumber = text(row, 'productNumber');
    const where = lineAt(row.line, productNumber || name || undefined);
    if (text(row, 'category').toLowerCase() !== 'human') {
      plan.skipped.push({ record: where, reason: `category "${text(row, 'category')}" (only human medicines are read)` });
      continue;
    }
    const substances = [text(row, 'inn'), ...text(row, 'substance').split(/[;,/]/)].map((s) => s.trim()).filter(Boolean);
    const drugs = [...new Set(substances.map((s) => matchDrug(index, s)?.key).filter((d): d is string => Boolean(d)))];
    if (drugs.length !== 1) {
      plan.skipped.push({ record: where, reason: drugs.length ? 'a combination of drugs' : SKIP_NOT_A_DRUG });
      continue;
    }
    const drug = drugs[0];
    const status = text(row, 'status');
    if (status.toLowerCase() !== 'authorised') {
      plan.skipped.push({ record: where, reason: `authorisation status "${status}"` });
      continue;
    }
    if (!name) throw malformed(where, 'no medicine name');
    if (!/^EMEA\/H\/C\/\d+$/.test(productNumber)) throw malformed(where, `product number "${productNumber}" is not EMEA/H/C/<digits>`);
    const authorised = calendarDay(cell(row, 'authorisationDate'));
    if (!authorised) throw malformed(where, `marketing authorisation date "${text(row, 'authorisationDate')}" is not a date (DD/MM/YYYY)`);
    const revisedText = text(row, 'revisionDate');
    const revised = revisedText ? calendarDay(cell(row, 'revisionDate')) : undefined;
    if (revisedText && !revised) throw malformed(where, `revision date "${revisedText}" is not a date (DD/MM/YYYY)`);
    const url = text(row, 'url');
    if (!/^https?:\/\/\S+$/.test(url)) throw malformed(where, `URL "${url}" is not the EPAR's address`);
    const source = provenance(plan, `EMA medicines table, ${name}, product number ${productNumber}`, url);

    let product = matchProduct(index, drug, name)?.key ?? plan.products.find((p) => p.drug === drug && p.name.toLowerCase() === name.toLowerCase())?.key;
    // The table has one row per medicine, whatever its forms: where the graph holds several products of that name
    // (tablets and an oral solution), it cannot say which form each indication is for, and no new product is made.
    const sameName = product ? [] : index.products.filter((p) => p.drug === drug && [p.name, ...p.synonyms].some((n) => normalise(n) === normalise(name)));
    if (!product && sameName.length > 1) {
      plan.unmatched.push({
        record: where,
        text: `medicine ${name}: ${sameName.length} products of that name in the graph (${sameName
          .map((p) => p.key)
          .sort()
          .join(', ')}); the table does not say which form each indication is for`,
      });
    } else if (!product) {
      const routes = index.drugs.find((d) => d.key === drug)?.routes ?? [];
      if (routes.length === 1) {
        const row: ProductRow = validated(
          'product',
          {
            key: kebab(name),
            name,
            synonyms: [],
            xrefs: [{ source: 'EU', id: productNumber, url }],
            sources: [source],
            drug,
            route: routes[0],
          },
          where,
        );
        plan.products.push(row);
        product = row.key;
      } else {
        plan.unmatched.push({ record: where, text: `medicine ${name}: no product of that name in the graph, and ${drug} has several routes` });
      }
    }

    const paragraphs = indicationParagraphs(text(row, 'indication'));
    const unmatched: string[] = [];
    const single = paragraphs.length === 1;
    if (!single && paragraphs.length > 1) {
      if (!revised) throw malformed(where, 'no revision date: with several indications, none can be dated without it');
      if (revised < authorised) throw malformed(where, `revision date ${revised} is before the marketing authorisation date ${authorised}`);
    }
    for (const paragraph of paragraphs) {
      const conditions = conditionsNamedIn(index, paragraph);
      if (conditions.length === 0) {
        unmatched.push(paragraph);
        plan.unmatched.push({ record: where, text: paragraph });
        continue;
      }
      if (!product) continue;
      for (const condition of conditions) {
        const row: ApprovalRow = validated(
          'approval',
          {
            key: `ema-${product}-${condition.key}`,
            kind: 'AUTHORISATION',
            regulator: 'EMA',
            issuingBody: 'European Commission',
            product,
            condition: condition.key,
            indication: paragraph.slice(0, 1000),
            date: single ? authorised : `${authorised}/${revised}`,
            datePrecision: single ? 'DAY' : 'RANGE',
            event: single
              ? `marketing authorisation of ${name} (${productNumber}); its only indication in the EMA medicines table, taken as its initial one`
              : `indication of ${name} (${productNumber}) in the EMA medicines table revised ${revised}`,
            notes: single
              ? undefined
              : `The table dates the medicine, not each indication: authorised no earlier than the marketing authorisation (${authorised}) and no later than the table's revision date (${revised}).`,
            sources: [source],
          },
          where,
        );
        plan.approvals.push(row);
      }
    }
    read.push({ drug, product, paragraphs: paragraphs.length, unmatched, source, productNumber });
  }

  for (const drug of [...new Set(read.map((r) => r.drug))]) {
    const ofDrug = read.filter((r) => r.drug === drug);
    const curated = index.labels.find((l) => l.regulator === 'EMA' && l.drug === drug && !l.importedFrom);
    if (curated) {
      plan.notes.push(`kept curated: label snapshot ${curated.key} (EMA, ${drug}) is in the curated corpus; no imported snapshot written`);
      continue;
    }
    const products = [...new Set(ofDrug.map((r) => r.product).filter((p): p is string => Boolean(p)))].sort();
    if (products.length === 0) continue;
    const unread = ofDrug.filter((r) => !r.product).map((r) => r.productNumber);
    const unmatched = ofDrug.flatMap((r) => r.unmatched);
    const noIndication = ofDrug.filter((r) => r.paragraphs === 0).map((r) => r.productNumber);
    const elsewhere = [
      ...new Set(
        index.authorised
          .filter((a) => a.regulator === 'EMA' && index.products.find((p) => p.key === a.product)?.drug === drug && !products.includes(a.product))
          .map((a) => a.product),
      ),
    ];
    const complete = unread.length === 0 && unmatched.length === 0 && noIndication.length === 0 && elsewhere.length === 0;
    const why = [
      ...(unmatched.length
        ? [`${unmatched.length} indication paragraph(s) name no condition of the graph: ${unmatched.map((u) => `"${u.slice(0, 120)}"`).join('; ')}`]
        : []),
      ...(unread.length ? [`medicines not read as products: ${unread.join(', ')}`] : []),
      ...(noIndication.length ? [`no indication text for ${noIndication.join(', ')}`] : []),
      ...(elsewhere.length ? [`the graph holds EMA approvals of ${elsewhere.join(', ')}, not in this file`] : []),
    ];
    const label: LabelRow = validated(
      'labelSnapshot',
      {
        key: `ema-label-${drug}`,
        regulator: 'EMA',
        drug,
        status: 'AUTHORISED',
        products,
        complete,
        labelVersion: `EMA medicines table, revision of ${plan.fileDate}`,
        notes: complete
          ? `Imported from ${plan.file}: every authorised medicine of ${drug} in the table was read and each indication named a condition of the graph.`
          : `Imported from ${plan.file}; incomplete: ${why.join('; ')}.`,
        sources: ofDrug.map((r) => r.source),
      },
      `the EMA label snapshot of ${drug}`,
    );
    plan.labels.push(label);
  }
  return plan;
}
