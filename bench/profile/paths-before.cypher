// Our server's paths statement before the length-by-length search (commit 46248c5, cypher/paths.cypher,
// maxLength 4), kept to PROFILE it next to the current one.
// Simple paths (no repeated node) between two nodes, up to 4 steps, in either direction.
// Shortest first; among equal lengths the best-supported (most sources) first, then by node keys.
// 4 is an integer written in at start-up (1..6), never user text: Cypher cannot take a parameter there.
MATCH (a:Entity) WHERE elementId(a) = $from
MATCH (b:Entity) WHERE elementId(b) = $to
MATCH p = (a)-[*1..4]-(b)
WHERE all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
WITH p, reduce(weight = 0, r IN relationships(p) | weight + coalesce(r.sourceCount, 0)) AS weight
ORDER BY length(p), weight DESC, [n IN nodes(p) | n.keyNorm]
LIMIT $first
RETURN nodes(p) AS nodes, [r IN relationships(p) | {type: type(r), start: startNode(r).keyNorm, props: properties(r)}] AS steps
