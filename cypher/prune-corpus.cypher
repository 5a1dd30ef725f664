// After a seed: what an earlier version of data/ held and this one does not (a finding re-keyed per arm, an
// approval replaced by the regulator's record) leaves the graph, so the graph answers what data/ says. Only the
// corpus's own nodes and relationships carry corpusVersion: a curator's findings (addFinding, createdBy) and
// imported records are never pruned here. A graph seeded before nodes carried corpusVersion (no pruneAware on its
// CorpusMeta) has its unmarked corpus nodes removed once.
OPTIONAL MATCH (meta:CorpusMeta {id: 'corpus'})
WITH meta IS NOT NULL AND meta.pruneAware IS NULL AS legacy
CALL (legacy) {
  MATCH (n:Entity)
  WHERE (n.corpusVersion IS NOT NULL AND n.corpusVersion <> $version)
     OR (legacy AND n.corpusVersion IS NULL AND n.createdBy IS NULL AND n.importedFrom IS NULL)
  DETACH DELETE n
  RETURN count(*) AS nodes
}
CALL () {
  MATCH ()-[r]->() WHERE r.corpusVersion IS NOT NULL AND r.corpusVersion <> $version
  DELETE r
  RETURN count(*) AS relationships
}
RETURN nodes, relationships
