"""The Effekt page's words: headline sentences, tables of figures and definitions (Danish first).
They read the frames of queries.effekt and never compute statistics themselves."""
from __future__ import annotations

import pandas as pd

from ui import fmt
from ui.i18n import tr

GAS = "gas"
INSTRUMENT_LABELS = {"sdq_total": ("SDQ samlede vanskeligheder", "SDQ total difficulties"),
                     "ors": ("ORS", "ORS"), "sos_skala": ("Signs of Safety-skalering", "Signs of Safety scaling"),
                     GAS: ("GAS (målopfyldelse)", "GAS (goal attainment)")}


def instrument_label(code: str, lang: str) -> str:
    da, en = INSTRUMENT_LABELS.get(code, (code, code))
    return tr(lang, da, en)


def unit(code: str, lang: str) -> str:
    """The axis title of the outcome: improvement in points, or the GAS T-score."""
    if code == GAS:
        return tr(lang, "GAS T-score (50 = som forventet)", "GAS T-score (50 = as expected)")
    return tr(lang, "Forbedring i point (positiv er bedre)", "Improvement in points (positive is better)")


def _total(df: pd.DataFrame):
    rows = df[df["level"] == "alle"]
    return None if rows.empty else rows.iloc[0]


def _hidden(lang: str, k: int) -> str:
    return tr(lang, "Tallene for udsnittet vises ikke: færre end {k} børn.",
              "The figures for this selection are not shown: fewer than {k} children.", k=k)


# --- headlines -----------------------------------------------------------------------------
def overview(df: pd.DataFrame, lang: str, k: int) -> str:
    t = _total(df)
    if t is None:
        return tr(lang, "Ingen forløb i udsnittet.", "No forløb in this selection.")
    if t["suppressed"]:
        return _hidden(lang, k)
    return tr(lang, "{s} forløb er startet, og {p} er målt både før og efter. {d} afsluttede forløb ({pct}) mangler "
                    "eftermåling (frafald), og {o} er stadig i gang.",
              "{s} forløb started, and {p} were measured before and after. {d} ended forløb ({pct}) lack an after "
              "measurement (attrition), and {o} are still running.",
              s=fmt.integer(t["n_started"], lang), p=fmt.integer(t["n_paired"], lang), d=fmt.integer(t["n_dropout"], lang),
              pct=fmt.pct(t["dropout_share"], 0, lang), o=fmt.integer(t["n_ongoing"], lang))


def change(df: pd.DataFrame, code: str, lang: str, k: int) -> str:
    t = _total(df)
    if t is None:
        return tr(lang, "Ingen forløb er målt både før og efter i udsnittet.", "No forløb were measured before and after here.")
    if t["suppressed"]:
        return _hidden(lang, k)
    ivs = df[(df["level"] == "indsats") & ~df["suppressed"]]
    better, worse = int((ivs["g_low"] > 0).sum()), int((ivs["g_high"] < 0).sum())
    name = instrument_label(code, lang)
    if t["improvement_low"] > 0:
        first = tr(lang, "Børnene blev i gennemsnit {x} point bedre på {i} (Hedges' g {g}).",
                   "On average children improved {x} points on {i} (Hedges' g {g}).",
                   x=fmt.num(t["improvement"], 1, lang), i=name, g=fmt.num(t["g"], 2, lang))
    elif t["improvement_high"] < 0:
        first = tr(lang, "Børnene blev i gennemsnit {x} point dårligere på {i} (Hedges' g {g}).",
                   "On average children got {x} points worse on {i} (Hedges' g {g}).",
                   x=fmt.num(-t["improvement"], 1, lang), i=name, g=fmt.num(t["g"], 2, lang))
    else:
        first = tr(lang, "Samlet er ændringen på {i} inden for den statistiske usikkerhed.",
                   "Overall, the change on {i} is within statistical uncertainty.", i=name)
    return first + " " + tr(lang, "{b} af {n} viste indsatser forbedrer ud over den statistiske usikkerhed, {w} forværrer.",
                            "{b} of {n} interventions shown improve beyond statistical uncertainty, {w} worsen.",
                            b=better, n=len(ivs), w=worse)


