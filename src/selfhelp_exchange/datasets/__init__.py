"""Bundled example data sets (fictional, for teaching and tests)."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from selfhelp_exchange.exceptions import UnknownExampleError
from selfhelp_exchange.network import ExchangeNetwork

if TYPE_CHECKING:
    import networkx as nx

    from selfhelp_exchange.egonet.tables import PersonalNetworks

__all__ = [
    "UnknownExampleError",
    "example_path",
    "list_examples",
    "load_example",
    "load_knoke",
    "load_personal_networks_example",
]

_EXAMPLES = {"riverside": "riverside.json"}


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


def load_personal_networks_example() -> PersonalNetworks:
    """Load the synthetic personal networks of Riverside's Recovery Learning Community study.

    **Synthetic.** 48 made-up clients of the four Riverside agencies (a few of none), half of
    them taking part in the Riverside Valley Recovery Learning Community (``G-RLC``), name the
    people they are close to at ``"baseline"`` and ``"12 months"``. The data were generated
    deterministically (``tools/make_riverside_rlc.py``, a fixed seed) to tell a teaching
    story, and are shipped as the files ``alters.csv``, ``alter_ties.csv`` and ``egos.csv``;
    they are not observations of anyone, and no finding can be drawn from them. The egos'
    agencies and groups are those of :func:`load_example` ``("riverside")``; the ego table
    has the attributes ``rlc_participant`` (true/false) and ``age_band``.

    Returns
    -------
    PersonalNetworks

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> pn = shx.load_personal_networks_example()
    >>> pn.waves, len(pn.ego_ids)
    (('baseline', '12 months'), 48)
    """
    from selfhelp_exchange.egonet.io import read_personal_networks

    folder = resources.files(__package__).joinpath("riverside_rlc")
    with resources.as_file(folder) as path:
        return read_personal_networks(path)


#: UCINET's labels of the ten Knoke organizations, in matrix order.
KNOKE_ORGANIZATIONS = (
    "COUN",
    "COMM",
    "EDUC",
    "INDU",
    "MAYR",
    "WRO",
    "NEWS",
    "UWAY",
    "WELF",
    "WEST",
)


def load_knoke() -> dict[str, nx.DiGraph]:
    """Knoke's bureaucracies: information and money exchange among ten organizations.

    The classic directed interorganizational network with two relations (UCINET's KNOKBUR
    data; Knoke & Kuklinski 1982), the running example of Hanneman & Riddle (2005). See the
    data's ``SOURCE.md`` (``datasets/knoke/``) for where the files come from.

    Returns
    -------
    dict of str -> networkx.DiGraph
        ``"information"`` (49 arcs) and ``"money"`` (22 arcs), each on the same ten nodes
        (UCINET's labels: COUN, COMM, EDUC, INDU, MAYR, WRO, NEWS, UWAY, WELF, WEST); an arc
        runs from the sender to the receiver.

    Examples
    --------
    >>> knoke = load_knoke()
    >>> knoke["information"].number_of_edges(), knoke["money"].number_of_edges()
    (49, 22)
    """
    import networkx as nx
    import numpy as np

    out: dict[str, nx.DiGraph] = {}
    for name, file in (("information", "info.dat"), ("money", "money.dat")):
        with (
            resources.files(__package__).joinpath("knoke", file).open("r", encoding="utf-8") as fh
        ):
            m = np.loadtxt(fh, dtype=np.int64)
        g = nx.DiGraph(relation=name)
        g.add_nodes_from(KNOKE_ORGANIZATIONS)
        rows, cols = np.nonzero(m)
        g.add_edges_from(
            (KNOKE_ORGANIZATIONS[i], KNOKE_ORGANIZATIONS[j])
            for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
        )
        out[name] = g
    return out
