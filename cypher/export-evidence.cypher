// The evidence table: one row per finding, matched as cypher/evidence.cypher matches them (the study that
// reports a finding of the drug in the condition, optionally by route), so that the rows of one (drug,
// condition[, route]) are exactly the findings of the GraphQL `evidence` answer. Filters are case-folded
// keys or null; $route, $design are enum values or null. Retracted findings only when $includeRetracted, as in
// GraphQL evidence.
MATCH (s:Study)-[:REPORTS]->(f:Finding)-[:OF_DRUG]->(d:Drug)
MATCH (f)-[:IN_CONDITION]->(c:Condition)
WHERE ($drug IS NULL OR d.keyNorm = $drug)
  AND ($condition IS NULL OR c.keyNorm = $condition)
  AND ($route IS NULL OR f.route = $route)
  AND ($includeRetracted OR f.retracted IS NULL)
  AND ($study IS NULL OR s.keyNorm = $study)
  AND ($design IS NULL OR s.design = $design)
  AND ($category IS NULL OR EXISTS { (c)-[:IN_CATEGORY]->(:ConditionCategory {keyNorm: $category}) })
OPTIONAL MATCH (c)-[:IN_CATEGORY]->(category:ConditionCategory)
RETURN d.key AS drug, c.key AS condition, category.key AS category, s AS study, f AS finding
ORDER BY d.keyNorm, c.keyNorm, s.keyNorm, f.keyNorm
