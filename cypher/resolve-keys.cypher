// Every entity with each of these keys, of the given label or of any label, one row per ref in order:
// more than one means ambiguous, none unknown. Both ends of a path are resolved in one round trip.
UNWIND range(0, size($refs) - 1) AS i
WITH i, $refs[i] AS ref
OPTIONAL MATCH (n:Entity {keyNorm: toLower(ref.key)})
WHERE ref.label IS NULL OR ref.label IN labels(n)
RETURN i, ref.ref AS ref, collect(n) AS nodes
ORDER BY i
