"""Publish a built warehouse so that no other session can break it.

Each build is its own file, ``warehouses/<stamp>-<id>.duckdb`` beside the entry point, and
``warehouse.duckdb`` is a symbolic link to the published one, replaced atomically. DuckDB resolves
the link when a session opens it, so a session keeps the build it opened, and its write-ahead log
is ``<that build>.duckdb.wal``: a session holding an old build for writing (or killed while doing
so) can never put a WAL beside the build new sessions open. Builds no longer published are removed
once no session holds them for writing, but one: the spare, the build published before the
current one (or a copy of a build made in full), which the next incremental build takes over and
brings up to date in place rather than copying the whole published file. A build that someone
changed after it was published (a WAL beside it, or a file that differs from its seal) is never
trusted as the base of the next build nor kept as the spare.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import uuid
from datetime import UTC, datetime
from pathlib import Path

BUILDING = ".building"
SEAL = ".sealed"  # size and mtime of a build when it was published


def builds_dir(target: Path) -> Path:
    """Where the builds behind ``target`` live: ``data/warehouses/`` for ``data/warehouse.duckdb``."""
    return target.with_name(f"{target.stem}s")


def new_build_path(target: Path) -> Path:
    """A fresh file in the builds folder (same filesystem as ``target``, so renames are atomic)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = builds_dir(target)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f".{stamp}-{uuid.uuid4().hex[:8]}{target.suffix}{BUILDING}"


def published_build(target: Path) -> Path | None:
    """The file new sessions open through ``target``: the build it links to (or ``target`` itself,
    a plain file published before builds had their own names)."""
    if target.is_symlink():
        resolved = target.resolve()
        return resolved if resolved.is_file() else None
    return target if target.is_file() else None


def wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _lock_refused(path: Path, mode: int, lock: int, missing: bool) -> bool:
    """Whether a POSIX ``lock`` on ``path`` (opened with ``mode``) is refused: someone holds a
    conflicting one. ``missing``: the answer when there is no such file. Closing the probe
    releases every lock this process holds on the file."""
    try:
        fd = os.open(path, mode)
    except FileNotFoundError:
        return missing
    try:
        fcntl.lockf(fd, lock | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def held_for_writing(path: Path) -> bool:
    """True when some process holds ``path`` open read-write with DuckDB (which takes an exclusive
    POSIX lock on it; read-only sessions take shared ones). Call it while this process has no
    DuckDB connection to ``path``."""
    return _lock_refused(path, os.O_RDONLY, fcntl.LOCK_SH, missing=False)


def is_open(path: Path) -> bool:
    """True when any process has ``path`` open with DuckDB, to read or to write (or it is gone).
    Like ``held_for_writing``, call it while this process has no DuckDB connection to ``path``."""
    return _lock_refused(path, os.O_RDWR, fcntl.LOCK_EX, missing=True)


# FICLONE: a copy that shares the blocks of the original (btrfs, XFS): instant, whatever the size.
FICLONE = 0x40049409


def copy_build(source: Path, destination: Path) -> None:
    """Copy a build, as a reflink where the file system allows it, else byte for byte."""
    with open(source, "rb") as src, open(destination, "wb") as dst:
        try:
            fcntl.ioctl(dst.fileno(), FICLONE, src.fileno())
            return
        except OSError:
            pass
    shutil.copyfile(source, destination)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _seal(path: Path) -> dict[str, int]:
    stat = path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def publish(built: Path, target: Path) -> Path:
    """Give ``built`` its final name and point ``target`` at it; returns the published build."""
    with open(built, "rb") as handle:
        os.fsync(handle.fileno())
    final = built.with_name(built.name.removeprefix(".").removesuffix(BUILDING))
    os.replace(built, final)
    final.with_name(final.name + SEAL).write_text(json.dumps(_seal(final)) + "\n", encoding="utf-8")
    link = target.with_name(f".{target.name}.{uuid.uuid4().hex}.link")
    os.symlink(os.path.relpath(final, target.parent), link)
    try:
        os.replace(link, target)  # atomic: a new session opens either the old build or this one
    except BaseException:
        link.unlink(missing_ok=True)
        raise
    _fsync_dir(final.parent)
    _fsync_dir(target.parent)
    return final


def is_intact(build: Path) -> bool:
    """True when ``build`` is exactly as published: no WAL beside it, size and mtime as sealed."""
    if wal(build).exists():
        return False
    try:
        sealed = json.loads(build.with_name(build.name + SEAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return sealed == _seal(build)


def _builds(target: Path) -> list[Path]:
    """The finished builds, last written last (a spare brought up to date is newer than its name)."""
    folder = builds_dir(target)
    found = [p for p in folder.glob(f"*{target.suffix}") if not p.name.startswith(".")] if folder.is_dir() else []
    written = {}
    for path in found:
        try:
            written[path] = (path.stat().st_mtime_ns, path.name)
        except FileNotFoundError:
            continue  # removed meanwhile
    return sorted(written, key=written.__getitem__)


def spare_build(target: Path) -> Path | None:
    """The newest build other than the published one, when it is exactly as it was published."""
    published = published_build(target)
    others = [b for b in _builds(target) if b != published]
    return others[-1] if others and is_intact(others[-1]) else None


def take_spare(target: Path) -> Path | None:
    """The spare build, moved to a fresh build path (``new_build_path``) for a build to bring up
    to date in place; None when there is none or some session has it open."""
    spare = spare_build(target)
    if spare is None or is_open(spare):
        return None
    built = new_build_path(target)
    os.replace(spare, built)
    spare.with_name(spare.name + SEAL).unlink(missing_ok=True)
    return built


def keep_spare(target: Path) -> None:
    """Make a copy of the published build the spare, so the next incremental build copies nothing."""
    published = published_build(target)
    assert published is not None
    copy = new_build_path(target)
    try:
        copy_build(published, copy)
        final = copy.with_name(copy.name.removeprefix(".").removesuffix(BUILDING))
        os.replace(copy, final)
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    final.with_name(final.name + SEAL).write_text(json.dumps(_seal(final)) + "\n", encoding="utf-8")


def discard_stale(target: Path) -> list[str]:
    """Remove what earlier runs and sessions left: builds no longer published but the spare (once
    no session holds them for writing) with their WAL and seal, unfinished builds, and WAL files
    whose database is gone. Returns what was kept and why, for the log."""
    kept = []
    published, spare = published_build(target), spare_build(target)
    folder = builds_dir(target)
    # Files of builds that died before publishing, in this layout and the one before it.
    candidates = list(folder.glob("*")) if folder.is_dir() else []
    candidates += list(target.parent.glob(f".{target.name}.*.building*"))
    candidates += list(target.parent.glob(f".{target.name}.*.link"))
    if target.is_symlink():
        candidates.append(wal(target))  # beside the link, DuckDB never reads it
    for path in candidates:
        if path.name.endswith((".wal", SEAL)):
            database = path.with_name(path.name.removesuffix(".wal").removesuffix(SEAL))
            if database.exists() and database != target:
                continue  # goes with its database
        elif path in (published, spare):
            continue
        elif held_for_writing(path):
            kept.append(f"{path.name} is held open for writing by another session; kept until it is closed")
            continue
        else:
            wal(path).unlink(missing_ok=True)
            path.with_name(path.name + SEAL).unlink(missing_ok=True)
        path.unlink(missing_ok=True)
    return kept
