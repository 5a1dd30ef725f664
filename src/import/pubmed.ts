// `jak-kg import pubmed <file>`: PubMed efetch XML (PubmedArticleSet/PubmedArticle), parsed with fast-xml-parser.
//
// An article about a drug of the graph (named in its title, MeSH headings, substances or keywords) becomes a Study
// keyed pmid:<PMID>: title, journal, year (PubDate Year, or the first year of a MedlineDate), first author
// ("LastName Initials"), DOI, and the design its publication types give (Systematic Review or Meta-Analysis:
// SYSTEMATIC_REVIEW; Randomized Controlled Trial: RCT; Case Reports: CASE_REPORT; Clinical Trial, of any phase:
// PROSPECTIVE_OPEN_LABEL; Observational Study: RETROSPECTIVE; Review: REVIEW; none of these: not imported, said
// so). Its ClinicalTrials.gov accession numbers (DataBankList) give nctId; a trial the graph already holds is
// named in the result, and the two studies are kept apart.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { GraphIndex } from './graph-index.js';
import { drugsNamedIn } from './graph-index.js';
import { emptyPlan, ImportError, isoDay, latest, malformed, malformedRecord, provenance, recordAt, SKIP_NOT_A_DRUG, type ImportPlan } from './shared.js';
import { validated } from './validate.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const obj = (value: unknown): Json => (isObject(value) ? value : {});
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
/** The text of an element, with inline markup (<i>, <sup>) dropped. */
const text = (value: unknown): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number') {
    const t = String(value)
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    return t || undefined;
  }
  if (isObject(value)) return text(value['#text']);
  return undefined;
};

const listElements = [
  'PubmedArticle',
  'Author',
  'ArticleId',
  'PublicationType',
  'MeshHeading',
  'DataBank',
  'AccessionNumber',
  'Keyword',
  'KeywordList',
  'Chemical',
  'QualifierName',
];

const designs: [RegExp, 'SYSTEMATIC_REVIEW' | 'RCT' | 'CASE_REPORT' | 'PROSPECTIVE_OPEN_LABEL' | 'RETROSPECTIVE' | 'REVIEW'][] = [
  [/^(Systematic Review|Meta-Analysis)$/i, 'SYSTEMATIC_REVIEW'],
  [/^Randomized Controlled Trial$/i, 'RCT'],
  [/^Case Reports$/i, 'CASE_REPORT'],
  [/^(Clinical Trial|Controlled Clinical Trial)(, Phase [IV]+)?$/i, 'PROSPECTIVE_OPEN_LABEL'],
  [/^Observational Study$/i, 'RETROSPECTIVE'],
  [/^Review$/i, 'REVIEW'],
];

export function designOf(publicationTypes: string[]) {
  for (const [pattern, design] of designs) if (publicationTypes.some((t) => pattern.test(t))) return design;
  return undefined;
}

const months: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
function dateOf(value: unknown): string | undefined {
  const d = obj(value);
  const year = Number(text(d.Year));
  const monthText = text(d.Month) ?? '';
  const month = Number(monthText) || months[monthText.slice(0, 3).toLowerCase()];
  const day = Number(text(d.Day));
  return year && month && day ? isoDay(year, month, day) : undefined;
}

