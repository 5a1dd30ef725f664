// A fragment, included by uses.cypher and evidence.cypher (by its INCLUDE placeholder): what the graph holds of
// the regulators' decisions on the drug d. Every authorisation and opinion of a product of d (with the product's
// route and the condition), and every label snapshot of d (with the products it covers). The status of a use
// under each regulator is computed from these by src/regulatory-status.ts, the one rule.
CALL (d) {
  RETURN
    COLLECT {
      MATCH (d)<-[:CONTAINS]-(p:Product)<-[:FOR_PRODUCT]-(a:Approval)<-[:ISSUED]-(r:Regulator)
      MATCH (a)-[:FOR_CONDITION]->(c:Condition)
      RETURN {
        key: a.key, regulator: r.key, product: p.key, route: p.route, condition: c.key, kind: a.kind, date: a.date,
        datePrecision: a.datePrecision, withdrawnDate: a.withdrawnDate, withdrawnDatePrecision: a.withdrawnDatePrecision
      }
    } AS authorisations,
    COLLECT {
      MATCH (d)<-[:LABEL_OF]-(l:LabelSnapshot)<-[:PUBLISHED]-(r:Regulator)
      RETURN {
        key: l.key, regulator: r.key, status: l.status, complete: l.complete,
        products: COLLECT { MATCH (l)-[:COVERS]->(p:Product) RETURN {key: p.key, route: p.route} }
      }
    } AS labels
}
