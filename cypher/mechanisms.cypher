// Typed drug -> target -> pathway -> condition paths, ranked: primary targets first, then by potency
// (lower nM first, unmeasured last), then by how many sources support the three steps, then by keys.
MATCH (d:Drug {keyNorm: toLower($drug)})-[i:INTERACTS_WITH]->(t:Target)-[pt:PARTICIPATES_IN]->(pw:Pathway)
      -[pc:IMPLICATED_IN]->(c:Condition {keyNorm: toLower($condition)})
WITH d, t, pw, c, i, pt, pc, coalesce(i.potencyNm, 1.0e12) AS potency,
     coalesce(i.sourceCount, 0) + coalesce(pt.sourceCount, 0) + coalesce(pc.sourceCount, 0) AS support
ORDER BY i.primary DESC, potency, support DESC, t.keyNorm, pw.keyNorm
LIMIT $first
RETURN [d, t, pw, c] AS nodes,
       [{type: 'INTERACTS_WITH', start: d.keyNorm, props: properties(i)},
        {type: 'PARTICIPATES_IN', start: t.keyNorm, props: properties(pt)},
        {type: 'IMPLICATED_IN', start: pw.keyNorm, props: properties(pc)}] AS steps
