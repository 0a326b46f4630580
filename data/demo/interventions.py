"""Interventions with participations, before/after/follow-up measurements and GAS goals."""
from __future__ import annotations

import numpy as np

from data.demo import content
from data.demo.common import ALMEN, AS_OF, LAST_YEAR, MELLEM, aug1, days
from data.demo.organisation import Org

INSTR_PARAMS = {  # baseline mean, sd, reliability, rounding step, lo, hi, higher_is_better
    "sdq_total": (17.0, 5.8, 0.80, 1.0, 0.0, 40.0, False),
    "ors": (23.0, 7.0, 0.85, 0.1, 0.0, 40.0, True),
    "sos_skala": (4.0, 2.0, 0.70, 0.5, 0.0, 10.0, True),
}
INFORMANT = {"sdq_total": ("forælder", "lærer"), "ors": ("barn",), "sos_skala": ("fagperson",)}


def interventions(rng, org: Org, ch: dict, info: dict, scale: float):
    state, fstate, grade, years = info["state"], info["fstate"], info["grade"], info["years"]
    mun = ch["mun"]
    intv, parts, meas, goals = [], [], [], []
    part_id = meas_id = goal_id = 0
    tiny_mun = 316
    for m_idx, kode in enumerate(org.mun_codes):
        mun_name = content.MUNICIPALITIES[kode][0]
        cohort = content.MUNICIPALITIES[kode][1]
        d_ids = org.mun_districts[kode]
        templates = list(content.INTERVENTIONS)
        keep = np.sort(rng.choice(len(templates), size=int(rng.integers(8, 11)), replace=False))
        chosen = [templates[i] for i in keep] + content.EXTRA_INTERVENTIONS.get(kode, [])
        chosen = [(t, False) for t in chosen]
        if kode == tiny_mun:
            chosen.append(((*content.TINY_INTERVENTION, 0.0), True))
        for (method, pattern, instr, (g_lo, g_hi), effect, goal_mode, weight), tiny in chosen:
            d_id = int(rng.choice(d_ids))
            d_name = next(d["name"] for d in org.districts if d["id"] == d_id)
            inst_id = None
            if method == "mellemform":
                units = org.ids(m_idx, "skole", "mellemform")
                inst_id = int(units[rng.integers(0, len(units))])
            iv_id = len(intv) + 1
            intv.append(dict(id=iv_id, name=pattern.format(d=d_name, m=mun_name), method=method,
                             municipality_kode=kode, institution_id=inst_id, instrument_code=instr))
            eff = effect + rng.normal(0, 0.08) if effect > 0 else rng.normal(0, 0.04)
            n_part = 4 if tiny else max(5, int(round(weight * cohort / 300 * rng.uniform(50, 85) * scale)))
            first = np.datetime64("2017-01-09")
            span = int((np.datetime64("2025-11-28") - first).astype(int))
            starts = np.sort(first + days(rng.integers(0, span, n_part)))
            sy = starts.astype("datetime64[Y]").astype(int) + 1970
            sy = np.where(starts < aug1(sy), sy - 1, sy)
            kids = np.zeros(n_part, dtype=np.int64)
            ok = np.zeros(n_part, dtype=bool)
            for yv in np.unique(sy):
                j = int(np.flatnonzero(years == min(yv, LAST_YEAR))[0])
                cand = np.flatnonzero((mun == m_idx) & (state[:, j] > 0) & (grade[:, j] >= g_lo) & (grade[:, j] <= g_hi))
                if not len(cand):
                    continue
                w = np.where(fstate[cand, j] != ALMEN, 4.0, 1.0)
                if method == "mellemform":
                    w = np.where(fstate[cand, j] == MELLEM, 40.0, w)
                sel = np.flatnonzero(sy == yv)
                kids[sel] = cand[rng.choice(len(cand), size=len(sel), p=w / w.sum())]
                ok[sel] = True
            kids, starts = kids[ok], starts[ok]
            n_part = len(kids)
            dur = days(rng.integers(90, 330, n_part))
            ends = starts + dur
            ended = ends <= AS_OF
            mean, sd, rel, step, lo, hi, hib = INSTR_PARAMS[instr]
            sign = 1.0 if hib else -1.0
            true0 = rng.normal(mean, sd * np.sqrt(rel), n_part)
            err_sd = sd * np.sqrt(1 - rel)
            informants = INFORMANT[instr]
            inf = np.array(informants)[rng.integers(0, len(informants), n_part)]
            for p in range(n_part):
                part_id += 1
                parts.append(dict(id=part_id, intervention_id=iv_id, child_id=int(kids[p]) + 1,
                                  start_date=starts[p].item(), end_date=ends[p].item() if ended[p] else None))
                # worse-off children drop out of the 'efter' measurement more often
                badness = sign * (mean - true0[p]) / sd
                change = sign * eff * sd + rng.normal(0, 0.35 * sd)
                true1 = true0[p] + change + 0.15 * (mean - true0[p])
                plan = [("foer", starts[p] - days(rng.integers(0, 15)), true0[p], rng.random() < 0.95)]
                has_post = ended[p] and rng.random() < 0.80 - 0.08 * badness
                post_day = ends[p] + days(rng.integers(0, 15))
                plan.append(("efter", post_day, true1, has_post and post_day <= AS_OF))
                fu_day = ends[p] + days(rng.integers(150, 211))
                plan.append(("opfoelgning", fu_day, true1 - 0.2 * change, has_post and fu_day <= AS_OF and rng.random() < 0.45))
                for tp, day, tv, exists in plan:
                    if not exists:
                        continue
                    score = np.clip(np.round((tv + rng.normal(0, err_sd)) / step) * step, lo, hi)
                    meas_id += 1
                    meas.append(dict(id=meas_id, participation_id=part_id, instrument_code=instr, timepoint=tp,
                                     informant=str(inf[p]), measured_on=day.item(), score=float(round(score, 1))))
                for _ in range(int(rng.integers(1, 4))):
                    goal_id += 1
                    text = content.GOAL_TEXTS[int(rng.integers(0, len(content.GOAL_TEXTS)))]
                    weight_g = 2.0 if rng.random() < 0.2 else 1.0
                    gas = outcome = None
                    if ended[p]:
                        if goal_mode == "gas":
                            gas = int(np.clip(np.round(rng.normal(-0.2 + 1.3 * eff, 0.85)), -2, 2))
                        else:
                            u = rng.random() - 0.6 * eff
                            outcome = "opnaaet" if u < 0.35 else ("delvist" if u < 0.75 else "ikke")
                    goals.append(dict(id=goal_id, participation_id=part_id, description=text, weight=weight_g,
                                      gas_score=gas, outcome=outcome))
    return intv, parts, meas, goals
