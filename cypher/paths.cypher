// Simple paths (no repeated node) between two keys, up to a maximum length, in either direction, in one
// round trip: both ends resolved (a key of the given label, or of any label: more than one entity means
// ambiguous, and the caller says so), then the paths, unless an end is unknown, ambiguous or the other end.
// Shortest first; among equal lengths the best-supported (most sources) first, then by node keys.
// The nodes come projected to what the query's selection reads ({{PROJECT n}}, written in per request by
// src/graph/cypher.ts projectedStatement) and the relationships as their type and element id only: no field
// of a path step reads a relationship's properties, and its sources (asked for far less often than its keys,
// and most of its bytes) are loaded by id when asked.
// The paths of each length are searched only while the shorter ones number fewer than $first, so a pair
// with many short paths never pays for the far more numerous long ones (paths-of-length.cypher).
// One block per length, 1 to the maximum (1..6), is written in below at start-up (src/graph/cypher.ts
// pathsStatement): a path length cannot be a Cypher parameter, and no user text reaches the statement.
CALL () {
  MATCH (n:Entity {keyNorm: toLower($from.key)})
  WHERE $from.label IS NULL OR $from.label IN labels(n)
  RETURN collect(n) AS froms
}
CALL () {
  MATCH (n:Entity {keyNorm: toLower($to.key)})
  WHERE $to.label IS NULL OR $to.label IN labels(n)
  RETURN collect(n) AS tos
}
CALL (froms, tos) {
  WITH froms, tos WHERE size(froms) = 1 AND size(tos) = 1 AND froms[0] <> tos[0]
  WITH froms[0] AS a, tos[0] AS b
{{BY_LENGTH}}
  UNWIND ({{FOUND}})[..$first] AS p
  RETURN collect({
    nodes: [n IN nodes(p) | {{PROJECT n}}],
    steps: [r IN relationships(p) | {type: type(r), start: startNode(r).keyNorm, id: elementId(r)}]
  }) AS paths
}
RETURN [n IN froms | {{PROJECT n}}] AS froms, [n IN tos | {{PROJECT n}}] AS tos, paths
