"""The ``selfhelp-exchange`` command line (also ``python -m selfhelp_exchange``).

The evaluator's workflow: ``template`` writes the blank workbook, ``validate`` lists every
problem in a filled-in file, ``score`` writes the scorecards (CSV or XLSX), ``report`` writes
the self-contained HTML report, ``summary`` prints what a file holds, and ``demo`` shows all of
it on the bundled Riverside example.

Exit status: 0 done; 1 ``validate`` found problems in the file; 2 a usage mistake (a missing
argument, a bad option value), a file that cannot be read or does not hold a valid network (for
the commands other than ``validate``), or an output that cannot be written. A user's mistake
prints the library's message to stderr, without a traceback; ``--help`` works on every command.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from selfhelp_exchange import __version__
from selfhelp_exchange.exceptions import (
    DataFileError,
    NetworkValidationError,
    Problem,
    SelfHelpExchangeError,
)
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.privacy import SMALL_CELL_THRESHOLD

__all__ = [
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USER_ERROR",
    "FOLDER",
    "FORMATS",
    "READERS",
    "main",
    "read_any",
]

#: Exit status of a command that did its work.
EXIT_OK = 0
#: Exit status of ``validate`` when the file has problems.
EXIT_INVALID = 1
#: Exit status for a user's mistake (bad file, bad value), as click uses for usage errors.
EXIT_USER_ERROR = 2
#: Where ``demo`` writes the Riverside report, relative to the working directory.
DEMO_REPORT = Path("build") / "riverside-report.html"


def _read_as(fmt: str) -> Callable[[Path], ExchangeNetwork]:
    def reader(path: Path) -> ExchangeNetwork:
        from selfhelp_exchange.io.anyformat import read

        return read(path, format=fmt)

    return reader


#: The :data:`READERS` key of a directory (a folder of CSV tables).
FOLDER = "<folder>"
#: Reader for each format, keyed by its usual suffix (lower case, with the dot), or ``FOLDER``
#: for a directory; :func:`read_any` picks one by the file's content, else its suffix.
READERS: dict[str, Callable[[Path], ExchangeNetwork]] = {
    ".json": _read_as("json"),
    ".xlsx": _read_as("xlsx"),
    ".graphml": _read_as("graphml"),
    ".parquet": _read_as("parquet"),
    FOLDER: _read_as("tables"),
}
#: How each reader's format is named in messages and in the report's data-quality section.
FORMATS: dict[str, str] = {
    ".json": "JSON",
    ".xlsx": "XLSX workbook",
    ".graphml": "GraphML",
    ".parquet": "Parquet",
    FOLDER: "folder of CSV tables",
}
_KEY_OF = {"json": ".json", "xlsx": ".xlsx", "graphml": ".graphml", "parquet": ".parquet"}


def _reader_for(p: Path) -> tuple[str, Callable[[Path], ExchangeNetwork]]:
    from selfhelp_exchange.io.anyformat import detect_format

    fmt = detect_format(p)  # by content, else suffix; refuses .xls/.ods with advice
    key = FOLDER if fmt == "tables" else _KEY_OF[fmt]
    return key, READERS[key]


def read_any(path: str | os.PathLike[str], *, allow_duplicates: bool = False) -> ExchangeNetwork:
    """Read a network from a file, choosing the reader as :func:`selfhelp_exchange.read` does.

    Parameters
    ----------
    path : str or path-like
        A data file, recognised by its content, else by its suffix (case-insensitive):
        JSON, XLSX (also under another suffix), GraphML, Parquet, or a directory of CSV
        tables (see :func:`selfhelp_exchange.read`).
    allow_duplicates : bool
        Read exact duplicate exchange rows (JSON and tables refuse them by default: a copied
        row would count twice); the report's data-quality section then lists them.

    Returns
    -------
    ExchangeNetwork

    Raises
    ------
    DataFileError
        If no reader handles the file (an ``.xls`` or ``.ods`` spreadsheet is refused with the
        advice to save it as ``.xlsx``), or the reader finds the file missing or invalid
        (listing every problem, with sheet, row and column where the format has them).

    Examples
    --------
    >>> import tempfile, pathlib, selfhelp_exchange as shx
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "net.json"
    >>> shx.write_json(shx.load_example("riverside"), p)
    >>> read_any(p).n_agencies
    4
    >>> read_any("network.txt")
    Traceback (most recent call last):
    ...
    selfhelp_exchange.exceptions.DataFileError: the data file cannot be read (1 problem):
      - file network.txt: no reader for '.txt' files (valid: .graphml, .json, .parquet, .pq, .xlsx, a folder)
    """
    p = Path(path)
    key, reader = _reader_for(p)
    if allow_duplicates and key in (FOLDER, ".json", ".xlsx"):
        # the formats an evaluator fills by hand check duplicates; the others carry none
        from selfhelp_exchange.io.anyformat import read

        return read(p, allow_duplicates=True)
    return reader(p)


class _UserError(click.ClickException):
    exit_code = EXIT_USER_ERROR


class _Group(click.Group):
    """A click group that turns the library's errors into a clean message and exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SelfHelpExchangeError as exc:
            raise _UserError(str(exc)) from None
        except OSError as exc:  # an output folder that cannot be written, a full disk, ...
            where = f" {exc.filename}" if exc.filename else ""
            msg = f"cannot write{where}: {exc.strerror or exc}"
            raise _UserError(msg) from None


