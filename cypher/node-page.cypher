// One page of {{LABEL}} nodes plus the total that match the filter, in one round trip, each node as the
// query's plan reads it with the relationship lists below it (the LEVELS, ITEMS and EDGES placeholders, written in per request by src/graph/plan.ts).
// $keys: bulk lookup (case-folded); $text: name/synonym substring; $anyOf: [{property, values}];
// $ranges: [{property, min, max}]; $category: a ConditionCategory key, for conditions directly and for
// studies through their findings. Order: $orderBy property, then key, so pages are stable.
CALL () {
  // Bulk lookup seeks the key index; only a listing without keys reads the whole label.
  CALL () {
    MATCH (n:{{LABEL}}) WHERE n.keyNorm IN $keys RETURN n
    UNION
    WITH 1 AS listing WHERE $keys IS NULL
    MATCH (n:{{LABEL}}) RETURN n
  }
  WITH n
  WHERE ($text IS NULL OR toLower(n.name) CONTAINS $text OR any(s IN n.synonyms WHERE toLower(s) CONTAINS $text))
    AND all(f IN $anyOf WHERE n[f.property] IN f.values)
    AND all(f IN $ranges WHERE (f.min IS NULL OR n[f.property] >= f.min) AND (f.max IS NULL OR n[f.property] <= f.max))
    AND ($category IS NULL
      OR EXISTS { (n)-[:IN_CATEGORY]->(:ConditionCategory {keyNorm: $category}) }
      OR EXISTS { (n)-[:REPORTS]->(:Finding)-[:IN_CONDITION]->(:Condition)-[:IN_CATEGORY]->(:ConditionCategory {keyNorm: $category}) })
  RETURN n
}
WITH n
ORDER BY CASE WHEN $descending THEN n[$orderBy] END DESC, CASE WHEN NOT $descending THEN n[$orderBy] END ASC, n.keyNorm
WITH collect(n) AS matched
WITH size(matched) AS total, matched[$offset..$offset + $limit] AS roots
{{LEVELS roots}}
RETURN total, {{ITEMS roots}} AS page, {{EDGES}} AS levels
