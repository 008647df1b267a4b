"""The README and the pages of docs/ cannot go stale: every command they show with its output is run
on the bundled sample's data folder and prints what they show (doc_examples.py), the quick start
shows what ``make run`` prints, and every link between them leads somewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from doc_examples import FENCE, PAGES, PROJECT, README, comparable, examples, printed

SHOWING = [page for page in PAGES if examples(page)]


@pytest.mark.parametrize("page", SHOWING, ids=[page.name for page in SHOWING])
def test_every_example_prints_what_the_page_shows(page: Path, bundled) -> None:
    data, run_output = bundled
    for example in examples(page):
        assert comparable(printed(example, data, run_output)) == comparable(example.expected), (
            f"{page.relative_to(PROJECT)}: the output of `{example.command}` differs from the page "
            "(python tests/support/doc_examples.py writes the real one)"
        )


def test_the_pages_show_commands_with_their_output() -> None:
    shown = {page.name: examples(page) for page in PAGES}
    assert [e.command for e in shown["README.md"]][:1] == ["make run"], "the quick start shows make run first"
    assert sum(e.argv is not None for found in shown.values() for e in found) >= 8, "the worked queries"
    assert any("--snapshot" in e.command for found in shown.values() for e in found)
    assert all(e.expected.strip() for found in shown.values() for e in found), "a command shown without output"


def test_every_command_shown_with_a_prompt_is_run() -> None:
    """A ``$ command`` outside a console block would not be run: only ``make test`` may be shown so
    (in a text block), since it runs these tests."""
    for page in PAGES:
        for block in FENCE.finditer(page.read_text(encoding="utf-8")):
            prompts = [line for line in block.group(2).splitlines() if line.startswith("$ ")]
            if block.group(1) != "console":
                assert prompts in ([], ["$ make test"]), f"{page.name}: {prompts} in a {block.group(1)!r} block"
                assert not prompts or block.group(1) == "text", page.name


def test_the_quick_start_is_what_make_run_prints(bundled) -> None:
    data, run_output = bundled
    [quick_start] = [e for e in examples(README) if e.command == "make run"]
    real = printed(quick_start, data, run_output)
    assert "reports: 18 in ~/ogi-reports/data/catalog.yaml, 2 at a time" in real
    assert "\n  10 rows " in real and "warehouse published: ~/ogi-reports/data/warehouse.duckdb" in real
    assert comparable(real) == comparable(quick_start.expected)


def test_a_changed_figure_is_told_apart() -> None:
    """The masks hide what varies between runs, not the figures."""
    line = "  reports loaded: 7; facts: 1183 request, 105 review, 82 proactive; quality issues: 2"
    assert comparable(line) != comparable(line.replace("1183", "1184"))
    snapshot = "snapshot (new): ~/ogi-reports/data/snapshots/2026-12-05T033750Z"
    assert comparable(snapshot) == comparable(snapshot.replace("033750", "101112"))
    run = ["  + mfa 2020: extracted (198 facts)", "  + huaian-hongze 2023: extracted (186 facts)"]
    assert comparable("\n".join(run)) == comparable("\n".join(reversed(run)))


def test_the_readme_fits_on_a_few_screens() -> None:
    assert len(README.read_text(encoding="utf-8").splitlines()) < 250


LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_the_readme_points_at_every_page_of_the_docs() -> None:
    linked = {target.partition("#")[0] for target in LINK.findall(README.read_text(encoding="utf-8"))}
    assert {f"docs/{page.name}" for page in PAGES if page != README} <= linked


def anchors(page: Path) -> set[str]:
    """The anchors GitHub gives the page's headings."""
    found = set()
    for heading in re.findall(r"^#+ (.+)$", page.read_text(encoding="utf-8"), re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        found.add(slug)
    return found


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_every_link_between_the_pages_leads_somewhere(page: Path) -> None:
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target):
            continue  # an address outside the project
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        assert linked.exists(), f"{page.name}: {target} leads nowhere"
        if anchor and linked.suffix == ".md":
            assert anchor in anchors(linked), f"{page.name}: {target}: no such heading"
