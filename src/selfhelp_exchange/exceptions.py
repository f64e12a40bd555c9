"""The library's exception family.

Every error the library raises on purpose derives from :class:`SelfHelpExchangeError`, so a
caller can catch them all with one ``except``. Subclasses also inherit the built-in exception
whose meaning fits (``ValueError``, ``TypeError``, ``KeyError``), as networkx's ``exception.py``
does, so code written against the built-ins keeps working.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "ArgumentError",
    "ArgumentTypeError",
    "ChangeError",
    "DataFileError",
    "EgoPlotError",
    "GenerateError",
    "NetworkValidationError",
    "PlotError",
    "PrivacyError",
    "Problem",
    "RecordError",
    "SelfHelpExchangeError",
    "SimulationError",
    "StructureError",
    "UnknownExampleError",
    "UnknownNodeError",
]


class SelfHelpExchangeError(Exception):
    """Root of every error raised on purpose by selfhelp-exchange.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> try:
    ...     shx.Agency("A1", "Harbor Recovery", sector="hospital")
    ... except shx.SelfHelpExchangeError as exc:
    ...     print(type(exc).__name__)
    RecordError
    """


class RecordError(SelfHelpExchangeError, ValueError):
    """A record (Agency, Exchange, ...) was given a value that breaks its own rules.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> shx.Agency("A1", "Harbor Recovery", sector="hospital")
    Traceback (most recent call last):
    ...
    selfhelp_exchange.exceptions.RecordError: 'sector' must be one of 'mental_health', 'substance_use', 'co_occurring', 'other' (got 'hospital')
    >>> issubclass(shx.RecordError, ValueError)
    True
    """


class ArgumentError(SelfHelpExchangeError, ValueError):
    """A function was given an argument value it cannot use; the message names the argument.

    The message says which argument is at fault, what it got and what is allowed. Errors of
    one area that are about arguments (:class:`SimulationError`, :class:`GenerateError`)
    derive from it.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> shx.simulate.facilitated_access(shx.load_example("riverside"), n_runs=0)
    Traceback (most recent call last):
    ...
    selfhelp_exchange.exceptions.SimulationError: n_runs must be a positive int (got 0)
    >>> issubclass(shx.simulate.SimulationError, shx.ArgumentError)
    True
    """


class ArgumentTypeError(ArgumentError, TypeError):
    """An argument is of a type the function cannot use (the message says which types it can).

    It is an :class:`ArgumentError` (and so a ``ValueError``) as well as a ``TypeError``, so
    code that caught the ``ValueError`` raised before keeps working.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> shx.generate.community(3, 3, seed="one")
    Traceback (most recent call last):
    ...
    selfhelp_exchange.exceptions.ArgumentTypeError: seed must be an int >= 0, a numpy Generator, a SeedSequence or None (got 'one')
    >>> issubclass(shx.ArgumentTypeError, TypeError), issubclass(shx.ArgumentTypeError, ValueError)
    (True, True)
    """


class SimulationError(ArgumentError):
    """A simulation was asked for with arguments it cannot use (the message says which).

    Importable from :mod:`selfhelp_exchange.simulate` too, where it was defined before.

    Examples
    --------
    >>> from selfhelp_exchange.simulate import CascadeParameters
    >>> CascadeParameters().replace(facilitated_engagement=0.8)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    selfhelp_exchange.exceptions.SimulationError: unknown cascade parameter(s) 'facilitated_engagement' (valid: passive_informed, ...)
    """


class GenerateError(ArgumentError):
    """A parameter of :func:`~selfhelp_exchange.generate.community` is out of range.

    Importable from :mod:`selfhelp_exchange.generate` too, where it was defined before.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> try:
    ...     shx.generate.community(-1, 10)
    ... except shx.generate.GenerateError as exc:
    ...     print(type(exc).__name__, exc)
    GenerateError 'n_agencies' must be an integer >= 0 (got -1)
    """


class StructureError(SelfHelpExchangeError, ValueError):
    """A structural metric was asked for something the graph or its options cannot give.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> shx.structure.density(shx.load_example("riverside"), level="department")
    Traceback (most recent call last):
    ...
    selfhelp_exchange.exceptions.StructureError: level must be 'organization' or 'subunit' (got 'department')
    """


class UnknownNodeError(SelfHelpExchangeError, KeyError):
    """An id names no agency, group or community actor of the network.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.load_example("riverside")
    >>> net.node("G-NOPE")
    Traceback (most recent call last):
    ...
    selfhelp_exchange.exceptions.UnknownNodeError: 'G-NOPE' is not an agency, group or community actor of the network
    >>> issubclass(shx.UnknownNodeError, KeyError)
    True
    """

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0]) if self.args else ""


@attrs.frozen
class Problem:
    """One problem found while checking a network or a data file.

    Attributes
    ----------
    message : str
        What is wrong and what would be valid.
    file : str or None
        The file (or workbook) the value came from.
    sheet : str or None
        The sheet or table (``agencies``, ``exchanges``, ...).
    row : int or None
        The row as a spreadsheet numbers it: the header is row 1, the first record row 2.
        For records built in Python, the record's 0-based position in its list.
    column : str or None
        The column or field name.
    value : object
        The offending value, or None.
    exchange : int or None
        The 0-based position of the exchange at fault among those given (to
        :meth:`~selfhelp_exchange.ExchangeNetwork.from_arrays`, or in a file's exchange list);
        shown as ``exchange N:`` before the message. A reader that knows the spreadsheet row
        puts it in ``row`` instead.

    Examples
    --------
    >>> from selfhelp_exchange import Problem
    >>> p = Problem("must be a number >= 0", file="data.xlsx", sheet="exchanges", row=7,
    ...             column="weight", value="-2")
    >>> print(p)
    file data.xlsx, sheet 'exchanges', row 7, column 'weight': must be a number >= 0
    """

    message: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: object = None
    exchange: int | None = None

    @property
    def text(self) -> str:
        """The message, after ``exchange N:`` when the problem names an exchange's position."""
        return (
            self.message if self.exchange is None else f"exchange {self.exchange}: {self.message}"
        )

    def __str__(self) -> str:
        where = []
        if self.file is not None:
            where.append(f"file {self.file}")
        if self.sheet is not None:
            where.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        prefix = ", ".join(where)
        return f"{prefix}: {self.text}" if prefix else self.text


def _format(header: str, problems: Sequence[Problem]) -> str:
    lines = [f"{header} ({len(problems)} problem{'s' if len(problems) != 1 else ''}):"]
    lines.extend(f"  - {p}" for p in problems)
    return "\n".join(lines)


class _ProblemsError(SelfHelpExchangeError, ValueError):
    header = "invalid input"

    def __init__(self, problems: Iterable[Problem], header: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        if header is not None:
            self.header = header
        super().__init__(_format(self.header, self.problems))


class NetworkValidationError(_ProblemsError):
    """The records given to an :class:`~selfhelp_exchange.ExchangeNetwork` break its rules.

    ``problems`` lists every problem found, not only the first.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> try:
    ...     shx.ExchangeNetwork(
    ...         agencies=[shx.Agency("A1", "Clinic")],
    ...         groups=[shx.SelfHelpGroup("A1", "AA", "mutual_help")],
    ...         exchanges=[shx.Exchange(("A1", "practitioners"), "G9", "referral")])
    ... except shx.NetworkValidationError as exc:
    ...     print(len(exc.problems), [p.column for p in exc.problems])
    2 ['id', 'target']
    """

    header = "the exchange network is not valid"


class DataFileError(_ProblemsError):
    """A data file (tables, workbook, JSON, GraphML, feed) could not be read as it is.

    ``problems`` lists every problem found, each with its file, sheet, row and column.

    Examples
    --------
    >>> import io
    >>> import selfhelp_exchange as shx
    >>> try:
    ...     shx.read_json(io.StringIO("{oops"))
    ... except shx.DataFileError as exc:
    ...     print(exc)
    the data file cannot be read (1 problem):
      - row 1: not valid JSON: Expecting property name enclosed in double quotes at line 1, column 2
    """

    header = "the data file cannot be read"


class EgoPlotError(SelfHelpExchangeError, ValueError):
    """A personal-network plot was asked for something the data do not hold.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> shx.plot.ego_network(shx.load_personal_networks_example(), "E999")
    Traceback (most recent call last):
    ...
    selfhelp_exchange.exceptions.EgoPlotError: ego 'E999' has no alters (egos: E001, E002, E003, E004, E005, ...)
    """


class ChangeError(SelfHelpExchangeError, ValueError):
    """A change analysis was asked for with unusable arguments (an unknown wave or column).

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> m = shx.social_integration(shx.load_personal_networks_example())
    >>> shx.social_integration_change(m, "baseline", "month 6")
    Traceback (most recent call last):
    ...
    selfhelp_exchange.exceptions.ChangeError: wave 'month 6' is not in the measures (waves: 'baseline', '12 months')
    """


class PrivacyError(SelfHelpExchangeError, ValueError):
    """A privacy operation was asked for with unusable arguments (a short key, bad counts).

    Examples
    --------
    >>> from selfhelp_exchange import pseudonymize
    >>> pseudonymize(["client 17"], key="too short")
    Traceback (most recent call last):
    ...
    selfhelp_exchange.exceptions.PrivacyError: the pseudonymization key must be at least 16 bytes (use secrets.token_hex(32) and keep it out of the data folder)
    """


class UnknownExampleError(SelfHelpExchangeError, KeyError):
    """No bundled example has that name.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> try:
    ...     shx.load_example("nowhere")
    ... except shx.UnknownExampleError as exc:
    ...     print(exc)
    no bundled example named 'nowhere' (valid: riverside)
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class PlotError(SelfHelpExchangeError, ValueError):
    """A plot was asked for with arguments it cannot draw.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> shx.plot.draw_network(shx.load_example("riverside"), color_by="sector")
    Traceback (most recent call last):
    ...
    selfhelp_exchange.exceptions.PlotError: color_by must be 'kind', 'theory' or 'subunit' (got 'sector')
    """
