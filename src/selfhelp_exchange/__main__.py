"""``python -m selfhelp_exchange``: the command line."""

from __future__ import annotations

from selfhelp_exchange.cli import main

__all__: list[str] = []

if __name__ == "__main__":
    main(prog_name="selfhelp-exchange")
