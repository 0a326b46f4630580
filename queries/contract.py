"""The one result contract: every query that returns figures about children declares its columns once.

A query builds its rows as NumPy columns (`queries.columns`), perturbs and protects them with its
declaration and returns them; the `@query(RESULT)` decorator then checks the protection and makes the
one DataFrame the caller sees, with exactly the declared columns in the declared order:

    TREND = Result(keys=("indicator_code", "school_year"),
                   counts=(Count("n", key="_key"),),
                   moments=(Moments("n", first=("_sum_x",), second=(("_sum_x2", 0, 0),), scale=0.5),),
                   guards=(Guard(n="n", values=("mean", "ci_low", "ci_high")),),
                   public=("landstal",))

    @query(TREND)
    def indicator_trend(conn, filters, scope):
        d = fetch(...)                 # counts, sums and the sums of their records' keys, per row
        d = TREND.perturb(d)           # the cell-key method (queries.privacy): nothing below sees the raw sums
        ...                            # per-row figures from the row's own (perturbed) counts and sums
        d = TREND.protect(d)           # hide small groups (queries.privacy)
        ...                            # figures that compare shown rows (change from last year)
        return d

A column belongs to exactly one role: a *key* names the row and is never hidden; a guard's *n* is
the size of the group the row's figures come from; its *counts* are numbers of children inside the
group (each must be 0 or at least the threshold); its *values* are figures computed from the
group; *public* columns are reference values that do not come from the row's children (Landstal,
an instrument's cut-off). A column that is not declared never leaves the query, so a figure added
later cannot slip past the protection; the privacy test (tests/privacy/) runs every registered
query and checks every declared column. The result's `counts` (each with the column holding its
records' key sum) and `moments` (the sums that go with a count) are what `perturb` adjusts; a result
that declares counts is refused by the check unless `perturb` ran.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data import schema as s
from queries.columns import Cols
from queries.filters import Filters, Scope
from queries.privacy import cell_keys, complementary, count_noise, magnitude_noise, min_n, small

_STR = pd.StringDtype("python", na_value=np.nan)


class DisclosureError(RuntimeError):
    """A query returned a figure its declaration says must be hidden (a programming error)."""


@dataclass(frozen=True)
class Count:
    """A count of records (respondents, children, forløb) and the column holding the sum of those
    records' keys: perturbed by the cell-key method before anything is computed from it."""

    name: str
    key: str


@dataclass(frozen=True)
class Moments:
    """The sums of a group's values, perturbed with the group's count (`count`, a declared Count):
    `first` the sums Σx of each variable, `second` (column, i, j) the sums Σ x_i·x_j, `scale` the
    size of the noise in the variables' units — a number, or the name of a column holding it per row."""

    count: str
    first: tuple[str, ...]
    second: tuple[tuple[str, int, int], ...] = ()
    scale: float | str = 1.0


PERTURBED = "_perturbed"


def why(flag: str) -> str:
    """The column that says why a flagged row is hidden: 'small' (its group, or a count in it, is
    fewer than the threshold), 'protect' (hidden to protect another, small group), None (shown)."""
    return f"{flag}_why"


