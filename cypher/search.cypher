// Full-text search over names, synonyms, keys and cross-reference ids (index entity_search), best first.
// $query is a Lucene query built by src/schema/search.ts from escaped terms (exact, prefix and fuzzy).
// The hits come projected to what the query's selection reads ({{PROJECT}}, src/graph/cypher.ts).
CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $candidates}) YIELD node, score
WHERE $types IS NULL OR any(l IN labels(node) WHERE l IN $types)
WITH node, score
ORDER BY score DESC, node.keyNorm
LIMIT $first
RETURN {{PROJECT node}} AS node, score
