"""One plain-language headline sentence per chart, Danish first. They read the query frames and
never compute statistics themselves (beyond picking the largest/smallest shown value)."""
from __future__ import annotations

import pandas as pd

from ui import fmt
from ui.i18n import tr


def trend(rows: pd.DataFrame, name: str, lang: str, min_n: int) -> str:
    """'Social trivsel er 4,02 i 2025/26, uændret i forhold til 2024/25 (inden for den statistiske usikkerhed).'"""
    rows = rows.sort_values("school_year")
    if rows.empty:
        return tr(lang, "Ingen besvarelser for {name} i udsnittet.", "No answers for {name} in this selection.", name=name)
    last = rows.iloc[-1]
    year = fmt.school_year(int(last["school_year"]))
    if last["suppressed"]:
        return tr(lang, "{name} i {year} vises ikke: færre end {k} besvarelser.",
                  "{name} in {year} is not shown: fewer than {k} answers.", name=name, year=year, k=min_n)
    value = fmt.num(last["mean"], 2, lang)
    if len(rows) < 2 or pd.isna(last.get("change")):
        return tr(lang, "{name} er {v} i {year} (n={n}).", "{name} is {v} in {year} (n={n}).",
                  name=name, v=value, year=year, n=fmt.integer(last["n"], lang))
    prev = fmt.school_year(int(rows.iloc[-2]["school_year"]))
    change = fmt.num(abs(last["change"]), 2, lang)
    if not last["beyond_noise"]:
        return tr(lang, "{name} er {v} i {year}, uændret i forhold til {prev} (inden for den statistiske usikkerhed).",
                  "{name} is {v} in {year}, unchanged from {prev} (within statistical uncertainty).",
                  name=name, v=value, year=year, prev=prev)
    if last["change"] > 0:
        return tr(lang, "{name} er {v} i {year}, steget {c} fra {prev} — mere end den statistiske usikkerhed.",
                  "{name} is {v} in {year}, up {c} from {prev} — beyond statistical uncertainty.",
                  name=name, v=value, year=year, c=change, prev=prev)
    return tr(lang, "{name} er {v} i {year}, faldet {c} fra {prev} — mere end den statistiske usikkerhed.",
              "{name} is {v} in {year}, down {c} from {prev} — beyond statistical uncertainty.",
              name=name, v=value, year=year, c=change, prev=prev)


def bands(rows: pd.DataFrame, name: str, lang: str) -> str:
    shown = rows[~rows["suppressed"]].sort_values("school_year")
    if shown.empty:
        return tr(lang, "Fordelingen kan ikke vises for udsnittet.", "The distribution cannot be shown for this selection.")
    last = shown.iloc[-1]
    return tr(lang, "{top} af eleverne ligger i det højeste interval (4,1-5,0) for {name} i {year}, og {low} i det laveste (1,0-2,0).",
              "{top} of pupils are in the highest band (4.1-5.0) for {name} in {year}, and {low} in the lowest (1.0-2.0).",
              top=fmt.pct(last["band4"], 0, lang), low=fmt.pct(last["band1"], 0, lang), name=name,
              year=fmt.school_year(int(last["school_year"])))


def funnel(points: pd.DataFrame, centre: float, year: int, lang: str) -> str:
    shown = points[~points["suppressed"]]
    if shown.empty or centre != centre:
        return tr(lang, "Institutionerne kan ikke sammenlignes her: for få besvarelser.",
                  "Institutions cannot be compared here: too few answers.")
    above = int(shown["position"].isin(["above_95", "above_998"]).sum())
    below = int(shown["position"].isin(["below_95", "below_998"]).sum())
    total = len(shown)
    return tr(lang, "I {year} ligger {a} af {t} institutioner over og {b} under det forventede udsving omkring gennemsnittet {c}; de øvrige kan ikke skelnes fra gennemsnittet.",
              "In {year}, {a} of {t} institutions lie above and {b} below the expected variation around the mean {c}; the others cannot be told apart from the mean.",
              year=fmt.school_year(year), a=above, b=below, t=total, c=fmt.num(centre, 2, lang))


