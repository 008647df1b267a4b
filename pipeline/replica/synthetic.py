"""Random report contents with known figures, for round-trip tests of the extractor.

``generate(seed)`` draws internally consistent figures (一+二 = 总计+四 per applicant column, the
总计 row is the sum of the outcome rows, the total column the sum of the applicant columns, review
totals the sum of their results) or, with ``consistent=False``, breaks at least one of these sums.
It also draws the quirks real reports show: where table 三 crosses a page (splitting a row label or
a group label), narrow wrapped label columns, label typos, "1、" numbering, stray spaces in labels,
blank cells, thousands separators and 万 units in table 二. Each quirk used is listed in
``ReportContent.quirks``.
"""

from __future__ import annotations

import random

from pipeline.core.codes import code, codes
from pipeline.replica.content import APPLICANTS, RESULTS, Layout, ReportContent, cell_key
from pipeline.replica.table_grids import PROACTIVE_SECTIONS

AGENCIES = ("示范市人民政府", "示范市生态环境局", "示范县人民政府办公室", "示范区市场监督管理局", "示范省财政厅")
# Misprints seen in published reports, by outcome.
TYPOS = {
    "denied.prohibited_by_law": "2.其他法律行政止公开",
    "not_processed.excessive": "4.无正当理由大量反复 申请",
    "not_processed.confirmation": "5.要求行政机关确认或重 新出具已获取信息",
    "denied.security_stability": '3.危及"三安全一稳定"',
}
PREFACE = (
    "本报告由{agency}依据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限为{year}年1月1日至{year}年12月31日。"
)
PARAGRAPHS = (
    "本年度，本机关坚持以公开为常态、不公开为例外，严格落实《中华人民共和国政府信息公开条例》各项要求。",
    "进一步完善政府信息公开工作机制，明确责任分工，规范信息发布审核流程。",
    "依托政府门户网站、政务新媒体等平台，及时准确发布政策文件和工作动态。",
    "规范办理依申请公开，畅通受理渠道，严格按照法定期限答复申请人。",
    "加强政府信息公开平台建设和日常监测，确保信息内容准确、链接有效。",
    "组织开展业务培训，提升工作人员依法公开意识和业务能力。",
)
PROBLEMS = (
    "政府信息公开工作仍存在主动公开内容不够全面、政策解读形式较为单一等问题。",
    "下一步，将持续加强队伍建设，优化公开流程，提升政府信息公开工作质量。",
)
OTHER = ("本年度未收取信息处理费。", "无其他需要报告的事项。")

BLOCK_ROWS = ("new_requests", "carried_over", "carried_forward", "total_processed")


def _outcome_rows(template: str, split_other: bool) -> list[str]:
    rows = []
    for c in codes("requests", "outcome", template):
        if c.code == "other_handling" and split_other:
            continue
        if c.parent == "other_handling" and not split_other:
            continue
        rows.append(c.code)
    return rows


