// Approvals (and opinions) concerning many conditions, with the issuing regulator's key, in one round trip.
UNWIND $keys AS key
MATCH (:Condition {keyNorm: toLower(key)})<-[:FOR_CONDITION]-(a:Approval)<-[:ISSUED]-(r:Regulator)
RETURN key, collect({node: a, rel: {regulator: r.key}}) AS items