@dataclass(frozen=True)
class Cell:
    """A count of children inside a group that hides only itself (and the figures computed from it)
    when it is small, e.g. the forløb that dropped out of an intervention and the dropout share."""

    count: str
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Guard:
    """One group whose figures are shown or hidden together.

    n: column with the group's size (children or respondents); counts: numbers of children inside
    the group that the group's figures reveal (a share's numerator), so a small one hides the whole
    row; cells: counts that hide only themselves and their own figures; parts: cells or counts of a
    row that add up to a total shown beside them — when one is hidden, the smallest other is too;
    values: the figures computed from the group; flag: the boolean column saying the row is hidden
    (None: the hidden figures are simply missing); partition: key columns whose equal values make
    rows parts of a total shown elsewhere (complementary suppression across rows; () = all rows one
    partition, None = rows are not parts of a shown total); within: the flag of an earlier guard —
    this group is hidden wherever that one is; hide_empty: a group of 0 is hidden (False where 0
    means "nothing to show", e.g. an intervention without GAS goals).

    A column name starting with '_' is a helper: protected like the others, never returned.
    """

    n: str | None = "n"
    counts: tuple[str, ...] = ()
    cells: tuple[Cell, ...] = ()
    parts: tuple[tuple[str, ...], ...] = ()
    values: tuple[str, ...] = ()
    flag: str | None = "suppressed"
    partition: tuple[str, ...] | None = None
    within: str | None = None
    hide_empty: bool = True

    @property
    def protected(self) -> tuple[str, ...]:
        """Every column this guard hides on a hidden row."""
        cells = tuple(c for cell in self.cells for c in (cell.count, *cell.values) if c not in self.values)
        return tuple(dict.fromkeys(((self.n,) if self.n else ()) + self.counts + cells + self.values))

    def _size(self, d: Cols) -> np.ndarray:
        """The size of the smallest group of children the row's figures reveal: n or a smaller count."""
        rows = len(next(iter(d.values()))) if d else 0
        size = np.full(rows, np.inf) if self.n is None else np.asarray(d[self.n], dtype="float64")
        for c in self.counts:
            v = np.asarray(d[c], dtype="float64")
            size = np.where((v > 0) & (v < size), v, size)
        return size

    def primary(self, d: Cols, threshold: int) -> np.ndarray:
        """Rows whose group, or a count inside it, is small (or, with hide_empty, empty)."""
        size = self._size(d)
        return small(size, threshold) | ((size <= 0) if self.hide_empty else np.zeros(len(size), dtype=bool))

    def hidden(self, d: Cols, threshold: int) -> np.ndarray:
        """Rows to hide whole: a small (or, with hide_empty, empty) group, the `within` rows, and
        complements across the partition."""
        size = self._size(d)
        hide = self.primary(d, threshold)
        if self.within:
            hide = hide | np.asarray(d[self.within], dtype=bool)
        if self.partition is not None:
            part = np.ones(len(hide), dtype=bool) if self.hide_empty else ~(size <= 0)  # empty groups are no part
            hide[part] = complementary(hide[part], size[part], _groups(d, self.partition, len(hide))[part])
        return hide

    def hidden_cells(self, d: Cols, rows: np.ndarray, threshold: int) -> dict[str, np.ndarray]:
        """Per cell count: where it is hidden (its row is, it is small, or it completes a part)."""
        out = {c.count: rows | small(d[c.count], threshold) for c in self.cells}
        changed = True
        while changed:  # a hidden part can make another part's complement necessary
            changed = False
            for part in self.parts:
                names = [c for c in part if c in out]
                if not names:
                    continue
                hide = np.column_stack([out[c] for c in names])
                size = np.column_stack([np.asarray(d[c], dtype="float64") for c in names])
                lone = (hide.sum(axis=1) == 1) & (hide.sum(axis=1) < len(names)) & ~rows
                for i in np.flatnonzero(lone):
                    shown = np.flatnonzero(~hide[i])
                    out[names[shown[np.argmin(size[i, shown])]]][i] = True
                    changed = True
        return out


