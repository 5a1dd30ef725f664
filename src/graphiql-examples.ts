// The queries GraphiQL opens with: a guided default tab and one tab per main question, and the headers
// every tab starts with.

/**
 * The headers editor's starting text: JSON with comments (GraphiQL accepts them), so the Authorization line
 * is there to uncomment for curation but no Authorization header, empty or placeholder, is sent on reads.
 */
export const headersTemplate = `{
  // Reads need no token. For curation (mutations),
  // uncomment the next line and paste a token
  // with the curate scope:
  // "Authorization": "Bearer <token>"
}
`;
/**
 * A style added to the GraphiQL page. GraphiQL's tabs are drag-reorderable (framer-motion), which leaves
 * each tab with an inline transform that, in headless Chromium, is stuck at the value it took when the tabs
 * first rendered; a click on any tab but the last then starts a reorder instead of selecting it (the keyboard
 * worked). Without the transform the tabs sit where they are drawn and every click selects its tab; tabs can
 * no longer be dragged into another order.
 */
export const graphiqlStyle = '.graphiql-tab { transform: none !important; }';

/** The GraphiQL page with graphiqlStyle in its head. */
export function withGraphiQLStyle(html: string): string {
  return html.replace('</head>', `<style>${graphiqlStyle}</style></head>`);
}

export const guidedQuery = `# Welcome to jak-kg: the evidence on JAK inhibitors in dermatology.
# Press the play button (or Ctrl-Enter) to run. Ctrl-Space completes field names; the Docs panel
# (book icon) describes every type. Each fact carries its sources (citation, PMID/DOI, confidence).

# Which JAK targets does ruxolitinib hit, and how potently?
query RuxolitinibTargets {
  drug(key: "ruxolitinib") {
    name
    targets {
      target { key name }
      action
      potencyNm
      sources { citation confidence }
    }
  }
}
`;

export const exampleTabs = [
  {
    title: 'Mechanism',
    query: `# How could ruxolitinib act on lichen planus? drug -> target -> pathway -> condition, each step sourced.
query Mechanism {
  mechanisms(drug: "ruxolitinib", condition: "lichen-planus") {
    nodes { key name entityType }
    steps { type sources { citation pmid confidence } }
  }
}`,
  },
  {
    title: 'Evidence',
    query: `# What is the evidence for topical ruxolitinib in necrobiosis lipoidica?
query Evidence {
  evidence(drug: "ruxolitinib", condition: "necrobiosis-lipoidica", route: TOPICAL) {
    studies controlledStudies patients responders responseRate comparatorResponseRate
    findings { study { key name design } arm { label role } patients responders outcome summary }
    approvedBy { key }
    offLabelIn { key }
    regulatoryStatus { regulator { key } route status explanation }
  }
}`,
  },
  {
    title: 'Off-label in the EU',
    query: `# Which uses of ruxolitinib are off-label under the EMA, and why? (OFF_LABEL only where the graph
# holds the EU label in full; UNKNOWN where it does not: the absence of a record is never a fact.)
query OffLabelEU {
  uses(drug: "ruxolitinib", regulator: "EMA") {
    condition { key name category { name } }
    route
    status
    basis { explanation label { key complete labelVersion } approvals { key dateAsReported } confidence }
    evidence { studies patients }
  }
}`,
  },
  {
    title: 'Alopecia areata approvals',
    query: `# What was approved for alopecia areata, by whom, and when?
query AlopeciaApprovals {
  condition(key: "alopecia-areata") {
    approvals {
      regulator { key }
      product { name drug { name } route }
      date datePrecision population
      sources { citation url }
    }
  }
}`,
  },
  {
    title: 'The review',
    query: `# The Spadafora 2025 systematic review: PRISMA counts and the studies believed to be among its 28.
query Review {
  study(key: "pmid:40192197") {
    title journal year
    prisma { screened excluded assessed included }
    inclusions { study { key name year design } judgement basis }
  }
}`,
  },
  {
    title: 'Search',
    query: `# Full-text search, typo tolerant, over names, synonyms and ids (ChEMBL, MONDO, PMID, NCT ...).
query Search {
  search(query: "ruxolitinb", first: 5) { score entity { entityType key name } }
}`,
  },
];
