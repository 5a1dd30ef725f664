// Incoming neighbours of many {{SELF}} nodes along :{{TYPE}}, in one round trip (batched by DataLoader):
// each item the other node, whole, and where the caller needs them the relationship's properties
// (src/graph/cypher.ts writes the item in). Lists a query's plan reads come from src/graph/plan.ts instead.
UNWIND $keys AS key
MATCH (n:{{SELF}} {keyNorm: toLower(key)})<-[r:{{TYPE}}]-(m:{{OTHER}})
RETURN key, collect({{ITEM}}) AS items
