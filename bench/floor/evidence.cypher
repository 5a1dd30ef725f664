// The evidence for one drug in one condition: its findings (with their study) in key order, the regulators
// that authorised a product of the drug for the condition, and every regulator (for off-label). The
// findings are reached from whichever end has fewer of them (both degrees are read in constant time).
MATCH (d:Drug {keyNorm: toLower($drug)})
MATCH (c:Condition {keyNorm: toLower($condition)})
CALL (d, c) {
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
  MATCH (s:Study)-[:REPORTS]->(f)
  WITH f, s ORDER BY f.key
  RETURN collect({key: f.key, outcome: f.outcome, patients: f.patients, responders: f.responders, study: s.key}) AS findings
}
RETURN findings,
  COLLECT {
    MATCH (r:Regulator)-[:ISSUED]->(a:Approval {kind: 'AUTHORISATION'})-[:FOR_PRODUCT]->(:Product)-[:CONTAINS]->(d)
    WHERE EXISTS { (a)-[:FOR_CONDITION]->(c) }
    RETURN DISTINCT r.key AS key ORDER BY key
  } AS approvedBy,
  COLLECT { MATCH (r:Regulator) RETURN r.key ORDER BY r.key } AS regulators
