"""The package's layout: every module name is used once, so a name says which module it is
(the import layers themselves are import-linter's contracts, run by ``make lint``)."""

from __future__ import annotations

from collections import Counter

from pipeline.core.settings import PROJECT_DIR


def test_every_module_name_is_used_once() -> None:
    package = PROJECT_DIR / "pipeline"
    names = [path.stem for path in package.rglob("*.py") if path.stem not in ("__init__", "__main__")]
    names += [path.name for path in package.iterdir() if path.is_dir() and (path / "__init__.py").is_file()]
    assert [name for name, count in Counter(names).items() if count > 1] == []
