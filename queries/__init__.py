"""All SQL of Indblik: one module per domain, returning small aggregated DataFrames.

Every query that returns figures about children declares its result once (queries.contract):
keys, the guarded groups with their counts and values, and the public columns. Filters and access
scope come from one declaration (queries.filters).
"""

