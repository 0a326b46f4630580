"""Children and their placement episodes (dagtilbud, school and special provision, youth)."""
from __future__ import annotations

import numpy as np

from data.demo import content
from data.demo.common import (ALMEN, AS_OF, DAGB, FIRST_BIRTH_YEAR, FIRST_SIM_YEAR, FORMS, LAST_BIRTH_YEAR,
                              LAST_YEAR, MELLEM, NAT, SPKL, SPSK, aug1, count_day, days, jan1, jun30)
from data.demo.organisation import Org


def children(rng, org: Org, scale: float):
    mun, by = [], []
    for m_idx, kode in enumerate(org.mun_codes):
        cohort = content.MUNICIPALITIES[kode][1] * scale
        for year in range(FIRST_BIRTH_YEAR, LAST_BIRTH_YEAR + 1):
            n = max(1, int(round(cohort * rng.uniform(0.93, 1.07))))
            mun.append(np.full(n, m_idx))
            by.append(np.full(n, year))
    mun = np.concatenate(mun)
    by = np.concatenate(by)
    n = len(mun)
    girl = rng.random(n) < 0.5
    birth = jan1(by) + days(rng.integers(0, 365, n))
    return dict(n=n, mun=mun, by=by, girl=girl, birth=birth)


def simulate(rng, org: Org, ch: dict, scale: float):
    """Simulate placements. Returns (placement columns, school state matrices, extra info)."""
    n = ch["n"]
    mun, by, girl = ch["mun"], ch["by"], ch["girl"]
    n_mun = len(org.mun_codes)

    # --- home school: small schools get ~10 pupils per grade, the rest by size weights
    home = np.zeros(n, dtype=np.int64)
    school_mult = np.ones(org.n + 1)            # "some schools send more"
    for m_idx, kode in enumerate(org.mun_codes):
        schools = org.ids(m_idx, "skole", "almen")
        small = org.i_small[schools - 1]
        cohort = content.MUNICIPALITIES[kode][1] * scale
        w = rng.uniform(0.6, 1.6, len(schools))
        p = np.where(small, 0.0, w)
        small_share = min(10.0 / max(cohort, 1.0), 0.25)
        p = p / p.sum() * (1 - small_share * small.sum())
        p[small] = small_share
        idx = np.flatnonzero(mun == m_idx)
        home[idx] = rng.choice(schools, size=len(idx), p=p / p.sum())
        school_mult[schools] = np.exp(rng.normal(0, 0.33, len(schools)))
    late = rng.random(n) < np.where(girl, 0.012, 0.03)
    first_school_year = by + 6 + late

    # --- presence in the municipality: moves in (after birth) and out
    arrive = ch["birth"].copy()
    moved_in = rng.random(n) < 0.28
    arrive[moved_in] = jan1(by[moved_in] + rng.integers(1, 16, moved_in.sum())) + days(rng.integers(0, 365, moved_in.sum()))
    leave = np.full(n, np.datetime64("2100-01-01"))
    moves_out = rng.random(n) < 0.27
    leave[moves_out] = jan1(by[moves_out] + rng.integers(2, 17, moves_out.sum())) + days(rng.integers(0, 365, moves_out.sum()))
    leave = np.where(leave <= arrive + np.timedelta64(200, "D"), np.datetime64("2100-01-01"), leave)

    years = np.arange(FIRST_SIM_YEAR, LAST_YEAR + 1)
    ny = len(years)
    mun_mult = np.array([content.MUNICIPALITIES[k][2] for k in org.mun_codes])
    year_mult = np.interp(years, [2004, 2012, 2016, 2025], [0.8, 0.85, 0.9, 1.4])
    base = np.array([0.0, 0.0050, 0.0075, 0.0095, 0.0105, 0.0105, 0.0095, 0.0075, 0.0050, 0.0025])
    gender_mult = np.where(girl, 0.56, 1.44)
    child_mult = gender_mult * mun_mult[mun] * school_mult[home] * np.exp(rng.normal(0, 0.5, n))
    # specialdagtilbud before school: ~1% (boys more); half of them start school in special provision
    sdt = rng.random(n) < np.where(girl, 0.006, 0.014)

    form = np.full(n, ALMEN)
    inst = home.copy()
    started = np.zeros(n, dtype=bool)
    state = np.full((n, ny), -1, dtype=np.int64)      # institution id, -1 = not in school
    fstate = np.full((n, ny), -1, dtype=np.int8)      # form index
    change = np.full((n, ny), NAT, dtype="datetime64[D]")  # date the state of year y began, if changed
    grade = years[None, :] - first_school_year[:, None]

    special_ids = {f: [org.ids(m, "skole", FORMS[f]) for m in range(n_mun)] for f in (MELLEM, SPKL, SPSK, DAGB)}
    almen_ids = [org.ids(m, "skole", "almen") for m in range(n_mun)]
    district_of = org.i_district

    def pick_special(rows, f):
        out = np.empty(len(rows), dtype=np.int64)
        for m in range(n_mun):
            sel = mun[rows] == m
            if not sel.any():
                continue
            cand = special_ids[f][m]
            if f in (MELLEM, SPKL) and len(cand) > 1:
                # prefer a unit in the child's home district
                same = district_of[cand - 1][None, :] == district_of[home[rows[sel]] - 1][:, None]
                w = np.where(same, 4.0, 1.0)
                u = rng.random(sel.sum())[:, None] * w.sum(1, keepdims=True)
                out[sel] = cand[np.minimum((np.cumsum(w, 1) < u).sum(1), len(cand) - 1)]
            else:
                out[sel] = cand[rng.integers(0, len(cand), sel.sum())]
        return out

    for j, y in enumerate(years):
        g = grade[:, j]
        cd = count_day(y)
        present = (arrive <= cd) & (leave > cd)
        in_school = (g >= 0) & (g <= 9)
        gap = in_school & (g >= 1) & (g <= 8) & (rng.random(n) < 0.003)
        active = in_school & present & ~gap
        new = active & ~started
        cont = active & started
        prev_form = form.copy()
        prev_inst = inst.copy()

        # first year in school here (0. klasse or moved in)
        nn = np.flatnonzero(new)
        if len(nn):
            p_sp = np.where(sdt[nn], 0.5, 0.002 * child_mult[nn] + 0.0035 * np.clip(g[nn], 0, 9) * child_mult[nn] * year_mult[j])
            sp = rng.random(len(nn)) < p_sp
            f = np.where(sp, rng.choice([MELLEM, SPKL, SPSK, DAGB], len(nn), p=[0.25, 0.3, 0.35, 0.1]), ALMEN)
            form[nn] = f
            inst[nn] = home[nn]
        # continuing: entry, return, escalation, change of ordinary school
        cc = np.flatnonzero(cont)
        if len(cc):
            gc = np.clip(g[cc], 0, 9)
            fa = form[cc]
            r = rng.random(len(cc))
            h = base[gc] * child_mult[cc] * year_mult[j]
            enter = (fa == ALMEN) & (r < h)
            older = gc >= 6
            p_new = np.where(older[:, None], [0.25, 0.30, 0.28, 0.17], [0.35, 0.33, 0.25, 0.07])
            u = rng.random(len(cc))[:, None]
            new_form = np.array([MELLEM, SPKL, SPSK, DAGB])[(np.cumsum(p_new, 1) < u).sum(1).clip(0, 3)]
            ret_p = np.select([fa == MELLEM, fa == SPKL, fa == SPSK, fa == DAGB], [0.10, 0.045, 0.025, 0.07], 0.0)
            ret = (fa != ALMEN) & (r < ret_p)
            esc_p = np.select([fa == MELLEM, fa == SPKL, fa == DAGB], [0.10, 0.06, 0.06], 0.0)
            r2 = rng.random(len(cc))
            esc = (fa != ALMEN) & ~ret & (r2 < esc_p)
            esc_to = np.select([fa == MELLEM, fa == SPKL], [SPKL, SPSK], SPSK)
            fa2 = fa.copy()
            fa2[enter] = new_form[enter]
            fa2[ret] = ALMEN
            fa2[esc] = esc_to[esc]
            form[cc] = fa2
            # moving school within the municipality (some at the start of udskoling)
            move = (fa2 == ALMEN) & (fa == ALMEN) & (rng.random(len(cc)) < np.where(gc == 7, 0.05, 0.015))
            mv = cc[move]
            for m in range(n_mun):
                sel = mv[mun[mv] == m]
                if len(sel):
                    home[sel] = almen_ids[m][rng.integers(0, len(almen_ids[m]), len(sel))]
            # returning children go back to the home school (20% to another ordinary school)
            rr = cc[ret]
            other = rng.random(len(rr)) < 0.2
            for m in range(n_mun):
                sel = rr[other & (mun[rr] == m)]
                if len(sel):
                    home[sel] = almen_ids[m][rng.integers(0, len(almen_ids[m]), len(sel))]
        act = np.flatnonzero(active)
        is_almen = form[act] == ALMEN
        inst[act[is_almen]] = home[act[is_almen]]
        # special: keep the institution when the form is unchanged, else pick one
        sp_rows = act[~is_almen]
        need = sp_rows[(prev_form[sp_rows] != form[sp_rows]) | new[sp_rows] | (inst[sp_rows] == home[sp_rows])]
        for f in (MELLEM, SPKL, SPSK, DAGB):
            rows = need[form[need] == f]
            if len(rows):
                inst[rows] = pick_special(rows, f)
        state[act, j] = inst[act]
        fstate[act, j] = form[act]
        # when did a changed state begin: 1 August (65%) or mid-year before the count date
        changed = cont & ((inst != prev_inst) | (form != prev_form))
        ch_rows = np.flatnonzero(changed)
        mid = rng.random(len(ch_rows)) < 0.35
        mid_date = np.datetime64(f"{y - 1}-10-15") + days(rng.integers(0, 198, len(ch_rows)))
        change[ch_rows, j] = np.where(mid, mid_date, aug1(np.full(len(ch_rows), y)))
        started |= active

    # --- school episodes: runs of equal state along the year axis
    key = state * 8 + np.where(fstate < 0, 0, fstate)
    prev_key = np.concatenate([np.full((n, 1), -9), key[:, :-1]], axis=1)
    next_key = np.concatenate([key[:, 1:], np.full((n, 1), -9)], axis=1)
    run_start = (key >= 0) & (key != prev_key)
    run_end = (key >= 0) & (key != next_key)
    si, sj = np.nonzero(run_start)            # row-major: child, then year (sorted)
    ei, ej = np.nonzero(run_end)
    assert len(si) == len(ei)
    ys, ye = years[sj], years[ej]
    cont_prev = (sj > 0) & (prev_key[si, sj] >= 0)
    first_day = np.maximum(aug1(ys), arrive[si])
    first_day = np.where(grade[si, sj] == 0, np.maximum(aug1(ys), arrive[si]), first_day)
    start = np.where(cont_prev, change[si, sj], first_day)
    cont_next = (ej < ny - 1) & (next_key[ei, ej] >= 0)
    nxt_change = change[ei, np.minimum(ej + 1, ny - 1)]
    exit_day = np.minimum(leave[ei] - np.timedelta64(1, "D"), jun30(ye + 1))
    end = np.where(cont_next, nxt_change - np.timedelta64(1, "D"), exit_day)
    end = np.where(end > AS_OF, NAT, end)
    sch = dict(child=si, inst=state[si, sj], form=fstate[si, sj].astype(int), start=start, end=end)

    # --- dagtilbud episodes
    dt_start = np.maximum(ch["birth"] + days(rng.integers(300, 480, n)), arrive)
    school_begin = aug1(first_school_year)
    dt_stop = np.minimum(leave, school_begin) - np.timedelta64(1, "D")
    has_dt = (dt_start < dt_stop) & (rng.random(n) < 0.97)
    dt_inst = np.zeros(n, dtype=np.int64)
    dt_inst2 = np.zeros(n, dtype=np.int64)
    for m in range(n_mun):
        cand = org.ids(m, "dagtilbud", "almen")
        rows = np.flatnonzero(mun == m)
        hd = district_of[home[rows] - 1]
        same = district_of[cand - 1][None, :] == hd[:, None]
        for target in (dt_inst, dt_inst2):
            w = np.where(same, 5.0, 1.0)
            u = rng.random(len(rows))[:, None] * w.sum(1, keepdims=True)
            target[rows] = cand[np.minimum((np.cumsum(w, 1) < u).sum(1), len(cand) - 1)]
    switch_day = ch["birth"] + days(rng.integers(1000, 1150, n))
    switches = has_dt & (rng.random(n) < 0.5) & (switch_day > dt_start + np.timedelta64(60, "D")) \
        & (switch_day < dt_stop - np.timedelta64(60, "D")) & (dt_inst2 != dt_inst)
    sdt_day = ch["birth"] + days(rng.integers(1200, 1500, n))
    sdt_ok = has_dt & sdt & (sdt_day > dt_start) & (sdt_day < dt_stop - np.timedelta64(60, "D"))
    sdt_inst = np.zeros(n, dtype=np.int64)
    for m in range(n_mun):
        cand = org.ids(m, "dagtilbud", "specialdagtilbud")
        rows = np.flatnonzero(sdt_ok & (mun == m))
        sdt_inst[rows] = cand[rng.integers(0, len(cand), len(rows))]
    # first episode ends at the switch (to another dagtilbud or to specialdagtilbud)
    first_end = dt_stop.copy()
    first_end = np.where(switches, switch_day - np.timedelta64(1, "D"), first_end)
    first_end = np.where(sdt_ok, np.minimum(first_end, sdt_day - np.timedelta64(1, "D")), first_end)
    second_from = np.where(switches, switch_day, NAT)
    second_to = np.where(sdt_ok, np.minimum(dt_stop, sdt_day - np.timedelta64(1, "D")), dt_stop)
    sw_ok = switches & (second_from <= second_to)
    rows1 = np.flatnonzero(has_dt)
    rows2 = np.flatnonzero(sw_ok)
    rows3 = np.flatnonzero(sdt_ok)
    dagt = dict(
        child=np.concatenate([rows1, rows2, rows3]),
        inst=np.concatenate([dt_inst[rows1], dt_inst2[rows2], sdt_inst[rows3]]),
        form=np.concatenate([np.full(len(rows1), "almen"), np.full(len(rows2), "almen"),
                             np.full(len(rows3), "specialdagtilbud")]),
        start=np.concatenate([dt_start[rows1], second_from[rows2], sdt_day[rows3]]),
        end=np.concatenate([first_end[rows1], second_to[rows2], dt_stop[rows3]]),
    )

    # --- youth after 9. klasse: a year in a klub or the ungdomsskole for some
    done = first_school_year + 10               # school year after 9. klasse
    youth = (rng.random(n) < 0.3) & (arrive < aug1(done)) & (leave > aug1(done) + np.timedelta64(30, "D"))
    y_rows = np.flatnonzero(youth)
    y_inst = np.zeros(len(y_rows), dtype=np.int64)
    for m in range(n_mun):
        sel = mun[y_rows] == m
        cand = np.concatenate([org.ids(m, "klub", "almen"), org.ids(m, "ungdomsskole", "almen")])
        y_inst[sel] = cand[rng.integers(0, len(cand), sel.sum())]
    youth_ep = dict(child=y_rows, inst=y_inst, form=np.full(len(y_rows), "almen"),
                    start=aug1(done[y_rows]),
                    end=np.minimum(leave[y_rows] - np.timedelta64(1, "D"), jun30(done[y_rows] + 1)))

    # --- combine, drop episodes not yet started, NULL unknown ends
    form_names = np.array(FORMS)
    parts = [dict(sch, form=form_names[sch["form"]]), dagt, youth_ep]
    pl = {k: np.concatenate([p[k] for p in parts]) for k in ("child", "inst", "form", "start", "end")}
    pl["end"] = np.where(pl["end"] > AS_OF, NAT, pl["end"])
    keep = pl["start"] <= AS_OF
    pl = {k: v[keep] for k, v in pl.items()}
    order = np.lexsort((pl["start"], pl["child"]))
    pl = {k: v[order] for k, v in pl.items()}
    bad = ~np.isnat(pl["end"]) & (pl["end"] < pl["start"])
    assert not bad.any(), f"{bad.sum()} episodes end before they start"

    info = dict(state=state, fstate=fstate, grade=grade, years=years, home=home, arrive=arrive,
                leave=leave, first_school_year=first_school_year)
    return pl, info
