"""Reading and writing exchange networks: JSON, tables (CSV folder or XLSX), GraphML."""

from __future__ import annotations

from selfhelp_exchange.io.jsonfile import network_from_dict, network_to_dict, read_json, write_json

__all__ = ["network_from_dict", "network_to_dict", "read_json", "write_json"]
