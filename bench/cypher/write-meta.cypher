MERGE (m:BenchMeta {id: 'synthetic'})
SET m += $meta
