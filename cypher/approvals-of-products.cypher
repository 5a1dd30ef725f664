// Approvals (and opinions) concerning many products, with the issuing regulator's key, in one round trip.
UNWIND $keys AS key
MATCH (:Product {keyNorm: toLower(key)})<-[:FOR_PRODUCT]-(a:Approval)<-[:ISSUED]-(r:Regulator)
RETURN key, collect({node: a, rel: {regulator: r.key}}) AS items
