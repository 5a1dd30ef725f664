// A page of the first $first conditions by name (as our conditions(first:) orders them), one row each,
// with the pathways implicated in them, those pathways' targets and the drugs acting on those targets,
// nested by CALL subqueries as in nested.cypher; the nested lists in no particular order (compared as
// sets). `more` says whether another page follows (the node count comes from the count store).
MATCH (c:Condition)
WITH c ORDER BY c.name, c.keyNorm LIMIT $first
CALL (c) {
  MATCH (c)<-[:IMPLICATED_IN]-(p:Pathway)
  CALL (p) {
    MATCH (p)<-[:PARTICIPATES_IN]-(t:Target)
    CALL (t) {
      MATCH (t)<-[i:INTERACTS_WITH]-(d:Drug)
      RETURN collect({potencyNm: i.potencyNm, drug: d {.key}}) AS interactions
    }
    RETURN collect(t {.key, interactions: interactions}) AS targets
  }
  RETURN collect(p {.key, targets: targets}) AS pathways
}
RETURN c {.key, pathways: pathways} AS condition, COUNT { (:Condition) } > $first AS more
