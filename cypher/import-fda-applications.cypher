// Records Drugs@FDA applications on products (src/import/write.ts): the application number and, where the
// record gave it, the date FDA approved the application's original submission, with their sources, as JSON.
// Only this property is set: a curated product keeps everything else it has.
UNWIND $rows AS row
MATCH (p:Product {keyNorm: row.product})
SET p.fdaApplications = row.applications
