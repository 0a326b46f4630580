"""Pure statistics for Indblik: no Streamlit, no SQL.

Modules: ``means`` (means, CIs, Welch test, Wilson interval), ``funnel`` (funnel-plot
limits), ``change`` (effect sizes, reliable change), ``gas`` (GAS T-scores) and
``survival`` (Kaplan–Meier). Functions take sufficient statistics or plain arrays so that
queries can aggregate in SQL and finish here.
"""
