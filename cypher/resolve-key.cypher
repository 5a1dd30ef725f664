// Every entity with this key, of the given label or of any label: more than one means ambiguous.
MATCH (n:Entity {keyNorm: toLower($key)})
WHERE $label IS NULL OR $label IN labels(n)
RETURN n