def reliable(df: pd.DataFrame, lang: str, k: int) -> str:
    t = _total(df)
    if t is None:
        return tr(lang, "Ingen forløb er målt både før og efter i udsnittet.", "No forløb were measured before and after here.")
    if t["suppressed"]:
        return _hidden(lang, k)
    text = tr(lang, "{i} af børnene forbedrede sig pålideligt, {w} blev pålideligt dårligere; resten er uændrede inden for målefejlen.",
              "{i} of children improved reliably, {w} got reliably worse; the rest are unchanged within measurement error.",
              i=fmt.pct(t["improved"], 0, lang), w=fmt.pct(t["worsened"], 0, lang))
    if pd.notna(t["crossed"]):
        text += " " + tr(lang, "{c} af de {n}, der startede på den kliniske side af grænsen, endte på den gode side.",
                         "{c} of the {n} who started on the clinical side of the cut-off ended on the good side.",
                         c=fmt.pct(t["crossed"], 0, lang), n=fmt.integer(t["n_clinical_pre"], lang))
    return text


def goals(df: pd.DataFrame, lang: str, k: int) -> str:
    t = _total(df)
    if t is None:
        return tr(lang, "Ingen vurderede mål i udsnittet.", "No rated goals in this selection.")
    if t["suppressed"]:
        return _hidden(lang, k)
    text = tr(lang, "{a} af målene blev nået og {p} delvist nået.", "{a} of goals were achieved and {p} partly achieved.",
              a=fmt.pct(t["opnaaet"], 0, lang), p=fmt.pct(t["delvist"], 0, lang))
    if pd.notna(t["gas_t"]):
        text += " " + tr(lang, "GAS T-score i alt {t} (50 = målene nået som forventet).",
                         "Overall GAS T-score {t} (50 = goals met as expected).", t=fmt.num(t["gas_t"], 1, lang))
    return text


def cohorts(rows: pd.DataFrame, name: str, code: str, lang: str) -> str:
    if rows.empty or pd.isna(rows["trend_diff"].iloc[0]):
        return tr(lang, "For få forløb pr. år til at følge {name} over tid.", "Too few forløb per year to follow {name} over time.",
                  name=name)
    r = rows.iloc[0]
    first = rows[rows["start_year"] == r["first_year"]].iloc[0]["mean"]
    last = rows[rows["start_year"] == r["last_year"]].iloc[0]["mean"]
    what = tr(lang, "GAS T-scoren", "the GAS T-score") if code == GAS else tr(lang, "forbedringen", "the improvement")
    if not r["trend_beyond_noise"]:
        verdict = tr(lang, "forskellen er inden for den statistiske usikkerhed.", "the difference is within statistical uncertainty.")
    elif r["trend_diff"] > 0:
        verdict = tr(lang, "en fremgang ud over den statistiske usikkerhed.", "a gain beyond statistical uncertainty.")
    else:
        verdict = tr(lang, "en tilbagegang ud over den statistiske usikkerhed.", "a decline beyond statistical uncertainty.")
    return tr(lang, "{name}: {what} var {a} for forløb startet i {y1} og {b} i {y2} — {v}",
              "{name}: {what} was {a} for forløb started in {y1} and {b} in {y2} — {v}", name=name, what=what,
              a=fmt.num(first, 1, lang), b=fmt.num(last, 1, lang), y1=fmt.school_year(int(r["first_year"])),
              y2=fmt.school_year(int(r["last_year"])), v=verdict)


