"""The ``selfhelp-exchange`` command line (also ``python -m selfhelp_exchange``).

A user's mistake (a missing or invalid file) prints the library's message to stderr and exits
with status 2, without a traceback; ``--help`` works on every command.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from selfhelp_exchange import __version__
from selfhelp_exchange.exceptions import DataFileError, Problem, SelfHelpExchangeError
from selfhelp_exchange.network import ExchangeNetwork

__all__ = ["FOLDER", "READERS", "main", "read_any"]

#: Exit status for a user's mistake (bad file, bad value), as click uses for usage errors.
EXIT_USER_ERROR = 2


def _read_json(path: Path) -> ExchangeNetwork:
    from selfhelp_exchange.io.jsonfile import read_json

    return read_json(path)


#: Reader for each file-name suffix (lower case, with the dot), or ``FOLDER`` for a directory.
#: Other formats register here as they are added.
READERS: dict[str, Callable[[Path], ExchangeNetwork]] = {".json": _read_json}
#: The :data:`READERS` key of a directory (e.g. a folder of CSV tables).
FOLDER = "<folder>"


def read_any(path: str | os.PathLike[str]) -> ExchangeNetwork:
    """Read a network from a file, choosing the reader by the file's extension.

    Parameters
    ----------
    path : str or path-like
        A data file; its suffix (case-insensitive) picks the reader in :data:`READERS`
        (``.json`` for now). A directory is looked up under :data:`FOLDER`.

    Returns
    -------
    ExchangeNetwork

    Raises
    ------
    DataFileError
        If no reader handles the suffix, or the reader finds the file missing or invalid.

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
      - file network.txt: no reader for '.txt' files (valid: .json)
    """
    p = Path(path)
    key = FOLDER if p.is_dir() else p.suffix.lower()
    reader = READERS.get(key)
    if reader is None:
        valid = ", ".join(k if k != FOLDER else "a folder" for k in sorted(READERS))
        if key == FOLDER:
            what = "a folder"
        elif key:
            what = f"{p.suffix!r} files"
        else:
            what = "files without an extension"
        raise DataFileError([Problem(f"no reader for {what} (valid: {valid})", file=str(p))])
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


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="selfhelp-exchange")
def main() -> None:
    """Model and measure exchange between M/SU agencies and self-help groups.

    Run a command with --help to see its options.
    """


@main.command()
def demo() -> None:
    """Describe the bundled, fictional Riverside example network."""
    from selfhelp_exchange.datasets import load_example
    from selfhelp_exchange.summary import summarize

    net = load_example("riverside")
    click.echo(summarize(net, title="Riverside: a fictional community (teaching example)"))


@main.command()
@click.argument("path", type=click.Path(dir_okay=True, path_type=Path))
def summary(path: Path) -> None:
    """Print a summary of the network in PATH (a network data file: .json)."""
    from selfhelp_exchange.summary import summarize

    net = read_any(path)
    click.echo(summarize(net, title=str(path)))
