"""Change from before to after an intervention (indsats): standardised change and reliable change.

- :func:`hedges_g_paired` — standardised mean change with small-sample correction and CI
  (Hedges & Olkin 1985; Borenstein et al. 2009; Lakens 2013). Without a comparison group it is a
  standardised before/after change, not the intervention's effect (regression to the mean, attrition),
  and the page calls it so; queries.effekt.change uses the d_av standardiser (sd_pre and sd_post given).
- :func:`paired_from_sums` — the paired before/after statistics from sums, as SQL gives them.
- :func:`reliable_change_threshold` — the smallest reliable change in points, so reliable and
  clinically significant change (Jacobson & Truax 1991, "Clinical significance: a statistical
  approach to defining meaningful change in psychotherapy research", J Consult Clin Psychol
  59:12–19) can be counted in SQL.
"""

from __future__ import annotations

import numpy as np
from scipy import stats as _sps

from stats._arrays import as_float, unwrap, z_for

#: |RCI| above this is reliable change at the 5% level (Jacobson & Truax 1991, p. 14).
RCI_CRITICAL = 1.96


def hedges_g_paired(n, mean_diff, sd_diff, r=None, sd_pre=None, sd_post=None, level=0.95):
    """Hedges' g for a paired (pre/post) design, with a normal-theory CI (vectorised).

    ``mean_diff`` = mean(post − pre), ``sd_diff`` = SD of the individual differences.

    **Standardiser** (which d is computed):

    - with ``sd_pre`` and ``sd_post``: d_av = mean_diff / ((sd_pre + sd_post)/2)
      (Lakens 2013, Frontiers in Psychology 4:863, eq. 10). Its variance is Borenstein et al.
      (2009), *Introduction to Meta-Analysis*, eq. 4.28:
      V_d = (1/n + d²/(2n)) · 2(1 − r),
      where r is the pre/post correlation; if ``r`` is not given it is recovered from
      sd_diff² = sd_pre² + sd_post² − 2·r·sd_pre·sd_post.
    - otherwise: d_z = mean_diff / sd_diff, with V_d = 1/n + d²/(2n)
      (eq. 4.28 with 2(1 − r) absorbed into the standardiser; Lakens 2013, eq. 6).

    **Small-sample correction** (Hedges & Olkin 1985; Borenstein eq. 4.22–4.24, df = n − 1):
    J = 1 − 3/(4(n − 1) − 1),  g = J·d,  V_g = J²·V_d,  CI = g ± z·√V_g.

    NaN for n < 3 (J = 0 at n = 2) or a zero/undefined standardiser.
    Returns ``(g, lower, upper)``.
    """
    z = z_for(level)
    n, md, sdd = np.broadcast_arrays(as_float(n), as_float(mean_diff), as_float(sd_diff))
    with np.errstate(divide="ignore", invalid="ignore"):
        if sd_pre is not None and sd_post is not None:
            sa, sb = as_float(sd_pre), as_float(sd_post)
            d = md / ((sa + sb) / 2.0)
            if r is None:
                r = (sa**2 + sb**2 - sdd**2) / (2.0 * sa * sb)
            v_d = (1.0 / n + d**2 / (2.0 * n)) * 2.0 * (1.0 - as_float(r))
        else:
            d = md / sdd
            v_d = 1.0 / n + d**2 / (2.0 * n)
        j = 1.0 - 3.0 / (4.0 * (n - 1.0) - 1.0)
        ok = (n >= 3) & np.isfinite(d) & np.isfinite(v_d) & (v_d >= 0)
        g = np.where(ok, j * d, np.nan)
        se = np.where(ok, j * np.sqrt(np.clip(v_d, 0.0, None)), np.nan)
    return unwrap(g), unwrap(g - z * se), unwrap(g + z * se)


def paired_from_sums(n, sum_pre, sum_pre2, sum_post, sum_post2, sum_prepost, level=0.95):
    """Before/after summary of paired scores from sufficient statistics (vectorised).

    From n, Σx (pre), Σx², Σy (post), Σy² and Σxy, as aggregated in SQL:

    - mean_pre = Σx/n, mean_post = Σy/n, sd_pre and sd_post (ddof = 1);
    - r = (Σxy − ΣxΣy/n) / ((n − 1)·sd_pre·sd_post)   (Pearson's correlation of pre and post);
    - the differences d = y − x have Σd = Σy − Σx and Σd² = Σy² − 2Σxy + Σx², hence
      mean_diff, sd_diff and a t confidence interval mean_diff ± t_{n−1}·sd_diff/√n
      (Altman 1991, *Practical Statistics for Medical Research*, §9.5, the paired t interval).

    Returns a dict of arrays (or scalars): mean_pre, mean_post, sd_pre, sd_post, r, mean_diff,
    sd_diff, diff_low, diff_high, and p (the paired t-test's two-sided p-value of mean_diff = 0,
    t = mean_diff / (sd_diff/√n) on n − 1 degrees of freedom). NaN where n is too small (means need
    n ≥ 1, the rest n ≥ 2).
    """
    from stats.means import mean_ci, mean_sd_from_sums

    n, sx, sxx, sy, syy, sxy = np.broadcast_arrays(*(as_float(v) for v in (
        n, sum_pre, sum_pre2, sum_post, sum_post2, sum_prepost)))
    mean_pre, sd_pre = mean_sd_from_sums(n, sx, sxx)
    mean_post, sd_post = mean_sd_from_sums(n, sy, syy)
    sd_sum, sd2_sum = sy - sx, syy - 2.0 * sxy + sxx
    mean_diff, diff_low, diff_high = mean_ci(n, sd_sum, sd2_sum, level)
    sd_diff = mean_sd_from_sums(n, sd_sum, sd2_sum)[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        cov = np.where(n >= 2, (sxy - sx * sy / n) / (n - 1.0), np.nan)
        r = cov / (np.asarray(sd_pre) * np.asarray(sd_post))
        t = np.where((n >= 2) & (np.asarray(sd_diff) > 0), np.asarray(mean_diff) / (np.asarray(sd_diff) / np.sqrt(n)), np.nan)
        p = 2.0 * _sps.t.sf(np.abs(t), np.where(n >= 2, n - 1.0, np.nan))
    return dict(mean_pre=mean_pre, mean_post=mean_post, sd_pre=sd_pre, sd_post=sd_post, r=unwrap(r),
                mean_diff=mean_diff, sd_diff=sd_diff, diff_low=diff_low, diff_high=diff_high, p=unwrap(p))


def reliable_change_threshold(sd_ref, reliability, critical=RCI_CRITICAL):
    """The smallest |post − pre| that is reliable change: critical · √2 · sd_ref · √(1 − r_xx).

    The same criterion as |RCI| > 1.96 (Jacobson & Truax 1991), expressed in score points
    so a database can classify each child with a CASE expression (Jacobson & Truax 1991, p. 14).
    NaN where sd_ref ≤ 0 or the reliability is missing or outside [0, 1).
    """
    sd, rel = np.broadcast_arrays(as_float(sd_ref), as_float(reliability))
    with np.errstate(invalid="ignore"):
        ok = (sd > 0) & (rel >= 0) & (rel < 1)
        out = np.where(ok, critical * np.sqrt(2.0) * sd * np.sqrt(np.clip(1.0 - rel, 0.0, None)), np.nan)
    return unwrap(out)
