"""The ``ogi`` command line: the parser and ``main``; each command lives in its own module
(``<name>_cmd.py``: its help, its arguments and ``run``, which loads the input, calls one stage and
prints). Failures of the user's arguments or of the input are ``OgiError``s, each printed here as
one line."""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
import textwrap
from collections.abc import Sequence
from types import ModuleType

from pipeline import __version__
from pipeline.cli import catalog_cmd, discover_cmd, extract_cmd, history_cmd, report_cmd, run_cmd, sql_cmd
from pipeline.core.errors import OgiError

# In the order `ogi --help` lists them.
COMMANDS: dict[str, ModuleType] = {
    "extract": extract_cmd,
    "discover": discover_cmd,
    "catalog": catalog_cmd,
    "run": run_cmd,
    "sql": sql_cmd,
    "history": history_cmd,
    "report": report_cmd,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ogi",
        description="Turn government information-disclosure annual reports into a dataset.",
        epilog="`ogi COMMAND --help` explains a command, with examples.",
    )
    parser.add_argument("--version", action="version", version=f"ogi-reports {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    width = shutil.get_terminal_size().columns - 2  # as argparse wraps the options' help
    for name, command in COMMANDS.items():
        one = sub.add_parser(
            name,
            help=command.HELP,
            description=textwrap.fill(command.DESCRIPTION, width, break_on_hyphens=False),
            epilog=f"examples:\n{command.EXAMPLES}",
            # Descriptions are wrapped above; the examples' lines stay as written.
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.add_arguments(one)
        one.set_defaults(handler=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except OgiError as exc:
        print(f"ogi: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        from pipeline.launcher import ctrl_c

        ctrl_c.ignore_from_now()
        # Whatever was being built is discarded; published files are only ever replaced whole.
        print("ogi: interrupted; nothing half-built was published", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`ogi ... | head`): stop quietly with SIGPIPE's status, as other
        # command-line tools do, and keep the interpreter from failing again when it flushes stdout.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + signal.SIGPIPE
