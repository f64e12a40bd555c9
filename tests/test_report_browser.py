"""The report in a real browser: headless Chromium, driven over the DevTools protocol.

Opens the report of a Riverside variant with small client counts, takes a full-page
screenshot, and checks that every figure rendered (its box has a size and its pixels are not
blank), that no request left the page (every request the page made is ``file:`` or ``data:``),
and that no suppressed count appears in a cell that counts people.

Needs Debian's ``chromium`` (``.ci/run`` installs it); skips with the reason when it is absent.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.datasets import example_path

THRESHOLD = 11
#: Paper sizes the report must print on (inches), and the most pages it may take.
PAPERS = {"letter": (8.5, 11.0), "a4": (8.27, 11.69)}
MAX_PAGES = 10


def _pdf_pages(data: bytes) -> int:
    """Pages of a PDF: its page objects (``/Type /Page``, not ``/Pages``)."""
    return len(re.findall(rb"/Type\s*/Page(?!s)", data))


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium browser found (install Debian's 'chromium' package; .ci/run does)",
)


_LAUNCHER = """
import fcntl, os, sys
r, w = (fcntl.fcntl(int(fd), fcntl.F_DUPFD, 10) for fd in sys.argv[1:3])
os.dup2(r, 3)
os.dup2(w, 4)
os.execv(sys.argv[3], sys.argv[3:])
"""


class DevTools:
    """A minimal Chrome DevTools Protocol client over ``--remote-debugging-pipe``.

    Chromium reads commands from its fd 3 and writes replies and events to its fd 4, each a
    JSON message ended by a NUL byte. No websocket, no extra package.
    """

    def __init__(self, binary: str, profile: Path) -> None:
        cmd_r, self._cmd_w = os.pipe()
        self._resp_r, resp_w = os.pipe()
        args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-default-apps",
            "--disable-extensions",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            "--hide-scrollbars",
            "--remote-debugging-pipe",
            f"--user-data-dir={profile}",
            "about:blank",
        ]
        # a small launcher puts the two pipe ends on fds 3 and 4, then becomes Chromium
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _LAUNCHER, str(cmd_r), str(resp_w), binary, *args],
            pass_fds=(cmd_r, resp_w),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(cmd_r)
        os.close(resp_w)
        self._buf = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.write(
                self._cmd_w, json.dumps({"id": 0, "method": "Browser.close"}).encode() + b"\0"
            )
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        os.close(self._cmd_w)
        os.close(self._resp_r)

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                pytest.fail("Chromium did not answer in time")
            ready, _, _ = select.select([self._resp_r], [], [], left)
            if ready:
                chunk = os.read(self._resp_r, 1 << 20)
                if not chunk:
                    pytest.fail("Chromium closed the DevTools pipe")
                self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next += 1
        msg: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        os.write(self._cmd_w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + 60
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next:
                if "error" in reply:
                    pytest.fail(f"DevTools {method} failed: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 60) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        for e in self.events:
            if e.get("method") == method:
                return e
        while True:
            e = self._read(deadline)
            self.events.append(e)
            if e.get("method") == method:
                return e


def _small_count_riverside() -> shx.ExchangeNetwork:
    """Riverside with attendance weights of 2 to 9: counts the report must hide."""
    net = shx.load_example("riverside")
    small = iter([3, 7, 2, 9, 4, 6, 5, 8])
    exchanges = [
        attrs.evolve(e, weight=next(small, 5)) if e.kind is shx.ExchangeKind.ATTENDANCE else e
        for e in net.exchanges
    ]
    return shx.ExchangeNetwork(
        net.agencies, net.groups, net.actors, exchanges, net.initiatives, net.observations
    )


_PROBE = """
(() => {
  const rect = (el) => { const r = el.getBoundingClientRect();
    return {x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height}; };
  const figures = [...document.querySelectorAll('figure.chart')].map((f) => ({
    id: f.id, svg: f.querySelectorAll('svg').length, box: rect(f.querySelector('svg')) }));
  const counts = [...document.querySelectorAll('td.count.people')].map((td) => td.textContent.trim());
  const svgCounts = [...document.querySelectorAll('#fig-clients g[id^="clients-cell-"] text')]
    .map((t) => t.textContent.trim());
  return JSON.stringify({figures, counts, svgCounts,
    width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight,
    sections: [...document.querySelectorAll('section[id]')].map((s) => s.id)});
})()
"""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    assert CHROMIUM is not None
    tmp = tmp_path_factory.mktemp("browser")
    # the whole report, as `make demo` builds it: with the evaluator's self-assessment answers
    # (a longer action plan than unanswered items give)
    answers = shx.read_self_assessment(example_path("riverside"))
    report = Path(
        shx.build_report(
            _small_count_riverside(),
            tmp / "report.html",
            threshold=THRESHOLD,
            self_assessment_answers=answers,
        )
    )
    devtools = DevTools(CHROMIUM, tmp / "profile")
    try:
        target = devtools.send("Target.createTarget", url="about:blank")["targetId"]
        session = devtools.send("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        devtools.send("Network.enable", session)
        devtools.send("Page.enable", session)
        devtools.send(
            "Emulation.setDeviceMetricsOverride",
            session,
            width=1280,
            height=900,
            deviceScaleFactor=1,
            mobile=False,
        )
        devtools.send("Page.navigate", session, url=report.as_uri())
        devtools.wait_for("Page.loadEventFired")
        probe = json.loads(
            devtools.send("Runtime.evaluate", session, expression=_PROBE, returnByValue=True)[
                "result"
            ]["value"]
        )
        shot = devtools.send(
            "Page.captureScreenshot",
            session,
            format="png",
            captureBeyondViewport=True,
            clip={"x": 0, "y": 0, "width": probe["width"], "height": probe["height"], "scale": 1},
        )
        pages = {}
        for paper, (w_in, h_in) in PAPERS.items():
            pdf = devtools.send(
                "Page.printToPDF",
                session,
                paperWidth=w_in,
                paperHeight=h_in,
                marginTop=0.47,
                marginBottom=0.47,
                marginLeft=0.47,
                marginRight=0.47,
                printBackground=True,
            )
            pages[paper] = _pdf_pages(base64.b64decode(pdf["data"]))
    finally:
        devtools.close()
    png = tmp / "report.png"
    png.write_bytes(base64.b64decode(shot["data"]))
    requests = [
        e["params"]["request"]["url"]
        for e in devtools.events
        if e.get("method") == "Network.requestWillBeSent"
    ]
    return {"probe": probe, "png": png, "requests": requests, "html": report, "pages": pages}


def test_riverside_prints_on_at_most_ten_pages(rendered) -> None:
    # issue #14's budget, Letter and A4 (12 mm margins), Chromium's print to PDF: the whole
    # report (overview to data quality, with the robustness, self-assessment and social
    # sections of issues #13, #16 and #17) prints on at most 10 pages
    pages = rendered["pages"]
    assert set(pages) == set(PAPERS)
    assert all(1 < n <= MAX_PAGES for n in pages.values()), pages


def test_every_section_and_figure_rendered(rendered) -> None:
    import matplotlib.image as mpimg

    probe = rendered["probe"]
    assert probe["sections"] == [sid for sid, _ in shx.report.SECTIONS]
    ids = [f["id"] for f in probe["figures"]]
    assert ids == [
        "fig-profile",
        "fig-network",
        "fig-heatmap",
        "fig-clients",
        "fig-continuum",
        "fig-timeline",
    ]
    image = mpimg.imread(rendered["png"])  # float RGB(A) in [0, 1], rows = page y
    assert image.shape[0] == probe["height"]
    assert image.shape[1] == probe["width"]
    for f in probe["figures"]:
        assert f["svg"] == 1, f
        box = f["box"]
        assert box["w"] > 300, f
        assert box["h"] > 100, f
        y0, x0 = int(box["y"]), int(box["x"])
        crop = image[y0 : y0 + int(box["h"]), x0 : x0 + int(box["w"]), :3]
        # drawn: a good share of the box is not white, and it holds several colours
        inked = (crop < 0.9).any(axis=2).mean()
        assert inked > 0.02, (f["id"], inked)
        rgb = (crop[::2, ::2] * 255).astype(np.int64)
        colours = np.unique(rgb[..., 0] * 65536 + rgb[..., 1] * 256 + rgb[..., 2])
        assert len(colours) > 20, f


def test_no_request_left_the_page(rendered) -> None:
    requests = rendered["requests"]
    assert requests, "the page load itself should be recorded"
    assert requests[0] == rendered["html"].as_uri()
    offsite = [u for u in requests if not u.startswith(("file:", "data:"))]
    assert offsite == []


def test_no_suppressed_count_is_shown(rendered) -> None:
    probe = rendered["probe"]
    # overview (one per agency) and the linked-groups tables
    assert len(probe["counts"]) >= 4 + 18
    assert "*" in probe["counts"]
    assert probe["svgCounts"]
    assert "*" in probe["svgCounts"]
    for text in [*probe["counts"], *probe["svgCounts"]]:
        assert text in {"*", "0"} or int(text) >= THRESHOLD, text
