// What an import matches records against (src/import/graph-index.ts): every drug, condition and product with the
// names they are known by, the studies (their trial and PubMed ids), the label snapshots and which regulator
// authorised which product. Imported nodes carry importedFrom; curated ones (data/) do not.
RETURN
  COLLECT { MATCH (d:Drug) RETURN {key: d.key, name: d.name, synonyms: d.synonyms, routes: d.routes} } AS drugs,
  COLLECT { MATCH (c:Condition) RETURN {key: c.key, name: c.name, synonyms: c.synonyms} } AS conditions,
  COLLECT {
    MATCH (p:Product)-[:CONTAINS]->(d:Drug)
    RETURN {key: p.key, name: p.name, synonyms: p.synonyms, route: p.route, formulation: p.formulation, drug: d.key,
            importedFrom: p.importedFrom, fdaApplications: p.fdaApplications}
  } AS products,
  COLLECT { MATCH (s:Study) RETURN {key: s.key, nctId: s.nctId, pmid: s.pmid, importedFrom: s.importedFrom} } AS studies,
  COLLECT {
    MATCH (r:Regulator)-[:PUBLISHED]->(l:LabelSnapshot)-[:LABEL_OF]->(d:Drug)
    RETURN {key: l.key, regulator: r.key, drug: d.key, importedFrom: l.importedFrom}
  } AS labels,
  COLLECT {
    MATCH (r:Regulator)-[:ISSUED]->(a:Approval)-[:FOR_PRODUCT]->(p:Product)
    WHERE a.kind = 'AUTHORISATION'
    RETURN DISTINCT {regulator: r.key, product: p.key}
  } AS authorised,
  COLLECT { MATCH (n:Entity) WHERE n:Study OR n:Finding OR n:Approval OR n:LabelSnapshot OR n:Product
            RETURN {key: n.keyNorm, importedFrom: n.importedFrom} } AS keys
