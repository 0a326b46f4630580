"""Trivsel's headline sentences (one per chart) and indicator cards, Danish first. They read the
frames of queries.trivsel; they never compute statistics."""
from __future__ import annotations

import pandas as pd

from ui import fmt, headlines
from ui.measures import MEAN, PART
from ui.section import Card
from ui.trivsel.charts import one
from ui.view import View


def names(indicators: pd.DataFrame, view: View) -> dict[str, str]:
    """Indicator code -> name in the reader's language, in the published order."""
    return dict(zip(indicators["code"], indicators["name_da" if view.lang == "da" else "name_en"]))


def trend(trend_rows: pd.DataFrame, code: str, name: str, view: View) -> str:
    """'Social trivsel er 4,02 i 2025/26, uændret i forhold til 2024/25 (inden for den statistiske usikkerhed).'"""
    rows = one(trend_rows, code)
    if rows.empty:
        return view.tr("Ingen besvarelser for {name} i udsnittet.", "No answers for {name} in this selection.", name=name)
    last = rows.iloc[-1]
    year = fmt.school_year(last["school_year"])
    if last["suppressed"]:
        return view.tr("{name} i {year} vises ikke: færre end {k} besvarelser.",
                       "{name} in {year} is not shown: fewer than {k} answers.", name=name, year=year, k=view.min_n)
    value = MEAN.text(last["mean"], view.lang)
    if len(rows) < 2 or pd.isna(last["change"]):
        return view.tr("{name} er {v} i {year} (n={n}).", "{name} is {v} in {year} (n={n}).",
                       name=name, v=value, year=year, n=fmt.integer(last["n"], view.lang))
    prev = fmt.school_year(rows.iloc[-2]["school_year"])
    change = MEAN.text(abs(last["change"]), view.lang)
    if not last["beyond_noise"]:
        return view.tr("{name} er {v} i {year}, uændret i forhold til {prev} (inden for den statistiske usikkerhed).",
                       "{name} is {v} in {year}, unchanged from {prev} (within statistical uncertainty).",
                       name=name, v=value, year=year, prev=prev)
    if last["change"] > 0:
        return view.tr("{name} er {v} i {year}, steget {c} fra {prev} — mere end den statistiske usikkerhed.",
                       "{name} is {v} in {year}, up {c} from {prev} — beyond statistical uncertainty.",
                       name=name, v=value, year=year, c=change, prev=prev)
    return view.tr("{name} er {v} i {year}, faldet {c} fra {prev} — mere end den statistiske usikkerhed.",
                   "{name} is {v} in {year}, down {c} from {prev} — beyond statistical uncertainty.",
                   name=name, v=value, year=year, c=change, prev=prev)


def cards(trend_rows: pd.DataFrame, year: int, names: dict[str, str], view: View) -> list[Card]:
    """One card per indicator for `year`: the mean, an arrow only when the change is beyond noise, n."""
    rows = trend_rows[trend_rows["school_year"] == year].set_index("indicator_code")
    out = []
    for code, name in names.items():
        r = rows.loc[code] if code in rows.index else None
        if r is None or r["suppressed"]:
            # a dash in the box (the sentence does not fit a card at 1280 px), the reason under it
            why = fmt.suppressed(view.min_n, view.lang, None if r is None else r["suppressed_why"])
            out.append(Card(name, "–", caption=why.capitalize()))
            continue
        out.append(Card(name, MEAN.text(r["mean"], view.lang),
                        delta=MEAN.signed(r["change"], view.lang) if r["beyond_noise"] else None,
                        help=view.tr("n = {n}; 95 %-KI {lo}-{hi}", "n = {n}; 95% CI {lo}-{hi}",
                                     n=fmt.integer(r["n"], view.lang), lo=MEAN.text(r["ci_low"], view.lang),
                                     hi=MEAN.text(r["ci_high"], view.lang)),
                        caption=f"n = {fmt.integer(r['n'], view.lang)}"))
    return out


def bands(band_rows: pd.DataFrame, code: str, name: str, view: View) -> str:
    shown = one(band_rows, code)
    shown = shown[~shown["suppressed"]]
    if shown.empty:
        return view.tr("Fordelingen kan ikke vises for udsnittet.", "The distribution cannot be shown for this selection.")
    last = shown.iloc[-1]
    year = fmt.school_year(last["school_year"])
    if pd.isna(last["band4"]) or pd.isna(last["band1"]):  # a band of few pupils is hidden (and one more with it)
        shown_band = "band4" if pd.notna(last["band4"]) else "band1" if pd.notna(last["band1"]) else None
        if shown_band is None:
            return view.tr("Fordelingen på det højeste og laveste interval for {name} i {year} vises ikke: det ville "
                           "afsløre en lille gruppe elever.", "The shares in the highest and lowest bands for {name} in "
                           "{year} are not shown: they would reveal a small group of pupils.", name=name, year=year)
        top = shown_band == "band4"
        return view.tr("{v} af eleverne ligger i det {which} interval ({band}) for {name} i {year}; det {other} vises "
                       "ikke, for at beskytte en lille gruppe elever.",
                       "{v} of pupils are in the {which_en} band ({band_en}) for {name} in {year}; the {other_en} is "
                       "not shown, to protect a small group of pupils.",
                       v=PART.text(last[shown_band], view.lang), which="højeste" if top else "laveste",
                       which_en="highest" if top else "lowest", band="4,1-5,0" if top else "1,0-2,0",
                       band_en="4.1-5.0" if top else "1.0-2.0", other="laveste" if top else "højeste",
                       other_en="lowest" if top else "highest", name=name, year=year)
    return view.tr("{top} af eleverne ligger i det højeste interval (4,1-5,0) for {name} i {year}, og {low} i det laveste (1,0-2,0).",
                   "{top} of pupils are in the highest band (4.1-5.0) for {name} in {year}, and {low} in the lowest (1.0-2.0).",
                   top=PART.text(last["band4"], view.lang), low=PART.text(last["band1"], view.lang), name=name,
                   year=year)


