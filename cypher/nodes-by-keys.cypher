// Many nodes of one label by key, case-insensitively, in one round trip; one row per requested key.
UNWIND $keys AS key
OPTIONAL MATCH (n:{{LABEL}} {keyNorm: toLower(key)})
RETURN key, n