_EPILOG = """\b
Exit status:
  0  done
  1  validate: the file has problems (each one is listed)
  2  a usage mistake, a file that cannot be read or is not valid,
     or an output that cannot be written
"""


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=_EPILOG)
@click.version_option(__version__, prog_name="selfhelp-exchange")
def main() -> None:
    # click reads the \b (a backspace character) as "keep the next lines as they are"
    """Model and measure exchange between M/SU agencies and self-help groups.

    \b
    An evaluator's workflow:
      selfhelp-exchange template evaluation.xlsx     # fill it in
      selfhelp-exchange validate evaluation.xlsx     # every problem at once
      selfhelp-exchange score evaluation.xlsx -o scores.xlsx
      selfhelp-exchange assess evaluation.xlsx -o assessment.xlsx
      selfhelp-exchange report evaluation.xlsx -o report.html

    Data files: .json, .xlsx, .graphml, or a folder of CSV tables. Run a command with --help to
    see its options.
    """  # noqa: D301


def _refuse_overwrite(path: Path, force: bool) -> None:
    """Every writing command leaves an existing file alone unless told otherwise."""
    if path.exists() and not force:
        msg = f"{path} exists; give another name, or --force to replace it"
        raise _UserError(msg)


_FORCE = click.option("--force", is_flag=True, help="Replace the output if it exists.")
_ALLOW_DUPLICATES = click.option(
    "--allow-duplicates",
    is_flag=True,
    help="Read exact duplicate exchange rows (refused by default: a copied row counts twice); "
    "the report's data-quality section lists them.",
)


def _window(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        msg = f"{name} must be a date YYYY-MM-DD (got {value!r})"
        raise click.BadParameter(msg, param_hint=f"--{name}") from None


_PATH = click.argument("path", type=click.Path(path_type=Path))
_START = click.option("--start", metavar="YYYY-MM-DD", help="First day of the reporting window.")
_END = click.option("--end", metavar="YYYY-MM-DD", help="Last day of the reporting window.")
_THRESHOLD = click.option(
    "--threshold",
    type=click.IntRange(min=1),
    default=SMALL_CELL_THRESHOLD,
    show_default=True,
    help="Client counts from 1 to THRESHOLD-1 are hidden (the public-health small-cell rule).",
)


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEMO_REPORT,
    show_default=True,
    help="Where to write the Riverside report.",
)
@_FORCE
def demo(output: Path, force: bool) -> None:
    """Describe the bundled, fictional Riverside example and write its report.

    An existing report is replaced only with --force (make demo passes it).
    """
    from selfhelp_exchange.datasets import example_path, load_example
    from selfhelp_exchange.report import assess, build_report
    from selfhelp_exchange.summary import summarize

    _refuse_overwrite(output, force)
    net = load_example("riverside")
    title = "Riverside: a fictional community (teaching example)"
    click.echo(summarize(net, title=title))
    path = build_report(
        net,
        output,
        title=title,
        data_quality=assess(net, source="riverside (bundled example)", format="JSON"),
        progress=_progress_default(),
        self_assessment_answers=_answers(Path(str(example_path("riverside")))),
    )
    click.echo(f"\nReport written to {Path(path).resolve()}")


@main.command()
@_PATH
def summary(path: Path) -> None:
    """Print a summary of the network in PATH (.json, .xlsx, .graphml, .parquet or a CSV folder)."""
    from selfhelp_exchange.summary import summarize

    net = read_any(path)
    click.echo(summarize(net, title=str(path)))


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace PATH if it exists.")
@click.option(
    "--personal-networks",
    is_flag=True,
    help="Also add the sheets alters, alter_ties and egos for the personal networks of the "
    "people served.",
)
def template(path: Path, force: bool, personal_networks: bool) -> None:
    """Write a blank evaluator workbook to PATH (.xlsx) to fill in.

    Each sheet is a table (agencies, groups, exchanges, ...); the column headers carry a line of
    help, and columns with a fixed list of values have drop-down lists. Read it back with
    validate, score or report.
    """
    from selfhelp_exchange.io.template import write_template

    _refuse_overwrite(path, force)
    write_template(path, personal_networks=personal_networks)
    click.echo(f"Template written to {path}")


