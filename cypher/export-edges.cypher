// Every {{TYPE}} relationship, (:{{FROM}}) -> (:{{TO}}), optionally from or to one key, in key order.
// $from, $to: case-folded keys or null. Walking the start nodes in index order lets Neo4j sort only the
// relationships of one start node at a time (a partial sort), not the whole type.
MATCH (a:{{FROM}})-[r:{{TYPE}}]->(b:{{TO}})
USING INDEX a:{{FROM}}(keyNorm)
WHERE a.keyNorm IS NOT NULL
  AND ($from IS NULL OR a.keyNorm = $from)
  AND ($to IS NULL OR b.keyNorm = $to)
RETURN '{{TYPE}}' AS type, a.key AS from, b.key AS to, properties(r) AS props
ORDER BY a.keyNorm, b.keyNorm
