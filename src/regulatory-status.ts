// The one rule for a use's regulatory status, shared by GraphQL (uses, evidence), /export/uses and the CLI.
// Open world: the absence of a record is never a fact. Under one regulator, a (drug, condition, route) use is
//   APPROVED        a product of the drug with that route is authorised for the condition, in force at asOf;
//   OFF_LABEL       the regulator authorised a product of the drug with that route, the graph holds the drug's
//                   label there in full (a complete label snapshot), and the condition is not on it;
//   NOT_AUTHORISED  a sourced record says the regulator authorised no product of the drug (or, by the complete
//                   label, none with that route);
//   UNKNOWN         the graph does not hold that label in full, or a date known only to the month or year
//                   leaves it open whether the authorisation was in force at asOf.

export const useStatuses = ['APPROVED', 'OFF_LABEL', 'NOT_AUTHORISED', 'UNKNOWN'] as const;
export type UseStatus = (typeof useStatuses)[number];
export const inForceValues = ['YES', 'NO', 'UNCERTAIN'] as const;
export type InForce = (typeof inForceValues)[number];
export type DatePrecision = 'DAY' | 'MONTH' | 'YEAR' | 'RANGE';

/** An authorisation (or opinion) of a product of the drug, as uses.cypher and evidence.cypher return it. */
export interface AuthorisationFact {
  key: string;
  regulator: string;
  product: string;
  route: string;
  condition: string;
  kind: 'AUTHORISATION' | 'POSITIVE_OPINION';
  date: string;
  datePrecision: DatePrecision;
  withdrawnDate?: string | null;
  withdrawnDatePrecision?: DatePrecision | null;
}

/** A label snapshot of the drug under one regulator. */
export interface LabelFact {
  key: string;
  regulator: string;
  status: 'AUTHORISED' | 'NOT_AUTHORISED';
  complete: boolean;
  products: { key: string; route: string }[];
}

export interface RegulatoryFacts {
  authorisations: AuthorisationFact[];
  labels: LabelFact[];
}