def compare(df: pd.DataFrame, name_a: str, name_b: str, code: str, lang: str, k: int) -> str:
    a, b = df.iloc[0], df.iloc[1]
    if a["suppressed"] or b["suppressed"]:
        return tr(lang, "{a} og {b} kan ikke sammenlignes: færre end {k} børn i mindst én af grupperne.",
                  "{a} and {b} cannot be compared: fewer than {k} children in at least one group.", a=name_a, b=name_b, k=k)
    if code == GAS:
        head = tr(lang, "{a} har GAS T-score {x} mod {y} i {b}", "{a} has GAS T-score {x} against {y} in {b}",
                  a=name_a, b=name_b, x=fmt.num(a["mean"], 1, lang), y=fmt.num(b["mean"], 1, lang))
    else:
        head = tr(lang, "{a} forbedrer {i} med {x} point mod {y} i {b}", "{a} improves {i} by {x} points against {y} in {b}",
                  a=name_a, b=name_b, i=instrument_label(code, lang), x=fmt.num(a["mean"], 1, lang), y=fmt.num(b["mean"], 1, lang))
    if a["beyond_noise"]:
        tail = tr(lang, ": en forskel på {d}, der er større end den statistiske usikkerhed.",
                  ": a difference of {d} that is beyond statistical uncertainty.", d=fmt.signed(a["diff"], 1, lang))
    else:
        tail = tr(lang, ". Forskellen ({d}) er inden for den statistiske usikkerhed — ingen sikker forskel.",
                  ". The difference ({d}) is within statistical uncertainty — no clear difference.", d=fmt.signed(a["diff"], 1, lang))
    return head + tail


# --- tables --------------------------------------------------------------------------------
def method_table(df: pd.DataFrame, lang: str, k: int) -> pd.DataFrame:
    """Per method and in all: started, measured before/after, running, attrition, as Danish text."""
    rows = df[df["level"].isin(["metode", "alle"])]
    out = []
    for _, r in rows.iterrows():
        hid = fmt.suppressed(k, lang)
        out.append({tr(lang, "Metode", "Method"): r["name"] if r["level"] == "metode" else tr(lang, "Alle", "All"),
                    **{lbl: (hid if r["suppressed"] else fmt.integer(r[c], lang)) for lbl, c in (
                        (tr(lang, "Startet", "Started"), "n_started"), (tr(lang, "Målt før", "Measured before"), "n_before"),
                        (tr(lang, "Målt efter", "Measured after"), "n_after"),
                        (tr(lang, "I gang", "Running"), "n_ongoing"), (tr(lang, "Frafald", "Attrition"), "n_dropout"))},
                    tr(lang, "Frafald i %", "Attrition %"): hid if r["suppressed"] else fmt.pct(r["dropout_share"], 0, lang)})
    return pd.DataFrame(out)


def change_table(df: pd.DataFrame, lang: str, k: int) -> pd.DataFrame:
    """Per intervention: n, mean before, mean after, change (95% CI), Hedges' g (95% CI)."""
    out = []
    for _, r in df.iterrows():
        hid = fmt.suppressed(k, lang)
        ci = tr(lang, "{v} ({a} til {b})", "{v} ({a} to {b})", v=fmt.signed(r["change"], 1, lang),
                a=fmt.signed(r["change_low"], 1, lang), b=fmt.signed(r["change_high"], 1, lang))
        g = tr(lang, "{v} ({a} til {b})", "{v} ({a} to {b})", v=fmt.num(r["g"], 2, lang), a=fmt.num(r["g_low"], 2, lang),
               b=fmt.num(r["g_high"], 2, lang))
        out.append({tr(lang, "Indsats", "Intervention"): r["name"],
                    "n": hid if r["suppressed"] else fmt.integer(r["n"], lang),
                    tr(lang, "Før", "Before"): "" if r["suppressed"] else fmt.num(r["mean_pre"], 1, lang),
                    tr(lang, "Efter", "After"): "" if r["suppressed"] else fmt.num(r["mean_post"], 1, lang),
                    tr(lang, "Ændring (95 %-KI)", "Change (95% CI)"): "" if r["suppressed"] else ci,
                    tr(lang, "Hedges' g, bedre > 0 (95 %-KI)", "Hedges' g, better > 0 (95% CI)"): "" if r["suppressed"] else g})
    return pd.DataFrame(out)


