"""The trivselsmåling: instruments, indicators, items, rounds, responses and answers."""
from __future__ import annotations

import numpy as np
from scipy.special import ndtr

from data.demo import content
from data.demo.common import ALMEN, FORMS, SURVEY_YEARS
from data.demo.organisation import Org


def _calibrate(eta: np.ndarray, thresholds: np.ndarray, noise_sd: float, target: float,
               best_share: bool = False) -> float:
    """Item location delta so that the mean answer (or share of the best option) hits target."""
    lo, hi = -4.0, 4.0
    for _ in range(40):
        mid = (lo + hi) / 2
        z = (eta[:, None] + mid - thresholds[None, :]) / noise_sd
        val = ndtr(z[:, -1]).mean() if best_share else 1 + ndtr(z).sum(1).mean()
        lo, hi = (mid, hi) if val < target else (lo, mid)
    return (lo + hi) / 2


def surveys(rng, org: Org, ch: dict, info: dict, batch_id: int):
    state, fstate, grade, years = info["state"], info["fstate"], info["grade"], info["years"]
    girl, mun = ch["girl"], ch["mun"]
    n_mun = len(org.mun_codes)
    participation = np.clip(rng.normal(0.85, 0.05, org.n + 1), 0.75, 0.95)
    school_re = rng.normal(0, 0.08, org.n + 1)
    school_re_ind = rng.normal(0, 0.04, (org.n + 1, 5))
    mun_shift = np.array([content.MUNICIPALITIES[k][3] for k in org.mun_codes])
    mun_ind = rng.normal(0, 0.03, (n_mun, 5))
    year_effect = dict(zip(SURVEY_YEARS, [0.02, 0.02, 0.01, 0.0, -0.07, -0.09, -0.04, -0.02, -0.01, 0.0]))

    rounds, resp_cols = [], {k: [] for k in ("round", "year", "inst", "grade", "girl", "form", "mun")}
    for instr, g_lo, g_hi in (("trivsel_4_9", 4, 9), ("trivsel_0_3", 0, 3)):
        for y in SURVEY_YEARS:
            j = int(np.flatnonzero(years == y)[0])
            st, fs, gr = state[:, j], fstate[:, j], grade[:, j]
            pupils = np.flatnonzero((st > 0) & (gr >= g_lo) & (gr <= g_hi))
            for m in range(n_mun):
                rid = len(rounds) + 1
                rounds.append(dict(id=rid, instrument_code=instr, school_year=y,
                                   municipality_kode=org.mun_codes[m], import_batch_id=batch_id))
                pm = pupils[mun[pupils] == m]
                answers = rng.random(len(pm)) < participation[st[pm]] + rng.normal(0, 0.02)
                pm = pm[answers]
                order = np.lexsort((fs[pm], girl[pm], gr[pm], st[pm]))
                pm = pm[order]
                resp_cols["round"].append(np.full(len(pm), rid))
                resp_cols["year"].append(np.full(len(pm), y))
                resp_cols["inst"].append(st[pm])
                resp_cols["grade"].append(gr[pm])
                resp_cols["girl"].append(girl[pm])
                resp_cols["form"].append(fs[pm].astype(int))
                resp_cols["mun"].append(np.full(len(pm), m))
    R = {k: np.concatenate(v) for k, v in resp_cols.items()}
    nr = len(R["round"])
    R["id"] = np.arange(1, nr + 1)
    is49 = R["grade"] >= 4
    special = R["form"] != ALMEN
    yeff = np.array([year_effect[y] for y in SURVEY_YEARS])[R["year"] - SURVEY_YEARS[0]]

    answers = []  # (item_id, response_id, value) blocks, item-major
    # --- 4.-9. klasse: 40 items, 5 options
    idx = np.flatnonzero(is49)
    k = len(idx)
    theta = rng.normal(0, 0.55, k)
    g = R["grade"][idx]
    gl = R["girl"][idx]
    spc = special[idx]
    base_eff = (theta + mun_shift[R["mun"][idx]] + school_re[R["inst"][idx]] + yeff[idx])
    #           social  faglig  stoette  ro     generel
    grade_slope = np.array([-0.035, -0.035, -0.06, -0.03, -0.06])
    girl_eff = np.array([-0.02, 0.06, 0.0, 0.04, -0.14])
    special_eff = np.array([-0.35, -0.12, -0.05, -0.05, -0.18])
    etas = []
    for c in range(5):
        etas.append(base_eff + rng.normal(0, 0.38, k) + grade_slope[c] * (g - 6.5) + girl_eff[c] * (gl - 0.5)
                    + special_eff[c] * spc + school_re_ind[R["inst"][idx], c] + mun_ind[R["mun"][idx], c])
    thresholds5 = np.array([-1.9, -1.0, -0.2, 0.75])
    noise5 = 0.95
    ind_codes = [c[0] for c in content.INDICATORS]
    ind_target = {c[0]: c[4] for c in content.INDICATORS}
    items = content.ITEMS_4_9
    sub = rng.choice(k, size=min(k, 4000), replace=False) if k else np.array([], dtype=int)
    values49 = np.zeros((k, len(items)), dtype=np.int8)
    for i, (ind, _t, _e, _o, off) in enumerate(items):
        c = ind_codes.index(ind)
        offs = [it[4] for it in items if it[0] == ind]
        tgt = ind_target[ind] + off - float(np.mean(offs))
        delta = _calibrate(etas[c][sub], thresholds5, noise5, tgt)
        z = etas[c] + delta + rng.normal(0, noise5, k)
        values49[:, i] = 1 + (z[:, None] > thresholds5[None, :]).sum(1)
    present49 = rng.random(values49.shape) >= 0.03
    skip = np.flatnonzero(rng.random(k) < 0.01)
    item_ind = np.array([ind_codes.index(it[0]) for it in items])
    skip_ind = rng.integers(0, 5, len(skip))
    for r, c in zip(skip, skip_ind):
        cols = np.flatnonzero(item_ind == c)
        drop = rng.random(len(cols)) < 0.8
        drop[rng.integers(0, len(cols))] = True
        present49[r, cols[drop]] = False
    ii, rr = np.nonzero(present49.T)
    answers.append((ii + 1, R["id"][idx][rr], values49.T[ii, rr]))

    # --- 0.-3. klasse: 20 items, 3 options, mostly the best
    idx3 = np.flatnonzero(~is49)
    k3 = len(idx3)
    eta3 = (rng.normal(0, 0.6, k3) + 0.8 * mun_shift[R["mun"][idx3]] + school_re[R["inst"][idx3]]
            + yeff[idx3] - 0.04 * (R["grade"][idx3] - 1.5) - 0.2 * special[idx3])
    thresholds3 = np.array([-1.3, -0.3])
    sub3 = rng.choice(k3, size=min(k3, 4000), replace=False) if k3 else np.array([], dtype=int)
    values03 = np.zeros((k3, len(content.ITEMS_0_3)), dtype=np.int8)
    for i, (_t, _e, _o, p_best) in enumerate(content.ITEMS_0_3):
        delta = _calibrate(eta3[sub3], thresholds3, 0.9, p_best, best_share=True)
        z = eta3 + delta + rng.normal(0, 0.9, k3)
        values03[:, i] = 1 + (z[:, None] > thresholds3[None, :]).sum(1)
    present03 = rng.random(values03.shape) >= 0.03
    ii, rr = np.nonzero(present03.T)
    answers.append((ii + 1 + len(items), R["id"][idx3][rr], values03.T[ii, rr]))

    ans = dict(item_id=np.concatenate([a[0] for a in answers]),
               response_id=np.concatenate([a[1] for a in answers]),
               value=np.concatenate([a[2] for a in answers]).astype(np.int64))
    resp = dict(id=R["id"], round_id=R["round"], school_year=R["year"], institution_id=R["inst"],
                klassetrin=R["grade"], gender=np.where(R["girl"], "pige", "dreng"),
                provision_form=np.array(FORMS)[R["form"]])
    return rounds, resp, ans


def survey_meta():
    instruments = [dict(code=c, name=n, grade_from=a, grade_to=b, n_options=o) for c, n, a, b, o in content.INSTRUMENTS]
    counts = {}
    for it in content.ITEMS_4_9:
        counts[it[0]] = counts.get(it[0], 0) + 1
    indicators = [dict(code=c, instrument_code="trivsel_4_9", name_da=da, name_en=en, sort_order=so, n_items=counts[c])
                  for c, da, en, so, _ in content.INDICATORS]
    items = [dict(id=i + 1, instrument_code="trivsel_4_9", item_no=i + 1, text_da=t, text_en=e,
                  indicator_code=ind, options_da=o) for i, (ind, t, e, o, _) in enumerate(content.ITEMS_4_9)]
    base = len(items)
    items += [dict(id=base + i + 1, instrument_code="trivsel_0_3", item_no=i + 1, text_da=t, text_en=e,
                   indicator_code=None, options_da=o) for i, (t, e, o, _) in enumerate(content.ITEMS_0_3)]
    return instruments, indicators, items
