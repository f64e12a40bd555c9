"""Loading a Meeting Guide feed's JSON: from a path, a file object or the text, within a size limit.

The rules are those of every reader of this library (:mod:`._reading`): a string starting with
``{`` or ``[`` is the JSON text, any other string a path; UTF-8 with an optional byte-order
mark; ``NaN`` and ``Infinity`` refused.
"""

from __future__ import annotations

from typing import Any

from selfhelp_exchange.exceptions import DataFileError, Problem
from selfhelp_exchange.io._reading import MAX_FEED_BYTES, loads_json, read_text

__all__ = ["MAX_BYTES", "load_feed"]

#: Feeds larger than this are refused before parsing (bytes); override with ``max_bytes``.
#: The largest published feeds hold a few thousand meetings, well under 50 MB.
MAX_BYTES = MAX_FEED_BYTES


def load_feed(source: Any, max_bytes: int = MAX_BYTES) -> tuple[Any, str | None, list[str]]:
    """The parsed JSON, the file name (None for text or an unnamed stream), repeated keys.

    A key an object gives twice keeps its last value, as the format's other readers do; the
    repeated keys are returned so the reader can say so.
    """
    if isinstance(source, str) and not source.strip():
        raise DataFileError([Problem("the feed is empty: give a path or the JSON text")])
    text, file = read_text(source, max_bytes=max_bytes, json_text=True, what="the feed")
    data, keys = loads_json(text, file=file, what="a Meeting Guide feed")
    return data, file, keys.repeated