# --- definitions ----------------------------------------------------------------------------
POPULATION = (
    "**Hvem tæller med.** Enheden er et *forløb* (et barns deltagelse i en indsats). Et forløb hører til det "
    "skoleår, det startede i (skoleåret starter 1. august). Organisationsfiltre og adgang gælder indsatsens "
    "institution, når indsatsen drives af én institution (fx en mellemform), og ellers den institution, barnet gik "
    "i på tælledagen det skoleår; klassetrin og tilbudsform kommer derfra, køn fra barnet. Effektmålet er "
    "indsatsens primære effektmål; GAS viser indsatser med GAS-scorede mål. Før- og eftermålingen er gennemsnittet "
    "af forløbets målinger på tidspunktet (flere informanter lægges sammen); opfølgning indgår ikke. "
    "**Diskretionering:** grupper med færre end {k} børn vises som »ikke vist (n<{k})«, og står kun én sådan "
    "gruppe skjult, skjules også den næstmindste.",
    "**Who counts.** The unit is a *forløb* (a child's course in an intervention), placed in the school year it "
    "started (school years start 1 August). Organisation filters and access apply to the intervention's "
    "institution when one institution runs it (e.g. a mellemform unit), otherwise to the institution the child "
    "attended on that year's count date; grade and provision come from there, gender from the child. The "
    "instrument is the intervention's primary outcome; GAS shows interventions with GAS-scored goals. Before and "
    "after are the means of the forløb's measurements at that time point (informants averaged); follow-up is not "
    "used. **Suppression:** groups of fewer than {k} children are shown as \"not shown (n<{k})\", and if only one "
    "group is hidden, the next smallest is hidden too.",
)
OVERVIEW = (
    "**Startet** = forløb i udsnittet. **Målt før/efter** = forløb med en før- hhv. eftermåling (GAS: mål sat / "
    "mål scoret). Alle forløb uden eftermåling vises: **stadig i gang** (ingen slutdato) og **frafald** "
    "(afsluttet uden eftermåling). Frafald i % = frafald / afsluttede forløb. Børn, der falder fra, har ofte haft "
    "det sværest; et stort frafald kan derfor få effekten til at se bedre ud, end den er.",
    "**Started** = forløb in the selection. **Measured before/after** = forløb with a before or after score (GAS: "
    "goals set / goals scored). Every forløb without an after score is shown: **still running** (no end date) and "
    "**attrition** (ended without an after score). Attrition % = attrition / ended forløb. Children who drop out "
    "have often struggled most, so high attrition can make an effect look better than it is.",
)
CHANGE = (
    "Kun forløb med både før- og eftermåling. **Ændring** = efter minus før i instrumentets point med et 95 %-"
    "konfidensinterval (parret t-interval). **Hedges' g** (g_av, Lakens 2013) = gennemsnitlig ændring delt med "
    "gennemsnittet af før- og efter-spredningen, korrigeret for små grupper (Hedges & Olkin 1985), med 95 %-KI "
    "efter Borenstein m.fl. (2009). Retningen er vendt, så **positiv altid er bedre**: lavere SDQ er bedre, højere "
    "ORS og Signs of Safety-skalering er bedre. Tommelfingerregel: g ≈ 0,2 lille, 0,5 middel, 0,8 stor. En før-"
    "eftermåling uden kontrolgruppe viser ændring, ikke nødvendigvis effekt af indsatsen.",
    "Only forløb measured before and after. **Change** = after minus before in the instrument's points with a 95% "
    "confidence interval (paired t). **Hedges' g** (g_av, Lakens 2013) = mean change divided by the average of the "
    "before and after SDs, corrected for small samples (Hedges & Olkin 1985), with a 95% CI after Borenstein et al. "
    "(2009). The sign is turned so that **positive is always better**: lower SDQ is better, higher ORS and Signs of "
    "Safety scaling are better. Rule of thumb: g ≈ 0.2 small, 0.5 medium, 0.8 large. A before-after design "
    "without a control group shows change, not necessarily the intervention's effect.",
)


