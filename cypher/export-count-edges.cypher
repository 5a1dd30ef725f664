// How many {{TYPE}} relationships an export will write (same filter as export-edges), for progress bars.
MATCH (a:{{FROM}})-[r:{{TYPE}}]->(b:{{TO}})
WHERE ($from IS NULL OR a.keyNorm = $from) AND ($to IS NULL OR b.keyNorm = $to)
RETURN count(r) AS total
