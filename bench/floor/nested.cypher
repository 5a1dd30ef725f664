// The first $first drugs by name, one row each (streamed: one row holding every drug would have to be built
// whole before it is sent), with its targets, their pathways and the conditions those are implicated in,
// nested by CALL subqueries (the shape @neo4j/graphql generates). Nested lists in no particular order: the
// bench compares them as sets, and ordering them in Cypher costs a property read and a sort per row.
MATCH (d:Drug)
WITH d ORDER BY d.name, d.keyNorm LIMIT $first
CALL (d) {
  MATCH (d)-[i:INTERACTS_WITH]->(t:Target)
  CALL (t) {
    MATCH (t)-[:PARTICIPATES_IN]->(p:Pathway)
    CALL (p) {
      MATCH (p)-[:IMPLICATED_IN]->(c:Condition)
      RETURN collect(c {.key}) AS conditions
    }
    RETURN collect(p {.key, conditions: conditions}) AS pathways
  }
  RETURN collect({potencyNm: i.potencyNm, target: t {.key, pathways: pathways}}) AS targets
}
RETURN d {.key, targets: targets} AS drug
