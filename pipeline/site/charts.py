"""The page's charts, standalone SVG files drawn at build time.

The per-agency charts (three an agency: bars, ticks and digits, no words) are written as SVG
directly (``pipeline.site.svg``): they are most of the files of a large page, and matplotlib spent
about 60 ms laying out each one's artists. The few charts with Chinese words (the two legends and
the denials chart, once a page) are drawn with matplotlib rather than Vega-Altair with vl-convert:
it draws offline from pinned wheels with no JavaScript engine, its SVG output is byte-for-byte
repeatable (fixed ``svg.hashsalt``, no date), and with ``svg.fonttype = "path"`` every glyph is
written as an outline, so the Chinese labels look the same on a machine without any CJK font. The
CJK glyphs come from Noto Sans SC shipped in the pinned ``pylopdf-fonts-zh-cn`` wheel (SIL Open
Font Licence 1.1; a family name that Debian's fonts-noto-cjk, "Noto Sans CJK SC", does not share),
Latin from matplotlib's own DejaVu Sans (in both kinds of chart), so the output does not depend on
the fonts a machine has.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import matplotlib
import pylopdf_fonts_zh_cn
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from pipeline.site import svg
from pipeline.site.data import OUTCOME_PARTS, PROCEEDINGS, RESULTS, Agency, Denial
from pipeline.site.page import CHARTS, chart_path
from pipeline.site.svg import ASCENT, DESCENT

WIDTH = 3.6  # inches: shown about 360 px wide, so 8 pt text reads at phone size
PT = 72  # a chart's units are points
FONT_SIZE = 8
# The per-agency charts' fixed margins, ticks and padding, in pt
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 0.45 * PT, 0.1 * PT, 0.1 * PT, 0.3 * PT
AXES_RIGHT = WIDTH * PT - MARGIN_RIGHT
TICK, PAD = 3.5, 3.5
PANEL_GAP = 0.25  # between the two panels of the review chart, in panel heights
MIN_SLOTS = 3  # year slots along x, at least
BAR_WIDTH = 0.6  # of a year's slot
COLORS = ["#2f6f9f", "#7fb3d5", "#c0392b", "#e59866", "#8e7cc3", "#a6a6a6"]
RC = {
    "svg.fonttype": "path",  # glyphs as outlines: no font needed to view
    "svg.hashsalt": "ogi-reports",  # stable element ids, so equal data gives equal files
    "font.size": FONT_SIZE,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
}


@cache
def _fonts() -> list[str]:
    cjk = pylopdf_fonts_zh_cn.sans_path()
    font_manager.fontManager.addfont(str(cjk))
    return ["DejaVu Sans", font_manager.FontProperties(fname=str(cjk)).get_name()]


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def _render(
    draw: Callable[[Figure], None], height: float, *, left: float = 0.45, bottom: float = 0.3, top: float = 0.1
) -> str:
    # Fixed margins (in inches) rather than a layout engine, which would lay every chart out twice.
    with matplotlib.rc_context({**RC, "font.family": _fonts()}):
        figure = Figure(figsize=(WIDTH, height))
        figure.subplots_adjust(left=left / WIDTH, right=1 - 0.1 / WIDTH, top=1 - top / height, bottom=bottom / height)
        draw(figure)
        return _svg(figure)


def _number(value: Decimal | None) -> float:
    return float(value) if value is not None else 0.0


def _compact(value: float) -> str:
    """A y-axis figure that fits the margin: 950, 9500, 95k, 950k, 9.5M."""
    if abs(value) >= 1e6:
        return f"{value / 1e6:g}M"
    return f"{value / 1e3:g}k" if abs(value) >= 1e4 else f"{value:g}"


def _ticks(top: float, bins: int, *, integer: bool = False) -> list[float]:
    """Round values from 0 up to ``top`` in at most ``bins`` steps of 1, 2, 2.5 or 5 x 10^n
    (the steps of matplotlib's default locator)."""
    raw = top / bins
    scale = 10.0 ** math.floor(math.log10(raw))
    step = next(
        s * scale
        for s in (1, 2, 2.5, 5, 10)
        if s * scale >= raw * (1 - 1e-9) and (not integer or float(s * scale).is_integer())
    )
    step = max(step, 1.0) if integer else step
    return [round(n * step, 9) for n in range(int(top / step + 1e-9) + 1)]


@dataclass(frozen=True)
class _Panel:
    """One set of axes: a slot per year along x, values from 0 to ``ymax`` up y; in pt, y down."""

    left: float
    top: float
    height: float
    years: int
    ymax: float

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def x(self, index: float) -> float:
        # At least MIN_SLOTS slots wide, so a single year is a bar, not a block filling the axes.
        slots = max(self.years, MIN_SLOTS)
        unit = (AXES_RIGHT - self.left) / (slots + 0.2)
        return self.left + unit * (index + 0.6 + (slots - self.years) / 2)

    def bar_half(self) -> float:
        return (self.x(1) - self.x(0)) * BAR_WIDTH / 2

    def y(self, value: float) -> float:
        return self.bottom - self.height * value / self.ymax


def _stack(canvas: svg.Canvas, panel: _Panel, series: Sequence[Sequence[float]]) -> None:
    """Bars stacked from 0, one path per series; a zero height draws nothing."""
    bottoms = [0.0] * panel.years
    half = panel.bar_half()
    for color, values in zip(COLORS, series):
        canvas.fill(
            "".join(
                svg.box(panel.x(i) - half, panel.y(b + v), panel.x(i) + half, panel.y(b))
                for i, (v, b) in enumerate(zip(values, bottoms))
                if v
            ),
            color,
        )
        bottoms = [b + v for b, v in zip(bottoms, values)]


def _axes(
    canvas: svg.Canvas, panel: _Panel, years: Sequence[int], ticks: Sequence[float], *, year_labels: bool = True
) -> None:
    """Left and bottom spines, outward ticks, y figures and (``year_labels``) the years."""
    canvas.stroke(svg.line((panel.left, panel.top), (panel.left, panel.bottom), (AXES_RIGHT, panel.bottom)))
    canvas.stroke(
        "".join(svg.line((panel.left - TICK, panel.y(t)), (panel.left, panel.y(t))) for t in ticks)
        + "".join(svg.line((panel.x(i), panel.bottom), (panel.x(i), panel.bottom + TICK)) for i in range(len(years)))
    )
    for value in ticks:
        canvas.text(
            _compact(value),
            panel.left - TICK - PAD,
            panel.y(value) + (ASCENT - DESCENT) / 2 * FONT_SIZE,
            FONT_SIZE,
            anchor="end",
        )
    if year_labels:
        for i, year in enumerate(years):
            canvas.text(str(year), panel.x(i), panel.bottom + TICK + PAD + ASCENT * FONT_SIZE, FONT_SIZE)


def _tick_bins(height: float) -> int:
    # As matplotlib's y axis: a tick per two label heights, at most nine.
    return max(1, min(9, int(height // (2 * FONT_SIZE))))


def _single(height: float) -> tuple[svg.Canvas, float]:
    """A canvas ``height`` in tall holding one panel, and that panel's height in pt."""
    return svg.Canvas(WIDTH * PT, height * PT), height * PT - MARGIN_TOP - MARGIN_BOTTOM


# The per-agency charts carry numbers only: their titles and legends are the page's (captions, and
# one legend file per kind of chart), so hundreds of agencies do not lay out the same words again.
# Written as SVG directly (see the module's docstring for why).


def requests_chart(agency: Agency) -> str:
    """New requests received (一) by year; no bar where the cell was published blank."""
    years = list(agency.years)
    values = [agency.years[y].new_requests for y in years]
    heights = [_number(v) for v in values]
    canvas, height = _single(2.0)
    panel = _Panel(MARGIN_LEFT, MARGIN_TOP, height, len(years), max(max(heights), 1) * 1.18)
    _stack(canvas, panel, [heights])
    _axes(canvas, panel, years, _ticks(panel.ymax, _tick_bins(height)))
    for i, value in enumerate(values):
        if value is not None:
            canvas.text(f"{value:,.0f}", panel.x(i), panel.y(float(value)) - 2 - DESCENT * FONT_SIZE, FONT_SIZE)
    _series_break(canvas, panel, [agency.years[y].series_break for y in years])
    return canvas.svg()


BREAK_LABEL = (
    "template change"  # the old statistics tables end, the national template starts (the charts draw Latin text only)
)


def _series_break(canvas: svg.Canvas, panel: _Panel, breaks: Sequence[bool]) -> None:
    """A dashed line between the last old-style year and the first of the national template, named
    at its top: the figures on either side are not counted the same way."""
    for i, after in enumerate(breaks):
        if after and i:
            x = (panel.x(i - 1) + panel.x(i)) / 2
            canvas.stroke(svg.line((x, panel.top), (x, panel.bottom)), "#666", dash=(2.0, 2.0))
            canvas.text(BREAK_LABEL, x, panel.top + ASCENT * FONT_SIZE, FONT_SIZE)


def outcomes_chart(agency: Agency) -> str:
    """Each year's requests handled as shares (%) of the six outcomes (100% = their sum)."""
    years = list(agency.years)
    totals = {y: sum(_number(v) for v in agency.years[y].outcomes.values()) for y in years}
    series = [
        [100 * _number(agency.years[y].outcomes.get(part)) / totals[y] if totals[y] else 0.0 for y in years]
        for part in OUTCOME_PARTS
    ]
    canvas, height = _single(2.0)
    panel = _Panel(MARGIN_LEFT, MARGIN_TOP, height, len(years), 100.0)
    _stack(canvas, panel, series)
    _axes(canvas, panel, years, _ticks(100.0, _tick_bins(height)))
    return canvas.svg()


def review_chart(agency: Agency) -> str:
    """Cases by result and year: reconsideration (top), litigation of both kinds (bottom)."""
    years = list(agency.years)
    canvas, both = _single(2.6)
    height = both / (2 + PANEL_GAP)
    for n, proceeding in enumerate(PROCEEDINGS):
        series = [[_number(agency.years[y].review.get((proceeding, r))) for y in years] for r in RESULTS]
        ymax = max(max(map(sum, zip(*series)), default=0.0), 1) * 1.05
        panel = _Panel(MARGIN_LEFT, MARGIN_TOP + n * height * (1 + PANEL_GAP), height, len(years), ymax)
        _stack(canvas, panel, series)
        _axes(canvas, panel, years, _ticks(ymax, 3, integer=True), year_labels=n == len(PROCEEDINGS) - 1)
    return canvas.svg()


def legend(kind: str) -> str:
    """The legend shared by every chart of a kind (``outcomes`` or ``review``), in Chinese and English."""
    labels = {"outcomes": OUTCOME_PARTS, "review": RESULTS}[kind]

    def draw(figure: Figure) -> None:
        handles = [Patch(color=color) for color, _ in zip(COLORS, labels)]
        figure.legend(
            handles,
            [f"{zh} {en}" for zh, en in labels.values()],
            loc="center",
            ncols=2,
            handlelength=1.2,
            columnspacing=1.0,
        )

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