@dataclass(frozen=True)
class Result:
    """What a query returns: its key columns, its guarded groups (in order), its public columns."""

    keys: tuple[str, ...]
    guards: tuple[Guard, ...] = (Guard(),)
    public: tuple[str, ...] = ()
    domain: str = ""  # whose suppression threshold applies (queries.privacy.min_n): '' or 'trivsel'
    counts: tuple[Count, ...] = ()
    moments: tuple[Moments, ...] = ()
    # rows about one unit: (column, level) — the column holds the id of an 'institution', a 'distrikt' or
    # an 'intervention' (shown as its institution's, when one institution runs it) on rows about that
    # unit alone (missing on totals); a row is returned only where the role's scope shows that unit
    detail: tuple[tuple[str, str], ...] = ()

    @property
    def columns(self) -> list[str]:
        """The returned columns, in order: keys, each guard's n, counts, values and flag, public."""
        out = list(self.keys)
        for g in self.guards:
            out += [c for c in g.protected if not c.startswith("_")] + ([g.flag, why(g.flag)] if g.flag else [])
        return out + list(self.public)

    def empty(self) -> Cols:
        """No rows: every declared column, empty."""
        flags, whys = {g.flag for g in self.guards}, {why(g.flag) for g in self.guards if g.flag}
        return {**{c: np.zeros(0, dtype=bool if c in flags else object if c in self.keys or c in whys else "float64")
                   for c in self.columns}, PERTURBED: np.zeros(0, dtype=bool)}

    def perturb(self, d: Cols, threshold: int | None = None) -> Cols:
        """The cell-key method on the declared counts and their moments (queries.privacy): each count
        becomes n + v, its sums those of n + v records shifted by δ = scale·z / (n + v)."""
        threshold = min_n(self.domain) if threshold is None else threshold
        rows = len(next(iter(d.values()))) if d else 0
        new, keys = {}, {}
        for c in self.counts:
            keys[c.name] = cell_keys(d[c.key])
            n = np.asarray(d[c.name], dtype="float64")
            new[c.name] = np.where(np.isnan(n), np.nan, n + count_noise(n, keys[c.name], threshold))
        for m in self.moments:
            n, n_new = np.asarray(d[m.count], dtype="float64"), new[m.count]
            scale = np.asarray(d[m.scale], dtype="float64") if isinstance(m.scale, str) else float(m.scale)
            with np.errstate(divide="ignore", invalid="ignore"):
                a = np.where(n > 0, n_new / n, 0.0)
                delta = [np.where(n_new > 0, scale * magnitude_noise(keys[m.count], j) / n_new, 0.0)
                         for j in range(len(m.first))]
            first = [a * np.asarray(d[c], dtype="float64") for c in m.first]  # the sums of n + v such records
            for column, i, j in m.second:
                d[column] = (a * np.asarray(d[column], dtype="float64") + delta[i] * first[j] + delta[j] * first[i]
                             + n_new * delta[i] * delta[j])
            for column, f, dj in zip(m.first, first, delta):
                d[column] = f + n_new * dj
        d.update(new)
        d[PERTURBED] = np.ones(rows, dtype=bool)
        return d

    def protect(self, d: Cols, threshold: int | None = None) -> Cols:
        """Apply every guard: hidden rows get their n, counts and values missing and their flag set."""
        threshold = min_n(self.domain) if threshold is None else threshold
        for g in self.guards:
            hide, first = g.hidden(d, threshold), g.primary(d, threshold)
            for cell, hidden in zip(g.cells, g.hidden_cells(d, hide, threshold).values()):
                for c in (cell.count, *cell.values):
                    if c in d:
                        d[c] = _blank(d[c], hidden)
            for c in g.protected:
                if c in d:
                    d[c] = _blank(d[c], hide)
            if g.flag:
                d[g.flag] = hide
                d[why(g.flag)] = np.where(first & hide, "small", np.where(hide, "protect", None)).astype(object)
        return d

    def check(self, d: Cols, threshold: int | None = None) -> Cols:
        """Raise DisclosureError unless `d` is protected as declared (shown groups and counts are
        large enough, hidden rows keep no figure, no partition has a lone hidden row)."""
        threshold = min_n(self.domain) if threshold is None else threshold
        missing = [c for c in self.columns if c not in d]
        if missing:
            raise DisclosureError(f"undeclared state: columns {missing} were not computed")
        if self.counts and PERTURBED not in d:
            raise DisclosureError("the counts were not perturbed (Result.perturb) before the figures were computed")
        for g in self.guards:
            blank = np.ones(len(d[self.columns[0]]), dtype=bool) if self.columns else np.zeros(0, bool)
            for c in g.protected:
                if c in d or not c.startswith("_"):  # a helper may be absent (no rows)
                    blank &= _is_missing(d[c])
            hidden = np.asarray(d[g.flag], dtype=bool) if g.flag else blank
            if g.flag and not blank[hidden].all():
                raise DisclosureError(f"a hidden row keeps a figure of {g.protected}")
            shown = ~hidden
            size = g._size(d)
            if (small(size[shown], threshold).any() or (g.hide_empty and (size[shown] <= 0).any())):
                raise DisclosureError(f"a shown figure comes from fewer than {threshold} (guard n={g.n})")
            if g.within and not hidden[np.asarray(d[g.within], dtype=bool)].all():
                raise DisclosureError(f"{g.flag} shows figures where {g.within} hides the row")
            for cell in g.cells:
                if cell.count not in d and cell.count.startswith("_"):  # a helper may be absent (no rows)
                    continue
                gone = _is_missing(d[cell.count])
                if small(np.where(gone, 0, np.asarray(d[cell.count], dtype="float64")), threshold).any():
                    raise DisclosureError(f"a shown count {cell.count} of 1-{threshold - 1} children")
                for c in cell.values:
                    if not _is_missing(d[c])[gone].all():
                        raise DisclosureError(f"{c} is shown where its count {cell.count} is hidden")
            for part in g.parts:
                if not all(c in d for c in part):
                    continue
                gone = np.column_stack([_is_missing(d[c]) for c in part]).sum(axis=1)
                if ((gone == 1) & shown).any():
                    raise DisclosureError(f"a lone hidden count among {part}")
            if g.partition is not None and len(hidden):
                groups = _groups(d, g.partition, len(hidden))
                member = np.ones(len(hidden), dtype=bool) if g.hide_empty else ~(size <= 0)
                for k in np.unique(groups[hidden & member]):
                    part = hidden[(groups == k) & member]
                    if part.sum() == 1 and len(part) > 1:
                        raise DisclosureError(f"a lone hidden row in partition {g.partition}")
        return d

    def frame(self, d: Cols) -> pd.DataFrame:
        """The declared columns as one DataFrame (text columns as pandas' string dtype)."""
        return pd.DataFrame({c: _column(d[c]) for c in self.columns})


