// The CLI progress bar: counts, percentage and rate; redrawn in place on a terminal, plain lines elsewhere.
import { describe, expect, it } from 'vitest';
import { createProgress } from '../src/cli/progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, columns: 200, writes, write: (text: string) => writes.push(text) };
}

describe('progress', () => {
  it('draws a bar with counts, percentage and rate on a terminal, redrawing the same line', () => {
    let now = 0;
    const stream = fakeStream(true);
    const progress = createProgress('export nodes', { total: 1000, stream, now: () => now });
    now = 2000;
    progress.update(500, 'Drug');
    expect(stream.writes[0]).toBe('\r\x1b[K[############------------] export nodes: 500/1,000 rows 50%, 250 rows/s (Drug)');
    now = 2050;
    progress.update(600);
    expect(stream.writes).toHaveLength(1); // at most every 100 ms
    now = 4000;
    progress.update(1000);
    expect(stream.writes[1]).toContain('[########################] export nodes: 1,000/1,000 rows 100%, 250 rows/s');
    progress.finish('done');
    expect(stream.writes.slice(-2)).toEqual(['\r\x1b[K', 'done\n']);
  });

  it('prints plain lines every interval when not a terminal, counts and rate without a total', () => {
    let now = 0;
    const stream = fakeStream(false);
    const progress = createProgress('export evidence', { stream, now: () => now, plainIntervalMs: 1000 });
    now = 500;
    progress.update(100);
    now = 900;
    progress.update(150);
    now = 1600;
    progress.update(400);
    progress.finish('exported 400 rows');
    expect(stream.writes).toEqual(['export evidence: 100 rows, 200 rows/s\n', 'export evidence: 400 rows, 250 rows/s\n', 'exported 400 rows\n']);
  });
});
