// Soft retraction: the finding stays, marked retracted with who, when and why, and drops out of evidence
// unless asked for; one audit event. A finding already retracted is returned unchanged (a retried call
// writes nothing twice). No row: no such finding.
MATCH (f:Finding {keyNorm: $key})
WITH f, coalesce(f.retracted, false) AS already
FOREACH (_ IN CASE WHEN already THEN [] ELSE [1] END |
  SET f.retracted = true, f.retractedAt = $at, f.retractedBy = $tokenId, f.retractionReason = $reason
  CREATE (:AuditEvent $audit)-[:AUDITS]->(f))
RETURN f, already