export interface StatusUnderRegulator {
  regulator: string;
  route: string;
  status: UseStatus;
  /** One sentence a client can show next to the status. */
  explanation: string;
  /** The authorisations the status rests on (APPROVED, or UNKNOWN for want of a precise date). */
  approvals: string[];
  /** The label snapshot the status rests on (OFF_LABEL, NOT_AUTHORISED, or UNKNOWN for an incomplete label). */
  label: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The first and last day a date of the given precision can mean: "2023-04" is 2023-04-01 .. 2023-04-30, and an
 * interval "2017-02/2024-05" is 2017-02-01 .. 2024-05-31.
 */
export function dateWindow(date: string): { first: string; last: string } {
  if (date.includes('/')) {
    const [start, end] = date.split('/');
    return { first: dateWindow(start).first, last: dateWindow(end).last };
  }
  const [y, m, d] = date.split('-').map(Number);
  if (d) return { first: date, last: date };
  if (m) return { first: `${y}-${pad(m)}-01`, last: `${y}-${pad(m)}-${pad(lastDayOfMonth(y, m))}` };
  return { first: `${y}-01-01`, last: `${y}-12-31` };
}

/** Whether a dated event had happened by asOf: YES after its window, NO before it, UNCERTAIN inside it. */
function happenedBy(date: string, asOf: string): InForce {
  const { first, last } = dateWindow(date);
  if (asOf >= last) return 'YES';
  if (asOf < first) return 'NO';
  return 'UNCERTAIN';
}

/** Whether an authorisation was in force at asOf (granted by then and not yet withdrawn). */
export function inForce(a: Pick<AuthorisationFact, 'date' | 'withdrawnDate'>, asOf: string): InForce {
  const granted = happenedBy(a.date, asOf);
  const withdrawn = a.withdrawnDate ? happenedBy(a.withdrawnDate, asOf) : 'NO';
  if (granted === 'NO' || withdrawn === 'YES') return 'NO';
  if (granted === 'YES' && withdrawn === 'NO') return 'YES';
  return 'UNCERTAIN';
}

/** Today as an ISO calendar date (UTC): the default asOf. */
export const today = () => new Date().toISOString().slice(0, 10);

/** "a topical product", "an oral product". */
const aProduct = (route: string) => `${/^[AEIOU]/.test(route) ? 'an' : 'a'} ${route.toLowerCase()} product`;

const strongest = (values: InForce[]): InForce => (values.includes('YES') ? 'YES' : values.includes('UNCERTAIN') ? 'UNCERTAIN' : 'NO');

export function statusUnder(
  regulator: string,
  use: { drug: string; condition: string; route: string },
  facts: RegulatoryFacts,
  asOf: string,
): StatusUnderRegulator {
  const base = { regulator, route: use.route };
  const authorisations = facts.authorisations.filter((a) => a.regulator === regulator && a.kind === 'AUTHORISATION');
  const forUse = authorisations.filter((a) => a.route === use.route && a.condition === use.condition);
  const byInForce = (value: InForce) =>
    forUse
      .filter((a) => inForce(a, asOf) === value)
      .map((a) => a.key)
      .sort();
  if (byInForce('YES').length) {
    return {
      ...base,
      status: 'APPROVED',
      approvals: byInForce('YES'),
      label: null,
      explanation: `${regulator} authorised ${aProduct(use.route)} of ${use.drug} for this condition, in force on ${asOf}.`,
    };
  }
  if (byInForce('UNCERTAIN').length) {
    return {
      ...base,
      status: 'UNKNOWN',
      approvals: byInForce('UNCERTAIN'),
      label: null,
      explanation: `${regulator}'s authorisation is dated only to the month or year, and ${asOf} falls inside that window.`,
    };
  }
  const label = facts.labels.find((l) => l.regulator === regulator);
  if (!label) {
    return { ...base, status: 'UNKNOWN', approvals: [], label: null, explanation: `The graph does not hold ${regulator}'s label for ${use.drug}.` };
  }
  if (label.status === 'NOT_AUTHORISED') {
    return { ...base, status: 'NOT_AUTHORISED', approvals: [], label: label.key, explanation: `${regulator} has authorised no product of ${use.drug}.` };
  }
  if (!label.complete) {
    return { ...base, status: 'UNKNOWN', approvals: [], label: label.key, explanation: `The graph holds ${regulator}'s label for ${use.drug} only in part.` };
  }
  const products = new Set(label.products.filter((p) => p.route === use.route).map((p) => p.key));
  const productInForce = strongest(authorisations.filter((a) => products.has(a.product)).map((a) => inForce(a, asOf)));
  if (productInForce === 'UNCERTAIN') {
    return {
      ...base,
      status: 'UNKNOWN',
      approvals: [],
      label: label.key,
      explanation: `Whether ${regulator} had authorised ${aProduct(use.route)} of ${use.drug} by ${asOf} is open: its date is known only to the month or year.`,
    };
  }
  if (productInForce === 'NO') {
    return {
      ...base,
      status: 'NOT_AUTHORISED',
      approvals: [],
      label: label.key,
      explanation: `${regulator} had authorised no ${use.route.toLowerCase()} product of ${use.drug} by ${asOf}.`,
    };
  }
  return {
    ...base,
    status: 'OFF_LABEL',
    approvals: [],
    label: label.key,
    explanation: `${regulator} authorised ${aProduct(use.route)} of ${use.drug}, and its full label does not name this condition.`,
  };
}

/**
 * A use's status without a regulator: APPROVED where any regulator approved it; else OFF_LABEL where any says
 * off-label; else UNKNOWN where any is unknown; else NOT_AUTHORISED.
 */
export function overallStatus(statuses: UseStatus[]): UseStatus {
  for (const status of ['APPROVED', 'OFF_LABEL', 'UNKNOWN'] as const) if (statuses.includes(status)) return status;
  return statuses.length ? 'NOT_AUTHORISED' : 'UNKNOWN';
}

/** The status under each regulator, for each route of the use: regulators in order, routes in order. */
export function statusesOfUse(
  regulators: string[],
  use: { drug: string; condition: string; routes: string[] },
  facts: RegulatoryFacts,
  asOf: string,
): StatusUnderRegulator[] {
  return regulators.flatMap((regulator) =>
    [...use.routes].sort().map((route) => statusUnder(regulator, { drug: use.drug, condition: use.condition, route }, facts, asOf)),
  );
}

/** The regulators under which any of the statuses is `status` (e.g. approvedBy, offLabelIn). */
export function regulatorsWith(statuses: StatusUnderRegulator[], status: UseStatus, except: string[] = []): string[] {
  return [...new Set(statuses.filter((s) => s.status === status && !except.includes(s.regulator)).map((s) => s.regulator))].sort();
}

/** The routes by which a product of the drug was authorised (or opined on) for the condition. */
export function authorisedRoutes(facts: RegulatoryFacts, condition: string): string[] {
  return [...new Set(facts.authorisations.filter((a) => a.kind === 'AUTHORISATION' && a.condition === condition).map((a) => a.route))];
}

/** The regulatory facts of a drug as regulatory-facts.cypher returns them (in a record of uses or evidence). */
export function regulatoryFacts(record: { get(key: string): unknown }): RegulatoryFacts {
  return { authorisations: record.get('authorisations') as AuthorisationFact[], labels: record.get('labels') as LabelFact[] };
}
