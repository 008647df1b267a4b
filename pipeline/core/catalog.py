"""The catalog (``data/catalog.yaml``): the publishers the dataset covers and the bundled sample.

The classes below are the catalog's schema, the one place its fields are declared and described.
:func:`load_catalog` accepts nothing else: a missing or unknown key, a wrong type, a year outside
the dataset, a duplicate or a sample of an unknown agency is a :class:`CatalogError` of one line
naming the file, the entry and what is expected.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import pickle
import re
from contextlib import suppress
from dataclasses import fields, replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    Strict,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.dataclasses import dataclass
from pydantic_core import PydanticCustomError

from pipeline.core.errors import OgiError
from pipeline.core.settings import project_data_dir
from pipeline.core.years import all_report_years


class CatalogError(OgiError):
    """The catalog file is missing or malformed; the message names the file and the entry."""


def _report_year(year: int) -> int:
    years = all_report_years()
    if year not in years:
        raise PydanticCustomError(
            "report_year", "a report year from {first} to {last}", {"first": years[0], "last": years[-1]}
        )
    return year


# A year the dataset covers: from the first annual reports (2008; old-style until 2018) to last year.
Year = Annotated[int, Strict(), AfterValidator(_report_year)]
URL_PATTERN, CODE_PATTERN = r"^https?://\S+$", r"^[a-z0-9][a-z0-9-]{0,63}$"
# GB/T 2260: six digits, province (2), prefecture (2), county (2).
REGION_PATTERN = r"^[1-8][0-9]{5}$"

Url = Annotated[str, Field(pattern=URL_PATTERN)]
Code = Annotated[str, Field(pattern=CODE_PATTERN)]
Text = Annotated[str, Field(min_length=1)]
# Unknown keys are refused: a typo (`listing_url`) must not silently drop what it meant to say.
STRICT_KEYS = ConfigDict(extra="forbid")
# The form fields that number a listing's pages, as sites name them (the first one present counts).
PAGE_FIELDS = ("pageIndex", "pageNo", "pageNum", "page", "curPage", "currentPage")


@dataclass(frozen=True, config=STRICT_KEYS)
class ListingForm:
    """How a listing page that is read by posting a form is asked for (an entry of
    ``listing_forms``): a list some sites build only from a form POST (国家税务总局's
    ``/getFileListByCodeId``). Its pages differ in the form's page field (``page``, ``pageNo``…)."""

    method: Literal["POST"] = Field(
        description="POST (the only method a form is sent with here; a listing read with GET is a plain "
        "listing_urls address, its query in the address)"
    )
    form: dict[Text, str] = Field(
        description="a mapping of the form's field names to their values, each as text (quote numbers and "
        "true/false); the first page's number in its page field (page, pageNo…)"
    )

    @model_validator(mode="after")
    def _page_number(self) -> ListingForm:
        field = next((name for name in PAGE_FIELDS if name in self.form), None)
        if field is not None and not self.form[field].isdigit():
            raise PydanticCustomError(
                "entry_rule",
                "form: {field}: expected the first page's number, found {value}",
                {"field": field, "value": repr(self.form[field])},
            )
        return self


@dataclass(frozen=True, config=STRICT_KEYS)
class Agency:
    """A publishing body (an entry of ``agencies``); each becomes an ``agency`` partition."""

    # Each description completes "expected …" in the error messages.
    code: Code = Field(
        description="a code of lower-case letters, digits and hyphens (it names the agency's partitions and folders)"
    )
    name_zh: Text = Field(description="the agency's name in Chinese, as it publishes it")
    name_en: Text = Field(description="the agency's name in English")
    listing_urls: tuple[Url, ...] = Field(
        default=(), description="a list of the http(s) addresses of the pages listing the agency's annual reports"
    )
    hosts: tuple[Text, ...] = Field(
        default=(), description="a list of the host names the fetcher may contact for this agency (no others)"
    )
    listing_forms: dict[Url, ListingForm] = Field(
        default_factory=dict,
        description="a mapping of those listing_urls that are read by posting a form to the form "
        "(method: POST, form: its fields)",
    )
    reports: dict[Year, Url] = Field(
        default_factory=dict,
        description="a mapping of report year to the "
        "http(s) address of that year's report, for years discovery cannot find",
    )
    aliases: tuple[Text, ...] = Field(
        default=(),
        description="a list of the other names the agency signs "
        "its reports with (国家发展改革委 for 国家发展和改革委员会)",
    )
    level: Literal["central", "provincial", "prefecture", "county", "township"] = Field(
        kw_only=True,
        description="the level of government the body belongs to: one of central, provincial, prefecture, county, township",
    )
    kind: Literal["government", "department", "other"] = Field(
        kw_only=True,
        description="one of government (a people's government, or a body acting as one), department (a department of "
        "a government, or a national bureau a ministry administers) or other (another administrative body)",
    )
    region: Annotated[str, Field(pattern=REGION_PATTERN)] | None = Field(
        default=None,
        description="the GB/T 2260 code of the body's administrative division (six digits), for a local body only",
    )
    parent: Text | None = Field(
        default=None,
        description="the government a department belongs to, or the ministry a national bureau is administered by: "
        "a catalog agency's code, or the name of a body outside the catalog (国务院)",
    )
    attributes_source: Text | None = Field(
        default=None, description="where level, kind, region or parent come from, when the name does not say"
    )
    source: Text | None = Field(default=None, description="the URL or document this entry was taken from")
    seen: date | None = Field(default=None, description="the date the source was last checked (YYYY-MM-DD)")

    @model_validator(mode="after")
    def _attributes(self) -> Agency:
        if (self.level == "central") == (self.region is not None):
            raise PydanticCustomError(
                "entry_rule",
                "region: expected a GB/T 2260 code for a local body and none for a central one, found {region} "
                "for level {level}",
                {"region": self.region or "none", "level": self.level},
            )
        if self.kind == "department" and self.parent is None:
            raise PydanticCustomError(
                "entry_rule", "missing key 'parent': expected the government or ministry a department belongs to"
            )
        return self


