"""What several ``ogi`` commands share: the options of polite fetching, of the data folder and the
catalog (which ``Settings.from_env`` takes over the environment's), and checks of argument values."""

from __future__ import annotations

import argparse
import math
from typing import TYPE_CHECKING

from pipeline.core.errors import OgiError

if TYPE_CHECKING:
    from pipeline.fetch import Policy


class UsageError(OgiError):
    """Arguments that each make sense but not together."""


DATA_DIR_DEFAULT = "$OGI_DATA_DIR or data/"
CATALOG_DEFAULT = "$OGI_CATALOG or data/catalog.yaml"


def add_data_dir(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--data-dir", metavar="DIR", help=f"{what} (default: {DATA_DIR_DEFAULT})")


def add_catalog(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--catalog", metavar="FILE", help=f"the catalog (default: {CATALOG_DEFAULT})")


def add_fetch_options(parser: argparse.ArgumentParser) -> None:
    polite = parser.add_argument_group("fetching")
    polite.add_argument(
        "--delay", type=float, default=1.0, metavar="S", help="seconds between requests to one host (default: 1)"
    )
    polite.add_argument(
        "--timeout", type=float, default=30.0, metavar="S", help="seconds before a request times out (default: 30)"
    )
    polite.add_argument(
        "--retries", type=int, default=3, metavar="N", help="retries on timeouts and server errors (default: 3)"
    )


def fetch_policy(args: argparse.Namespace) -> Policy:
    from pipeline.fetch import Policy  # imported when used: `ogi --help` stays quick

    return Policy(timeout=args.timeout, retries=args.retries, min_interval=args.delay)


def seconds(text: str) -> float:
    """A number of seconds above 0 (an argument type)."""
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not number > 0:
        raise argparse.ArgumentTypeError(f"expected a number of seconds above 0, got {text!r}")
    return number


def at_least_one(text: str) -> int:
    """A whole number of at least 1 (an argument type)."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return number
