"""Bundled example data sets (fictional, for teaching and tests)."""

from __future__ import annotations

from importlib import resources

from selfhelp_exchange.exceptions import SelfHelpExchangeError
from selfhelp_exchange.network import ExchangeNetwork

__all__ = ["example_path", "list_examples", "load_example"]

_EXAMPLES = {"riverside": "riverside.json"}


class UnknownExampleError(SelfHelpExchangeError, KeyError):
    """No bundled example has that name."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def list_examples() -> list[str]:
    """Names of the bundled examples.

    Examples
    --------
    >>> list_examples()
    ['riverside']
    """
    return sorted(_EXAMPLES)


def example_path(name: str) -> resources.abc.Traversable:
    """Where a bundled example's JSON file lies inside the installed package."""
    if name not in _EXAMPLES:
        msg = f"no bundled example named {name!r} (valid: {', '.join(list_examples())})"
        raise UnknownExampleError(msg)
    return resources.files(__package__).joinpath(_EXAMPLES[name])


def load_example(name: str = "riverside") -> ExchangeNetwork:
    """Load a bundled example network.

    ``"riverside"`` is a small fictional community (see the data set's README): agencies of
    every sector, twelve-step and other groups, a Recovery Learning Community, community actors,
    two years of dated exchanges and joint initiatives.

    Parameters
    ----------
    name : str
        One of :func:`list_examples`.

    Returns
    -------
    ExchangeNetwork

    Raises
    ------
    UnknownExampleError
        If no example has that name.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.load_example("riverside")
    >>> net.n_agencies >= 3 and net.n_groups >= 10
    True
    """
    from selfhelp_exchange.io.jsonfile import read_json

    with example_path(name).open("r", encoding="utf-8") as fh:
        return read_json(fh)
