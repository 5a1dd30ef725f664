// A large export keeps this process's memory flat: 100,000 temporary Finding nodes (about 120 MB of CSV)
// are streamed over real HTTP (server and client in this process) while the test samples memory: the JS
// heap plus external memory (ArrayBuffers), process.memoryUsage() every 20 ms for the peak, and after a
// forced GC every ~8 MB of output for what is retained. Retained memory must not grow with the export;
// the nodes are removed afterwards. An aborted export must end its Neo4j transaction. About 25 s on the
// project's 2-core machine when it is quiet (9 s writing the nodes, 7 s deleting them, 4.5 s exporting).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../src/server.js';
import { testApp } from './support/app.js';

const ROWS = 100_000;
const BATCH = 25_000;
const MB = 1024 * 1024;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Live memory of this process: the JS heap plus memory outside it (ArrayBuffers: response chunks, sockets). */
const used = (m: NodeJS.MemoryUsage = process.memoryUsage()) => m.heapUsed + m.external;

const { app, executor, close } = testApp();
let server: Server;
let base: string;

async function removeTemporaryNodes() {
  // In batches, so that no single transaction holds every deletion.
  for (;;) {
    const [record] = await executor().write(
      'test:export-memory-clean',
      `
      MATCH (n:ExportLoadTest) WITH n LIMIT 50000 DELETE n RETURN count(*) AS n`,
    );
    if ((record.get('n') as number) === 0) return;
  }
}

beforeAll(async () => {
  await removeTemporaryNodes();
  // ~1,100 characters of summary per row, with a comma and a quote so that every row is quoted.
  const summary = `Temporary row for the export memory test, "quoted", ${'x'.repeat(1050)}`;
  for (let from = 1; from <= ROWS; from += BATCH) {
    await executor().write(
      'test:export-memory-create',
      `
      UNWIND range($from, $to) AS i
      WITH 'export-load-test-' + right('000000' + toString(i), 6) AS key
      CREATE (:Finding:ExportLoadTest {key: key, keyNorm: key, name: 'Export load test ' + key, summary: $summary,
        route: 'TOPICAL', patients: 10, responders: 5, outcome: 'IMPROVED', confidence: 'UNVERIFIED', sources: '[]', xrefs: '[]', synonyms: []})`,
      { from, to: Math.min(from + BATCH - 1, ROWS), summary },
    );
  }
  server = await listen(app, 0, '127.0.0.1');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  server?.closeAllConnections(); // keep-alive connections would hold close() for seconds
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await removeTemporaryNodes();
  await close();
}, 120_000);

describe('a large export', () => {
  it('streams 100,000 rows (120 MB) over HTTP with a flat heap', async () => {
    gc();
    const before = process.memoryUsage();
    const started = Date.now();
    let peakUsed = used(before);
    let peakRss = before.rss;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakUsed = Math.max(peakUsed, used(m));
      peakRss = Math.max(peakRss, m.rss);
    }, 20);
    const retained: number[] = [];
    let bytes = 0;
    let lines = 0;
    let nextSample = 8 * MB;
    try {
      // The stream as it leaves Neo4j, uncompressed: Node's fetch asks for gzip by default, and zlib's buffers,
      // freed by GC finalizers some time later, would blur what this sampling calls retained.
      const response = await fetch(`${base}/export/nodes/Finding.csv`, { headers: { 'accept-encoding': 'identity' } });
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        for (const byte of value) if (byte === 10) lines++;
        if (bytes >= nextSample) {
          gc();
          retained.push(used() - used(before));
          nextSample += 8 * MB;
        }
      }
    } finally {
      clearInterval(sampler);
    }
    const seconds = (Date.now() - started) / 1000;
    const report = {
      rows: lines - 1,
      megabytes: +(bytes / MB).toFixed(1),
      seconds,
      rowsPerSecond: Math.round((lines - 1) / seconds),
      usedBeforeMb: +(used(before) / MB).toFixed(1),
      peakUsedGrowthMb: +((peakUsed - used(before)) / MB).toFixed(1),
      retainedGrowthMb: retained.map((r) => +(r / MB).toFixed(1)),
      peakRssGrowthMb: +((peakRss - before.rss) / MB).toFixed(1),
    };
    console.log('export memory:', JSON.stringify(report));
    expect(lines - 1).toBeGreaterThanOrEqual(ROWS);
    expect(bytes).toBeGreaterThan(100 * MB);
    // Buffering the export would retain ~its size (100+ MB) and grow with every sample; streaming holds a
    // chunk and a driver batch. The bound is far below the export size and far above GC noise.
    expect(Math.max(...retained)).toBeLessThan(24 * MB);
    expect(retained.at(-1)! - retained[0]).toBeLessThan(8 * MB);
    expect(peakUsed - used(before)).toBeLessThan(64 * MB);
  }, 60_000);

  it('ends the Neo4j transaction when the client goes away mid-export', async () => {
    const controller = new AbortController();
    const response = await fetch(`${base}/export/nodes/Finding.ndjson`, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    const open = async () => {
      const [record] = await executor().read(
        'test:transactions',
        `
        SHOW TRANSACTIONS YIELD metaData WHERE metaData.operation = 'export:nodes/Finding' RETURN count(*) AS n`,
      );
      return record.get('n') as number;
    };
    // The export is paused on backpressure with its transaction open...
    expect(await open()).toBe(1);
    controller.abort();
    // ...and the disconnect ends it (otherwise it would stay open until the export timeout).
    let remaining = await open();
    for (let i = 0; i < 50 && remaining > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      remaining = await open();
    }
    expect(remaining).toBe(0);
  }, 30_000);
});
