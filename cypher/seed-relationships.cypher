// Upsert one batch of (:{{FROM}})-[:{{TYPE}}]->(:{{TO}}) relationships between existing nodes, marked as the
// corpus's (corpusVersion), as seed-nodes.cypher marks nodes.
UNWIND $rows AS row
MATCH (a:{{FROM}} {keyNorm: row.from})
MATCH (b:{{TO}} {keyNorm: row.to})
MERGE (a)-[r:{{TYPE}}]->(b)
SET r = row.props, r.corpusVersion = $version
