// `jak-kg import <source> <file>`: load a regulator's or a registry's records into the graph (src/import/),
// matched to the drugs and conditions it holds, with provenance on every row, in one transaction.
import { readConfig } from '../config.js';
import { loadCypherLibrary } from '../graph/cypher.js';
import { createExecutor } from '../db/executor.js';
import { connectDatabase } from '../db/select-database.js';
import { detailLines, runImport, summaryLine } from '../import/run.js';
import { ImportError, importSources, type ImportSource } from '../import/shared.js';
import { createProgress, type Progress } from './progress.js';
import { parseCommandLine, UsageError } from './usage.js';

export const importUsage = `usage: jak-kg import <source> <file> [--quiet]

Loads public records into the graph the server uses (NEO4J_URI, else Docker, else the local launcher), matched
to the drugs and conditions it already holds by key, name or synonym. The whole file is read and checked first:
a malformed file or record is refused with a coded error (IMPORT_MALFORMED_FILE, IMPORT_MALFORMED_RECORD at
record N or line N) and nothing is written. Then everything is written in one transaction. Idempotent.

sources:
  openfda   openFDA JSON: drug labels (/drug/label.json) or Drugs@FDA (/drug/drugsfda.json), told apart by fields
  ema       EMA medicines table (European public assessment reports), .csv or .xlsx
  ctgov     ClinicalTrials.gov API v2 JSON: one study, or a page {"studies": [...]}
  pubmed    PubMed efetch XML (PubmedArticleSet)

options:
  --quiet     print only the summary line, not the skipped and unmatched records
  -h, --help  this help
`;

export async function importCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv, { quiet: { type: 'boolean' } });
  if (parsed.values.help) {
    process.stdout.write(importUsage);
    return 0;
  }
  const [source, file, ...extra] = parsed.positionals;
  if (!source) throw new UsageError('missing source (openfda, ema, ctgov or pubmed)');
  if (!(importSources as readonly string[]).includes(source)) throw new UsageError(`unknown source: ${source} (openfda, ema, ctgov or pubmed)`);
  if (!file) throw new UsageError('missing file');
  if (extra.length) throw new UsageError(`unexpected argument: ${extra[0]}`);

  const config = readConfig();
  const db = await connectDatabase(config, { log: (line) => process.stderr.write(`${line}\n`) });
  try {
    const executor = createExecutor({ driver: db.driver, database: config.NEO4J_DATABASE, timeoutMs: 300_000 });
    const started = Date.now();
    let bar: Progress | undefined;
    const result = await runImport(executor, loadCypherLibrary(), source as ImportSource, file, {
      read: (done, total) => createProgress(`import ${source}: read`, { total, unit: 'records' }).update(done),
      write: (done, total, what) => {
        bar ??= createProgress(`import ${source}: write`, { total, unit: 'rows' });
        bar.update(done, what);
      },
    });
    bar?.finish(`import ${source}: ${result.written.nodes + result.written.relationships} rows written in one transaction`);
    process.stdout.write(`${summaryLine(result, Date.now() - started)}\n`);
    if (!parsed.values.quiet) for (const line of detailLines(result.plan)) process.stdout.write(`${line}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ImportError) {
      process.stderr.write(`jak-kg import: ${error.message}\nnothing was written\n`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}
