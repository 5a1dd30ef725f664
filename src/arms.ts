// The arms of a study and the comparator results beside a finding, as the seed stores them (JSON properties of
// the Study and Finding nodes, src/ingest/seed.ts), and the one rule for a response rate. Shared by the schema
// (src/schema/arms.ts, evidence.ts) and the exports.
import type { EntityRecord, Provenance } from './graph/records.js';
import type { z } from 'zod';
import type { armRole, route } from './ingest/corpus-schema.js';

export interface ArmShape {
  key: string;
  label: string;
  trial?: string;
  role: (typeof armRole.options)[number];
  drug?: string;
  product?: string;
  dose?: string;
  route?: z.infer<typeof route>;
  patients?: number;
}

export interface ComparatorResultShape {
  key: string;
  arm?: ArmShape;
  endpoint?: string;
  timepointWeeks?: number;
  patients?: number;
  responders?: number;
  responseRatePercent?: number;
  summary?: string;
  sources: Provenance[];
}

const parsed = <T>(value: unknown): T | null => (typeof value === 'string' ? (JSON.parse(value) as T) : null);

export const armsOf = (study: EntityRecord) => parsed<ArmShape[]>(study.props.arms) ?? [];
export const armOf = (finding: EntityRecord) => parsed<ArmShape>(finding.props.arm);
export const comparatorsOf = (finding: EntityRecord) => parsed<ComparatorResultShape[]>(finding.props.comparators) ?? [];

/** responders / patients where the source states both; never estimated. */
export const rateOf = (r: { patients?: number | null; responders?: number | null }) =>
  typeof r.patients === 'number' && typeof r.responders === 'number' && r.patients > 0 ? r.responders / r.patients : null;
