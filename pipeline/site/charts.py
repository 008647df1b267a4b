"""The page's charts, drawn with matplotlib into standalone SVG at build time.

matplotlib rather than Vega-Altair with vl-convert: it draws offline from pinned wheels with no
JavaScript engine, its SVG output is byte-for-byte repeatable (fixed ``svg.hashsalt``, no date),
and with ``svg.fonttype = "path"`` every glyph is written as an outline, so the Chinese labels look
the same on a machine without any CJK font. The CJK glyphs come from WenQuanYi Micro Hei shipped in
the pinned ``paperang-p2-fonts-cjk`` wheel (Apache-2.0 or GPLv3 with the font exception), Latin
from matplotlib's own DejaVu Sans, so the output does not depend on the fonts a machine has.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import cache
from importlib import resources

import matplotlib
from matplotlib import font_manager
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from pipeline.site.data import OUTCOME_PARTS, PROCEEDINGS, RESULTS, Agency, Denial
from pipeline.site.page import CHARTS, chart_path

WIDTH = 3.6  # inches: shown about 360 px wide, so 8 pt text reads at phone size
BAR_WIDTH = 0.6
COLORS = ["#2f6f9f", "#7fb3d5", "#c0392b", "#e59866", "#8e7cc3", "#a6a6a6"]
RC = {
    "svg.fonttype": "path",  # glyphs as outlines: no font needed to view
    "svg.hashsalt": "ogi-reports",  # stable element ids, so equal data gives equal files
    "font.size": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
}


@cache
def _fonts() -> list[str]:
    cjk = resources.files("paperang_p2_fonts_cjk").joinpath("fonts", "wqy-microhei.ttc")
    font_manager.fontManager.addfont(str(cjk))
    return ["DejaVu Sans", font_manager.FontProperties(fname=str(cjk)).get_name()]


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def _render(draw: Callable[[Figure], None], height: float, *, left: float = 0.45, bottom: float = 0.3,
            top: float = 0.1) -> str:
    # Fixed margins (in inches) rather than a layout engine, which would lay every chart out twice.
    with matplotlib.rc_context({**RC, "font.family": _fonts()}):
        figure = Figure(figsize=(WIDTH, height))
        figure.subplots_adjust(left=left / WIDTH, right=1 - 0.1 / WIDTH, top=1 - top / height,
                               bottom=bottom / height, hspace=0.25)
        draw(figure)
        return _svg(figure)


def _number(value: Decimal | None) -> float:
    return float(value) if value is not None else 0.0


def _compact(value: float, _: object = None) -> str:
    """A y-axis figure that fits the margin: 950, 9500, 95k, 950k, 9.5M."""
    if abs(value) >= 1e6:
        return f"{value / 1e6:g}M"
    return f"{value / 1e3:g}k" if abs(value) >= 1e4 else f"{value:g}"


def _year_axis(ax, years: Sequence[int]) -> None:
    ax.set_xticks(range(len(years)), [str(y) for y in years])
    ax.set_xlim(-0.6, len(years) - 0.4)
    ax.yaxis.set_major_formatter(_compact)


def _bars(ax, heights: Sequence[float], bottoms: Sequence[float], color: str) -> None:
    # One collection per series, not a Rectangle artist per bar: a quarter less drawing time.
    half = BAR_WIDTH / 2
    boxes = [[(x - half, b), (x - half, b + h), (x + half, b + h), (x + half, b)]
             for x, (h, b) in enumerate(zip(heights, bottoms)) if h]
    ax.add_collection(PolyCollection(boxes, facecolors=color, edgecolors="none"), autolim=True)


def _stack(ax, years: Sequence[int], series: list[list[float]]) -> None:
    bottoms = [0.0] * len(years)
    for color, values in zip(COLORS, series):
        _bars(ax, values, bottoms, color)
        bottoms = [b + v for b, v in zip(bottoms, values)]
    ax.set_ylim(0, max(max(bottoms), 1) * 1.05)


# The per-agency charts carry numbers only: their titles and legends are the page's (captions, and
# one legend file per kind of chart), so hundreds of agencies do not lay out the same words again.

def requests_chart(agency: Agency) -> str:
    """New requests received (一) by year; no bar where the cell was published blank."""
    years = list(agency.years)

    def draw(figure: Figure) -> None:
        ax = figure.subplots()
        values = [agency.years[y].new_requests for y in years]
        heights = [_number(v) for v in values]
        _bars(ax, heights, [0.0] * len(years), COLORS[0])
        for x, value in enumerate(values):
            if value is not None:
                ax.annotate(f"{value:,.0f}", (x, float(value)), xytext=(0, 2), textcoords="offset points",
                            ha="center", va="bottom")
        _year_axis(ax, years)
        ax.set_ylim(0, max(max(heights), 1) * 1.18)

    return _render(draw, 2.0)


def outcomes_chart(agency: Agency) -> str:
    """Each year's requests handled as shares (%) of the six outcomes (100% = their sum)."""
    years = list(agency.years)
    totals = {y: sum(_number(v) for v in agency.years[y].outcomes.values()) for y in years}
    series = [
        [100 * _number(agency.years[y].outcomes.get(part)) / totals[y] if totals[y] else 0.0 for y in years]
        for part in OUTCOME_PARTS
    ]

    def draw(figure: Figure) -> None:
        ax = figure.subplots()
        _stack(ax, years, series)
        ax.set_ylim(0, 100)
        _year_axis(ax, years)

    return _render(draw, 2.0)


