"""Print the HTML report to PDF with a headless Chromium (or Chrome), when one is installed.

The report's print stylesheet does the layout; the browser only prints it. No browser is
bundled or downloaded: without one, :func:`print_to_pdf` says so and what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from selfhelp_exchange.exceptions import DataFileError, Problem

__all__ = ["BROWSERS", "find_browser", "print_to_pdf"]

#: Executable names tried, in order, on the PATH.
BROWSERS: tuple[str, ...] = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "msedge",
)
_TIMEOUT_S = 120


def find_browser() -> str | None:
    """The path of a Chromium-family browser to print with, or None.

    The ``SHX_CHROMIUM`` environment variable, when set, names it; otherwise the first of
    :data:`BROWSERS` on the PATH.
    """
    given = os.environ.get("SHX_CHROMIUM", "").strip()
    if given:
        return given if Path(given).exists() else shutil.which(given)
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_to_pdf(html: str, path: str | os.PathLike[str], *, browser: str | None = None) -> Path:
    """Print report HTML to a PDF file with a headless Chromium.

    Parameters
    ----------
    html : str
        The report (from :func:`~selfhelp_exchange.build_report` with ``path=None``).
    path : str or path-like
        The PDF to write.
    browser : str, optional
        The browser executable (default :func:`find_browser`).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    DataFileError
        If no browser is found, or it fails to print.
    """
    out = Path(path)
    exe = browser or find_browser()
    if exe is None:
        msg = (
            "--pdf needs Chromium or Google Chrome, and none was found (install Debian's "
            "'chromium' package, or set SHX_CHROMIUM to the browser's path); or write the "
            ".html report and print it to PDF from any browser"
        )
        raise DataFileError([Problem(msg, file=str(out))], header="the PDF cannot be written")
    with tempfile.TemporaryDirectory(prefix="shx-pdf-") as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html, encoding="utf-8")
        target = Path(tmp) / "report.pdf"
        cmd = [
            exe,
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--no-first-run",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={target}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(
                cmd, capture_output=True, text=True, timeout=_TIMEOUT_S, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            msg = f"the browser {exe} could not print the report: {exc}"
            raise DataFileError(
                [Problem(msg, file=str(out))], header="the PDF cannot be written"
            ) from None
        if not target.exists() or target.stat().st_size == 0:
            tail = (done.stderr or "").strip().splitlines()[-1:] or ["no output"]
            msg = f"the browser {exe} printed no PDF (exit {done.returncode}: {tail[0]})"
            raise DataFileError([Problem(msg, file=str(out))], header="the PDF cannot be written")
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(target), out)
    return out
