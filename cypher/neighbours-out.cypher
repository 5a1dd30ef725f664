// Outgoing neighbours of many {{SELF}} nodes along :{{TYPE}}, in one round trip (batched by DataLoader).
UNWIND $keys AS key
MATCH (n:{{SELF}} {keyNorm: toLower(key)})-[r:{{TYPE}}]->(m:{{OTHER}})
RETURN key, collect({node: m, rel: properties(r)}) AS items
