"""Each measure's format, declared once: unit and decimals, used alike by the headline, the chart's
hover and axis, the table and the export.

    measures.SHARE.text(0.774, "da")   -> '77,4 %'      (headline, table)
    measures.SHARE.plot(values)        -> values × 100  (charts draw shares in percent)
    measures.SHARE.hover("y", "da")    -> '%{y:.1f} %'  (Plotly hovertemplate)
    measures.SHARE.axis("da")          -> dict(tickformat='.0f', ticksuffix=' %')
    measures.SHARE.export(values)      -> 77.4          (a CSV carries what the screen shows)
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ui import fmt


@dataclass(frozen=True)
class Measure:
    """unit: 'number', 'percent' (a share 0-1, shown and drawn as percent) or 'count'; decimals: as
    shown in text, hover and export; axis_decimals: on chart ticks."""

    unit: str
    decimals: int
    axis_decimals: int = 0

    def text(self, x, lang: str) -> str:
        if self.unit == "percent":
            return fmt.pct(x, self.decimals, lang)
        return fmt.num(x, self.decimals, lang)

    def signed(self, x, lang: str) -> str:
        """A change: '+0,12' / '−1,5 procentpoint'."""
        if self.unit == "percent":
            return fmt.signed(None if x is None else 100 * x, self.decimals, lang) + (" pct.-point" if lang == "da"
                                                                                       else " pp")
        return fmt.signed(x, self.decimals, lang)

    def plot(self, values):
        """The values as a chart draws them (shares in percent), rounded to the precision the screen
        shows: nothing more precise than the page leaves the server in a chart's data."""
        v = np.asarray(values, dtype="float64")
        return np.round(v * 100 if self.unit == "percent" else v, self.decimals)

    def _suffix(self, lang: str) -> str:
        return (" %" if lang == "da" else "%") if self.unit == "percent" else ""

    def hover(self, var: str, lang: str) -> str:
        """A Plotly hovertemplate piece for variable `var` ('x', 'y', 'customdata[0]')."""
        return f"%{{{var}:,.{self.decimals}f}}{self._suffix(lang)}"

    def axis(self, lang: str) -> dict:
        """Tick format and suffix for an axis showing this measure."""
        if self.axis_decimals:
            return dict(tickformat=f",.{self.axis_decimals}f", ticksuffix=self._suffix(lang))
        # whole numbers where the ticks are whole, the measure's decimals where they are not (2 and 2,5 —
        # never "2" twice for 2 and 2,5)
        return dict(tickformat=f",.{self.decimals}~f", ticksuffix=self._suffix(lang))

    def export(self, values):
        """The values as the screen shows them (shares in percent), for a download."""
        return np.round(self.plot(values), self.decimals)


MEAN = Measure("number", 2, axis_decimals=1)      # a wellbeing indicator's mean, 1-5
SHARE = Measure("percent", 1)                      # inklusionsgrad, tilgang, afgang, share back, a funnel's rate
PART = Measure("percent", 0)                       # a part of a whole: bands, answers, goals, reliable change
COUNT = Measure("count", 0)                        # children, pupils, forløb, answers
POINTS = Measure("number", 1)                      # an instrument's points (SDQ, ORS) and GAS T-scores
EFFECT = Measure("number", 2, axis_decimals=1)     # an effect size (Hedges' g)
PER_1000 = Measure("number", 1)                    # a rate per 1,000 pupils
BY_UNIT = {"mean": MEAN, "share": SHARE, "per1000": PER_1000}  # a KPI's unit (queries.kpis) -> its format
RELIABILITY = Measure("number", 2)                 # an instrument's reliability coefficient (0,80)
