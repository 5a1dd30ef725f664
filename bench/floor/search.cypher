// Full-text search over the entity_search index with the Lucene query the handler built, best first.
CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $candidates}) YIELD node, score
RETURN node.key AS key, [l IN labels(node) WHERE l <> 'Entity'][0] AS entityType, node.name AS name, score
ORDER BY score DESC, node.keyNorm
LIMIT $first