def funnel(f, year: int, view: View) -> str:
    above, below, total = headlines.outside(f.points)
    if not total or f.centre != f.centre:
        return view.tr("Institutionerne kan ikke sammenlignes her: for få besvarelser.",
                       "Institutions cannot be compared here: too few answers.")
    if total == 1:
        one = headlines.one_against_centre(f, "mean", MEAN, view)
        if one:
            return view.tr("I {year}: ", "In {year}: ", year=fmt.school_year(year)) + one
        return view.tr("I {year} vises kun én institution, så der er intet at sammenligne med ud over gennemsnittet {c}.",
                       "In {year} only one institution is shown, so there is nothing to compare beyond the mean {c}.",
                       year=fmt.school_year(year), c=MEAN.text(f.centre, view.lang))
    return view.tr("I {year} ligger {a} af {t} institutioner højere og {b} lavere end gennemsnittet {c}, end tilfældigheder kan forklare; de øvrige kan ikke skelnes fra gennemsnittet.",
                   "In {year}, {a} of {t} institutions lie higher and {b} lower than the mean {c} than chance can explain; the others cannot be told apart from the mean.",
                   year=fmt.school_year(year), a=above, b=below, t=total, c=MEAN.text(f.centre, view.lang))


def funnel_outliers(f, view: View) -> str:
    return headlines.funnel_outliers(f.points, "mean", MEAN, view)


def heatmap(grid: pd.DataFrame, code: str, name: str, view: View) -> str:
    rows = grid[grid["indicator_code"] == code]
    shown = rows[~rows["suppressed"]]
    if len(shown) < 2:
        return view.tr("For få klassetrin med nok besvarelser til en sammenligning.", "Too few grades with enough answers to compare.")
    lo, hi = shown.loc[shown["mean"].idxmin()], shown.loc[shown["mean"].idxmax()]
    return view.tr("{name} er lavest i {lo} ({lv}) og højest i {hi} ({hv}).",
                   "{name} is lowest in {lo} ({lv}) and highest in {hi} ({hv}).", name=name,
                   lo=fmt.grade(lo["klassetrin"], view.lang), lv=MEAN.text(lo["mean"], view.lang),
                   hi=fmt.grade(hi["klassetrin"], view.lang), hv=MEAN.text(hi["mean"], view.lang))


def gender(df: pd.DataFrame, names: dict[str, str], view: View) -> str:
    per = df.drop_duplicates("indicator_code")
    if per["diff"].isna().all():
        return view.tr("Drenge og piger kan ikke sammenlignes her: for få besvarelser i mindst én af grupperne.",
                       "Boys and girls cannot be compared here: too few answers in at least one group.")
    real = per[per["beyond_noise"]]
    if real.empty:
        return view.tr("Drenge og piger trives lige godt: ingen forskel er større end den statistiske usikkerhed.",
                       "Boys and girls do equally well: no difference is beyond statistical uncertainty.")
    top = real.loc[real["diff"].abs().idxmax()]
    who = view.tr("pigerne", "girls") if top["diff"] > 0 else view.tr("drengene", "boys")
    return view.tr("Drenge og piger adskiller sig ud over den statistiske usikkerhed på {k} af {t} indikatorer; størst forskel i {name}, hvor {who} ligger {d} højere.",
                   "Boys and girls differ beyond statistical uncertainty on {k} of {t} indicators; the largest gap is in {name}, where {who} score {d} higher.",
                   k=len(real), t=len(per), name=names[top["indicator_code"]], who=who,
                   d=MEAN.text(abs(top["diff"]), view.lang))


def item(df: pd.DataFrame, text: str, options: list[str], view: View) -> str:
    shown = df[~df["suppressed"]]
    if shown.empty:
        return view.tr("Svarene kan ikke vises for udsnittet.", "The answers cannot be shown for this selection.")
    year = int(shown["school_year"].max())
    best = shown[(shown["school_year"] == year) & (shown["value"] == len(options))]
    if best.empty:
        return view.tr("»{q}« — hvor mange der svarer »{o}« i {year}, vises ikke: for få svar.",
                       "“{q}” — how many answer “{o}” in {year} is not shown: too few answers.",
                       q=text, o=options[-1], year=fmt.school_year(year))
    return view.tr("»{q}« — {p} svarer »{o}« i {year}.", "“{q}” — {p} answer “{o}” in {year}.",
                   q=text, p=PART.text(best["share"].iloc[0], view.lang), o=options[-1], year=fmt.school_year(year))
