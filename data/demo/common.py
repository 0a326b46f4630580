"""Constants and calendar helpers shared by the demo-data modules.

The fixed dates below make the data deterministic: the same seed always gives the same database.
"""
from __future__ import annotations

import datetime as dt

import numpy as np

DEFAULT_SEED = 20261123
FIRST_BIRTH_YEAR, LAST_BIRTH_YEAR = 1998, 2025
FIRST_SIM_YEAR = 2004            # 0. klasse of the 1998 cohort
SURVEY_YEARS = list(range(2016, 2026))
LAST_YEAR = 2025                 # 2025/26 is the current school year
AS_OF = np.datetime64("2026-01-15")   # the data's "today": later end dates are unknown (NULL)
COUNT_MONTH_DAY = (9, 5)         # as data.config default (FLIS: 5 September)
COVERS_FROM = dt.date(2016, 8, 1)  # the demo's window: complete placement records from 2016/17 (older
                                   # cohorts are not simulated, so earlier school years are partial)
IMPORTED_AT = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.timezone.utc)  # fixed: same seed -> same DB

FORMS = ("almen", "mellemform", "specialklasse", "specialskole", "dagbehandling")  # school states
ALMEN, MELLEM, SPKL, SPSK, DAGB = range(5)
NAT = np.datetime64("NaT")


def _date_table(month: int, day: int):
    """A vectorised `years -> date` lookup for one fixed month and day (years 1990-2059)."""
    table = np.array([np.datetime64(f"{y}-{month:02d}-{day:02d}") for y in range(1990, 2060)])
    return lambda years: table[np.asarray(years) - 1990]


aug1 = _date_table(8, 1)
jun30 = _date_table(6, 30)
jul31 = _date_table(7, 31)
count_day = _date_table(*COUNT_MONTH_DAY)
jan1 = _date_table(1, 1)


def days(x):
    """Integers (scalar or array) as numpy day offsets (timedelta64[D])."""
    return np.asarray(x).astype("timedelta64[D]")
