"""Whether a target (pejlemærke) is reached, taking the uncertainty of the actual value into account.

The rule, stated once (the Pejlemærker page says it in Danish):
- **nået** (reached): the whole 95 % interval of the actual value lies at or on the good side of the
  target — the data say the target is met, not just the point estimate;
- **ikke nået** (not reached): the whole interval lies on the bad side of the target, and the value has
  not moved towards the target since the year before (or there is no year before);
- **på vej** (on the way): there is a value, but neither of the above — the target lies within the
  interval (the data cannot tell), or the value is short of the target but moved towards it;
- **ingen data** (no data): no value for the target's year (not measured yet, or hidden to protect a
  small group, or the KPI has no query).
A value without an interval (none could be computed) is judged on the value alone.
"""
from __future__ import annotations

import math

REACHED, ON_THE_WAY, NOT_REACHED, NO_DATA = "naaet", "paa_vej", "ikke_naaet", "ingen_data"
STATUSES = (REACHED, ON_THE_WAY, NOT_REACHED, NO_DATA)


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def status(target: float, direction: str, value, low=None, high=None, previous=None) -> str:
    """The status of a target (see the module's rule). direction: 'higher' or 'lower' is better."""
    if _missing(value):
        return NO_DATA
    low = value if _missing(low) else low
    high = value if _missing(high) else high
    sign = 1.0 if direction == "higher" else -1.0
    worst, best = (low, high) if sign > 0 else (high, low)  # the interval's bad and good ends
    if sign * (worst - target) >= 0:
        return REACHED
    if sign * (best - target) < 0:
        moved = not _missing(previous) and sign * (value - previous) > 0
        return ON_THE_WAY if moved else NOT_REACHED
    return ON_THE_WAY
