"""Benchmark of the meeting's papers (ui.report, issue #15): a 10-slide meeting whose charts are real-size
Plotly figures (1600x900, the app's theme) drawn by kaleido in Debian's chromium, as the app draws them.

    python -m bench.report          # medians of 3 runs: render 10 images, pdf(), pptx()

The budget of the issue is 20 s for the report of a 10-slide meeting (render + pdf + pptx). The browser is
started once before timing (the app keeps one for the whole server: ui.export._renderer); that start is
printed on its own. Timing assertions do not belong in tests: this prints figures for the closing note.
"""
from __future__ import annotations

import statistics
import time
import warnings

import numpy as np
import plotly.graph_objects as go

from ui import theme
from ui.report import Page, pdf, pptx
from ui.view import View

RUNS = 3
YEARS = ["2020/21", "2021/22", "2022/23", "2023/24", "2024/25", "2025/26"]
SCHOOLS = [f"Skole {c}" for c in "ABCDEFGHIJKLMNOPQRST"]


def figures() -> list[go.Figure]:
    """Ten charts of the kinds the pages draw: trends with intervals, bars by school, stacked bands, a funnel."""
    rng = np.random.default_rng(15)
    out = []
    for k in range(10):
        fig = go.Figure()
        if k % 4 == 0:
            for i, name in enumerate(["Social trivsel", "Faglig trivsel", "Støtte og inspiration", "Ro og orden"]):
                y = 3.6 + 0.1 * i + np.cumsum(rng.normal(0, 0.04, len(YEARS)))
                fig.add_scatter(x=YEARS, y=y, name=name, mode="lines+markers",
                                error_y=dict(type="data", array=rng.uniform(0.02, 0.06, len(YEARS))))
        elif k % 4 == 1:
            fig.add_bar(x=rng.uniform(3.4, 4.3, len(SCHOOLS)), y=SCHOOLS, orientation="h",
                        error_x=dict(type="data", array=rng.uniform(0.03, 0.1, len(SCHOOLS))))
        elif k % 4 == 2:
            shares = rng.dirichlet(np.ones(4) * 5, len(YEARS))
            for band, colour in enumerate(theme.BAND_COLOURS):
                fig.add_bar(x=YEARS, y=shares[:, band], name=f"Bånd {band + 1}", marker_color=colour)
            fig.update_layout(barmode="stack", yaxis_tickformat=".0%")
        else:
            n = rng.integers(30, 900, 98)
            fig.add_scatter(x=n, y=0.1 + rng.normal(0, 0.25 / np.sqrt(n)), mode="markers", name="Kommuner")
            grid = np.linspace(30, 900, 60)
            for z in (-3, -2, 2, 3):
                fig.add_scatter(x=grid, y=0.1 + z * 0.25 / np.sqrt(grid), mode="lines", showlegend=False,
                                line=dict(color=theme.GREY, dash="dot"))
        theme.apply(fig, View(), height=450)
        out.append(fig)
    return out


def render(figs: list[go.Figure]) -> list[bytes]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a running kaleido server ignores per-call options, plotly notes
        return [fig.to_image(format="png", width=1600, height=900) for fig in figs]


def meeting(images: list[bytes]) -> list[Page]:
    return [Page(f"Slide {k + 1}: social trivsel i 4.–6. klasse steg med 0,2 point — mistrivsel faldt med −3 %.",
                 png, f"Billund (530) · {SCHOOLS[k]} · 2020/21–2025/26 · piger",
                 "Kilde: Indblik, seneste trivselsmåling 2025/26, seneste placering 15. januar 2026",
                 note=f"Fortæl om {SCHOOLS[k]}.", demo=True)
            for k, png in enumerate(images)]


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> None:
    import kaleido

    figs = figures()
    kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    start, _ = timed(lambda: render(figs[:1]))  # the browser comes up on the first image
    print(f"start the browser, first image (once per server): {start:6.2f} s")
    times: dict[str, list[float]] = {"render 10 images": [], "pdf": [], "pptx": []}
    sizes = {}
    for _ in range(RUNS):
        t, images = timed(lambda: render(figs))
        times["render 10 images"].append(t)
        pages = meeting(images)
        for name, fn in (("pdf", pdf), ("pptx", pptx)):
            t, data = timed(lambda fn=fn: fn("Årlig opfølgning", "Børne- og Skoleudvalget · 12. maj 2026", pages))
            times[name].append(t)
            sizes[name] = len(data)
    kaleido.stop_sync_server(silence_warnings=True)
    for name, values in times.items():
        size = f"  ({sizes[name] / 1e6:.1f} MB)" if name in sizes else ""
        print(f"{name:18s} median {statistics.median(values):6.2f} s  runs {', '.join(f'{v:.2f}' for v in values)}{size}")
    total = sum(statistics.median(v) for v in times.values())
    print(f"{'report (all three)':18s} median-sum {total:6.2f} s  (budget 20 s)")


if __name__ == "__main__":
    main()
