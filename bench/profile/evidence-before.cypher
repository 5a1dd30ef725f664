// Our server's evidence statement before the findings were reached from the smaller end (commit 46248c5,
// cypher/evidence.cypher), kept to PROFILE it next to the current one.
// Evidence for many (drug, condition[, route]) pairs in one round trip: the findings with their study keys,
// the regulators that authorised a product of the drug (by that route) for the condition, and every
// regulator in the graph (offLabelIn is computed from the two). Unknown drug or condition: no row.
UNWIND $pairs AS pair
MATCH (d:Drug {keyNorm: toLower(pair.drug)})
MATCH (c:Condition {keyNorm: toLower(pair.condition)})
CALL (d, c, pair) {
  OPTIONAL MATCH (s:Study)-[:REPORTS]->(f:Finding)-[:OF_DRUG]->(d)
  MATCH (f)-[:IN_CONDITION]->(c)
  WHERE pair.route IS NULL OR f.route = pair.route
  RETURN collect({finding: f, study: s.key}) AS findings
}
CALL (d, c, pair) {
  OPTIONAL MATCH (r:Regulator)-[:ISSUED]->(a:Approval {kind: 'AUTHORISATION'})-[:FOR_PRODUCT]->(p:Product)-[:CONTAINS]->(d)
  MATCH (a)-[:FOR_CONDITION]->(c)
  WHERE pair.route IS NULL OR p.route = pair.route
  RETURN collect(DISTINCT r.key) AS approvedBy
}
RETURN pair.id AS id, d, c, findings, approvedBy, COLLECT { MATCH (r:Regulator) RETURN r.key ORDER BY r.key } AS regulators
