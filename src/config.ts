// Environment read and validated once; everything else imports the typed result.
import { z } from 'zod';

function flag(defaultValue: 'true' | 'false') {
  return z
    .enum(['true', 'false'])
    .default(defaultValue)
    .transform((v) => v === 'true');
}

/** A positive whole-number limit with its default and an optional ceiling. */
function limit(defaultValue: number, max = Number.MAX_SAFE_INTEGER) {
  return z.coerce.number().int().min(1).max(max).default(defaultValue);
}

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\//, 'NEO4J_URI must start with neo4j://, neo4j+s://, bolt:// or bolt+s://')
    .optional(),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATABASE: z.string().default('neo4j'),
  /** Port of the local launcher's Bolt connector (used only when neither NEO4J_URI nor Docker is available). */
  NEO4J_BOLT_PORT: z.coerce.number().int().min(1).max(65535).default(7687),
  /** Transaction timeout applied to every query the server runs. */
  NEO4J_QUERY_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  /** Transaction timeout of a bulk export (/export/..., `jak-kg export`): a slow client keeps it open. */
  NEO4J_EXPORT_TIMEOUT_MS: z.coerce.number().int().positive().default(600_000),
  /** Seed the curated corpus at start-up when the database holds no corpus. */
  SEED_ON_START: flag('true'),
  /** How long the driver retries a transaction on transient errors (connection lost, leader switch). */
  NEO4J_MAX_RETRY_MS: z.coerce.number().int().min(0).default(3_000),

  // ---- Reliability and security (docs/RELIABILITY.md lists each with its default and why).
  /** Curation tokens: comma-separated `id:sha256hex:scope+scope` entries (hashes only; `npm run token`). */
  KG_TOKENS: z.string().default(''),
  KG_MAX_DEPTH: limit(12),
  KG_MAX_COMPLEXITY: limit(200_000),
  KG_MAX_BREADTH: limit(300),
  KG_MAX_ALIASES: limit(30),
  KG_MAX_TOKENS: limit(5_000),
  KG_MAX_PAGE_SIZE: limit(100, 1_000),
  KG_MAX_PATH_LENGTH: limit(6, 6),
  KG_MAX_PATHS: limit(50, 500),
  KG_MAX_SEARCH_RESULTS: limit(100, 1_000),
  KG_MAX_LIST_ARGUMENT: limit(1_000),
  KG_MAX_BODY_BYTES: limit(102_400),
  /** Operations per batched request; 0 turns batching off. */
  KG_MAX_BATCH: z.coerce.number().int().min(0).max(100).default(0),
  /** Neo4j sessions (pooled connections) one request may hold at once; further reads wait their turn. */
  KG_MAX_SESSIONS_PER_REQUEST: limit(4, 100),
  KG_INTROSPECTION: flag('true'),
  KG_CSRF: flag('true'),
  /** Allowed browser origins: `*`, a comma-separated list, or empty for no CORS headers. */
  KG_CORS_ORIGINS: z.string().default('*'),
  /** Prometheus metrics at /metrics: off unless asked for (they tell anyone who reaches the port how the server is used). */
  KG_METRICS: flag('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** How long a shutdown waits for in-flight requests before closing their connections. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
});

export type Config = z.infer<typeof schema>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}
