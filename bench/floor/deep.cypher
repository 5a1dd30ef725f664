// A page of the first $first conditions by name (as our conditions(first:) orders them), one row each,
// with the pathways implicated in them, those pathways' sub-pathways (Reactome's hierarchy) and the
// conditions those are implicated in, nested by CALL subqueries as in nested.cypher; the nested lists in
// no particular order (compared as sets). `more` says whether another page follows (from the count store).
MATCH (c:Condition)
WITH c ORDER BY c.name, c.keyNorm LIMIT $first
CALL (c) {
  MATCH (c)<-[:IMPLICATED_IN]-(p:Pathway)
  CALL (p) {
    MATCH (p)<-[:PART_OF]-(s:Pathway)
    CALL (s) {
      MATCH (s)-[:IMPLICATED_IN]->(o:Condition)
      RETURN collect(o {.key}) AS conditions
    }
    RETURN collect(s {.key, conditions: conditions}) AS children
  }
  RETURN collect(p {.key, children: children}) AS pathways
}
RETURN c {.key, pathways: pathways} AS condition, COUNT { (:Condition) } > $first AS more
