// How many nodes of each label the database holds: used to decide whether to seed, and by tests.
MATCH (n:Entity)
RETURN [l IN labels(n) WHERE l <> "Entity"][0] AS label, count(*) AS count
