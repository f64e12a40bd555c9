"""Docstring blocks several functions of ``simulate`` share, written once.

A line of a docstring that holds only ``%(name)s`` or ``%(name:arg)s`` is replaced, at import,
by the block ``name`` (with ``{arg}`` filled in), indented as the line was. Only whole lines are
replaced, so a ``%`` elsewhere in a docstring (``88%``) needs no escaping.
"""

from __future__ import annotations

import re
import textwrap
from typing import TypeVar

__all__ = ["shared_docs"]

T = TypeVar("T")

_BLOCKS: dict[str, str] = {
    # The network of most examples: one agency whose practitioners reach one group by `{arg}`.
    "one_agency_network": """\
>>> import selfhelp_exchange as shx
>>> net = shx.ExchangeNetwork(
...     agencies=[shx.Agency("A1", "Agency")],
...     groups=[shx.SelfHelpGroup("G1", "AA", "mutual_help")],
...     exchanges=[shx.Exchange(("A1", "practitioners"), "G1", "{arg}")])""",
    # The end of every plot function's Parameters, and its Returns; `{arg}` the Axes method.
    "plot_tail": """\
ax : matplotlib Axes, optional
    Where to draw; default a new figure.
**kwargs
    Passed to :meth:`~matplotlib.axes.Axes.{arg}`.

Returns
-------
matplotlib.axes.Axes
    The Axes drawn on (``plt.show()`` is never called).""",
    # An interval's coverage; `{arg}` says what the interval is of.
    "confidence": """\
confidence : float
    Coverage of the {arg}; default 0.95.
    ``level=`` is the deprecated old name of this argument.""",
    # What a scenario helper returns.
    "new_network": """\
Returns
-------
ExchangeNetwork
    A new network; ``net`` is unchanged.""",
}

_LINE = re.compile(
    r"^(?P<indent>[ \t]*)%\((?P<name>\w+)(?::(?P<arg>[^)\n]*))?\)s[ \t]*$", re.MULTILINE
)


def _expand(match: re.Match[str]) -> str:
    block = _BLOCKS[match["name"]].replace("{arg}", match["arg"] or "")
    return textwrap.indent(block, match["indent"], lambda line: bool(line.strip()))


def shared_docs(obj: T) -> T:
    """Fill the shared blocks into ``obj``'s docstring (a function, method or class).

    Examples
    --------
    >>> def f() -> None:
    ...     '''Do it.
    ...
    ...     %(confidence:interval over runs)s
    ...     '''
    >>> print(shared_docs(f).__doc__.strip())
    Do it.
    <BLANKLINE>
        confidence : float
            Coverage of the interval over runs; default 0.95.
            ``level=`` is the deprecated old name of this argument.
    """
    if obj.__doc__:
        obj.__doc__ = _LINE.sub(_expand, obj.__doc__)
    return obj