@dataclass(frozen=True, config=STRICT_KEYS)
class Sample:
    """One bundled offline report (an entry of ``samples``); ``file`` and ``content`` are read
    relative to the catalog's folder, or, when not there, relative to the project's data folder
    (``sample_locations``): a catalog copied elsewhere still finds the bundled samples."""

    agency: Code = Field(description="the code of one of the catalog's agencies")
    year: Year = Field(description="the year the report covers, a whole number")
    file: Path = Field(description="the path of the report file (relative to the catalog's folder)")
    kind: Literal["replica", "reconstruction", "original"] = Field(
        default="replica",
        description="one of replica (rendered by the project from the published "
        "figures), reconstruction (rebuilt from a published web page) or original (the publisher's file)",
    )
    publisher: str = Field(default="", description="the publisher's name as printed on the report")
    content: Path | None = Field(
        default=None, description="the path of the figures a replica is rendered from, or null"
    )
    original_url: Url | None = Field(default=None, description="the http(s) address of the publisher's file, or null")

    @field_validator("file", "content")
    @classmethod
    def _beside_catalog(cls, path: Path | None, info: ValidationInfo) -> Path | None:
        base = (info.context or {}).get("base")
        return (base / path).resolve() if path is not None and base is not None else path

    @property
    def key(self) -> str:
        return partition_key(self.agency, self.year)


@dataclass(frozen=True, config=STRICT_KEYS)
class CatalogFile:
    """The whole file: a mapping with ``agencies`` and ``samples``."""

    agencies: list[Agency] = Field(min_length=1, description="a list of at least one agency")
    samples: list[Sample] = Field(default_factory=list, description="a list of bundled reports")

    @model_validator(mode="after")
    def _consistent(self) -> CatalogFile:
        codes: dict[str, int] = {}
        for n, agency in enumerate(self.agencies):
            if codes.setdefault(agency.code, n) != n:
                raise PydanticCustomError(
                    "duplicate",
                    "agencies[{n}] ({code}): duplicate agency code, already agencies[{m}]: expected each agency once",
                    {"n": n, "code": agency.code, "m": codes[agency.code]},
                )
        for n, agency in enumerate(self.agencies):
            unlisted = [url for url in agency.listing_forms if url not in agency.listing_urls]
            if unlisted:
                raise PydanticCustomError(
                    "unlisted_form",
                    "agencies[{n}] ({code}): listing_forms: {url} is not one of its listing_urls: expected the "
                    "form of a listing page the entry lists",
                    {"n": n, "code": agency.code, "url": unlisted[0]},
                )
            if agency.parent is not None and re.fullmatch(CODE_PATTERN, agency.parent) and agency.parent not in codes:
                raise PydanticCustomError(
                    "unknown_parent",
                    "agencies[{n}] ({code}): unknown parent '{parent}': expected a catalog agency's code or a name",
                    {"n": n, "code": agency.code, "parent": agency.parent},
                )
        reports: dict[tuple[str, int], int] = {}
        for n, sample in enumerate(self.samples):
            where = f"samples[{n}] ({sample.agency} {sample.year})"
            if sample.agency not in codes:
                raise PydanticCustomError(
                    "unknown_agency",
                    "{where}: unknown agency '{agency}': expected one of the catalog's agencies ({known})",
                    {"where": where, "agency": sample.agency, "known": ", ".join(codes)},
                )
            if reports.setdefault((sample.agency, sample.year), n) != n:
                raise PydanticCustomError(
                    "duplicate",
                    "{where}: duplicate sample, already samples[{m}]: expected one sample per agency and year",
                    {"where": where, "m": reports[(sample.agency, sample.year)]},
                )
        return self


