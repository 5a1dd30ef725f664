MERGE (m:CorpusMeta {id: 'corpus'})
SET m.version = $version, m.seededAt = datetime(), m.pruneAware = true
