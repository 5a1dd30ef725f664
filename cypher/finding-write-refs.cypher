// What addFinding checks, read inside its own write transaction: the study, drug, condition and product
// it names (null when unknown), the drugs the product contains, and every finding holding a key of this
// study, drug and condition (`<study>/<drug>/<condition>`, then `/2`, `/3` ... after a retraction).
OPTIONAL MATCH (s:Study {keyNorm: $study})
OPTIONAL MATCH (d:Drug {keyNorm: $drug})
OPTIONAL MATCH (c:Condition {keyNorm: $condition})
OPTIONAL MATCH (p:Product {keyNorm: $product})
RETURN s, d, c, p,
  COLLECT { MATCH (p)-[:CONTAINS]->(pd:Drug) RETURN pd.keyNorm } AS productDrugs,
  COLLECT { MATCH (f:Finding) WHERE f.keyNorm = $baseKey OR f.keyNorm STARTS WITH $baseKey + '/' RETURN f } AS sameTriple
