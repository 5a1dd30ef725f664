// The sources of many relationships by element id, in one round trip (the paths' steps leave them out).
UNWIND $keys AS key
MATCH ()-[r]->()
WHERE elementId(r) = key
RETURN key, r.sources AS sources
