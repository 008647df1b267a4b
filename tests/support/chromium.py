"""Headless Chromium (Debian's ``chromium``) driven over the DevTools protocol with ``websockets``:
open a page, record every request, console error, exception and dialog, evaluate expressions,
take screenshots at given widths."""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import websockets

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--remote-debugging-port=0",
]
MAX_SHOT = 16_000  # CSS px: the top of a longer page (Chromium refuses very tall screenshots)
# Lazy images below the fold would never load in a screenshot: ask for all of them, wait for each.
LOAD_IMAGES = """Promise.all([...document.images].map(img => { img.loading = "eager";
  return img.complete ? null : new Promise(done => { img.onload = img.onerror = done; }); }))"""


@dataclass
class Visit:
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # console errors, exceptions, failed loads, dialogs
    values: dict[str, Any] = field(default_factory=dict)  # name -> value of an evaluated expression
    screenshots: dict[str, Path] = field(default_factory=dict)


class _Session:
    def __init__(self, socket: Any) -> None:
        self.socket, self.ids, self.pending, self.events = socket, itertools.count(1), {}, []
        self.loaded = asyncio.Event()

    async def read(self) -> None:
        async for message in self.socket:
            data = json.loads(message)
            if "id" in data:
                self.pending.pop(data["id"]).set_result(data)
            else:
                self.events.append(data)
                if data["method"] == "Page.loadEventFired":
                    self.loaded.set()

    async def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        ident = next(self.ids)
        future = asyncio.get_running_loop().create_future()
        self.pending[ident] = future
        message = {"id": ident, "method": method, "params": params} | ({"sessionId": session} if session else {})
        await self.socket.send(json.dumps(message))
        reply = await asyncio.wait_for(future, 60)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply["result"]


def _errors(events: list[dict[str, Any]]) -> list[str]:
    found = []
    for event in events:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
            found.append("console: " + " ".join(str(a.get("value", a.get("description"))) for a in params["args"]))
        elif method == "Runtime.exceptionThrown":
            found.append("exception: " + params["exceptionDetails"].get("text", ""))
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            found.append(f"log: {params['entry']['text']} {params['entry'].get('url', '')}")
        elif method == "Network.loadingFailed":
            found.append(f"failed load: {params['errorText']}")
        elif method == "Page.javascriptDialogOpening":
            found.append(f"dialog: {params['message']}")
    return found


async def _visit(port_file: Path, url: str, expressions: dict[str, str], widths: dict[str, int], out: Path) -> Visit:
    deadline = time.monotonic() + 30
    while not (port_file.is_file() and len(port_file.read_text().split()) == 2):
        if time.monotonic() > deadline:
            raise TimeoutError("chromium did not open its DevTools port")
        await asyncio.sleep(0.1)
    port, path = port_file.read_text().split()
    visit = Visit()
    async with websockets.connect(f"ws://127.0.0.1:{port}{path}", max_size=None) as socket:
        cdp = _Session(socket)
        reader = asyncio.create_task(cdp.read())
        target = (await cdp.send("Target.createTarget", url="about:blank"))["targetId"]
        session = (await cdp.send("Target.attachToTarget", targetId=target, flatten=True))["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            await cdp.send(f"{domain}.enable", session)
        await cdp.send("Page.navigate", session, url=url)
        await asyncio.wait_for(cdp.loaded.wait(), 60)
        await cdp.send("Runtime.evaluate", session, expression=LOAD_IMAGES, awaitPromise=True)
        for name, width in widths.items():
            await cdp.send(
                "Emulation.setDeviceMetricsOverride",
                session,
                width=width,
                height=900,
                deviceScaleFactor=1,
                mobile=width < 600,
            )
            await cdp.send("Runtime.evaluate", session, expression=LOAD_IMAGES, awaitPromise=True)
            for key, expression in expressions.items():
                reply = await cdp.send(
                    "Runtime.evaluate", session, expression=expression, returnByValue=True, awaitPromise=True
                )
                visit.values[f"{name}:{key}"] = reply["result"].get("value")
            size = (await cdp.send("Page.getLayoutMetrics", session))["cssContentSize"]
            clip = {"x": 0, "y": 0, "width": width, "height": min(size["height"], MAX_SHOT), "scale": 1}
            shot = await cdp.send(
                "Page.captureScreenshot", session, format="png", captureBeyondViewport=True, clip=clip
            )
            visit.screenshots[name] = out / f"page-{name}.png"
            visit.screenshots[name].write_bytes(base64.b64decode(shot["data"]))
        reader.cancel()
    visit.requests = [e["params"]["request"]["url"] for e in cdp.events if e["method"] == "Network.requestWillBeSent"]
    visit.errors = _errors(cdp.events)
    return visit


def visit(url: str, out: Path, *, expressions: dict[str, str], widths: dict[str, int]) -> Visit:
    """Open ``url`` in a fresh headless Chromium; at each width (``name -> CSS px``) evaluate the
    expressions and save a full-page screenshot ``out/page-<name>.png``."""
    with tempfile.TemporaryDirectory(prefix="ogi-chromium-") as profile:
        # Its own process group, so that its helper processes (zygotes, renderers) end with it.
        browser = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}"],
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            return asyncio.run(_visit(Path(profile) / "DevToolsActivePort", url, expressions, widths, out))
        finally:
            os.killpg(browser.pid, signal.SIGTERM)
            try:
                browser.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(browser.pid, signal.SIGKILL)
                browser.wait()
