"""The ``ogi`` command line as a newcomer meets it: every command explains itself with examples
that are real commands, and each command's folders come from its arguments, else the environment."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from pipeline.cli import COMMANDS, build_parser, main
from pipeline.core.settings import PROJECT_DIR, Settings


def example_lines(name: str) -> list[str]:
    """The command lines of a command's examples: its lines that start with ``ogi``."""
    return [line.strip() for line in COMMANDS[name].EXAMPLES.splitlines() if line.strip().startswith("ogi ")]


def examples(name: str) -> list[list[str]]:
    """The arguments of each example, as a shell would pass them (without ``ogi``)."""
    return [shlex.split(line)[1:] for line in example_lines(name)]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_example_is_a_command_line_ogi_accepts(name: str) -> None:
    found = examples(name)
    assert found, f"ogi {name} --help shows no example"
    for argv in found:
        assert argv[0] == name
        build_parser().parse_args(argv)  # argparse exits on a line it does not accept


@pytest.mark.parametrize("name", COMMANDS)
def test_help_shows_the_description_and_the_examples(name: str, capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main([name, "--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0
    assert out.startswith(f"usage: ogi {name}") and "\nexamples:\n" in out
    for line in example_lines(name):
        assert f"\n  {line}\n" in out


# The examples that need no network and no built warehouse, run as shown from the project folder.
OFFLINE = [
    ("extract", "data/samples/mfa-2020.pdf", "\nrequests,new_requests,natural_person,26,"),
    ("extract", "--format", '"engine": "html"'),
    ("catalog", "", "huaian-hongze"),
    ("catalog", "--agency", "hosts:     www.mfa.gov.cn"),
    ("discover", "--offline", "mfa: would read 1 listing page"),
]


@pytest.mark.parametrize(("name", "first", "expected"), OFFLINE)
def test_the_offline_examples_print_what_they_say(
    name: str, first: str, expected: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    argv = next(argv for argv in examples(name) if argv[1:2] == [first] or (not first and len(argv) == 1))
    monkeypatch.chdir(PROJECT_DIR)
    monkeypatch.setenv("OGI_DATA_DIR", str(tmp_path))  # no warehouse: the examples must not need one
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert expected in out and err == ""


def test_an_argument_wins_over_the_environment_and_the_environment_over_the_default(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("OGI_DATA_DIR", raising=False)
    monkeypatch.delenv("OGI_CATALOG", raising=False)
    default = Settings.from_env()
    assert default == Settings(PROJECT_DIR / "data", PROJECT_DIR / "data" / "catalog.yaml")
    monkeypatch.setenv("OGI_DATA_DIR", "env-data")
    monkeypatch.setenv("OGI_CATALOG", "env.yaml")
    assert Settings.from_env() == Settings(tmp_path / "env-data", tmp_path / "env.yaml")
    # Relative arguments are taken from the current folder; an empty one counts as not given.
    assert Settings.from_env(data_dir="mine", catalog="") == Settings(tmp_path / "mine", tmp_path / "env.yaml")
    assert Settings.from_env(catalog=tmp_path / "c.yaml").catalog_path == tmp_path / "c.yaml"
