// The evidence for one drug in one condition: its findings (with their study) in key order (the regulatory
// status, open-world and label-based, is our server's own rule and not part of the benchmark question). The
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
  RETURN collect({key: f.key, outcome: f.outcome, patients: f.patients, responders: f.responders,
    responseRatePercent: f.responseRatePercent, primary: f.primary, study: s.key}) AS findings
}
RETURN findings
