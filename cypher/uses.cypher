// Uses: each (drug, condition, route) that has findings or an authorisation, with the regulators that
// authorised a product of the drug with that route for the condition, and those authorisations (keys, and
// with regulator and dates for /export/uses). A retracted finding makes no use.
// The drugs to look at come from an index seek on the drug, else on the condition; only a question naming
// neither scans every drug (it asks for every use).
// The regulators (a handful) are read once, up front.
WITH COLLECT { MATCH (r:Regulator) RETURN r.key ORDER BY r.key } AS regulators
CALL () {
  MATCH (d:Drug {keyNorm: $drug})
  RETURN d
  UNION
  MATCH (:Condition {keyNorm: $condition})<-[:IN_CONDITION]-(f:Finding)-[:OF_DRUG]->(d:Drug)
  WHERE f.retracted IS NULL
  RETURN d
  UNION
  MATCH (:Condition {keyNorm: $condition})<-[:FOR_CONDITION]-(:Approval)-[:FOR_PRODUCT]->(:Product)-[:CONTAINS]->(d:Drug)
  RETURN d
  UNION
  WITH 1 AS all WHERE $drug IS NULL AND $condition IS NULL
  MATCH (d:Drug)
  RETURN d
}
WITH regulators, d WHERE $drug IS NULL OR d.keyNorm = $drug
CALL (d) {
  MATCH (d)<-[:OF_DRUG]-(f:Finding)-[:IN_CONDITION]->(c:Condition)
  WHERE f.retracted IS NULL
  RETURN c, f.route AS route
  UNION
  MATCH (d)<-[:CONTAINS]-(p:Product)<-[:FOR_PRODUCT]-(:Approval {kind: 'AUTHORISATION'})-[:FOR_CONDITION]->(c:Condition)
  RETURN c, p.route AS route
}
WITH regulators, d, c, route
WHERE ($condition IS NULL OR c.keyNorm = $condition) AND ($route IS NULL OR route = $route)
CALL (d, c, route) {
  OPTIONAL MATCH (r:Regulator)-[:ISSUED]->(a:Approval {kind: 'AUTHORISATION'})-[:FOR_PRODUCT]->(p:Product {route: route})-[:CONTAINS]->(d)
  MATCH (a)-[:FOR_CONDITION]->(c)
  RETURN collect(DISTINCT r.key) AS approvedBy, collect(DISTINCT a.key) AS approvals,
    collect(DISTINCT {key: a.key, regulator: r.key, date: a.dateStart, dateAsReported: a.date}) AS authorisations
}
RETURN d, c, route, approvedBy, approvals, authorisations, regulators
ORDER BY d.keyNorm, c.keyNorm, route
