"""Catalog mistakes: each is one line naming the file, the entry and what is expected; ``ogi``
exits 2 and the published warehouse and snapshots stay exactly as they were. Every reader of the
catalog (``ogi run``, ``ogi discover``, the assets, the schedule) says the same line."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import dagster as dg
import pytest
import yaml
from pipeline_support import environment, file_state

from pipeline.cli import main
from pipeline.core.catalog import CatalogError, load_catalog
from pipeline.core.settings import PROJECT_DIR
from pipeline.core.years import report_year_range

BUNDLED = PROJECT_DIR / "data" / "catalog.yaml"
LAST = report_year_range()[-1]
# Old-style reports from 2008 too: the first annual reports under the 2007 regulations.
EXPECTED_YEAR = f"expected a report year from 2008 to {LAST}"


def bundled() -> dict:
    doc = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    for sample in doc["samples"]:  # the sample files stay where they are
        for key in ("file", "content"):
            if sample.get(key):  # a web-page sample has no content file
                sample[key] = str(BUNDLED.parent / sample[key])
    return doc


def edited(change: Callable[[dict], object]) -> Callable[[], object]:
    def make() -> object:
        doc = bundled()
        result = change(doc)
        return doc if result is None else result

    return make


def _set(target: dict, key: str, value: object) -> None:
    target[key] = value


# case -> (what the file holds, what the one line must say after "ogi: error: <file>: ")
MISTAKES: dict[str, tuple[Callable[[], object], str]] = {
    "top-level-list": (
        edited(lambda d: d["agencies"]),
        "expected a mapping with agencies and samples at the top, found a list",
    ),
    "empty-file": (lambda: None, "the catalog is empty: expected a mapping with agencies (at least one) and samples"),
    "no-agencies": (
        edited(lambda d: {"agencies": [], "samples": []}),
        "top level: agencies: expected a list of at least one agency, found an empty list",
    ),
    "year-1800": (
        edited(lambda d: _set(d["samples"][0], "year", 1800)),
        f"samples[0] (mfa 1800): year: {EXPECTED_YEAR}, found 1800",
    ),
    "year-2007": (
        edited(lambda d: _set(d["samples"][1], "year", 2007)),
        f"samples[1] (huaian-hongze 2007): year: {EXPECTED_YEAR}, found 2007",
    ),
    "year-this-year": (
        edited(lambda d: _set(d["samples"][2], "year", LAST + 1)),
        f"samples[2] (huaian-hongze {LAST + 1}): year: {EXPECTED_YEAR}, found {LAST + 1}",
    ),
    "pinned-year-in-future": (
        edited(lambda d: _set(d["agencies"][0], "reports", {2031: "https://www.mfa.gov.cn/2031.pdf"})),
        f"agencies[0] (mfa): reports[2031]: {EXPECTED_YEAR}, found 2031",
    ),
    "duplicate-agency": (
        edited(lambda d: d["agencies"].append(copy.deepcopy(d["agencies"][0]))),
        f"agencies[{len(bundled()['agencies'])}] (mfa): duplicate agency code, already agencies[0]: "
        "expected each agency once",
    ),
    "duplicate-sample": (
        edited(lambda d: d["samples"].append(copy.deepcopy(d["samples"][1]))),
        f"samples[{len(bundled()['samples'])}] (huaian-hongze 2023): duplicate sample, already samples[1]: "
        "expected one sample per agency and year",
    ),
    "unknown-agency": (
        edited(lambda d: _set(d["samples"][0], "agency", "mofa")),
        "samples[0] (mofa 2020): unknown agency 'mofa': expected one of the catalog's agencies ("
        + ", ".join(a["code"] for a in bundled()["agencies"])
        + ")",
    ),
    "local-without-region": (
        edited(lambda d: d["agencies"][1].pop("region") and None),
        "agencies[1] (huaian-hongze): region: expected a GB/T 2260 code for a local body and none for a central one, "
        "found none for level county",
    ),
    "central-with-region": (
        edited(lambda d: _set(d["agencies"][0], "region", "110000")),
        "agencies[0] (mfa): region: expected a GB/T 2260 code for a local body and none for a central one, "
        "found 110000 for level central",
    ),
    "bad-region": (
        edited(lambda d: _set(d["agencies"][1], "region", "3208")),
        "agencies[1] (huaian-hongze): region: expected the GB/T 2260 code of the body's administrative division "
        "(six digits), for a local body only, found '3208'",
    ),
    "department-without-parent": (
        edited(lambda d: d["agencies"][0].pop("parent") and None),
        "agencies[0] (mfa): missing key 'parent': expected the government or ministry a department belongs to",
    ),
    "unknown-parent": (
        edited(lambda d: _set(d["agencies"][0], "parent", "state-council")),
        "agencies[0] (mfa): unknown parent 'state-council': expected a catalog agency's code or a name",
    ),
    "bad-level": (
        edited(lambda d: _set(d["agencies"][0], "level", "national")),
        "agencies[0] (mfa): level: expected the level of government the body belongs to: one of central, "
        "provincial, prefecture, county, township, found 'national'",
    ),
    "missing-field": (
        edited(lambda d: d["agencies"][1].pop("name_en") and None),
        "agencies[1] (huaian-hongze): missing key 'name_en': expected the agency's name in English",
    ),
    "missing-file": (
        edited(lambda d: d["samples"][2].pop("file") and None),
        "samples[2] (huaian-hongze 2024): missing key 'file': expected the path of the report file",
    ),
    "year-as-text": (
        edited(lambda d: _set(d["samples"][0], "year", "2020")),
        "samples[0] (mfa 2020): year: expected the year the report covers, a whole number, found '2020'",
    ),
    "name-as-number": (
        edited(lambda d: _set(d["agencies"][0], "name_zh", 12)),
        "agencies[0] (mfa): name_zh: expected the agency's name in Chinese, as it publishes it, found 12",
    ),
    "urls-as-text": (
        edited(lambda d: _set(d["agencies"][0], "listing_urls", "https://www.mfa.gov.cn/")),
        "agencies[0] (mfa): listing_urls: expected a list of the http(s) addresses",
    ),
    "url-not-http": (
        edited(lambda d: _set(d["agencies"][0], "listing_urls", ["www.mfa.gov.cn/web/"])),
        "agencies[0] (mfa): listing_urls[0]: expected an http(s) address, found 'www.mfa.gov.cn/web/'",
    ),
    "code-with-capitals": (
        edited(lambda d: _set(d["agencies"][0], "code", "MFA")),
        "agencies[0] (MFA): code: expected a code of lower-case letters, digits and hyphens",
    ),
    "unknown-kind": (
        edited(lambda d: _set(d["samples"][0], "kind", "copy")),
        "samples[0] (mfa 2020): kind: expected one of replica",
    ),
    "typo-in-agency": (
        edited(lambda d: d["agencies"][0].update(listing_url=d["agencies"][0].pop("listing_urls"))),
        "agencies[0] (mfa): unknown key 'listing_url' (did you mean 'listing_urls'?)",
    ),
    "typo-at-top": (
        edited(lambda d: {"agencies": d["agencies"], "sample": d["samples"]}),
        "top level: unknown key 'sample' (did you mean 'samples'?)",
    ),
    "sample-not-a-mapping": (
        edited(lambda d: _set(d, "samples", ["samples/mfa-2020.pdf"])),
        "samples[0]: expected a mapping of agency, year, file",
    ),
}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory, bundled: tuple[Path, str]) -> Path:
    """A data folder after one good run of the bundled catalog (a copy of the session's run, which
    other tests read)."""
    data = tmp_path_factory.mktemp("published") / "data"
    shutil.copytree(bundled[0], data)
    return data


def state(data: Path) -> dict[str, object]:
    """What a run could change: the published warehouse and every file of the snapshots."""
    return {
        "warehouse": file_state(data / "warehouse.duckdb"),
        "snapshots": sorted((str(p.relative_to(data)), file_state(p)) for p in (data / "snapshots").rglob("*")),
    }


def write(path: Path, doc: object) -> Path:
    path.write_text("" if doc is None else yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("case", list(MISTAKES))
def test_a_catalog_mistake_is_one_line_and_changes_nothing(
    case: str, published: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    make, message = MISTAKES[case]
    catalog = write(tmp_path / "catalog.yaml", make())
    before = state(published)
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    code = main(["run", "--catalog", str(catalog), "--data-dir", str(published)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"ogi: error: {catalog}: {message}"), err
    assert state(published) == before


def test_several_mistakes_name_the_first_and_count_the_others(tmp_path: Path) -> None:
    doc = bundled()
    doc["samples"][0]["year"] = 1800
    doc["samples"][1]["kind"] = "copy"
    with pytest.raises(CatalogError) as raised:
        load_catalog(write(tmp_path / "catalog.yaml", doc))
    assert (
        str(raised.value) == f"{tmp_path / 'catalog.yaml'}: samples[0] (mfa 1800): year: {EXPECTED_YEAR}, found 1800 "
        "(and 1 more problem)"
    )


def test_broken_yaml_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_text("agencies:\n  - code: mfa\n   name_zh: [\n", encoding="utf-8")
    with pytest.raises(CatalogError) as raised:
        load_catalog(path)
    assert str(raised.value).startswith(f"{path}: cannot read the catalog: ") and "\n" not in str(raised.value)


def test_the_fields_other_parts_add_are_accepted(tmp_path: Path) -> None:
    """Per agency the source it was taken from and when it was seen; samples of every kind."""
    doc = bundled()
    doc["agencies"][0].update(source="https://www.gov.cn/zhengce/", seen=date(2026, 11, 20))
    doc["agencies"][1].update(source="国务院部门名录 (2026)", seen="2026-11-21")
    for sample, kind in zip(doc["samples"], ("replica", "reconstruction", "original")):
        sample["kind"] = kind
    doc["samples"][2]["original_url"] = "https://www.hongze.gov.cn/2024.pdf"
    catalog = load_catalog(write(tmp_path / "catalog.yaml", doc))
    assert catalog.agencies["mfa"].seen == date(2026, 11, 20) and catalog.agencies["huaian-hongze"].seen == date(
        2026, 11, 21
    )
    assert [s.kind for s in catalog.samples][:3] == ["replica", "reconstruction", "original"]


def test_sample_paths_are_read_from_the_catalogs_folder(tmp_path: Path) -> None:
    doc = bundled()
    doc["samples"][0]["file"] = "reports/mfa-2020.pdf"
    catalog = load_catalog(write(tmp_path / "catalog.yaml", doc))
    assert catalog.samples[0].file == tmp_path / "reports" / "mfa-2020.pdf"
    assert load_catalog(BUNDLED).samples[0].file == PROJECT_DIR / "data" / "samples" / "mfa-2020.pdf"


def test_the_years_move_with_the_calendar() -> None:
    assert list(report_year_range(date(2027, 1, 31))) == list(range(2019, 2027))


# One mistake through every reader of the catalog.
DUPLICATE = MISTAKES["duplicate-agency"]


def test_every_reader_of_the_catalog_says_the_same_line(tmp_path: Path) -> None:
    from pipeline.definitions import defs
    from pipeline.defs.catalog_asset import report_catalog
    from pipeline.defs.resources import BundledSamples, PipelineSettings
    from pipeline.defs.schedules import nightly_reports

    catalog = write(tmp_path / "catalog.yaml", DUPLICATE[0]())
    line = f"{catalog}: {DUPLICATE[1]}"
    data = tmp_path / "data"

    env = {**os.environ, "OGI_CATALOG": str(catalog), "OGI_DATA_DIR": str(data)}
    env.pop("DAGSTER_HOME", None)
    for command in (["run"], ["discover"]):
        done = subprocess.run(
            [sys.executable, "-m", "pipeline.cli", *command], capture_output=True, text=True, env=env, timeout=120
        )
        assert (done.returncode, done.stdout, done.stderr) == (2, "", f"ogi: error: {line}\n"), command

    resources = {"pipeline": PipelineSettings(data_dir=str(data), catalog=str(catalog))}
    with dg.instance_for_test() as instance:
        result = dg.materialize([report_catalog], instance=instance, resources=resources, raise_on_error=False)
        assert [e.step_failure_data.user_failure_data.description for e in result.get_step_failure_events()] == [line]
        warehouse = defs.resolve_job_def("warehouse_job").execute_in_process(
            instance=instance,
            raise_on_error=False,
            run_config={"resources": {"pipeline": {"config": {"data_dir": str(data), "catalog": str(catalog)}}}},
        )
        failures = [e for e in warehouse.all_events if e.is_step_failure]
        assert [e.step_failure_data.user_failure_data.description for e in failures] == [line]
        with environment(data, catalog), pytest.raises(CatalogError) as raised:
            context = dg.build_schedule_context(
                instance=instance, resources={**resources, "report_source": BundledSamples()}
            )
            list(nightly_reports(context))
    assert str(raised.value) == line
    assert not data.joinpath("warehouse.duckdb").exists()


def test_a_catalog_read_again_comes_from_its_cache_until_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The validated catalog is kept by its digest: read back equal, and a change to the file (a
    mistake included) is validated again, never answered from the cache."""
    monkeypatch.setenv("OGI_CACHE_DIR", str(tmp_path / "cache"))
    path = write(tmp_path / "catalog.yaml", bundled())
    first = load_catalog(path)
    assert list((tmp_path / "cache" / "catalogs").iterdir()), "the validated catalog is kept"
    again = load_catalog(path)
    assert (again.agencies, again.samples) == (first.agencies, first.samples)

    doc = bundled()
    doc["agencies"][0]["name_en"] = "Ministry of Foreign Affairs of China"
    write(path, doc)
    assert load_catalog(path).agencies[doc["agencies"][0]["code"]].name_en == "Ministry of Foreign Affairs of China"
    doc["agencies"][0]["listing_url"] = ["https://example.org/"]
    write(path, doc)
    with pytest.raises(CatalogError, match="unknown key 'listing_url'"):
        load_catalog(path)


