// How many {{LABEL}} nodes an export will write (from the count store: no scan), for progress bars.
MATCH (n:{{LABEL}})
RETURN count(n) AS total
