// Benchmark loader: one batch of new {{LABEL}} nodes (the database is fresh, so CREATE, not the seed's MERGE;
// the rows are the seed's own, from corpusToGraph, so the nodes end up the same).
UNWIND $rows AS row
CREATE (n:{{LABEL}}:Entity)
SET n = row