def _groups(d: Cols, keys: tuple[str, ...], rows: int) -> np.ndarray:
    """Integer codes of the rows' partition: equal values in `keys` (all rows one group for ())."""
    if not keys:
        return np.zeros(rows, dtype="int64")
    seen: dict = {}
    return np.array([seen.setdefault(k, len(seen)) for k in zip(*(d[c] for c in keys))], dtype="int64")


def _blank(values: np.ndarray, hide: np.ndarray) -> np.ndarray:
    values = np.asarray(values)
    if values.dtype == bool:
        return np.where(hide, False, values)
    if values.dtype == object:
        out = values.copy()
        out[hide] = None
        return out
    out = values.astype("float64", copy=True)
    out[hide] = np.nan
    return out


def _is_missing(values: np.ndarray) -> np.ndarray:
    values = np.asarray(values)
    if values.dtype == bool:
        return ~values
    if values.dtype == object:
        return np.array([v is None or v != v for v in values], dtype=bool)
    return np.isnan(values.astype("float64"))


def _column(values: np.ndarray):
    values = np.asarray(values)
    if values.dtype == object and all(v is None or isinstance(v, str) for v in values):
        return pd.array(values, dtype=_STR)
    return values


# --- the registry ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Registered:
    fn: Callable
    result: Result | None  # None: a lookup that returns no figures about children (a year, a list of names)


REGISTRY: dict[str, Registered] = {}


def query(result: Result):
    """Declare `fn` a query returning figures about children under `result`: its return value (NumPy
    columns, or a NamedTuple whose `points` are) is checked, cut to what the role's scope shows and
    made into the declared DataFrame. Filters that reach past the scope (another school than a
    leder's own, a school for an udvalg) give the query a scope that admits no row."""
    def wrap(fn):
        @functools.wraps(fn)
        def run(conn, *args, **kwargs):
            args, scope = _bounded(args)
            out = fn(conn, *args, **kwargs)
            if isinstance(out, dict):
                return result.frame(_in_scope(conn, result, result.check(out), scope))
            return out._replace(points=result.frame(_in_scope(conn, result, result.check(out.points), scope)))
        REGISTRY[f"{fn.__module__}.{fn.__name__}"] = Registered(run, result)
        return run
    return wrap


def lookup(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Declare `fn` a filtered lookup that returns no figure about children (e.g. the newest year
    with data): registered so the privacy test knows every function that reads with filters. Its
    scope is bounded by the filters as a query's is."""
    @functools.wraps(fn)
    def run(conn, *args, **kwargs):
        return fn(conn, *_bounded(args)[0], **kwargs)
    REGISTRY[f"{fn.__module__}.{fn.__name__}"] = Registered(run, None)
    return run


# --- the access scope -----------------------------------------------------------------------------
def _bounded(args: tuple) -> tuple[tuple, Any]:
    """The arguments with the Scope replaced by what the Filters beside it may reach (every query
    takes `conn, filters, scope, ...`), and that scope (None when the call carries none)."""
    if len(args) >= 2 and isinstance(args[0], Filters) and isinstance(args[1], Scope):
        scope = args[1].bounded(args[0])
        return (args[0], scope, *args[2:]), scope
    return args, None


def _in_scope(conn, result: Result, d: Cols, scope) -> Cols:
    """Only the rows about one unit that the scope shows (every row about a total stays)."""
    if scope is None or not result.detail or scope.shows_every_unit():
        return d
    rows = len(next(iter(d.values()))) if d else 0
    keep = np.ones(rows, dtype=bool)
    for column, level in result.detail:
        if column not in d:
            if rows:
                raise DisclosureError(f"the detail column {column} was not computed")
            continue
        values = np.asarray(d[column], dtype="float64")
        ids = {int(v) for v in values[~np.isnan(values)]}
        if level == "intervention":
            level, owner = "institution", _runs(conn, ids)
            ids, values = set(owner.values()), np.array([owner.get(int(v), np.nan) if v == v else np.nan for v in values])
        shown = {i for i in ids if scope.shows(level, i)}
        keep &= np.array([v != v or int(v) in shown for v in values], dtype=bool)
    return d if keep.all() else {k: (v[keep] if isinstance(v, np.ndarray) and len(v) == rows else v) for k, v in d.items()}


def _runs(conn, interventions: set[int]) -> dict[int, int]:
    """Intervention id -> the institution that runs it (interventions of the whole municipality: absent)."""
    if not interventions:
        return {}
    q = sa.select(s.intervention.c.id, s.intervention.c.institution_id).where(
        s.intervention.c.id.in_(sorted(interventions)), s.intervention.c.institution_id.is_not(None))
    return {int(i): int(o) for i, o in conn.execute(q)}