@main.command()
@_PATH
def validate(path: Path) -> None:
    """Check the data in PATH and list every problem, with its sheet, row and column.

    Exits 0 when the file is valid, 1 when it has problems, 2 when it cannot be read at all
    (missing, or a format with no reader).
    """
    if not path.exists():
        msg = f"{path}: no such file or folder"
        raise _UserError(msg)
    _reader_for(path)  # an unknown format is a usage mistake: exit 2
    problems: list[Problem] = []
    net = None
    try:
        net = read_any(path)
    except (DataFileError, NetworkValidationError) as exc:
        problems.extend(exc.problems)
    if net is not None or all(p.sheet is not None for p in problems):
        # the file opened: its self-assessment answers are checked too
        try:
            _answers(path)
        except DataFileError as exc:
            problems.extend(p for p in exc.problems if p not in problems)
    if problems:
        n = len(problems)
        click.echo(f"{path}: {n} problem{'s' if n != 1 else ''} found")
        for p in problems:
            click.echo(f"  - {_where(p, path)}{p.text}")
        sys.exit(EXIT_INVALID)
    assert net is not None  # no problem means the network was read
    try:
        pn = _personal_networks(path, net)
    except DataFileError as exc:
        n = len(exc.problems)
        click.echo(f"{path}: {n} problem{'s' if n != 1 else ''} found in the personal networks")
        for p in exc.problems:
            click.echo(f"  - {_where(p, path)}{p.text}")
        sys.exit(EXIT_INVALID)
    click.echo(
        f"{path}: valid ({net.n_agencies} agencies, {net.n_groups} groups, "
        f"{len(net.actors)} community actors, {net.n_exchanges} exchanges, "
        f"{len(net.initiatives)} initiatives)"
    )
    if pn is not None:
        click.echo(f"{path}: personal networks valid ({pn!r})")


def _where(p: Problem, given: Path) -> str:
    parts = []
    if p.file is not None and Path(p.file) != given:  # a CSV file of a folder: name it
        file = Path(p.file)
        parts.append(f"file {file.name if file.parent == given else p.file}")
    elif p.sheet is not None:  # a CSV file is its table: the sheet would repeat it
        parts.append(f"sheet {p.sheet}")
    if p.row is not None:
        parts.append(f"row {p.row}")
    if p.column is not None:
        parts.append(f"column {p.column}")
    return ", ".join(parts) + ": " if parts else ""


@main.command()
@_PATH
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write: a .csv file (the scorecard) or an .xlsx workbook (every table).",
)
@_THRESHOLD
@_START
@_END
@_FORCE
@_ALLOW_DUPLICATES
def score(
    path: Path,
    output: Path,
    threshold: int,
    start: str | None,
    end: str | None,
    force: bool,
    allow_duplicates: bool,
) -> None:
    """Score every agency in PATH and write the scorecards to a CSV or XLSX file.

    Client counts below the threshold are hidden as *, and no index moves with a hidden count.
    Text cells never run as formulas: in XLSX they are text cells; in CSV a cell starting with
    = + - or @ gets a leading '. A CSV file is UTF-8 with a byte-order mark (Excel reads
    accents right), indices rounded to 3 decimals; XLSX keeps full precision. An existing
    output is replaced only with --force.
    """
    from selfhelp_exchange.report.export import write_scores

    if output.suffix.lower() not in (".csv", ".xlsx"):
        msg = f"the output must end in .csv or .xlsx (got {output.name!r})"
        raise click.BadParameter(msg, param_hint="--output")
    _refuse_overwrite(output, force)
    lo, hi = _window(start, "start"), _window(end, "end")
    output.parent.mkdir(parents=True, exist_ok=True)  # fail before the work, not after
    net = read_any(path, allow_duplicates=allow_duplicates)
    written = write_scores(net, output, start=lo, end=hi, threshold=threshold)
    click.echo(f"Scores for {net.n_agencies} agencies written to {written}")


def _answers(path: Path) -> dict[str, Any]:
    """The self-assessment answers in the data file, if its format can hold them."""
    from selfhelp_exchange.io.assessment import read_self_assessment

    if path.suffix.lower() in (".xlsx", ".json") or path.is_dir():
        return dict(read_self_assessment(path))
    return {}