def heatmap(rows: pd.DataFrame, name: str, lang: str) -> str:
    shown = rows[~rows["suppressed"]]
    if len(shown) < 2:
        return tr(lang, "For få klassetrin med nok besvarelser til en sammenligning.", "Too few grades with enough answers to compare.")
    lo, hi = shown.loc[shown["mean"].idxmin()], shown.loc[shown["mean"].idxmax()]
    return tr(lang, "{name} er lavest i {lo} ({lv}) og højest i {hi} ({hv}).",
              "{name} is lowest in {lo} ({lv}) and highest in {hi} ({hv}).", name=name,
              lo=fmt.grade(int(lo["klassetrin"]), lang), lv=fmt.num(lo["mean"], 2, lang),
              hi=fmt.grade(int(hi["klassetrin"]), lang), hv=fmt.num(hi["mean"], 2, lang))


def gender(df: pd.DataFrame, names: dict[str, str], lang: str) -> str:
    per = df.drop_duplicates("indicator_code")
    if per["diff"].isna().all():
        return tr(lang, "Drenge og piger kan ikke sammenlignes her: for få besvarelser i mindst én af grupperne.",
                  "Boys and girls cannot be compared here: too few answers in at least one group.")
    real = per[per["beyond_noise"]]
    if real.empty:
        return tr(lang, "Drenge og piger trives lige godt: ingen forskel er større end den statistiske usikkerhed.",
                  "Boys and girls do equally well: no difference is beyond statistical uncertainty.")
    top = real.loc[real["diff"].abs().idxmax()]
    who = tr(lang, "pigerne", "girls") if top["diff"] > 0 else tr(lang, "drengene", "boys")
    return tr(lang, "Drenge og piger adskiller sig ud over den statistiske usikkerhed på {k} af {t} indikatorer; størst forskel i {name}, hvor {who} ligger {d} højere.",
              "Boys and girls differ beyond statistical uncertainty on {k} of {t} indicators; the largest gap is in {name}, where {who} score {d} higher.",
              k=len(real), t=len(per), name=names[top["indicator_code"]], who=who, d=fmt.num(abs(top["diff"]), 2, lang))


def item(df: pd.DataFrame, text: str, options: list[str], lang: str) -> str:
    shown = df[~df["suppressed"]]
    if shown.empty:
        return tr(lang, "Svarene kan ikke vises for udsnittet.", "The answers cannot be shown for this selection.")
    year = int(shown["school_year"].max())
    best = shown[(shown["school_year"] == year) & (shown["value"] == len(options))]["share"].sum()
    return tr(lang, "»{q}« — {p} svarer »{o}« i {year}.", "“{q}” — {p} answer “{o}” in {year}.",
              q=text, p=fmt.pct(best, 0, lang), o=options[-1], year=fmt.school_year(year))


def funnel_outliers(points: pd.DataFrame, lang: str, *, limit: float = 99.8, value: str = "mean",
                    show=None) -> str:
    """'Over 99,8 %-grænsen: A (4,31; n=88), B (…). Under 99,8 %-grænsen: C (…).' — names the
    institutions outside the `limit` (99.8 or 95) funnel limits, furthest out first, so they can
    be read without hovering and never crowd the plot. `value` is the plotted column, `show` formats
    it (default: two decimals)."""
    show = show or (lambda v: fmt.num(v, 2, lang))
    shown = points[~points["suppressed"]]
    lim_da, lim_en = (fmt.num(limit, 1 if limit % 1 else 0, code) for code in ("da", "en"))
    outside = ("_998",) if limit == 99.8 else ("_95", "_998")
    parts = []
    for side, da, en in (("above", "Over", "Above"), ("below", "Under", "Below")):
        rows = shown[shown["position"].isin([side + o for o in outside])]
        rows = rows.sort_values(value, ascending=side == "below", kind="stable")  # furthest from the centre first
        if len(rows):
            names = ", ".join(f"{r.institution} ({show(getattr(r, value))}; n={fmt.integer(r.n, lang)})"
                              for r in rows.itertuples())
            parts.append(f"**{tr(lang, f'{da} {lim_da} %-grænsen', f'{en} the {lim_en}% limit')}:** {names}.")
    return " ".join(parts) if parts else tr(lang, f"Ingen institution ligger uden for {lim_da} %-grænserne.",
                                              f"No institution lies outside the {lim_en}% limits.")
