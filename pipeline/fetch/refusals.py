"""Documents refused on an earlier run (another year's report, another agency's, not a report),
remembered with their validators (ETag, Last-Modified): the next run asks with a conditional
request and, while the publisher answers 304 Not Modified, repeats the refusal without
downloading the document again.

Kept beside the raw store, not in it (the store holds accepted documents only): for the store
``data/raw``, ``data/refused/raw/<agency>/<year>.json``, the address of each refused document, its
validators, the line that refused it and the kind of refusal."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.core.files import write_atomic
from pipeline.fetch.client import VALIDATORS
from pipeline.fetch.failures import FetchError, NotAReport
from pipeline.fetch.identity import WrongReport

# Verdicts on a document's content alone; a cap (size, pages) may change between runs: not kept.
_KINDS: dict[str, type[FetchError]] = {"wrong_report": WrongReport, "not_a_report": NotAReport}


@dataclass(frozen=True)
class Refusal:
    """One refused document: the validators it was served with and the line that refused it."""

    validators: dict[str, str]
    reason: str
    kind: str

    def repeated(self) -> FetchError:
        """The refusal again, for a document the publisher says has not changed since."""
        return _KINDS[self.kind](f"{self.reason} (unchanged since it was refused: not downloaded again)")


class Refusals:
    """The refusals of the documents of one raw store, by agency, year and address."""

    def __init__(self, store_root: Path) -> None:
        store_root = Path(store_root)
        self.root = store_root.parent / "refused" / store_root.name

    def _path(self, agency: str, year: int) -> Path:
        return self.root / agency / f"{year}.json"

    def _read(self, agency: str, year: int) -> dict[str, dict]:
        try:
            return json.loads(self._path(agency, year).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # none yet, or unreadable: the document is downloaded and judged again

    def get(self, agency: str, year: int, url: str) -> Refusal | None:
        entry = self._read(agency, year).get(url)
        if not entry or entry.get("kind") not in _KINDS or not entry.get("validators"):
            return None
        return Refusal(validators=dict(entry["validators"]), reason=str(entry["reason"]), kind=entry["kind"])

    def remember(self, agency: str, year: int, url: str, headers: dict[str, str], error: FetchError) -> None:
        """Keep the refusal of the document at ``url`` when its response carried validators (without
        them no request can ask whether it changed)."""
        held = {name.lower(): value for name, value in headers.items()}
        validators = {name: held[name] for name in VALIDATORS if held.get(name)}
        kind = next((name for name, cls in _KINDS.items() if isinstance(error, cls)), None)
        if not validators or kind is None:
            return
        entries = self._read(agency, year)
        entries[url] = {"validators": validators, "reason": str(error), "kind": kind}
        self._write(agency, year, entries)

    def forget(self, agency: str, year: int, url: str) -> None:
        """The document at ``url`` was accepted: its earlier refusal no longer holds."""
        entries = self._read(agency, year)
        if entries.pop(url, None) is not None:
            self._write(agency, year, entries)

    def _write(self, agency: str, year: int, entries: dict[str, dict]) -> None:
        path = self._path(agency, year)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, (json.dumps(entries, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode())
