// What the benchmark database holds: the generator's seed, scale and version, and how long loading took.
MATCH (m:BenchMeta {id: 'synthetic'})
RETURN properties(m) AS meta
