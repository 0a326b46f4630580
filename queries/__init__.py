"""All SQL of Indblik: one module per domain, returning small aggregated DataFrames.

pandas keeps text in Python objects here (``mode.string_storage = "python"``) rather than in
pyarrow arrays: every result is a few dozen rows, and on frames that small pyarrow-backed strings
cost more per operation than they save (A/B in one process at demo scale, before the queries
finished in NumPy: Trivsel 200 -> 172 ms, Overgange 190 -> 168 ms). The option is process-wide and
set on first import of this package, before any query runs; values and dtypes ("str") are the same.
"""
import pandas as pd

pd.set_option("mode.string_storage", "python")
