// Preloaded into each server by bench/memory.ts (NODE_OPTIONS=--import): every 250 ms, appends the
// process's memory (process.memoryUsage(), bytes) as one JSON line to $BENCH_MEMORY_DIR/<pid>.jsonl.
import { appendFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.env.BENCH_MEMORY_DIR;
if (dir) {
  const file = path.join(dir, `${process.pid}.jsonl`);
  setInterval(() => appendFileSync(file, `${JSON.stringify({ t: Date.now(), ...process.memoryUsage() })}\n`), 250).unref();
}
