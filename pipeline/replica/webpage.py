"""Synthetic report web pages: a report's tables 二, 三 and 四 as the HTML tables of an article page,
from the same content (figures, labels, printed forms) the PDF replicas are rendered from.

``render_page(content, seed)`` returns the page's bytes and the ``Content-Type`` header a site
would serve it with. The tables are the grids of ``tables.py`` written as ``<table>`` markup with
``rowspan``/``colspan``; ``seed`` draws the habits of real pages, each listed in ``Page.quirks``:

- site chrome around the article: header, navigation, search form, share buttons, related links,
  a footer laid out with a table, scripts and styles;
- the charset: UTF-8, GB2312, GBK or GB18030, declared in the header, a ``<meta>`` tag or both,
  sometimes wrongly (a ``<meta>`` that says UTF-8 on GBK bytes);
- Word-export cells: text wrapped in ``<p><span>``, a label split over several ``<p>``, runs of
  ``&nbsp;``, ``<th>`` header cells, ``<thead>``/``<tbody>``;
- an empty spacer cell closing every row (Word's zero-width column);
- ragged boundaries: table 三's 总计 figures in cells spanning two grid columns under a header
  cell of one (and an empty header cell beside it); in table 二, a figure cell reaching into the
  next header's columns (and the next figure's cell narrower), as Word exports of merged cells have;
- the header rows of table 三 printed twice.

``print_pdf`` (``chromium.py``) prints such a page with headless Chromium for printed round trips.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass, field, replace

from pipeline.replica.content import ReportContent
from pipeline.replica.table_grids import Cell, Grid, proactive_grid, requests_grid, review_grid

CHARSETS = ("utf-8", "gb2312", "gbk", "gb18030")
# Characters a GB2312 page may still hold: GB2312 lacks some that reports print (e.g. 〇).
_CODECS = {"utf-8": "utf-8", "gb2312": "gb18030", "gbk": "gbk", "gb18030": "gb18030"}


@dataclass
class Style:
    """How the page is written; drawn from the seed by ``draw_style``."""

    charset: str = "utf-8"
    header_charset: str | None = "utf-8"  # in Content-Type (None: not declared there)
    meta_charset: str | None = "utf-8"  # in <meta> (may disagree with the bytes)
    chrome: bool = True
    wrap: bool = True  # cells as <p><span>…</span></p>
    nbsp: bool = True  # trailing &nbsp; runs
    spacer: bool = False  # an empty cell closing every row
    ragged: bool = False  # 总计 figures spanning two grid columns
    repeat_header: bool = False  # table 三's header rows printed twice
    th: bool = False  # header rows as <th> in a <thead>
    border: str = 'border="1" cellspacing="0" style="border-collapse:collapse"'


@dataclass
class Page:
    data: bytes
    content_type: str
    quirks: list[str] = field(default_factory=list)


def draw_style(seed: int) -> tuple[Style, list[str]]:
    """The page habits for a seed, and the list of them in words."""
    rng = random.Random(f"webpage:{seed}")
    charset = rng.choice(CHARSETS)
    where = rng.choice(("header", "meta", "both", "none" if charset != "utf-8" else "meta"))
    header = charset if where in ("header", "both") else None
    meta = charset if where in ("meta", "both") else None
    quirks = [f"charset {charset}, declared in {where}"]
    if charset != "utf-8" and rng.random() < 0.3:
        meta = "utf-8"
        quirks.append("the <meta> charset says utf-8 but the bytes are not")
    style = Style(
        charset=charset,
        header_charset=header,
        meta_charset=meta,
        chrome=rng.random() < 0.85,
        wrap=rng.random() < 0.8,
        nbsp=rng.random() < 0.7,
        spacer=rng.random() < 0.4,
        ragged=rng.random() < 0.4,
        repeat_header=rng.random() < 0.3,
        th=rng.random() < 0.3,
    )
    for name in ("chrome", "wrap", "nbsp", "spacer", "ragged", "repeat_header", "th"):
        if getattr(style, name):
            quirks.append(name.replace("_", " "))
    return style, quirks


def _cell_html(cell: Cell, style: Style, tag: str, colspan: int | None = None) -> str:
    attrs = ""
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    span = colspan if colspan is not None else cell.colspan
    if span > 1:
        attrs += f' colspan="{span}"'
    lines = [line for line in cell.text.split("\n")] if cell.text else []
    if cell.stacked and not cell.numeric:
        lines = [cell.text.replace("\n", "")]
    tail = "&nbsp;&nbsp;&nbsp;" if style.nbsp and cell.text else ""
    if style.wrap:
        inner = (
            "".join(
                f"<p><span>{html.escape(line)}{tail if i == len(lines) - 1 else ''}</span></p>"
                for i, line in enumerate(lines)
            )
            or "<p><span>&nbsp;</span></p>"
        )
    else:
        inner = "<br>".join(html.escape(line) for line in lines) + tail
    return f'<{tag} valign="center"{attrs}>{inner}</{tag}>'


def table_html(
    grid: Grid, style: Style, *, ragged_col: int | None = None, header_rows: int = 0, repeat_header: bool = False
) -> str:
    """One grid as a ``<table>``. ``ragged_col``: the column whose figures span two grid columns
    (an empty header cell sits beside it); ``header_rows``: how many leading rows are headers."""
    by_row: dict[int, list[Cell]] = {}
    for cell in grid.cells:
        by_row.setdefault(cell.row, []).append(cell)
    rows: list[str] = []
    for r in range(grid.nrows):
        header = r < header_rows
        tag = "th" if header and style.th else "td"
        parts = []
        for cell in sorted(by_row.get(r, []), key=lambda c: c.col):
            if ragged_col is not None and cell.col == ragged_col and not header:
                parts.append(_cell_html(cell, style, tag, colspan=cell.colspan + 1))
                continue
            parts.append(_cell_html(cell, style, tag))
            if ragged_col is not None and header and cell.col == ragged_col:
                parts.append(f'<{tag} rowspan="{cell.rowspan}"></{tag}>' if cell.rowspan > 1 else f"<{tag}></{tag}>")
        if style.spacer:
            parts.append('<td width="0" style="border:none"></td>')
        rows.append(f"<tr>{''.join(parts)}</tr>")
    head, body = rows[:header_rows], rows[header_rows:]
    if repeat_header:
        head = head + head
    if style.th and head:
        inner = f"<thead>{''.join(head)}</thead><tbody>{''.join(body)}</tbody>"
    else:
        inner = f"<tbody>{''.join(head + body)}</tbody>"
    return f"<table {style.border}>{inner}</table>"


def ragged_figures(grid: Grid) -> Grid:
    """Table 二 with the boundary between a row's first two figure cells moved one grid column to
    the right: the first figure then spans into the second header's columns (its centre stays under
    its own header, as a reader sees it)."""
    cells = []
    for cell in grid.cells:
        if cell.numeric and cell.colspan == 2 and cell.col == 1:
            cell = replace(cell, colspan=3)
        elif cell.numeric and cell.colspan == 2 and cell.col == 3:
            cell = replace(cell, col=4, colspan=1)
        cells.append(cell)
    return replace(grid, cells=cells)


def _paragraphs(texts: list[str]) -> str:
    return "\n".join(f'<p style="text-indent:2em">{html.escape(text)}</p>' for text in texts)


_CHROME_TOP = """<div class="header"><div class="logo"><a href="/">示范市人民政府门户网站</a></div>
<form class="search" action="/search"><input type="text" name="q" placeholder="请输入关键词"><button>搜索</button></form>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/zwgk/zfxxgk/zfxxgknb/">政府信息公开年报</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>"""
_CHROME_BOTTOM = """<div class="share">分享到：<a href="javascript:void(0)">微信</a> <a href="javascript:void(0)">微博</a>
<a href="javascript:window.print()">打印</a> <a href="javascript:window.close()">关闭</a></div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a/1.html">关于做好政府信息公开工作年度报告编制发布工作的通知</a></li>
<li><a href="/a/2.html">政府信息公开指南</a></li></ul></div>
<table class="footer" width="100%"><tr><td>主办单位：示范市人民政府办公室</td><td>网站标识码：1234567890</td></tr>
<tr><td>ICP备案号：示ICP备00000000号</td><td>联系电话：0000-12345678</td></tr></table>
<script>var _hmt = _hmt || []; (function(){ var s = document.createElement("script"); s.src = "/stat.js"; })();</script>"""


