"""Pejlemærker (the municipalities' targets) and synthetic national benchmarks."""
from __future__ import annotations

import numpy as np

from data.demo import content
from data.demo.common import IMPORTED_AT, SURVEY_YEARS


def benchmarks(rng, batch_id: int):
    rows = []
    year_effect = [0.02, 0.02, 0.01, 0.0, -0.06, -0.08, -0.04, -0.02, -0.01, 0.0]
    for code, _da, _en, _so, level in content.INDICATORS:
        for y, ye in zip(SURVEY_YEARS, year_effect):
            rows.append(dict(kind="landstal", measure_code=code, school_year=y, municipality_kode=None,
                             value=round(level + ye + rng.normal(0, 0.01), 2),
                             source=content.SOURCE_NOTE, import_batch_id=batch_id))
    seg = np.linspace(0.045, 0.056, len(SURVEY_YEARS)) + rng.normal(0, 0.0007, len(SURVEY_YEARS))
    for y, v in zip(SURVEY_YEARS, seg):
        rows.append(dict(kind="landstal", measure_code="segregeringsgrad", school_year=y, municipality_kode=None,
                         value=round(float(v), 4), source=content.SOURCE_NOTE, import_batch_id=batch_id))
        rows.append(dict(kind="landstal", measure_code="inklusionsgrad", school_year=y, municipality_kode=None,
                         value=round(1 - float(v), 4), source=content.SOURCE_NOTE, import_batch_id=batch_id))
    for i, r in enumerate(rows):
        r["id"] = i + 1
    return rows


def targets():
    """Each municipality's pejlemærker for 2023/24-2026/27: the plan's 2024 and 2025 values, one step
    back for 2023 and one forward for 2026 (which has no data yet: 'ingen data')."""
    rows = []
    for kode, items in content.TARGETS.items():
        for area, kpi, title, v24, v25, direction in items:
            step = v25 - v24
            for y, v in ((2023, v24 - step), (2024, v24), (2025, v25), (2026, v25 + step)):
                rows.append(dict(id=len(rows) + 1, municipality_kode=kode, area=area, kpi_code=kpi, title=title,
                                 target_value=round(v, 4), direction=direction, school_year=y,
                                 created_at=IMPORTED_AT, created_by="data.demo"))
    return rows
