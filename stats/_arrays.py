"""Small array helpers shared by the ``stats`` modules (private)."""

from __future__ import annotations

import numpy as np
from scipy import stats as _sps


def as_float(x) -> np.ndarray:
    """Return ``x`` as a float ndarray (0-d for scalars); ``None`` becomes NaN."""
    if x is None:
        return np.asarray(np.nan)
    return np.asarray(x, dtype=float)


def unwrap(x):
    """Turn a 0-d array into a NumPy scalar, leave other arrays as they are."""
    x = np.asarray(x)
    return x[()] if x.ndim == 0 else x


def unwrap_labels(x):
    """Turn a 0-d object array into a plain Python object (str or None)."""
    x = np.asarray(x, dtype=object)
    return x[()] if x.ndim == 0 else x


def z_for(level: float) -> float:
    """Two-sided standard normal quantile, z = Φ⁻¹((1 + level) / 2)."""
    if not 0.0 < level < 1.0:
        raise ValueError(f"level must be in (0, 1), got {level!r}")
    return float(_sps.norm.ppf(0.5 + level / 2.0))
