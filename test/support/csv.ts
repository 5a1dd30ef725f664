// A small RFC 4180 reader for the tests, written apart from src/export/encode.ts so that the export is
// checked by a parser that does not share its code: quoted fields, doubled quotes, CR/LF inside quotes.

export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else if (ch === '"' || ch === '\r' || ch === '\n') throw new Error(`malformed CSV at character ${i}: bare ${JSON.stringify(ch)}`);
    else field += ch;
  }
  if (quoted) throw new Error('malformed CSV: unterminated quoted field');
  if (field !== '' || record.length > 0) throw new Error('malformed CSV: the last record has no CRLF');
  return records;
}

/** The records as objects keyed by the header row. */
export function csvObjects(text: string): { header: string[]; rows: Record<string, string>[] } {
  const [header, ...records] = parseCsv(text);
  for (const r of records) if (r.length !== header.length) throw new Error(`record with ${r.length} fields, header has ${header.length}`);
  return { header, rows: records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}
