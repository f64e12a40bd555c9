"""Loading a Meeting Guide feed's JSON: from a path, a file object or the text, within a size limit."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from selfhelp_exchange.exceptions import DataFileError, Problem

__all__ = ["MAX_BYTES", "load_feed"]

#: Feeds larger than this are refused before parsing (bytes); override with ``max_bytes``.
#: The largest published feeds hold a few thousand meetings, well under 50 MB.
MAX_BYTES = 256 * 1024**2


def _too_big(size: int, limit: int, file: str | None) -> DataFileError:
    msg = f"the feed is {size:,} bytes, over the limit of {limit:,} (raise max_bytes to read it)"
    return DataFileError([Problem(msg, file=file)])


def load_feed(source: Any, max_bytes: int = MAX_BYTES) -> tuple[Any, str | None, list[str]]:
    """The parsed JSON, the file name (None for text or an unnamed stream), repeated keys.

    A key an object gives twice keeps its last value, as the format's other readers do; the
    repeated keys are returned so the reader can say so.
    """
    file: str | None = None
    if isinstance(source, str) and not source.strip():
        raise DataFileError([Problem("the feed is empty: give a path or the JSON text")])
    if isinstance(source, os.PathLike) or (
        isinstance(source, str) and not source.lstrip().startswith(("[", "{"))
    ):
        file = os.fspath(source)
        try:
            size = Path(file).stat().st_size
            if size > max_bytes:
                raise _too_big(size, max_bytes, file)
            text: Any = Path(file).read_bytes()
        except OSError as exc:
            raise DataFileError(
                [Problem(f"cannot read the feed: {exc.strerror or exc}", file=file)]
            ) from exc
    elif isinstance(source, str | bytes | bytearray):
        text = source
    elif hasattr(source, "read"):
        name = getattr(source, "name", None)
        file = name if isinstance(name, str) else None
        try:
            text = source.read(max_bytes + 1)
        except (OSError, UnicodeError) as exc:
            raise DataFileError([Problem(f"cannot read the feed: {exc}", file=file)]) from None
    else:
        raise DataFileError(
            [
                Problem(
                    "the feed must be a path, a file object or the JSON text "
                    f"(got {type(source).__name__})"
                )
            ]
        )
    if isinstance(text, str | bytes | bytearray) and len(text) > max_bytes:
        raise _too_big(len(text), max_bytes, file)
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DataFileError(
                [Problem(f"the feed is not UTF-8 text ({exc.reason} at byte {exc.start})", file)]
            ) from exc
    if not isinstance(text, str):
        raise DataFileError(
            [Problem(f"reading the feed gave {type(text).__name__}, not text", file=file)]
        )
    repeated: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(items)
        if len(out) != len(items):
            seen: set[str] = set()
            for key, _ in items:
                if key in seen:
                    repeated.append(key)
                seen.add(key)
        return out

    try:
        return json.loads(text.removeprefix("\ufeff"), object_pairs_hook=pairs), file, repeated
    except json.JSONDecodeError as exc:
        msg = f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        raise DataFileError([Problem(msg, file=file)]) from exc
    except RecursionError:
        msg = "not a Meeting Guide feed: the JSON is nested too deeply"
        raise DataFileError([Problem(msg, file=file)]) from None
    except ValueError as exc:  # e.g. a number with more digits than Python converts
        raise DataFileError([Problem(f"not valid JSON: {exc}", file=file)]) from None
