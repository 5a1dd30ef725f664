// Simple paths between two typed keys, up to 4 steps, shortest first, then most sources, then node keys:
// the paths of each length only while the shorter ones number fewer than $first, each length one fixed
// pattern that the planner expands from both ends and joins in the middle.
MATCH (a:Entity {keyNorm: $fromKey}) WHERE $fromLabel IN labels(a)
MATCH (b:Entity {keyNorm: $toKey}) WHERE $toLabel IN labels(b) AND a <> b
CALL (a, b) {
  MATCH p = (a)--(b)
  WITH p, reduce(w = 0, r IN relationships(p) | w + coalesce(r.sourceCount, 0)) AS weight
  ORDER BY weight DESC, [n IN nodes(p) | n.keyNorm] LIMIT $first
  RETURN collect(p) AS length1
}
CALL (a, b, length1) {
  WITH * WHERE size(length1) < $first
  MATCH p = (a)--(x)--(b)
  WITH p, reduce(w = 0, r IN relationships(p) | w + coalesce(r.sourceCount, 0)) AS weight
  ORDER BY weight DESC, [n IN nodes(p) | n.keyNorm] LIMIT $first
  RETURN collect(p) AS length2
}
CALL (a, b, length1, length2) {
  WITH * WHERE size(length1) + size(length2) < $first
  MATCH p = (a)--(x)--(y)--(b)
  WHERE a <> y AND x <> b
  WITH p, reduce(w = 0, r IN relationships(p) | w + coalesce(r.sourceCount, 0)) AS weight
  ORDER BY weight DESC, [n IN nodes(p) | n.keyNorm] LIMIT $first
  RETURN collect(p) AS length3
}
CALL (a, b, length1, length2, length3) {
  WITH * WHERE size(length1) + size(length2) + size(length3) < $first
  MATCH p = (a)--(x)--(m)--(y)--(b)
  WHERE a <> m AND a <> y AND x <> y AND x <> b AND m <> b
  WITH p, reduce(w = 0, r IN relationships(p) | w + coalesce(r.sourceCount, 0)) AS weight
  ORDER BY weight DESC, [n IN nodes(p) | n.keyNorm] LIMIT $first
  RETURN collect(p) AS length4
}
UNWIND (length1 + length2 + length3 + length4)[..$first] AS p
RETURN nodes(p) AS nodes, [r IN relationships(p) | {type: type(r), start: startNode(r).keyNorm}] AS steps
