// The SDL the server serves, sorted: what `jak-kg schema --write` (npm run schema:print) writes to
// schema/schema.graphql and test/schema-drift.test.ts compares with the committed file.
import { fileURLToPath } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './index.js';

export const schemaFile = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));
export const printedSchema = () => `${printSchema(lexicographicSortSchema(schema))}\n`;
