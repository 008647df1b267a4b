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
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from importlib import resources

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure

from pipeline.site.data import OUTCOME_PARTS, PROCEEDINGS, RESULTS, Agency, Denial

WIDTH = 3.6  # inches: shown about 360 px wide, so 8 pt text reads at phone size
COLORS = ["#2f6f9f", "#7fb3d5", "#c0392b", "#e59866", "#8e7cc3", "#a6a6a6"]
RC = {
    "svg.fonttype": "path",  # glyphs as outlines: no font needed to view
    "svg.hashsalt": "ogi-reports",  # stable element ids, so equal data gives equal files
    "font.size": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 9,
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


def _render(draw, height: float) -> str:  # draw: Callable[[Figure], None]
    with matplotlib.rc_context({**RC, "font.family": _fonts()}):
        figure = Figure(figsize=(WIDTH, height), layout="constrained")
        draw(figure)
        return _svg(figure)


def _number(value: Decimal | None) -> float:
    return float(value) if value is not None else 0.0


def _year_axis(ax, years: Sequence[int]) -> None:
    ax.set_xticks(range(len(years)), [str(y) for y in years])
    ax.set_xlim(-0.6, len(years) - 0.4)


def requests_chart(agency: Agency) -> str:
    """New requests received (一) by year; a bar left out where the cell was published blank."""
    years = list(agency.years)

    def draw(figure: Figure) -> None:
        ax = figure.subplots()
        values = [agency.years[y].new_requests for y in years]
        bars = ax.bar(range(len(years)), [_number(v) for v in values], color=COLORS[0], width=0.6)
        ax.bar_label(bars, labels=["" if v is None else f"{v:,.0f}" for v in values], padding=2)
        ax.set_title("新收申请 new requests")
        _year_axis(ax, years)
        ax.margins(y=0.15)

    return _render(draw, 2.2)


def outcomes_chart(agency: Agency) -> str:
    """Each year's requests handled as shares of the six outcomes (100% = their sum)."""
    years = list(agency.years)

    def draw(figure: Figure) -> None:
        ax = figure.subplots()
        bottoms = [0.0] * len(years)
        for color, (part, (zh, en)) in zip(COLORS, OUTCOME_PARTS.items()):
            shares = []
            for year in years:
                parts = agency.years[year].outcomes
                total = sum(_number(v) for v in parts.values())
                shares.append(100 * _number(parts.get(part)) / total if total else 0.0)
            ax.bar(range(len(years)), shares, bottom=bottoms, color=color, width=0.6, label=f"{zh} {en}")
            bottoms = [b + s for b, s in zip(bottoms, shares)]
        ax.set_title("办理结果 outcomes (% handled)")
        ax.set_ylim(0, 100)
        _year_axis(ax, years)
        figure.legend(loc="outside lower center", ncols=2, fontsize=7)

    return _render(draw, 3.1)


def review_chart(agency: Agency) -> str:
    """Reconsideration and litigation cases by result and year, side by side."""
    years = list(agency.years)

    def draw(figure: Figure) -> None:
        axes = figure.subplots(1, 2, sharey=True)
        for ax, (proceeding, (zh, en)) in zip(axes, PROCEEDINGS.items()):
            bottoms = [0.0] * len(years)
            for color, (result, (rzh, ren)) in zip(COLORS, RESULTS.items()):
                cases = [_number(agency.years[y].review.get((proceeding, result))) for y in years]
                ax.bar(range(len(years)), cases, bottom=bottoms, color=color, width=0.6,
                       label=f"{rzh} {ren}" if proceeding == "administrative_review" else None)
                bottoms = [b + c for b, c in zip(bottoms, cases)]
            ax.set_title(f"{zh} {en}")
            _year_axis(ax, years)
            ax.yaxis.get_major_locator().set_params(integer=True)
        figure.legend(loc="outside lower center", ncols=2, fontsize=7)

    return _render(draw, 2.8)


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
        ax.set_yticks(rows, [d.label_zh.lstrip("0123456789.、 ") for d in denials])
        ax.set_title("不予公开的理由 denials by reason")
        ax.xaxis.get_major_locator().set_params(integer=True)
        figure.legend(loc="outside lower center", ncols=min(5, len(years)), fontsize=7)

    return _render(draw, 3.2)
