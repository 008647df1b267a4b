"""The dependencies in pyproject.toml are the ones the code uses: every third-party package the
code imports (or reads a font from) is declared, and every declared one is used."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from functools import cache
from importlib.metadata import packages_distributions
from pathlib import Path

from pipeline.core.settings import PROJECT_DIR

# Declared for their commands, not imported: `dg dev` serves the Dagster UI (make ui), the rest
# check the code (make lint, make test, pre-commit).
TOOLS = {"dagster-webserver", "dagster-dg-cli", "pytest", "pytest-xdist", "ruff", "import-linter", "pre-commit"}
# Used by name in a configuration (deploy/*.yaml): the instance's storage and run launcher.
CONFIGURED = {"dagster-postgres", "dagster-k8s", "psycopg2-binary"}


def dist(requirement: str) -> str:
    """The normalised distribution name of a requirement such as ``PyYAML==6.0.4``."""
    return re.sub(r"[-_.]+", "-", re.split(r"[=<>!~;\[ ]", requirement, maxsplit=1)[0]).lower()


@cache
def declared() -> dict[str, set[str]]:
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    groups = {"runtime": project["dependencies"], **project["optional-dependencies"]}
    return {group: {dist(r) for r in requirements} for group, requirements in groups.items()}


def modules_used(path: Path) -> set[str]:
    """The top-level modules a file imports, and the packages it reads files of
    (``resources.files("package")``, as fonts are found)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "files"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value.split(".")[0])
    return found


def third_party(paths: list[Path]) -> dict[str, set[str]]:
    """Distribution name -> the files that use it, for every module that is neither the standard
    library nor the project's own."""
    owners = packages_distributions()
    own = {"pipeline"} | {p.stem for p in (PROJECT_DIR / "tests").rglob("*.py")} | {"bench"}
    used: dict[str, set[str]] = {}
    for path in paths:
        for module in modules_used(path) - set(sys.stdlib_module_names) - own - {"__future__"}:
            assert module in owners, f"{path}: imports {module}, which no installed distribution provides"
            # A module more than one distribution provides (cv2: opencv-python and its headless
            # build) is used as either: one key naming them all, "a|b".
            name = "|".join(sorted({dist(name) for name in owners[module]}))
            used.setdefault(name, set()).add(str(path.relative_to(PROJECT_DIR)))
    return used


def missing(used: dict[str, set[str]], allowed: set[str]) -> dict[str, list[str]]:
    """The distributions used of which none is declared in ``allowed``."""
    return {name: sorted(where) for name, where in used.items() if not set(name.split("|")) & allowed}


def names(used: dict[str, set[str]]) -> set[str]:
    return {one for name in used for one in name.split("|")}


def files(folder: str, *, skip: str | None = None) -> list[Path]:
    found = sorted((PROJECT_DIR / folder).rglob("*.py"))
    return [p for p in found if skip is None or skip not in p.relative_to(PROJECT_DIR).parts]


def test_the_installed_package_imports_only_its_declared_dependencies() -> None:
    # pipeline/replica generates test reports: it runs with the dev extra.
    used = third_party(files("pipeline", skip="replica"))
    undeclared = missing(used, declared()["runtime"])
    assert not undeclared, f"imported but not in [project] dependencies: {undeclared}"


def test_tests_benchmarks_and_the_replica_import_only_declared_dependencies() -> None:
    used = third_party(files("pipeline/replica") + files("tests", skip="fixtures") + files("bench"))
    everything = set().union(*declared().values())
    undeclared = missing(used, everything)
    assert not undeclared, f"imported but not declared: {undeclared}"


def test_every_declared_dependency_is_used() -> None:
    runtime_used = names(third_party(files("pipeline", skip="replica")))
    unused = declared()["runtime"] - runtime_used - TOOLS
    assert not unused, f"declared in [project] dependencies but never imported by pipeline/: {sorted(unused)}"
    used = names(third_party(files("pipeline") + files("tests", skip="fixtures") + files("bench")))
    for group in ("dev", "cluster"):
        unused = declared()[group] - used - TOOLS - CONFIGURED
        assert not unused, f"declared in the {group} extra but never used: {sorted(unused)}"
