// Key lookup: one drug by key, case-insensitively (the drug_key constraint's index).
MATCH (d:Drug {keyNorm: toLower($key)})
RETURN d {.key, .name, .synonyms, .routes, .developmentStatus, .xrefs} AS drug
