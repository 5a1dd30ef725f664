// Simple paths (no repeated node) between two nodes, up to a maximum length, in either direction.
// Shortest first; among equal lengths the best-supported (most sources) first, then by node keys.
// The paths of each length are searched only while the shorter ones number fewer than $first, so a pair
// with many short paths never pays for the far more numerous long ones (paths-of-length.cypher).
// One block per length, 1 to the maximum (1..6), is written in below at start-up (src/db/cypher.ts
// pathsStatement): a path length cannot be a Cypher parameter, and no user text reaches the statement.
MATCH (a:Entity) WHERE elementId(a) = $from
MATCH (b:Entity) WHERE elementId(b) = $to AND a <> b
{{BY_LENGTH}}
UNWIND ({{FOUND}})[..$first] AS p
RETURN nodes(p) AS nodes, [r IN relationships(p) | {type: type(r), start: startNode(r).keyNorm, props: properties(r)}] AS steps