def render_html(content: ReportContent, style: Style) -> str:
    """The page's markup (before encoding)."""
    title = content.full_title().replace("\n", "")
    heading = content.heading
    tables = [
        (
            "二",
            table_html(
                ragged_figures(proactive_grid(content)) if style.ragged else proactive_grid(content),
                style,
                header_rows=0,
            ),
        ),
        (
            "三",
            table_html(
                requests_grid(content),
                style,
                header_rows=3,
                ragged_col=9 if style.ragged else None,
                repeat_header=style.repeat_header,
            ),
        ),
        ("四", table_html(review_grid(content), style, header_rows=3)),
    ]
    body = content.body
    article = [
        _paragraphs(body.get("preface", [])),
        f"<p><strong>{html.escape(heading['一'])}</strong></p>",
        _paragraphs(body.get("一", [])),
    ]
    for numeral, table in tables:
        stand_in = content.stand_ins.get(numeral)
        article += [
            f"<p><strong>{html.escape(heading[numeral])}</strong></p>",
            table if stand_in is None else _paragraphs([stand_in] if stand_in else []),
        ]
    for numeral in ("五", "六"):
        article += [f"<p><strong>{html.escape(heading[numeral])}</strong></p>", _paragraphs(body.get(numeral, []))]
    meta = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={style.meta_charset}">'
        if style.meta_charset
        else ""
    )
    top = _CHROME_TOP if style.chrome else ""
    bottom = _CHROME_BOTTOM if style.chrome else ""
    styles = "<style>.article td{border:1px solid #000;padding:2px} .article td p{margin:0}</style>"
    return (
        f"<!DOCTYPE html>\n<html>\n<head>\n{meta}\n<title>{html.escape(title)}</title>\n{styles}\n</head>\n<body>\n"
        f'{top}\n<div class="article"><h1 class="title">{html.escape(title)}</h1>\n'
        f'<div class="info">发布时间：{content.year + 1}-01-20 来源：{html.escape(content.agency)}</div>\n'
        f'<div class="TRS_Editor">\n{chr(10).join(article)}\n</div></div>\n{bottom}\n</body>\n</html>\n'
    )


def render_page(content: ReportContent, seed: int, style: Style | None = None) -> Page:
    """The page's bytes in its charset, its ``Content-Type`` header and its quirks."""
    quirks: list[str] = []
    if style is None:
        style, quirks = draw_style(seed)
    data = render_html(content, style).encode(_CODECS[style.charset])
    content_type = "text/html" + (f"; charset={style.header_charset}" if style.header_charset else "")
    return Page(data=data, content_type=content_type, quirks=quirks)
