"""What every reader shares: size limits, where the input is, bytes to text, the JSON rules.

One rule for each, so that the formats cannot drift apart:

- **Size limits**: a file (or a stream, or text) over ``max_bytes`` is refused before it is
  parsed, with the size and the limit; :data:`MAX_BYTES` (2 GiB) is the default of every
  network reader, :data:`MAX_FEED_BYTES` (256 MiB) that of a Meeting Guide feed (the largest
  published feeds are well under 50 MB). Both are this library's conventions.
- **Path or text**: a ``str`` or path-like is a path; a file object (text or binary) is read;
  ``bytes`` are the content. A reader of a JSON format also takes the JSON text itself: a
  ``str`` whose first character other than white space is ``{`` or ``[`` (no file name starts
  so in practice).
- **Text**: bytes must be UTF-8; a byte-order mark (as Windows editors write) is dropped.
- **JSON**: ``NaN``, ``Infinity`` and ``-Infinity`` are refused (they are not JSON numbers);
  a key given twice in one object is noted (:class:`KeyLog`), for the reader to refuse or
  report; nesting too deep for the parser is an error, not a crash.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from selfhelp_exchange.exceptions import DataFileError, Problem

__all__ = [
    "MAX_BYTES",
    "MAX_FEED_BYTES",
    "KeyLog",
    "LimitedStream",
    "is_json_text",
    "loads_json",
    "read_text",
    "reject_constant",
    "source_name",
    "too_big",
    "unique_object",
]

#: Files larger than this are refused by the network readers before parsing (bytes); each
#: reader's ``max_bytes`` overrides it.
MAX_BYTES = 2 * 1024**3
#: Meeting Guide feeds larger than this are refused before parsing (bytes); override with
#: ``max_bytes``.
MAX_FEED_BYTES = 256 * 1024**2


def too_big(file: str | None, size: int, limit: int, what: str = "the file is") -> DataFileError:
    """The error for an input over a byte limit."""
    msg = (
        f"{what} {size:,} bytes, over the limit of {limit:,} (raise max_bytes to read it, "
        "if it really is what it claims to be)"
    )
    return DataFileError([Problem(msg, file=file)])


def is_json_text(source: object) -> bool:
    """Whether ``source`` is JSON text rather than a path: a str starting with ``{`` or ``[``."""
    return isinstance(source, str) and source.lstrip().startswith(("{", "["))


def source_name(source: Any) -> str | None:
    """The file name to put in messages: the path, a file object's ``name``, else None."""
    if hasattr(source, "read"):
        name = getattr(source, "name", None)
        return name if isinstance(name, str) else None
    if isinstance(source, os.PathLike) or (isinstance(source, str) and not is_json_text(source)):
        return os.fspath(source)
    return None


def read_text(
    source: Any, *, max_bytes: int, json_text: bool = False, what: str = "the file"
) -> tuple[str, str | None]:
    """The text of ``source`` and its file name, within ``max_bytes``.

    ``source`` is a path (str or path-like), a text or binary file object, or bytes; with
    ``json_text=True`` also the JSON text itself (:func:`is_json_text`). ``what`` names the
    input in messages (``"the feed"``).
    """
    name = source_name(source)
    raw: Any
    exact = True  # whether len(raw) is the whole input (a stream is read only to the limit)
    if (json_text and is_json_text(source)) or isinstance(source, bytes | bytearray):
        raw = source
    elif hasattr(source, "read"):
        exact = False
        try:
            raw = source.read(max_bytes + 1)
        except (OSError, UnicodeError) as exc:
            raise DataFileError([Problem(f"cannot be read: {exc}", file=name)]) from None
    elif isinstance(source, str | os.PathLike):
        if isinstance(source, str) and not source.strip():
            msg = f"{what} is named by an empty string: give a path" + (
                " or the JSON text" if json_text else ""
            )
            raise DataFileError([Problem(msg)])
        try:
            size = Path(source).stat().st_size
            if size > max_bytes:
                raise too_big(name, size, max_bytes, f"{what} is")
            raw = Path(source).read_bytes()
        except OSError as exc:
            raise DataFileError(
                [Problem(f"cannot be read: {exc.strerror or exc}", file=name)]
            ) from None
    else:
        kinds = "a path, a file object" + (" or the JSON text" if json_text else " or bytes")
        msg = f"{what} must be {kinds} (got {type(source).__name__})"
        raise DataFileError([Problem(msg)])
    if isinstance(raw, str | bytes | bytearray) and len(raw) > max_bytes:
        raise too_big(name, len(raw), max_bytes, f"{what} is" if exact else f"{what} is at least")
    if isinstance(raw, bytes | bytearray):
        try:
            # a byte-order mark (as Windows editors write) is not part of the content
            return bytes(raw).decode("utf-8-sig"), name
        except UnicodeDecodeError as exc:
            msg = f"not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8"
            raise DataFileError([Problem(msg, file=name)]) from None
    if not isinstance(raw, str):
        msg = f"reading it gave {type(raw).__name__}, not text or bytes"
        raise DataFileError([Problem(msg, file=name)])
    return raw.removeprefix("\ufeff"), name


class LimitedStream:
    """A binary stream that refuses to give more than ``limit`` bytes (for streaming parsers)."""

    def __init__(self, fh: Any, limit: int, name: str | None) -> None:
        self._fh, self._left, self._limit, self._name = fh, limit + 1, limit, name

    def read(self, size: int = -1) -> Any:
        want = self._left if size < 0 else min(size, self._left)
        data = self._fh.read(want)
        self._left -= len(data)
        if self._left <= 0:
            msg = f"the input is over the limit of {self._limit:,} (raise max_bytes to read it)"
            raise DataFileError([Problem(msg, file=self._name)])
        return data


def reject_constant(token: str) -> Any:
    """A ``parse_constant`` hook: ``NaN`` and ``Infinity`` are not JSON numbers."""
    msg = f"{token} is not a valid JSON number"
    raise ValueError(msg)


class KeyLog:
    """An ``object_pairs_hook`` that builds dicts and notes every key an object gives twice.

    Python's json keeps the last value of a repeated key without a word; a reader decides what
    a repeat means (an error, or a note) from :attr:`repeated`.
    """

    def __init__(self) -> None:
        self.repeated: list[str] = []

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)
        if len(out) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    self.repeated.append(key)
                seen.add(key)
        return out


def unique_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An ``object_pairs_hook`` for which a key given twice is an error."""
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                msg = f"the name {key!r} is given twice in one JSON object; keep one"
                raise ValueError(msg)
            seen.add(key)
    return out


def loads_json(text: str, *, file: str | None, what: str = "a network file") -> tuple[Any, KeyLog]:
    """Parse JSON under the rules above; any failure is a :class:`DataFileError` naming ``file``.

    Returns the value and the :class:`KeyLog` of repeated keys.
    """
    keys = KeyLog()
    try:
        return json.loads(text, parse_constant=reject_constant, object_pairs_hook=keys), keys
    except RecursionError:
        msg = f"the JSON is nested too deeply to be {what}"
        raise DataFileError([Problem(msg, file=file)]) from None
    except json.JSONDecodeError as exc:
        msg = f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        raise DataFileError([Problem(msg, file=file, row=exc.lineno)]) from None
    except ValueError as exc:  # NaN, or a number with more digits than Python converts
        raise DataFileError([Problem(f"not valid JSON: {exc}", file=file)]) from None
