// Evidence for many (drug, condition[, route]) pairs in one round trip: the findings with their studies
// (projected to what the query reads: {{PROJECT}}, src/graph/cypher.ts), the drug's regulatory facts (regulatory-facts.cypher: the status
// under each regulator is computed from them by src/regulatory-status.ts), the routes by which the drug was
// authorised for the condition, and every regulator in the graph. The studies and
// regulators come with them, so that the request needs no further round trip for them
// (src/schema/evidence.ts primes its loaders). Unknown drug or condition: no row.
// The findings are reached from whichever end has fewer of them (degrees are read in constant time) and
// checked against the other end, so a hub drug in a rare condition costs the condition's findings only.
// Retracted findings count only when the pair asks for them (includeRetracted).
// The drug and the condition come projected to what the query reads (PROJECT placeholders below).
// The regulators (a handful) are read once, up front, and only when the query asks for a status ($statuses).
WITH CASE WHEN $statuses THEN COLLECT { MATCH (r:Regulator) RETURN r ORDER BY r.key } ELSE [] END AS regulators
UNWIND $pairs AS pair
MATCH (d:Drug {keyNorm: toLower(pair.drug)})
MATCH (c:Condition {keyNorm: toLower(pair.condition)})
CALL (d, c, pair) {
  CALL (d, c) {
    WITH d, c WHERE COUNT { (d)<-[:OF_DRUG]-() } <= COUNT { (c)<-[:IN_CONDITION]-() }
    MATCH (d)<-[:OF_DRUG]-(f:Finding)
    WHERE EXISTS { (f)-[:IN_CONDITION]->(c) }
    RETURN f
    UNION ALL
    WITH d, c WHERE COUNT { (d)<-[:OF_DRUG]-() } > COUNT { (c)<-[:IN_CONDITION]-() }
    MATCH (c)<-[:IN_CONDITION]-(f:Finding)
    WHERE EXISTS { (f)-[:OF_DRUG]->(d) }
    RETURN f
  }
  WITH f WHERE (pair.route IS NULL OR f.route = pair.route) AND (pair.includeRetracted OR f.retracted IS NULL)
  MATCH (s:Study)-[:REPORTS]->(f)
  // A finding projected to what the summary sums and what the query's selection reads (src/schema/evidence.ts),
  // with its study: [finding, study].
  RETURN collect([{{PROJECT f Finding}}, {{PROJECT s Study}}]) AS findings
}
// The regulatory facts only when the query asks for a status ($statuses): most evidence questions do not.
OPTIONAL CALL (d) {
  WITH d WHERE $statuses
  {{INCLUDE regulatory-facts}}
  RETURN authorisations, labels
}
RETURN pair.id AS id, {{PROJECT d Drug}} AS d, {{PROJECT c Condition}} AS c, findings, coalesce(authorisations, []) AS authorisations, coalesce(labels, []) AS labels, regulators
