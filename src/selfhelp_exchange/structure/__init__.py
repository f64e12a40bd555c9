"""Network structure and inference: the interorganizational-network toolkit.

The measures researchers use to compare agency-group networks with the methods of
interorganizational network analysis (Provan & Milward 1995; UCINET): density, reciprocity,
Freeman centralization, the E-I index, Gould-Fernandez brokerage, Burt's constraint and
effective size, layer overlap, QAP correlation and MRQAP regression, and bootstrap intervals
over agencies.

Every function takes an :class:`~selfhelp_exchange.ExchangeNetwork` or a networkx graph (or an
:class:`Adjacency` read once with :func:`adjacency`). On an ExchangeNetwork it works at the
organization level by default (a subunit's exchanges count for its agency) and at the subunit
level with ``level="subunit"``; ``kinds``, ``theory`` and ``role`` pick a layer. These options
(which graph to read) are the fields of :class:`GraphSelection`: give them as keywords, or as one
``selection=`` object kept for a whole analysis. A partition is a mapping node -> class or the
name of a node attribute.

Examples
--------
>>> import networkx as nx
>>> import selfhelp_exchange as shx
>>> g = nx.florentine_families_graph()
>>> round(shx.structure.density(g), 4)
0.1905
"""

from __future__ import annotations

from selfhelp_exchange.structure._adjacency import (
    Adjacency,
    StructureError,
    adjacency,
)
from selfhelp_exchange.structure.bootstrap import (
    METRICS,
    BootstrapResult,
    bootstrap_ci,
    per_agency,
)
from selfhelp_exchange.structure.brokerage import ROLES, Brokerage, brokerage
from selfhelp_exchange.structure.centralization import (
    betweenness,
    betweenness_centralization,
    centralization,
    degree,
    degree_centralization,
)
from selfhelp_exchange.structure.constraint import constraint, effective_size
from selfhelp_exchange.structure.density import density
from selfhelp_exchange.structure.ei_index import EIIndex, ei_index
from selfhelp_exchange.structure.overlap import LayerOverlap, layer_overlap
from selfhelp_exchange.structure.partition import partition_codes
from selfhelp_exchange.structure.qap import MRQAPResult, QAPResult, mrqap, qap_correlation
from selfhelp_exchange.structure.reciprocity import reciprocity
from selfhelp_exchange.structure.selection import GraphSelection

__all__ = [
    "METRICS",
    "ROLES",
    "Adjacency",
    "BootstrapResult",
    "Brokerage",
    "EIIndex",
    "GraphSelection",
    "LayerOverlap",
    "MRQAPResult",
    "QAPResult",
    "StructureError",
    "adjacency",
    "betweenness",
    "betweenness_centralization",
    "bootstrap_ci",
    "brokerage",
    "centralization",
    "constraint",
    "degree",
    "degree_centralization",
    "density",
    "effective_size",
    "ei_index",
    "layer_overlap",
    "mrqap",
    "partition_codes",
    "per_agency",
    "qap_correlation",
    "reciprocity",
]
