// The complete nodes behind light records of any labels, in one round trip: $keys are JSON [label, key]
// pairs (src/schema/complete-records.ts); one row per pair, the node null when it is gone.
UNWIND $keys AS ref
WITH ref, ref[0] AS label, ref[1] AS key
OPTIONAL MATCH (n:Entity {keyNorm: toLower(key)})
WHERE label IN labels(n)
RETURN n
