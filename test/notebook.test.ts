// notebooks/quickstart.ipynb, executed top to bottom as a reader would run it (`jupyter nbconvert --to notebook
// --execute`, from the packages of notebooks/requirements.txt) against the real server over HTTP, on a free
// port, against the test database. The notebook asserts the shapes it relies on, so a change in the
// server's answers fails this test. Where Python or its packages are missing the test says so and is
// skipped, except in CI (CI=true), where that is a failure: .ci/run installs them.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../src/server.js';
import { createApp } from '../src/yoga.js';
import { testServices } from './support/app.js';
import { findPython, notebooksDir } from './support/python.js';

const services = testServices();
let server: Server;
let url: string;

beforeAll(async () => {
  server = await listen(createApp(services), 0, '127.0.0.1');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  server?.closeAllConnections(); // keep-alive connections would hold close() for seconds
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await services.driver.close();
});

describe('notebooks/quickstart.ipynb', () => {
  it('runs top to bottom against the live server', async (context) => {
    const { python, problem } = findPython();
    if (!python) {
      if (process.env.CI) throw new Error(`The notebook test needs Python: ${problem}`);
      console.warn(`SKIPPED notebook test: ${problem}`);
      context.skip(problem);
      return;
    }
    const out = mkdtempSync(join(tmpdir(), 'jak-kg-notebook-'));
    const executed = join(out, 'quickstart.executed.ipynb');
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        python!,
        [
          '-m',
          'jupyter',
          'nbconvert',
          '--to',
          'notebook',
          '--execute',
          '--ExecutePreprocessor.timeout=120',
          '--output-dir',
          out,
          '--output',
          'quickstart.executed.ipynb',
          join(notebooksDir, 'quickstart.ipynb'),
        ],
        {
          env: { ...process.env, KG_URL: url, KG_FIGURES: out, MPLBACKEND: 'Agg' },
          timeout: 150_000,
          maxBuffer: 16 * 1024 * 1024,
        },
        (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? -1) : 0, stderr }),
      );
    });
    // nbconvert's CellExecutionError names the failing cell and the assertion; show it when the run fails.
    expect(result.code, `notebook failed (executed copy: ${executed}):\n${result.stderr.slice(-4000)}`).toBe(0);
    const notebook = JSON.parse(readFileSync(executed, 'utf8'));
    const errors = notebook.cells
      .flatMap((c: { outputs?: { output_type: string }[] }) => c.outputs ?? [])
      .filter((o: { output_type: string }) => o.output_type === 'error');
    expect(errors).toEqual([]);
    const text = JSON.stringify(notebook.cells.map((c: { outputs?: unknown }) => c.outputs ?? []));
    expect(text).toContain('data version');
    expect(text).toContain('Ruxolitinib -> Tyrosine-protein kinase JAK1');
    const figure = join(out, 'response-by-category.png');
    expect(existsSync(figure)).toBe(true);
    expect(readFileSync(figure).subarray(1, 4).toString()).toBe('PNG');
  }, 180_000);
});
