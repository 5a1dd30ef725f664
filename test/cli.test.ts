// The jak-kg command through real processes (bin/jak-kg.js): help, usage errors (exit 2), db status
// (exit 3 when stopped), schema, and an export to a file against the test database.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { printedSchema } from '../src/schema/print.js';
import { testApp } from './support/app.js';

const bin = fileURLToPath(new URL('../bin/jak-kg.js', import.meta.url));
const { app, close } = testApp();
afterAll(close);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function jakKg(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const db = inject('neo4j');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...process.env, NEO4J_URI: db.uri, NEO4J_USER: db.user, NEO4J_PASSWORD: db.password, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe('jak-kg', () => {
  it('prints help for the command and each subcommand, exit 0', async () => {
    const help = await jakKg(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['seed', 'export <table>', 'schema', 'db start|stop|status']) expect(help.stdout).toContain(command);
    const exportHelp = await jakKg(['export', '--help']);
    expect(exportHelp.code).toBe(0);
    expect(exportHelp.stdout).toMatch(/evidence\s+filters: drug, condition, route, category, study, design/);
    expect((await jakKg(['seed', '--help'])).stdout).toContain('usage: jak-kg seed');
    expect((await jakKg(['db', '--help'])).stdout).toContain('usage: jak-kg db');
  });

  it('exits 2 with a message on usage errors', async () => {
    const cases: [string[], RegExp][] = [
      [[], /usage: jak-kg <command>/],
      [['frob'], /unknown command: frob/],
      [['export'], /missing table/],
      [['export', 'genes'], /No export table "genes"/],
      [['export', 'uses', '--colour', 'red'], /Unknown option "colour" for uses; allowed: drug, condition, route, regulator, status/],
      [['export', 'uses', '--route', 'NASAL'], /route must be one of TOPICAL/],
      [['export', 'uses.csv', '--format', 'ndjson'], /contradicts/],
      [['export', 'uses', '--out'], /--out needs a value/],
      [['db', 'frob'], /unknown command: frob/],
    ];
    for (const [args, message] of cases) {
      const run = await jakKg(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
    }
  });

  it('says a db is stopped with exit 3', async () => {
    const run = await jakKg(['db', 'status', '--data', mkdtempSync(join(tmpdir(), 'jak-kg-nodb-'))]);
    expect(run).toMatchObject({ code: 3, stdout: 'stopped\n' });
  });

  it('prints the schema', async () => {
    const run = await jakKg(['schema']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(printedSchema());
  });

  it('exports a table to a file, the same bytes as GET /export, with a progress line', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'jak-kg-export-')), 'evidence.csv');
    const run = await jakKg(['export', 'evidence', '--drug', 'ruxolitinib', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const served = await (await app.fetch('http://test/export/evidence.csv?drug=ruxolitinib')).text();
    expect(readFileSync(out, 'utf8')).toBe(served);
    const rows = served.split('\r\n').length - 2;
    expect(rows).toBeGreaterThan(10);
    // stderr is not a terminal here: plain progress lines, then the summary with the count and rate.
    expect(run.stderr).toMatch(new RegExp(`exported ${rows} rows of evidence \\(data version [0-9a-f]{16}\\) to .* in [0-9.]+ s, \\d+ rows/s`));
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('creates a missing folder for --out, and refuses a misspelt key with the nearest keys (exit 2), never an empty file', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'jak-kg-export-')), 'new', 'folder', 'drugs.csv');
    const run = await jakKg(['export', 'nodes/Drug', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(readFileSync(out, 'utf8')).toMatch(/^key,name,/);
    const blocked = join(out, 'inside-a-file.csv'); // its "folder" is a file
    const refused = await jakKg(['export', 'nodes/Drug', '--out', blocked]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/cannot create its folder/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    const misspelt = await jakKg(['export', 'evidence', '--drug', 'ruxolitinb', '--out', join(tmpdir(), 'never.csv')]);
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toMatch(/--drug: No drug has the key "ruxolitinb"\. Did you mean "ruxolitinib"/);
    expect(existsSync(join(tmpdir(), 'never.csv'))).toBe(false);
  });

  it('exits 1 and leaves no file when the database cannot be reached', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'jak-kg-export-')), 'uses.csv');
    const run = await jakKg(['export', 'uses', '--out', out], { NEO4J_URI: 'bolt://127.0.0.1:1' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^jak-kg: /m);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });
});
