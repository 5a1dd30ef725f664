// Upsert one batch of {{LABEL}} nodes. `SET n = row` replaces every property, so a second run leaves the
// same node (idempotent) and a property removed from data/ disappears from the graph.
UNWIND $rows AS row
MERGE (n:{{LABEL}} {keyNorm: row.keyNorm})
SET n = row, n:Entity
