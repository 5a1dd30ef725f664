// One curated finding with its relationships and its audit event, in the caller's transaction: all of it
// is written or none of it. $props, $rel and $audit are property maps built in src/curation/findings.ts.
MATCH (s:Study {keyNorm: $study})
MATCH (d:Drug {keyNorm: $drug})
MATCH (c:Condition {keyNorm: $condition})
OPTIONAL MATCH (p:Product {keyNorm: $product})
CREATE (f:Finding:Entity $props)
CREATE (s)-[:REPORTS $rel]->(f), (f)-[:OF_DRUG $rel]->(d), (f)-[:IN_CONDITION $rel]->(c)
FOREACH (product IN CASE WHEN p IS NULL THEN [] ELSE [p] END | CREATE (f)-[:WITH_PRODUCT $rel]->(product))
CREATE (:AuditEvent $audit)-[:AUDITS]->(f)
RETURN f