_SCHEMA = TypeAdapter(CatalogFile)


@dataclass(frozen=True)
class Catalog:
    path: Path
    agencies: dict[str, Agency]
    samples: list[Sample]

    def sample(self, agency: str, year: int) -> Sample | None:
        return next((s for s in self.samples if s.agency == agency and s.year == year), None)

    def looked_for(self, sample: Sample) -> list[Path]:
        """Where the sample's file was looked for, in order (it may be in none of them)."""
        return sample_locations(sample.file, self.path.parent)

    def sample_reports(self) -> list[tuple[str, int]]:
        """(agency, year) of the bundled sample: what an offline run builds. Agencies without a
        sample (most of the catalog) and pinned addresses belong to live runs."""
        return sorted({(s.agency, s.year) for s in self.samples})


def sample_locations(file: Path, catalog_dir: Path) -> list[Path]:
    """Where a sample file named in a catalog is looked for: relative to the catalog's folder
    (``file`` as validated), then relative to the project's data folder. An absolute path in the
    catalog is looked for where it says only."""
    try:
        relative = file.relative_to(catalog_dir.resolve())
    except ValueError:
        return [file]
    fallback = (project_data_dir() / relative).resolve()
    return [file] if fallback == file else [file, fallback]


def _located(sample: Sample, catalog_dir: Path) -> Sample:
    """The sample with its files where they are found (``sample_locations``); as written when
    found nowhere (reading it says where it was looked for)."""
    moved = {}
    for name in ("file", "content"):
        path = getattr(sample, name)
        if path is not None and not path.exists():
            found = next((p for p in sample_locations(path, catalog_dir)[1:] if p.exists()), None)
            if found is not None:
                moved[name] = found
    return replace(sample, **moved) if moved else sample


def partition_key(agency: str, year: int) -> str:
    """The Dagster partition key of one report (the agency code, then the year)."""
    return f"{agency}|{year}"


def _cache_file(path: Path) -> Path:
    """Where the last validated form of the catalog at ``path`` is kept: ``$OGI_CACHE_DIR``, or
    ``ogi-reports`` in the user's cache folder; one file per catalog path."""
    root = (
        os.environ.get("OGI_CACHE_DIR")
        or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ogi-reports"
    )
    return Path(root) / "catalogs" / f"{hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:32]}.pickle"


def _cache_key(text: bytes, path: Path) -> str:
    """Everything validation depends on: the file, its folder (samples are read relative to it),
    this schema and the years a report can cover (they move with today's date)."""
    years = all_report_years()
    digest = hashlib.sha256(text)
    for part in (str(path.resolve().parent), Path(__file__).read_bytes(), f"{years[0]}-{years[-1]}"):
        digest.update(b"\0" + (part if isinstance(part, bytes) else part.encode()))
    return digest.hexdigest()


def _cached(cache: Path, key: str) -> tuple[list[Agency], list[Sample]] | None:
    try:
        stored_key, agencies, samples = pickle.loads(cache.read_bytes())
    except Exception:  # missing, unreadable or written by another version: validate again
        return None
    return (agencies, samples) if stored_key == key else None


def _store(cache: Path, key: str, agencies: list[Agency], samples: list[Sample]) -> None:
    from pipeline.core.files import write_atomic

    with suppress(OSError):  # no cache folder to write to: the next load validates again
        write_atomic(cache, pickle.dumps((key, agencies, samples), protocol=pickle.HIGHEST_PROTOCOL))


