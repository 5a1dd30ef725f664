// The audit events of many findings, in one round trip (batched by DataLoader), oldest first.
UNWIND $keys AS key
OPTIONAL MATCH (:Finding {keyNorm: toLower(key)})<-[:AUDITS]-(e:AuditEvent)
WITH key, e ORDER BY e.at
RETURN key, collect(properties(e)) AS events
