// Benchmark loader: one batch of new (:{{FROM}})-[:{{TYPE}}]->(:{{TO}}) relationships between existing nodes.
UNWIND $rows AS row
MATCH (a:{{FROM}} {keyNorm: row.from})
MATCH (b:{{TO}} {keyNorm: row.to})
CREATE (a)-[r:{{TYPE}}]->(b)
SET r = row.props