def load_catalog(path: Path) -> Catalog:
    """Read and validate the catalog; raises CatalogError (one line) on any mistake.

    A national catalog takes seconds to parse and validate, so the validated form is kept in a
    cache file keyed by the catalog's sha256 (and what else validation depends on): a catalog
    that did not change since its last load is read back from there."""
    path = Path(path)
    try:
        text = path.read_bytes()
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read the catalog: {' '.join(str(exc).split())}") from None
    cache, key = _cache_file(path), _cache_key(text, path)
    cached = _cached(cache, key)
    if cached is not None:
        samples = [_located(sample, path.parent) for sample in cached[1]]
        return Catalog(path=path, agencies={a.code: a for a in cached[0]}, samples=samples)
    try:
        # libyaml's loader when present: a national catalog has tens of thousands of entries.
        doc = yaml.load(text.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        reason = " ".join(str(exc).split())  # YAML errors span several lines
        raise CatalogError(f"{path}: cannot read the catalog: {reason}") from None
    if doc is None:
        raise CatalogError(f"{path}: the catalog is empty: expected a mapping with agencies (at least one) and samples")
    if not isinstance(doc, dict):
        raise CatalogError(f"{path}: expected a mapping with agencies and samples at the top, found a {_kind(doc)}")
    try:
        parsed = _SCHEMA.validate_python(doc, context={"base": path.parent})
    except ValidationError as exc:
        # An unknown key first: a typo also explains the key reported missing.
        errors = sorted(exc.errors(), key=lambda e: e["type"] != "unexpected_keyword_argument")
        more = {1: "", 2: " (and 1 more problem)"}.get(len(errors), f" (and {len(errors) - 1} more problems)")
        raise CatalogError(f"{path}: {_describe(errors[0], doc)}{more}") from None
    _store(cache, key, parsed.agencies, list(parsed.samples))
    # Located on every load, not cached: whether a file is beside the catalog may change.
    samples = [_located(sample, path.parent) for sample in parsed.samples]
    return Catalog(path=path, agencies={a.code: a for a in parsed.agencies}, samples=samples)


_ENTRIES = {"agencies": Agency, "samples": Sample}
# Keys of an entry whose values are themselves checked mappings, keyed by address.
_NESTED = {"listing_forms": ListingForm}


def _kind(value: Any) -> str:
    return {dict: "mapping", list: "list", str: "string", int: "number", float: "number"}.get(
        type(value), type(value).__name__
    )


def _shown(value: Any) -> str:
    """A found value as YAML spells it, or its kind when it is a list or mapping."""
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if value in ([], {}):
        return f"an empty {_kind(value)}"
    return repr(value) if isinstance(value, (str, int, float, date)) else f"a {_kind(value)}"


def _entry(section: str, n: int, doc: dict) -> str:
    """``agencies[1] (mfa)``, ``samples[0] (mfa 2020)``: the entry, as far as it can be named."""
    entry = doc[section][n]
    names = (
        [entry.get(k) for k in (("code",) if section == "agencies" else ("agency", "year"))]
        if isinstance(entry, dict)
        else []
    )
    named = " ".join(str(v) for v in names if isinstance(v, (str, int)) and not isinstance(v, bool))
    return f"{section}[{n}]" + (f" ({named})" if named else "")


def _description(cls: type, key: str) -> str:
    found = cls.__pydantic_fields__.get(key)
    return (found.description if found else None) or key


def _keys(cls: type) -> list[str]:
    return [f.name for f in fields(cls)]


def _describe(error: dict[str, Any], doc: dict) -> str:
    """One pydantic error as: the entry, the key, what is expected and what was found."""
    loc, kind = error["loc"], error["type"]
    if not loc:  # a rule across entries
        return error["msg"]
    key, rest, cls, where = str(loc[0]), loc[1:], CatalogFile, "top level"
    if key in _ENTRIES and rest:
        cls, where = _ENTRIES[key], _entry(key, int(rest[0]), doc)
        if len(rest) == 1 and kind == "entry_rule":  # a rule across the entry's keys
            return f"{where}: {error['msg']}"
        if len(rest) == 1:  # the entry itself is not a mapping
            return f"{where}: expected a mapping of {', '.join(_keys(cls))}, found {_shown(error.get('input'))}"
        key, rest = str(rest[1]), rest[2:]
        if key in _NESTED and rest:  # inside one form: name it, then its key
            where, cls = f"{where}: {key}[{rest[0]}]", _NESTED[key]
            if len(rest) == 1:
                if kind == "entry_rule":
                    return f"{where}: {error['msg']}"
                return f"{where}: expected a mapping of {', '.join(_keys(cls))}, found {_shown(error.get('input'))}"
            if rest[1] == "[key]":
                return f"{where}: expected the http(s) address of one of its listing_urls, found {_shown(rest[0])}"
            key, rest = str(rest[1]), rest[2:]
    if kind == "missing":
        return f"{where}: missing key {key!r}: expected {_description(cls, key)}"
    if kind == "unexpected_keyword_argument":
        close = difflib.get_close_matches(key, _keys(cls), n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"expected one of: {', '.join(_keys(cls))}"
        return f"{where}: unknown key {key!r} ({hint})"
    inner = "".join(f"[{part}]" for part in rest if part != "[key]")
    if kind == "report_year":
        expected = error["msg"]
    elif inner and kind == "string_pattern_mismatch":  # one item of a list or mapping
        expected = {URL_PATTERN: "an http(s) address", CODE_PATTERN: "a code"}.get(error["ctx"]["pattern"], key)
    else:
        expected = _description(cls, key)
    return f"{where}: {key}{inner}: expected {expected}, found {_shown(error.get('input'))}"