@main.command("assess")
@_PATH
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write: an .xlsx workbook (sections, items, action_plan) or a .csv file "
    "(the action plan).",
)
@click.option(
    "--radius-m",
    default=10_000.0,
    show_default=True,
    type=float,
    help="Reach in metres for the evening/weekend meeting item.",
)
@click.option(
    "--radius-km",
    default=None,
    type=float,
    hidden=True,
    help="Deprecated: use --radius-m (metres).",
)
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
def assess_command(
    path: Path, output: Path, radius_m: float, radius_km: float | None, force: bool
) -> None:
    """Run the local mutual-aid self-assessment on PATH and write it with its action plan.

    Items the data can answer are computed from the network; the rest are read from the
    self_assessment sheet of the workbook (answers yes, partly, no or unknown, with evidence).
    The action plan lists every item not met, partly met or unknown, what would meet it and who
    is placed to act, with owner and due-date columns to fill in.
    """
    from selfhelp_exchange.report.selfassessment import write_assessment
    from selfhelp_exchange.selfassessment import self_assessment

    if output.suffix.lower() not in (".csv", ".xlsx"):
        msg = f"the output must end in .xlsx or .csv (got {output.name!r})"
        raise click.BadParameter(msg, param_hint="--output")
    if output.exists() and not force:
        msg = f"{output} exists; give another name, or --force to replace it"
        raise _UserError(msg)
    net = read_any(path)
    if radius_km is not None:
        # the old spelling, kept one release: every distance argument is now in metres
        click.echo(
            "Warning: --radius-km is deprecated and will stop working in the next release; "
            f"write --radius-m {radius_km * 1000:g}",
            err=True,
        )
        radius_m = radius_km * 1000.0
    sa = self_assessment(net, _answers(path), radius_m=radius_m)
    written = write_assessment(sa, output)
    n_plan = len(sa.action_plan())
    click.echo(f"Self-assessment ({len(sa.items)} items, {n_plan} actions) written to {written}")


def _progress_default() -> bool:
    return sys.stderr.isatty()


@main.command()
@_PATH
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the report: a .html file (or .pdf with --pdf).",
)
@click.option("--title", default="Agency and self-help linkage report", show_default=True)
@_THRESHOLD
@_START
@_END
@click.option(
    "--pdf",
    is_flag=True,
    help="Print the report to a .pdf file with headless Chromium or Chrome (must be installed).",
)
@_FORCE
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar (default: when stderr is a terminal).",
)
@click.option(
    "--personal-networks-by",
    default=None,
    help="An ego attribute (e.g. rlc_participant) to compare the change in personal networks "
    "by, when PATH holds them (sheets or files alters, alter_ties, egos).",
)
@_ALLOW_DUPLICATES
def report(
    path: Path,
    output: Path,
    title: str,
    threshold: int,
    start: str | None,
    end: str | None,
    pdf: bool,
    force: bool,
    progress: bool | None,
    personal_networks_by: str | None,
    allow_duplicates: bool,
) -> None:
    """Write the self-contained HTML report on the network in PATH.

    One file, nothing fetched from elsewhere: an overview, each agency's scorecard and gaps,
    the network, heatmaps, the continuum, linkage over time, methods and data quality. The
    output ends in .html; with --pdf it ends in .pdf and a headless Chromium prints it. An
    existing output is replaced only with --force.
    """
    from selfhelp_exchange.report import assess, build_report

    want = (".pdf",) if pdf else (".html", ".htm")
    if output.suffix.lower() not in want:
        hint = "; add --pdf to print it to PDF" if output.suffix.lower() == ".pdf" else ""
        msg = f"the output must end in {' or '.join(want)} (got {output.name!r}){hint}"
        raise click.BadParameter(msg, param_hint="--output")
    _refuse_overwrite(output, force)
    if pdf:
        from selfhelp_exchange.report.pdf import find_browser, print_to_pdf

        if find_browser() is None:
            print_to_pdf("", output)  # raises the message saying what to install
    lo, hi = _window(start, "start"), _window(end, "end")
    output.parent.mkdir(parents=True, exist_ok=True)  # fail before the work, not after
    key, _ = _reader_for(path) if path.exists() else ("", None)
    net = read_any(path, allow_duplicates=allow_duplicates)
    # the file name only: a folder's name can carry a person's name
    quality = assess(net, source=path.name, format=FORMATS.get(key), start=lo, end=hi)
    pn = _personal_networks(path, net)
    html = build_report(
        net,
        None,
        title=title,
        threshold=threshold,
        start=lo,
        end=hi,
        data_quality=quality,
        progress=_progress_default() if progress is None else progress,
        self_assessment_answers=_answers(path),
        personal_networks=pn,
        personal_networks_by=personal_networks_by,
    )
    assert isinstance(html, str)  # path=None returns the page
    if pdf:
        written = print_to_pdf(html, output)
    else:
        output.write_text(html, encoding="utf-8")
        written = output
    click.echo(f"Report written to {written}")


def _personal_networks(path: Path, net: ExchangeNetwork) -> Any:
    """The personal networks PATH holds beside the network (sheets or files), or None."""
    from selfhelp_exchange.egonet.io import has_personal_networks, read_personal_networks

    return read_personal_networks(path, network=net) if has_personal_networks(path) else None
