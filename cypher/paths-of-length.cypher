// The best $first simple paths of exactly {{LENGTH}} steps from a to b, skipped when the shorter ones already
// number $first. The path is one fixed-length pattern, so the planner can expand from both ends and join in
// the middle (a hub at either end costs its degree once, not its degree times the other's).
CALL (a, b{{FOUND_VARIABLES}}) {
  WITH * WHERE {{FOUND_COUNT}} < $first
  MATCH p = {{PATTERN}}
  WHERE {{DISTINCT_NODES}}
  WITH p, reduce(weight = 0, r IN relationships(p) | weight + coalesce(r.sourceCount, 0)) AS weight
  ORDER BY weight DESC, [n IN nodes(p) | n.keyNorm]
  LIMIT $first
  RETURN collect(p) AS length{{LENGTH}}
}
