// Uses: each (drug, condition, route) that has findings or an authorisation, with the regulators that
// authorised a product of the drug with that route for the condition, and those authorisations.
// A retracted finding makes no use.
CALL () {
  MATCH (d:Drug)<-[:OF_DRUG]-(f:Finding)-[:IN_CONDITION]->(c:Condition)
  WHERE ($drug IS NULL OR d.keyNorm = $drug) AND ($condition IS NULL OR c.keyNorm = $condition) AND f.retracted IS NULL
  RETURN d, c, f.route AS route
  UNION
  MATCH (d:Drug)<-[:CONTAINS]-(p:Product)<-[:FOR_PRODUCT]-(:Approval {kind: 'AUTHORISATION'})-[:FOR_CONDITION]->(c:Condition)
  WHERE ($drug IS NULL OR d.keyNorm = $drug) AND ($condition IS NULL OR c.keyNorm = $condition)
  RETURN d, c, p.route AS route
}
WITH d, c, route
WHERE $route IS NULL OR route = $route
CALL (d, c, route) {
  OPTIONAL MATCH (r:Regulator)-[:ISSUED]->(a:Approval {kind: 'AUTHORISATION'})-[:FOR_PRODUCT]->(p:Product {route: route})-[:CONTAINS]->(d)
  MATCH (a)-[:FOR_CONDITION]->(c)
  RETURN collect(DISTINCT r.key) AS approvedBy, collect(DISTINCT a.key) AS approvals
}
RETURN d, c, route, approvedBy, approvals, COLLECT { MATCH (r:Regulator) RETURN r.key ORDER BY r.key } AS regulators
ORDER BY d.keyNorm, c.keyNorm, route
