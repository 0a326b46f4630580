"""All SQL of Indblik: one module per domain, returning small aggregated DataFrames.

pandas keeps text in Python objects here (``mode.string_storage = "python"``) rather than in
pyarrow arrays: every result is a few dozen rows, and on frames that small the per-operation cost
of pyarrow-backed strings was a third of the Trivsel and Overgange pages' query time (204 -> 140 ms
and 214 -> 146 ms, bench/, demo scale). The option is process-wide and set on first import of
this package, before any query runs; the values and dtypes ("str") are the same either way.
"""
import pandas as pd

pd.set_option("mode.string_storage", "python")
