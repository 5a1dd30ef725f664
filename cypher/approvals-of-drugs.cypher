// Approvals (and opinions) concerning many drugs, with the issuing regulator's key, in one round trip.
UNWIND $keys AS key
MATCH (:Drug {keyNorm: toLower(key)})<-[:CONTAINS]-(:Product)<-[:FOR_PRODUCT]-(a:Approval)<-[:ISSUED]-(r:Regulator)
RETURN key, collect({node: a, rel: {regulator: r.key}}) AS items
