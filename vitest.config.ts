import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build for Pothos and Yoga; Vite would give our own files its .mjs build,
    // and two copies of graphql refuse each other's types. Point both at the one Node uses.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // One real Neo4j for the whole run, chosen by test/support/global-setup.ts (NEO4J_URI, Docker, or the
    // local launcher), seeded once with the curated corpus.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 240_000,
    // Test files share one database; those that write use their own keys and clean up after themselves,
    // and files run one after another so that one file's temporary nodes never show in another's counts.
    fileParallelism: false,
  },
});
