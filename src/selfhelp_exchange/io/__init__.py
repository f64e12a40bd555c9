"""Reading and writing exchange networks: JSON, tables (CSV folder or XLSX), GraphML, Parquet.

:func:`read` and :func:`write` choose the format by content and suffix.
"""

from __future__ import annotations

from selfhelp_exchange.io.anyformat import read, write
from selfhelp_exchange.io.assessment import read_self_assessment
from selfhelp_exchange.io.graphml import read_graphml, write_graphml
from selfhelp_exchange.io.jsonfile import network_from_dict, network_to_dict, read_json, write_json
from selfhelp_exchange.io.parquet import read_parquet, write_parquet
from selfhelp_exchange.io.tables import read_tables, write_tables
from selfhelp_exchange.io.template import write_template

__all__ = [
    "network_from_dict",
    "network_to_dict",
    "read",
    "read_graphml",
    "read_json",
    "read_parquet",
    "read_self_assessment",
    "read_tables",
    "write",
    "write_graphml",
    "write_json",
    "write_parquet",
    "write_tables",
    "write_template",
]
