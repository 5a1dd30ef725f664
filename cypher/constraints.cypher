// Idempotent schema: a unique key (and its case-folded form, used by every lookup) per label, an index on
// the shared :Entity label for untyped key lookups, and the full-text index behind `search`.
// One statement per line; src/db/schema-setup.ts runs them in order.
CREATE CONSTRAINT drug_key IF NOT EXISTS FOR (n:Drug) REQUIRE n.keyNorm IS UNIQUE;
CREATE CONSTRAINT product_key IF NOT EXISTS FOR (n:Product) REQUIRE n.keyNorm IS UNIQUE;
CREATE CONSTRAINT target_key IF NOT EXISTS FOR (n:Target) REQUIRE n.keyNorm IS UNIQUE;
CREATE CONSTRAINT pathway_key IF NOT EXISTS FOR (n:Pathway) REQUIRE n.keyNorm IS UNIQUE;
CREATE CONSTRAINT condition_key IF NOT EXISTS FOR (n:Condition) REQUIRE n.keyNorm IS UNIQUE;
CREATE CONSTRAINT condition_category_key IF NOT EXISTS FOR (n:ConditionCategory) REQUIRE n.keyNorm IS UNIQUE;
CREATE CONSTRAINT study_key IF NOT EXISTS FOR (n:Study) REQUIRE n.keyNorm IS UNIQUE;
CREATE CONSTRAINT finding_key IF NOT EXISTS FOR (n:Finding) REQUIRE n.keyNorm IS UNIQUE;
CREATE CONSTRAINT regulator_key IF NOT EXISTS FOR (n:Regulator) REQUIRE n.keyNorm IS UNIQUE;
CREATE CONSTRAINT approval_key IF NOT EXISTS FOR (n:Approval) REQUIRE n.keyNorm IS UNIQUE;
CREATE INDEX entity_key IF NOT EXISTS FOR (n:Entity) ON (n.keyNorm);
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Drug|Product|Target|Pathway|Condition|ConditionCategory|Study|Regulator) ON EACH [n.name, n.searchText];
CREATE CONSTRAINT audit_event_id IF NOT EXISTS FOR (e:AuditEvent) REQUIRE e.id IS UNIQUE;
