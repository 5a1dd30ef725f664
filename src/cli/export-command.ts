// `jak-kg export <table> [--out FILE] [--format csv|ndjson] [--<filter> VALUE ...]`: the export tables of
// GET /export, streamed straight from the database (the same tables, filters and streaming code as the HTTP
// routes) into a file or stdout, with a progress bar on stderr. It talks to the database, not to a server:
// a researcher can export without starting one, and nothing has to be served to write a file.
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { GraphQLError } from 'graphql';
import { readConfig } from '../config.js';
import { loadCypherLibrary } from '../graph/cypher.js';
import { createExecutor } from '../db/executor.js';
import { connectDatabase } from '../db/select-database.js';
import type { Format } from '../export/encode.js';
import { countRows, exportChunks } from '../export/stream.js';
import { type ExportTable, exportTables, ExportRequestError, findTable, keyChecks, parseFilters } from '../export/tables.js';
import { checkKnownKeys } from '../known-keys.js';
import { createProgress } from './progress.js';
import { parseCommandLine, UsageError } from './usage.js';

export const exportUsage = `usage: jak-kg export <table>[.csv|.ndjson] [--out FILE] [--format csv|ndjson] [--<filter> VALUE ...]

Streams an export table from the database (as GET /export/<table>.<format> does) to FILE or stdout.
A progress bar with counts and rate goes to stderr. With --out, the file appears only once complete.

tables:
${exportTables.map((t) => `  ${t.name.padEnd(24)}${Object.keys(t.filters).length ? `filters: ${Object.keys(t.filters).join(', ')}` : ''}`).join('\n')}

examples:
  jak-kg export evidence --drug ruxolitinib --out evidence.csv
  jak-kg export uses.ndjson --regulator EMA --status OFF_LABEL
  jak-kg export nodes/Drug --out drugs.csv

options:
  --out FILE         write here (default: stdout); missing folders are created
  --format FORMAT    csv (default) or ndjson
  -h, --help         this help
`;

function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    stream.once('error', onError);
    const ok = stream.write(text, () => stream.off('error', onError));
    // Backpressure: wait until the file (or pipe) has taken what it was given.
    if (ok) resolve();
    else stream.once('drain', resolve);
  });
}

export async function exportCommand(argv: string[]): Promise<number> {
  // Unknown --name value pairs are the table's filters, checked by parseFilters as GET /export's parameters.
  const args = parseCommandLine(argv, { out: { type: 'string' }, format: { type: 'string' } }, { extra: true });
  if (args.values.help) {
    process.stdout.write(exportUsage);
    return 0;
  }
  if (args.positionals.length !== 1)
    throw new UsageError(args.positionals.length ? `unexpected argument: ${args.positionals[1]}` : 'missing table (e.g. evidence, uses, nodes/Drug)');
  const named = /^(.+?)(?:\.(csv|ndjson))?$/.exec(args.positionals[0])!;
  const option = args.values.format;
  if (option !== undefined && option !== 'csv' && option !== 'ndjson') throw new UsageError(`--format must be csv or ndjson, not ${option}`);
  if (option && named[2] && option !== named[2]) throw new UsageError(`--format ${option} contradicts ${args.positionals[0]}`);
  const format = (option ?? named[2] ?? 'csv') as Format;
  let table: ExportTable;
  let filters: ReturnType<typeof parseFilters>;
  try {
    table = findTable(named[1]);
    filters = parseFilters(table, new URLSearchParams(args.extra));
  } catch (error) {
    if (error instanceof ExportRequestError) throw new UsageError(error.message.replace(/parameter/gi, 'option'));
    throw error;
  }

  const out = args.values.out;
  if (out !== undefined) {
    // The folder of FILE is created when missing; one that cannot be is a usage error, not a stack trace.
    try {
      mkdirSync(dirname(resolve(out)), { recursive: true });
    } catch (error) {
      throw new UsageError(`--out ${out}: cannot create its folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  const config = readConfig();
  const db = await connectDatabase(config, { log: (line) => process.stderr.write(`${line}\n`) });
  const partial = out ? `${out}.partial` : undefined;
  try {
    const cypher = loadCypherLibrary();
    const executor = createExecutor({ driver: db.driver, database: config.NEO4J_DATABASE, timeoutMs: config.NEO4J_EXPORT_TIMEOUT_MS });
    // A filter naming nothing (a misspelt drug) is a usage error with the nearest keys, not an empty file.
    try {
      await checkKnownKeys(executor, cypher, keyChecks(table, filters));
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions.code === 'UNKNOWN_KEY') throw new UsageError(`--${error.extensions.argument}: ${error.message}`);
      throw error;
    }
    const [version] = await executor.read('corpus-version', cypher.query('corpus-version'));
    const dataVersion = (version?.get('version') as string | undefined) ?? 'unknown';
    const total = await countRows(executor, cypher, table, filters);
    const progress = createProgress(`export ${table.name}`, { total });
    const sink: Writable = partial ? createWriteStream(partial) : process.stdout;
    // A file that cannot be opened reports through this listener (awaited at the first write), not as an
    // unhandled 'error' event.
    let failed: Error | undefined;
    sink.on('error', (error) => (failed = error));
    const started = Date.now();
    const chunks = exportChunks(executor, cypher, table, filters, format, { onRows: (rows) => progress.update(rows) });
    let rows = 0;
    for (;;) {
      const next = await chunks.next();
      if (next.done) {
        rows = next.value;
        break;
      }
      if (failed) throw failed;
      await write(sink, next.value);
    }
    if (partial) {
      await new Promise<void>((resolve, reject) => sink.end((error?: Error | null) => (error ? reject(error) : resolve())));
      renameSync(partial, out!);
    }
    const seconds = (Date.now() - started) / 1000;
    progress.finish(
      `exported ${rows} rows of ${table.name} (data version ${dataVersion}) ${out ? `to ${out} ` : ''}in ${seconds.toFixed(1)} s, ${Math.round(rows / Math.max(seconds, 0.001))} rows/s`,
    );
    return 0;
  } catch (error) {
    if (partial) rmSync(partial, { force: true });
    throw error;
  } finally {
    await db.close();
  }
}
