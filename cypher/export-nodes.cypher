// Every {{LABEL}} node in key order, for /export/nodes*. The key constraint's index supplies the order
// (the IS NOT NULL predicate lets the planner use it), so rows stream out without a sort of the whole label.
MATCH (n:{{LABEL}})
WHERE n.keyNorm IS NOT NULL
RETURN n
ORDER BY n.keyNorm
