// The version (hash) of the corpus last seeded, or no row.
MATCH (m:CorpusMeta {id: 'corpus'})
RETURN m.version AS version, m.seededAt AS seededAt