def _requests(rng: random.Random, rows: list[str]) -> dict[str, list[int]]:
    outcomes = [r for r in rows if r not in BLOCK_ROWS]
    figures: dict[str, list[int]] = {r: [0] * 7 for r in rows}
    for j in range(6):
        busy = j == 0 or rng.random() < 0.35  # most requests come from natural persons
        scale = rng.choice((3, 12, 60, 400)) if busy else 0
        for row in outcomes:
            if scale and rng.random() < 0.6:
                figures[row][j] = rng.randint(0, scale)
        processed = sum(figures[row][j] for row in outcomes)
        forward = rng.randint(0, max(0, scale // 4))
        carried = rng.randint(0, processed + forward) if rng.random() < 0.5 else 0
        figures["total_processed"][j] = processed
        figures["carried_forward"][j] = forward
        figures["carried_over"][j] = carried
        figures["new_requests"][j] = processed + forward - carried
    for values in figures.values():
        values[6] = sum(values[:6])
    return figures


def _review(rng: random.Random) -> dict[str, list[int]]:
    review = {}
    for c in codes("review", "proceeding"):
        results = [rng.choice((0, 0, 0, 1, 2, rng.randint(0, 30))) for _ in range(4)]
        review[c.code] = results + [sum(results)]
    return review


def _proactive(rng: random.Random, template: str) -> dict[str, dict[str, int]]:
    proactive: dict[str, dict[str, int]] = {}
    for _, items, measures in PROACTIVE_SECTIONS[template]:
        for item in items:
            values = {}
            for measure in measures:
                if measure == "procurement_amount_yuan":
                    values[measure] = rng.randint(1, 50000) * 10000
                elif measure == "fee_amount_yuan":
                    values[measure] = rng.randint(0, 2_000_000) * 100
                elif measure == "change":
                    values[measure] = rng.randint(-3, 3)
                elif measure == "decisions":
                    choices = (0, rng.randint(0, 50), rng.randint(0, 200000), rng.randint(1, 60) * 10000)
                    values[measure] = rng.choice(choices)
                elif measure in ("total_published", "in_force"):
                    values[measure] = rng.choice((rng.randint(0, 60), rng.randint(0, 3000)))
                else:
                    values[measure] = rng.randint(0, 40)
            proactive[item] = values
    return proactive


def _break_inconsistency(rng: random.Random, figures: dict, rows: list[str]) -> str:
    kind = rng.choice(("column_total", "total_processed", "balance", "review_total"))
    delta = rng.choice((1, 2, 3, 10))
    requests = figures["requests"]
    if kind == "review_total":
        proceeding = rng.choice(list(figures["review"]))
        figures["review"][proceeding][4] += delta
        return f"inconsistent: review.{proceeding} total does not equal the sum of its results"
    if kind == "column_total":
        row = rng.choice(rows)
        requests[row][6] += delta
        return f"inconsistent: requests.{row} total does not equal the sum of the applicant columns"
    j = rng.randrange(7)
    if kind == "total_processed":
        requests["total_processed"][j] += delta
        return f"inconsistent: requests.total_processed[{APPLICANTS[j]}] does not equal the sum of the outcome rows"
    requests["new_requests"][j] += delta
    return f"inconsistent: requests new+carried_over != total_processed+carried_forward for {APPLICANTS[j]}"


def _presentation(rng: random.Random, content: ReportContent, rows: list[str]) -> None:
    """Draw the printed-form quirks: labels, blanks, number formats, page break."""
    quirks = content.quirks
    for row, typo in TYPOS.items():
        if row in rows and rng.random() < 0.25:
            content.labels[row] = typo
            quirks.append(f"label typo: {row} printed as {typo!r}")
    if rng.random() < 0.2:
        for c in codes("requests", "outcome", content.template):
            if c.code in rows and c.code not in content.labels and c.label_zh[:2] in {f"{n}." for n in range(1, 9)}:
                content.labels[c.code] = c.label_zh.replace(".", "、", 1)
        quirks.append("numbering: '1、' instead of '1.'")
    if rng.random() < 0.15:
        requests = content.figures["requests"]
        for row in rows:
            if row not in BLOCK_ROWS:
                requests[row] = [None if v == 0 else v for v in requests[row]]
        quirks.append("blank cells: zero outcome counts published blank")
    for item, measures in content.figures["proactive"].items():
        for measure, value in measures.items():
            key = cell_key("proactive", item, measure)
            if measure == "procurement_amount_yuan" and rng.random() < 0.5:
                content.printed[key] = f"{value // 10000} 万元"
                quirks.append(f"unit: {key} printed in 万元")
            elif measure == "decisions" and value >= 10000 and value % 10000 == 0 and rng.random() < 0.7:
                content.printed[key] = f"{value // 10000} 万"
                quirks.append(f"unit: {key} printed in 万")
            elif measure != "fee_amount_yuan" and value >= 1000 and rng.random() < 0.5:
                content.printed[key] = f"{value:,}"
                quirks.append(f"thousands separator: {key}")
    body_rows = [r for r in rows if r not in ("new_requests", "carried_over")]
    if rng.random() < 0.8:
        content.layout.break_before = rng.choice(body_rows)
        content.layout.split_label = rng.random() < 0.5
        row = content.layout.break_before
        if content.layout.split_label and not content.layout.narrow:  # a one-line label cannot split
            label = content.labels.get(row) or code("requests", "outcome", row).label_zh
            content.labels[row] = label[: len(label) // 2] + "\n" + label[len(label) // 2 :]
        how = "label split across the break" if content.layout.split_label else "row moved whole"
        quirks.append(f"page break in table 三 at {content.layout.break_before} ({how})")


# Layouts that defeat extractors, each seen in published or browser-printed reports: drawn
# at random (``CLASS_CHANCE`` each), or all of ``classes`` when given.
LAYOUT_CLASSES = ("double_rules", "ragged", "split_digits", "label_figure", "written_figures", "no_rules")
CLASS_CHANCE = 0.12
# Classes that are kinds of rules (or of rules missing, or of glyphs spread between rules): a
# report without rules has none of them.
RULED_CLASSES = ("double_rules", "ragged", "split_digits", "label_figure")


def _single_measure_items(template: str) -> list[str]:
    """Items of table 二 whose row holds one figure (where a label and its figure can share a cell)."""
    return [item for _, items, measures in PROACTIVE_SECTIONS[template] if len(measures) == 1 for item in items]


def _written(rng: random.Random, content: ReportContent) -> None:
    """Figures as people write them: 无 for none, thousands separators (also full-width), a
    counting word after a count, a decrease written out."""
    for table in ("requests", "review"):
        for row, values in content.figures[table].items():
            for j, value in enumerate(values):
                column = (APPLICANTS if table == "requests" else RESULTS)[j]
                key = cell_key(table, row, column)
                if value == 0 and rng.random() < 0.3:
                    content.printed[key] = "无"
                elif value is not None and value >= 1000 and rng.random() < 0.7:
                    content.printed[key] = f"{value:,}".replace(",", rng.choice((",", "，")))
                elif value is not None and rng.random() < 0.15:
                    content.printed[key] = f"{value}件"
    for item, measures in content.figures["proactive"].items():
        for measure, value in measures.items():
            key = cell_key("proactive", item, measure)
            if measure == "change" and value < 0:
                content.printed[key] = f"减少{-value}"
            elif measure == "change" and value == 0 and rng.random() < 0.5:
                content.printed[key] = "无"


def _layout_classes(rng: random.Random, content: ReportContent, classes: tuple[str, ...] | None) -> None:
    chosen = [c for c in LAYOUT_CLASSES if rng.random() < CLASS_CHANCE] if classes is None else list(classes)
    unknown = set(chosen) - set(LAYOUT_CLASSES)
    if unknown:
        raise ValueError(f"unknown layout classes {sorted(unknown)}; expected some of {LAYOUT_CLASSES}")
    if "no_rules" in chosen:
        if classes is not None and set(chosen) & set(RULED_CLASSES):
            raise ValueError(f"no_rules excludes {', '.join(RULED_CLASSES)}")
        chosen = [name for name in chosen if name not in RULED_CLASSES]
    layout = content.layout
    for name in chosen:
        if name == "label_figure":
            items = [i for i in _single_measure_items(content.template) if i in content.figures["proactive"]]
            if not items:
                continue  # the 2019 template has no row with a single figure
            layout.label_figure = rng.sample(items, rng.randint(1, len(items)))
        elif name == "written_figures":
            _written(rng, content)
        elif name == "no_rules":
            layout.no_rules, layout.shaded = True, False  # nothing drawn: no shading either
        else:
            setattr(layout, name, True)
        content.quirks.append(f"layout class: {name}")


def generate(
    seed: int, template: str = "2021", consistent: bool = True, classes: tuple[str, ...] | None = None
) -> ReportContent:
    """A report with random figures and quirks, the same for the same arguments; ``classes``
    forces those of ``LAYOUT_CLASSES`` (and no others) instead of drawing them."""
    if template not in PROACTIVE_SECTIONS:
        raise ValueError(f"unknown template {template!r}; expected one of {sorted(PROACTIVE_SECTIONS)}")
    rng = random.Random(f"{seed}:{template}:{consistent}")
    split_other = template == "2021" and rng.random() < 0.5
    rows = _outcome_rows(template, split_other)
    figures = {"requests": _requests(rng, rows), "review": _review(rng), "proactive": _proactive(rng, template)}
    quirks = ["（六）其他处理 published as three sub-rows"] if split_other else []
    if not consistent:
        quirks.append(_break_inconsistency(rng, figures, rows))
    year = rng.randint(2019, 2020) if template == "2019" else rng.randint(2021, 2025)
    agency = rng.choice(AGENCIES)
    narrow = template == "2019" or rng.random() < 0.2
    content = ReportContent(
        agency=agency,
        year=year,
        template=template,
        figures=figures,
        body={
            "preface": [PREFACE.format(agency=agency, year=year)],
            "一": rng.sample(PARAGRAPHS, rng.randint(2, 5)),
            "五": list(PROBLEMS),
            "六": [rng.choice(OTHER)],
        },
        layout=Layout(narrow=narrow, shaded=template == "2021" and rng.random() < 0.5),
        quirks=quirks,
    )
    if narrow:
        quirks.append("narrow label columns: labels wrap")
    _presentation(rng, content, rows)
    # Drawn from a generator of their own, so that the other quirks of a seed stay as they were.
    _layout_classes(random.Random(f"{seed}:{template}:{consistent}:classes"), content, classes)
    return content


def inconsistencies(figures: dict) -> list[str]:
    """The sums of tables 三 and 四 that do not hold (a blank cell counts as 0)."""

    def n(value: int | None) -> int:
        return value or 0

    found = []
    requests = figures["requests"]
    for row, values in requests.items():
        if sum(n(v) for v in values[:6]) != n(values[6]):
            found.append(f"requests.{row}: total column")
    outcomes = [r for r in requests if r not in BLOCK_ROWS]
    for j, applicant in enumerate(APPLICANTS):
        column = {row: n(values[j]) for row, values in requests.items()}
        if sum(column[r] for r in outcomes) != column["total_processed"]:
            found.append(f"requests.total_processed[{applicant}]: sum of outcomes")
        received = column["new_requests"] + column["carried_over"]
        if received != column["total_processed"] + column["carried_forward"]:
            found.append(f"requests[{applicant}]: 一+二 != 总计+四")
    for proceeding, values in figures["review"].items():
        if sum(n(v) for v in values[:4]) != n(values[4]):
            found.append(f"review.{proceeding}: total")
    return found
