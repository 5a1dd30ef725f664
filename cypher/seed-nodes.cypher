// Upsert one batch of {{LABEL}} nodes. `SET n = row` replaces every property, so a second run leaves the
// same node (idempotent) and a property removed from data/ disappears from the graph. A curator's
// retraction (src/curation/findings.ts) is not in data/ and is kept. corpusVersion marks the node as the
// corpus's: prune-corpus.cypher removes those a later version of data/ no longer holds.
UNWIND $rows AS row
MERGE (n:{{LABEL}} {keyNorm: row.keyNorm})
WITH n, row, n {.retracted, .retractedAt, .retractedBy, .retractionReason} AS curation
SET n = row, n += curation, n:Entity, n.corpusVersion = $version
