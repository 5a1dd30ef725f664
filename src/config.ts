// Environment read and validated once; everything else imports the typed result.
import { z } from 'zod';

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
  SEED_ON_START: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
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