def reliable_definition(ins: pd.Series, lang: str, k: int) -> str:
    thr = fmt.num(ins["rci_threshold"], 1, lang)
    cut = fmt.num(ins["cutoff"], 0, lang) if pd.notna(ins["cutoff"]) else None
    text = tr(lang,
              "**Pålidelig ændring** (Jacobson & Truax 1991): en ændring er større end målefejlen, når den er mindst "
              "1,96 · √2 · SD · √(1 − reliabilitet) = **{t} point** (SD {sd}, reliabilitet {r}). Mindre ændringer "
              "kaldes uændrede. ",
              "**Reliable change** (Jacobson & Truax 1991): a change exceeds measurement error when it is at least "
              "1.96 · √2 · SD · √(1 − reliability) = **{t} points** (SD {sd}, reliability {r}). Smaller changes count "
              "as unchanged. ", t=thr, sd=fmt.num(ins["reference_sd"], 1, lang), r=fmt.num(ins["reliability"], 2, lang))
    if cut:
        text += tr(lang, "**Klinisk grænse** {c} ({note}): andelen, der startede på den kliniske side og endte på den "
                         "gode side, ud af dem der startede på den kliniske side. ",
                   "**Clinical cut-off** {c} ({note}): the share who started on the clinical side and ended on the good "
                   "side, of those who started on the clinical side. ", c=cut, note=ins["cutoff_note"] or "")
    else:
        text += tr(lang, "Instrumentet har ingen klinisk grænse. ", "The instrument has no clinical cut-off. ")
    return text + tr(lang, "Grupper med færre end {k} børn vises ikke.", "Groups of fewer than {k} children are not shown.", k=k)


GOALS = (
    "Andel af de vurderede mål, der blev **opnået**, **delvist** opnået eller **ikke** opnået. GAS-scorede mål "
    "tæller som opnået ved 0 eller mere, delvist ved −1 og ikke ved −2. **GAS T-score** (Kiresuk & Sherman 1968): "
    "T = 50 + 10·Σwx / √(0,7·Σw² + 0,3·(Σw)²) pr. forløb (ρ = 0,3), gennemsnit med 95 %-KI. T = 50 betyder, at målene "
    "i gennemsnit blev nået som forventet; hvert barns mål er sat individuelt, så T sammenligner målopfyldelse, "
    "ikke børnenes udgangspunkt. Grupper med færre end {k} børn vises ikke.",
    "Share of rated goals **achieved**, **partly** achieved or **not** achieved. GAS-scored goals count as achieved "
    "at 0 or more, partly at −1 and not at −2. **GAS T-score** (Kiresuk & Sherman 1968): T = 50 + 10·Σwx / "
    "√(0.7·Σw² + 0.3·(Σw)²) per forløb (ρ = 0.3), mean with 95% CI. T = 50 means goals were met as expected on "
    "average. Groups of fewer than {k} children are not shown.",
)
COHORTS = (
    "Forløbene grupperet efter det skoleår, de startede i (kohorte). Linjen er den gennemsnitlige forbedring i point "
    "(GAS: T-score) med 95 %-KI; grå er alle indsatser med samme effektmål. Overskriften sammenligner første og "
    "sidste viste kohorte med Welchs t-test. Nyere kohorter har færre afsluttede forløb. Årgange med færre end {k} "
    "børn vises ikke.",
    "Forløb grouped by the school year they started (cohort). The line is the mean improvement in points (GAS: "
    "T-score) with a 95% CI; grey is all interventions with the same instrument. The headline compares the first "
    "and last cohort shown with Welch's t test. Recent cohorts have fewer finished forløb. Years with fewer than "
    "{k} children are not shown.",
)
COMPARE = (
    "Den gennemsnitlige forbedring i point (GAS: T-score) i to grupper med 95 %-KI. **Kommunens gennemsnit** er alle "
    "øvrige forløb med samme effektmål i udsnittet (uden den valgte indsats, så grupperne er uafhængige). Forskellen "
    "testes med Welchs t-test; den kaldes større end den statistiske usikkerhed ved p < 0,05. Grupperne er ikke "
    "tilfældigt fordelt: forskelle kan skyldes, hvilke børn indsatserne når. Grupper med færre end {k} børn vises "
    "ikke.",
    "Mean improvement in points (GAS: T-score) in two groups with 95% CIs. **The municipality's average** is every "
    "other forløb with the same instrument in the selection (without the chosen intervention, so the groups are "
    "independent). The difference is tested with Welch's t test and called beyond statistical uncertainty at "
    "p < 0.05. Groups are not randomised: differences may reflect which children an intervention reaches. Groups "
    "of fewer than {k} children are not shown.",
)


def explain(definition: tuple[str, str], lang: str, k: int) -> str:
    return tr(lang, *definition, k=k)
