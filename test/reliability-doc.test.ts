// docs/RELIABILITY.md states every limit with its default: the table must say what the code does.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';

const doc = readFileSync(new URL('../docs/RELIABILITY.md', import.meta.url), 'utf8');
const defaults = readConfig({}) as Record<string, unknown>;

/** `| `KG_MAX_DEPTH` | 12 | ...` rows of the doc's tables: variable -> default as written. */
function documented(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const match of doc.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \| ([^|]+?) \|/gm)) rows.set(match[1], match[2].replace(/`/g, '').trim());
  return rows;
}

describe('docs/RELIABILITY.md', () => {
  it('documents every limit and switch with the default the code has', () => {
    const rows = documented();
    const variables = Object.keys(defaults).filter(
      (k) => k.startsWith('KG_') || ['NEO4J_QUERY_TIMEOUT_MS', 'NEO4J_MAX_RETRY_MS', 'SHUTDOWN_GRACE_MS', 'LOG_LEVEL'].includes(k),
    );
    expect(variables.length).toBeGreaterThan(15);
    for (const name of variables) {
      expect(rows.has(name), `${name} is missing from the limits table`).toBe(true);
      const value = defaults[name];
      const written = rows.get(name)!.replace(/,/g, '');
      expect(written === String(value) || (value === '' && written === '(empty)'), `${name}: doc says ${rows.get(name)}, code ${JSON.stringify(value)}`).toBe(
        true,
      );
    }
  });
});