export function parsePubmed(xml: string, file: string, index: GraphIndex): ImportPlan {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new ImportError('IMPORT_MALFORMED_FILE', `${file} is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    isArray: (name) => listElements.includes(name),
    stopNodes: ['*.ArticleTitle', '*.AbstractText'],
  });
  const document = obj(parser.parse(xml));
  if (!isObject(document.PubmedArticleSet)) {
    throw new ImportError('IMPORT_MALFORMED_FILE', `${file} has no PubmedArticleSet (a PubMed efetch answer in XML)`);
  }
  const articles = arr(document.PubmedArticleSet.PubmedArticle);
  const plan = emptyPlan('pubmed', file);
  plan.read = articles.length;
  // The file's date: the latest revision PubMed gives, else the latest date an article was published online.
  const citations = articles.map((a) => obj(obj(a).MedlineCitation));
  plan.fileDate =
    latest(citations.map((c) => dateOf(c.DateRevised) ?? dateOf(c.DateCompleted))) ??
    latest(citations.map((c) => dateOf(arr(obj(c.Article).ArticleDate)[0]))) ??
    'undated';

  articles.forEach((article, i) => {
    const citation = obj(obj(article).MedlineCitation);
    const pmid = text(citation.PMID);
    if (!isObject(obj(article).MedlineCitation)) throw malformedRecord(i, undefined, 'missing MedlineCitation');
    if (!pmid || !/^\d+$/.test(pmid)) throw malformedRecord(i, pmid, 'missing or non-numeric PMID');
    const where = recordAt(i, `PMID ${pmid}`);
    const a = obj(citation.Article);
    const title = text(a.ArticleTitle);
    if (!title) throw malformedRecord(i, `PMID ${pmid}`, 'missing ArticleTitle');
    const journal = obj(a.Journal);
    const pubDate = obj(obj(journal.JournalIssue).PubDate);
    const year = Number(text(pubDate.Year) ?? /\b(\d{4})\b/.exec(text(pubDate.MedlineDate) ?? '')?.[1]) || undefined;
    const authors = arr(obj(a.AuthorList).Author).map(obj);
    const first = authors[0];
    const firstAuthor = first ? (text(first.CollectiveName) ?? [text(first.LastName), text(first.Initials)].filter(Boolean).join(' ')) : undefined;
    const ids = arr(obj(obj(article).PubmedData).ArticleIdList && obj(obj(obj(article).PubmedData).ArticleIdList).ArticleId);
    const doi = ids.map(obj).find((id) => id['@_IdType'] === 'doi');
    const doiText = doi ? text(doi) : undefined;
    const mesh = arr(obj(citation.MeshHeadingList).MeshHeading)
      .map((h) => text(obj(h).DescriptorName))
      .filter((t): t is string => Boolean(t));
    const chemicals = arr(obj(citation.ChemicalList).Chemical)
      .map((c) => text(obj(c).NameOfSubstance))
      .filter((t): t is string => Boolean(t));
    const keywords = arr(citation.KeywordList)
      .flatMap((k) => arr(obj(k).Keyword))
      .map(text)
      .filter((t): t is string => Boolean(t));
    const types = arr(obj(a.PublicationTypeList).PublicationType)
      .map(text)
      .filter((t): t is string => Boolean(t));
    const trials = arr(obj(a.DataBankList).DataBank)
      .map(obj)
      .filter((bank) => text(bank.DataBankName) === 'ClinicalTrials.gov')
      .flatMap((bank) => arr(obj(bank.AccessionNumberList).AccessionNumber).map(text))
      .filter((id): id is string => Boolean(id));
    for (const id of trials) if (!/^NCT\d{8}$/.test(id)) throw malformed(where, `ClinicalTrials.gov accession "${id}" is not NCT followed by 8 digits`);

    if (drugsNamedIn(index, [title, ...mesh, ...chemicals, ...keywords].join(' | ')).length === 0) {
      plan.skipped.push({ record: `PMID ${pmid}`, reason: SKIP_NOT_A_DRUG });
      return;
    }
    const design = designOf(types);
    if (!design) {
      plan.unmatched.push({ record: `PMID ${pmid}`, text: `publication types (${types.join(', ') || 'none'}) give no study design; not imported` });
      return;
    }
    const url = `https://pubmed.ncbi.nlm.nih.gov/${pmid}/`;
    const source = provenance(plan, `PubMed record PMID ${pmid}`, url, { pmid, ...(doiText ? { doi: doiText } : {}) });
    const key = `pmid:${pmid}`;
    plan.studies.push(
      validated(
        'study',
        {
          key,
          name: [text(first?.LastName) ?? text(first?.CollectiveName) ?? `PMID ${pmid}`, year].filter(Boolean).join(' '),
          title,
          firstAuthor: firstAuthor || undefined,
          year,
          journal: text(journal.ISOAbbreviation) ?? text(journal.Title),
          pmid,
          doi: doiText,
          nctId: trials[0],
          design,
          designDetail: types.join('; ') || undefined,
          xrefs: [
            { source: 'PubMed', id: pmid, url },
            ...(doiText ? [{ source: 'DOI' as const, id: doiText, url: `https://doi.org/${doiText}` }] : []),
            ...trials.map((id) => ({ source: 'NCT' as const, id, url: `https://clinicaltrials.gov/study/${id}` })),
          ],
          notes: mesh.length ? `MeSH: ${mesh.join('; ')}` : undefined,
          sources: [source],
        },
        where,
      ),
    );
    for (const id of trials) {
      const trial = index.studies.find((s) => s.nctId === id && s.key !== key);
      if (trial) plan.notes.push(`PMID ${pmid} reports trial ${id}, which the graph holds as ${trial.key} (kept apart, not merged)`);
    }
  });
  return plan;
}
