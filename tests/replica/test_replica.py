"""The replica renderer, the bundled sample and the synthetic report generator."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import camelot
import pypdfium2
import pytest

from pipeline.core.codes import codes
from pipeline.replica.content import APPLICANTS, dump_content, load_content
from pipeline.replica.render import render_pdf
from pipeline.replica.synthetic import generate, inconsistencies
from pipeline.replica.table_grids import printed

PROJECT = Path(__file__).resolve().parents[2]
SAMPLES = PROJECT / "data" / "samples"
SAMPLE_NAMES = ("mfa-2020", "huaian-hongze-2023", "huaian-hongze-2024")
TRUTH = {
    "mfa-2020": "spec/truth-mfa-2020.json",
    "huaian-hongze-2023": "realworld/hongze-2023.truth.json",
    "huaian-hongze-2024": "realworld/hongze-2024.truth.json",
}


def lattice(path: Path) -> list:
    return list(camelot.read_pdf(str(path), pages="all", flavor="lattice"))


def cells(table) -> list[list[str]]:
    return [[str(v).strip() for v in row] for row in table.df.values.tolist()]


@pytest.fixture(scope="module")
def mfa_tables() -> list:
    return lattice(SAMPLES / "mfa-2020.pdf")


@pytest.fixture(scope="module")
def hongze_tables() -> list:
    return lattice(SAMPLES / "huaian-hongze-2023.pdf")


# Structure ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_is_a4_with_an_embedded_cjk_font(name: str) -> None:
    path = SAMPLES / f"{name}.pdf"
    pdf = pypdfium2.PdfDocument(path)
    assert len(pdf) >= 3
    for page in pdf:
        width, height = page.get_size()
        assert (round(width), round(height)) == (595, 842)
    raw = path.read_bytes()
    # Chinese in Noto Sans SC (CFF outlines), ASCII in PT Serif (TrueType), both subset CID fonts.
    for marker in (b"/CIDFontType0", b"/FontFile3", b"NotoSansSC", b"/CIDFontType2", b"/FontFile2", b"PTSerif"):
        assert marker in raw, marker
    for marker in (b"/Identity-H", b"/ToUnicode"):
        assert marker in raw, marker
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    for heading in (
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "六、其他需要报告的事项",
    ):
        assert heading in text
    # Page numbers in the footer.
    assert str(len(pdf)) in pdf[len(pdf) - 1].get_textpage().get_text_range()


def test_mfa_table_three_reads_back_with_its_merged_header(mfa_tables: list) -> None:
    ten = [t for t in mfa_tables if t.shape[1] == 10]
    first = cells(ten[0])
    assert first[0][0].startswith("（本列数据的勾稽关系为")
    assert "申请人情况" in first[0]
    assert "法人或其他组织" in first[1]
    assert first[3][0].replace("\n", "") == "一、本年新收政府信息公开申请数量"
    assert first[3][3:] == ["26", "2", "1", "0", "0", "0", "29"]
    # The vertical block header is read as its characters, top to bottom.
    block = next(row[0] for row in first if row[0].replace(" ", "").replace("\n", "").startswith("三、本年"))
    assert block.replace(" ", "").replace("\n", "") == "三、本年度办理结果"


def test_mfa_split_row_label_runs_across_two_pages(mfa_tables: list) -> None:
    ten = [t for t in mfa_tables if t.shape[1] == 10]
    before, after = ten[0], ten[1]
    assert int(after.page) == int(before.page) + 1
    last = cells(before)[-1]
    assert last[2] == "6.属于四类过程性"
    assert last[3:] == ["0"] * 7
    continued = cells(after)[0]
    assert continued[2] == "信息"
    assert continued[3:] == [""] * 7


def test_mfa_table_two_prints_values_as_published(mfa_tables: list) -> None:
    proactive = [[c for c in row if c] for row in cells(mfa_tables[0])]
    assert proactive[0] == ["第二十条第（一）项"]
    assert proactive[1] == ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]
    assert ["其他对外管理服务事项", "1", "0", "32 万"] in proactive
    assert proactive[-1] == ["政府集中采购", "38", "12808 万元"]


def test_mfa_review_table_has_fifteen_columns(mfa_tables: list) -> None:
    review = cells(next(t for t in mfa_tables if t.shape[1] == 15))
    assert review[0][0] == "行政复议" and review[0][5] == "行政诉讼"
    assert review[1][5] == "未经复议直接起诉" and review[1][10] == "复议后起诉"
    assert review[-1] == ["1", "0", "1", "0", "2"] + ["0"] * 10


def test_hongze_group_label_continues_on_the_next_page(hongze_tables: list) -> None:
    ten = [t for t in hongze_tables if t.shape[1] == 10]
    before, after = cells(ten[0]), cells(ten[1])
    assert before[-2][1] + before[-1][1] == "（四）无法提供"
    assert before[-1][2] == "2.没有现成信息需要另行制作"
    assert after[0][1] == "" and after[0][2] == "3.补正后申请内容仍不明确"
    labels = [row[2] for row in after]
    assert "2.其他法律行政止公开" in [row[2] for row in before]
    assert "4.无正当理由大量反复 申请" in labels
    assert "5.要求行政机关确认或重 新出具\n已获取信息" in labels
    proactive = cells(hongze_tables[0]) + cells(hongze_tables[1])
    assert ["行政事业性收费", "7730.28"] in [[c for c in row if c] for row in proactive]


# Content and determinism ----------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_figures_are_the_published_ones(name: str, fixtures: Path) -> None:
    truth = json.loads((fixtures / TRUTH[name]).read_text(encoding="utf-8"))
    content = load_content(SAMPLES / f"{name}.yaml")
    assert content.figures == {key: truth[key] for key in ("requests", "review", "proactive")}
    assert (content.year, content.template) == (truth["report"]["year"], truth["report"]["template"])


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_committed_sample_is_what_the_renderer_writes(name: str, tmp_path: Path) -> None:
    target = tmp_path / f"{name}.pdf"
    render_pdf(load_content(SAMPLES / f"{name}.yaml"), target)
    assert target.read_bytes() == (SAMPLES / f"{name}.pdf").read_bytes()


def test_same_content_gives_the_same_bytes(tmp_path: Path) -> None:
    content = generate(7, "2021")
    render_pdf(content, tmp_path / "a.pdf")
    render_pdf(content, tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_content_survives_yaml(tmp_path: Path) -> None:
    content = generate(3, "2021", consistent=False)
    dump_content(content, tmp_path / "c.yaml")
    assert load_content(tmp_path / "c.yaml") == content


# Synthetic reports ----------------------------------------------------------------------------

SEEDS = range(40)


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_generator_is_deterministic_per_seed(template: str) -> None:
    assert generate(11, template) == generate(11, template)
    assert generate(11, template).figures != generate(12, template).figures


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_consistent_reports_satisfy_every_sum(template: str) -> None:
    for seed in SEEDS:
        content = generate(seed, template)
        assert inconsistencies(content.figures) == [], (seed, content.quirks)


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_inconsistent_reports_break_a_sum(template: str) -> None:
    for seed in SEEDS:
        content = generate(seed, template, consistent=False)
        assert inconsistencies(content.figures), (seed, content.quirks)
        assert any(q.startswith("inconsistent:") for q in content.quirks)


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_generated_figures_have_the_truth_shape(template: str) -> None:
    split_seen = one_row_seen = False
    for seed in SEEDS:
        figures = generate(seed, template).figures
        outcomes = {c.code for c in codes("requests", "outcome", template)}
        assert set(figures["requests"]) <= outcomes
        assert all(len(v) == len(APPLICANTS) for v in figures["requests"].values())
        assert set(figures["review"]) == {c.code for c in codes("review", "proceeding")}
        assert all(len(v) == 5 for v in figures["review"].values())
        measures = {c.code for c in codes("proactive", "measure", template)}
        assert all(set(m) <= measures for m in figures["proactive"].values())
        split = "other_handling.other" in figures["requests"]
        assert split != ("other_handling" in figures["requests"])
        split_seen |= split
        one_row_seen |= not split
    assert one_row_seen and split_seen == (template == "2021")


def test_generator_draws_the_real_world_quirks() -> None:
    quirks = [q for seed in SEEDS for t in ("2019", "2021") for q in generate(seed, t).quirks]
    for kind in ("label typo", "numbering", "blank cells", "thousands separator", "unit:", "page break", "split"):
        assert any(kind in q for q in quirks), kind


def test_synthetic_report_prints_its_figures(tmp_path: Path) -> None:
    """Rows of table 三 as camelot reads them are the figures, in order, as printed."""
    content = next(
        c
        for c in (generate(seed, "2021") for seed in SEEDS)
        if c.layout.split_label and not any("blank" in q for q in c.quirks)
    )
    render_pdf(content, tmp_path / "s.pdf")
    # Table 三 as camelot reads it, page by page (where a page lacks the block column, fewer
    # columns): the figures are the last seven cells of a row.
    parts = [cells(t) for t in lattice(tmp_path / "s.pdf") if 8 <= t.shape[1] <= 10]
    assert len(parts) >= 2  # the chosen report breaks table 三 across pages
    rows = parts[0][3:] + [row for part in parts[1:] for row in part]  # without the 3 header rows
    read = [row[-7:] for row in rows if any(row[-7:])]  # the continued half of a split row is empty
    expected = [
        [printed(content, "requests", row, a, v) for a, v in zip(APPLICANTS, values)]
        for row, values in content.figures["requests"].items()
    ]
    assert read == expected


# Isolation ------------------------------------------------------------------------------------


def test_runtime_code_never_imports_the_renderer() -> None:
    offenders = []
    for path in (PROJECT / "pipeline").rglob("*.py"):
        if "replica" in path.relative_to(PROJECT / "pipeline").parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            offenders += [f"{path}: {n}" for n in names if n.startswith(("pipeline.replica", "fpdf"))]
    assert offenders == []