TAX_LIST = "https://www.chinatax.gov.cn/getFileListByCodeId"
TAX_FORM = {"method": "POST", "form": {"channelId": "61eaab3127b040d4950fff177f09e561", "page": "1", "size": "20"}}
TAX_AT = f"agencies[{[a['code'] for a in bundled()['agencies']].index('chinatax')}] (chinatax)"

# case -> (the chinatax entry's listing_urls and listing_forms, what the one line says after the entry)
FORM_MISTAKES: dict[str, tuple[list[str], object, str]] = {
    "get": ([TAX_LIST], {TAX_LIST: TAX_FORM | {"method": "GET"}}, f"listing_forms[{TAX_LIST}]: method: expected POST"),
    "number-unquoted": (
        [TAX_LIST],
        {TAX_LIST: TAX_FORM | {"form": {"page": 1}}},
        f"listing_forms[{TAX_LIST}]: form[page]: expected a mapping of the form's field names to their values, each "
        "as text (quote numbers and true/false)",
    ),
    "page-not-a-number": (
        [TAX_LIST],
        {TAX_LIST: TAX_FORM | {"form": {"pageNo": "first"}}},
        f"listing_forms[{TAX_LIST}]: form: pageNo: expected the first page's number, found 'first'",
    ),
    "no-method": (
        [TAX_LIST],
        {TAX_LIST: {"form": {}}},
        f"listing_forms[{TAX_LIST}]: missing key 'method': expected POST",
    ),
    "typo": (
        [TAX_LIST],
        {TAX_LIST: {"method": "POST", "forms": {}}},
        f"listing_forms[{TAX_LIST}]: unknown key 'forms' (did you mean 'form'?)",
    ),
    "not-an-address": (
        [TAX_LIST],
        {"getFileListByCodeId": TAX_FORM},
        "listing_forms[getFileListByCodeId]: expected the http(s) address of one of its listing_urls, found "
        "'getFileListByCodeId'",
    ),
    "not-listed": (
        [],
        {TAX_LIST: TAX_FORM},
        f"listing_forms: {TAX_LIST} is not one of its listing_urls: expected the form of a listing page the entry lists",
    ),
    "a-list": ([TAX_LIST], [TAX_FORM], "listing_forms: expected a mapping of those listing_urls"),
}


@pytest.mark.parametrize("case", list(FORM_MISTAKES))
def test_a_malformed_listing_form_is_one_line(case: str, tmp_path: Path) -> None:
    urls, forms, message = FORM_MISTAKES[case]
    doc = bundled()
    entry = next(a for a in doc["agencies"] if a["code"] == "chinatax")
    entry.update(listing_urls=urls, listing_forms=forms)
    with pytest.raises(CatalogError) as raised:
        load_catalog(write(tmp_path / "catalog.yaml", doc))
    assert "\n" not in str(raised.value) and str(raised.value).startswith(
        f"{tmp_path / 'catalog.yaml'}: {TAX_AT}: {message}"
    )


def test_a_listing_form_is_read_as_written(tmp_path: Path) -> None:
    doc = bundled()
    entry = next(a for a in doc["agencies"] if a["code"] == "chinatax")
    entry.update(listing_urls=[TAX_LIST], listing_forms={TAX_LIST: TAX_FORM})
    listing = load_catalog(write(tmp_path / "catalog.yaml", doc)).agencies["chinatax"].listing_forms[TAX_LIST]
    assert listing.method == "POST" and listing.form == TAX_FORM["form"]