def review_chart(agency: Agency) -> str:
    """Cases by result and year: reconsideration (top), litigation of both kinds (bottom)."""
    years = list(agency.years)

    def draw(figure: Figure) -> None:
        axes = figure.subplots(2, 1, sharex=True)
        for ax, proceeding in zip(axes, PROCEEDINGS):
            _stack(ax, years, [[_number(agency.years[y].review.get((proceeding, r))) for y in years] for r in RESULTS])
            _year_axis(ax, years)
            ax.yaxis.get_major_locator().set_params(integer=True, nbins=3)

    return _render(draw, 2.6)


def legend(kind: str) -> str:
    """The legend shared by every chart of a kind (``outcomes`` or ``review``), in Chinese and English."""
    labels = {"outcomes": OUTCOME_PARTS, "review": RESULTS}[kind]

    def draw(figure: Figure) -> None:
        handles = [Patch(color=color) for color, _ in zip(COLORS, labels)]
        figure.legend(handles, [f"{zh} {en}" for zh, en in labels.values()], loc="center", ncols=2,
                      handlelength=1.2, columnspacing=1.0)

    return _render(draw, 0.25 + 0.2 * -(-len(labels) // 2))


def denials_chart(denials: Sequence[Denial], years: Sequence[int]) -> str:
    """Requests denied by reason, all agencies together, one bar segment per year."""
    def draw(figure: Figure) -> None:
        ax = figure.subplots()
        rows = list(range(len(denials)))[::-1]
        lefts = [0.0] * len(denials)
        palette = matplotlib.colormaps["viridis"].resampled(max(2, len(years)))
        for n, year in enumerate(years):
            counts = [_number(d.by_year.get(year)) for d in denials]
            ax.barh(rows, counts, left=lefts, color=palette(n), height=0.6, label=str(year))
            lefts = [a + b for a, b in zip(lefts, counts)]
        ax.set_yticks(rows, [d.label_zh.lstrip("0123456789.、 ") for d in denials], fontsize=7)
        ax.xaxis.get_major_locator().set_params(integer=True)
        figure.legend(loc="lower center", ncols=min(7, len(years)), fontsize=7, handlelength=1, columnspacing=0.8)

    return _render(draw, 2.9, left=1.3, bottom=0.55)


def agency_charts(agencies: Sequence[Agency]) -> dict[str, str]:
    """Every agency's charts (path under the site folder -> SVG)."""
    draw = {"requests": requests_chart, "outcomes": outcomes_chart, "review": review_chart}
    return {chart_path(a.code, chart): draw[chart](a) for a in agencies for chart in CHARTS}
