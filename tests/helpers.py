"""Small helpers the tests share: pick one row of a query frame, read what a page shows."""


def row(df, **keys):
    """The one row of `df` whose columns equal `keys`; fails loudly if there is not exactly one."""
    sel = df
    for k, v in keys.items():
        sel = sel[sel[k] == v]
    assert len(sel) == 1, f"expected one row for {keys}, got {len(sel)}\n{df}"
    return sel.iloc[0]


def texts(at) -> str:
    """Every text element an AppTest run shows, one per line."""
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def subheaders(at) -> list[str]:
    """The headline sentences of a page (one per chart)."""
    return [s.value for s in at.subheader]


def forget_meetings(url: str) -> None:
    """Delete every meeting in the database at `url` (the fixture database is shared by page and browser tests)."""
    import sqlalchemy as sa

    from data import schema as s
    engine = sa.create_engine(url)
    with engine.begin() as c:
        c.execute(sa.delete(s.meeting_slide))
        c.execute(sa.delete(s.meeting))
    engine.dispose()


def open_tab(at, label: str, key: str = "effekt_tab"):
    """Open the tab `label` of tabs that draw only the open one (Effekt's details), as a reader's click does."""
    labels = [t.label for t in at.tabs]
    assert label in labels, labels
    at.session_state[key] = label
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def every_tab(at, read, key: str = "effekt_tab") -> list:
    """`read(at)` (a list) in each tab in turn, joined; the first tab is open again afterwards."""
    labels = [t.label for t in at.tabs]
    seen = []
    for label in labels:
        seen += list(read(open_tab(at, label, key)))
    open_tab(at, labels[0], key)
    return seen
