"""A command tied to the process that started it: ``python -m pipeline.launcher.tether COMMAND...``.

``ogi run`` starts Dagster's own processes for the length of the command (a code server, at times
the daemon). They must not outlive it, however it ends: killed outright, it cannot stop them. So
each runs under a tether that reads its standard input, a pipe from ``ogi run``: the kernel closes
the pipe when ``ogi run`` ends in any way, and the tether then sends the command SIGTERM (Dagster's
servers and daemon take it as Ctrl-C: they shut down cleanly, a code server once its runs have
finished) and waits for it. Plain POSIX: no heartbeat protocol, no private Dagster client.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading


def _stop_at_eof(child: subprocess.Popen) -> None:
    """Block until standard input closes, then ask the command to stop."""
    while os.read(0, 4096):
        pass  # nothing is ever written: only the end of the pipe matters
    if child.poll() is None:
        child.send_signal(signal.SIGTERM)


def main(argv: list[str]) -> int:
    """Run ``argv`` until standard input closes or the command ends; exit with its status."""
    if not argv:
        print("usage: python -m pipeline.launcher.tether COMMAND [ARG...]", file=sys.stderr)
        return 2
    child = subprocess.Popen(argv, stdin=subprocess.DEVNULL)
    threading.Thread(target=_stop_at_eof, args=(child,), name="tether", daemon=True).start()
    code = child.wait()
    return 128 - code if code < 0 else code  # killed by a signal: the shell's 128 + its number


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
