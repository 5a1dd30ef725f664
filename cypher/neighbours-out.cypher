// Outgoing neighbours of many {{SELF}} nodes along :{{TYPE}}, in one round trip (batched by DataLoader):
// each item the other node as a light record (key, name: see src/db/records.ts) and,
// where the caller needs them, the relationship's properties (src/db/cypher.ts writes the item in).
UNWIND $keys AS key
MATCH (n:{{SELF}} {keyNorm: toLower(key)})-[r:{{TYPE}}]->(m:{{OTHER}})
RETURN key, collect({{ITEM}}) AS items
