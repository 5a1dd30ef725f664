// Uses: each (drug, condition, route) that has findings or an authorisation, with the drug's regulatory facts
// (regulatory-facts.cypher) from which src/regulatory-status.ts rules on its status under each regulator.
// A retracted finding makes no use.
// The drugs to look at come from index seeks on the drugs asked about ($drugs, a list of keys: Drug.uses of many
// drugs in one statement), else on the condition; only a question naming neither scans every drug.
// The regulators (a handful) are read once, up front.
WITH COLLECT { MATCH (r:Regulator) RETURN r.key ORDER BY r.key } AS regulators
CALL () {
  UNWIND coalesce($drugs, []) AS drug
  MATCH (d:Drug {keyNorm: drug})
  RETURN d
  UNION
  MATCH (:Condition {keyNorm: $condition})<-[:IN_CONDITION]-(f:Finding)-[:OF_DRUG]->(d:Drug)
  WHERE f.retracted IS NULL
  RETURN d
  UNION
  MATCH (:Condition {keyNorm: $condition})<-[:FOR_CONDITION]-(:Approval)-[:FOR_PRODUCT]->(:Product)-[:CONTAINS]->(d:Drug)
  RETURN d
  UNION
  WITH 1 AS all WHERE $drugs IS NULL AND $condition IS NULL
  MATCH (d:Drug)
  RETURN d
}
WITH regulators, d WHERE $drugs IS NULL OR d.keyNorm IN $drugs
{{INCLUDE regulatory-facts}}
CALL (d) {
  MATCH (d)<-[:OF_DRUG]-(f:Finding)-[:IN_CONDITION]->(c:Condition)
  WHERE f.retracted IS NULL
  RETURN c, f.route AS route
  UNION
  MATCH (d)<-[:CONTAINS]-(p:Product)<-[:FOR_PRODUCT]-(:Approval {kind: 'AUTHORISATION'})-[:FOR_CONDITION]->(c:Condition)
  RETURN c, p.route AS route
}
WITH regulators, d, authorisations, labels, c, route
WHERE ($condition IS NULL OR c.keyNorm = $condition) AND ($route IS NULL OR route = $route)
RETURN d, c, route, authorisations, labels, regulators
ORDER BY d.keyNorm, c.keyNorm, route
