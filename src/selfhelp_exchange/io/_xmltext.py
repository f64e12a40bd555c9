r"""Text that survives XML unchanged: the OOXML ``_xHHHH_`` escape, made reversible.

XML 1.0 cannot hold most control characters (U+0000-U+001F except tab and newline), lone
surrogates, U+FFFE or U+FFFF, and an XML parser turns a carriage return into a newline. Excel
writes such a character as ``_xHHHH_`` (its code point in hex, ECMA-376 Part 1, 22.9.2.19
``ST_Xstring``) and a literal underscore that would otherwise start such a sequence as
``_x005F_``. Both XLSX and GraphML files of this library use that convention, so any Python string
round-trips exactly: :func:`escape` before writing, :func:`unescape` after reading.

Every underscore followed by ``x`` and four hex digits is escaped (not only those followed by a
closing underscore), which makes the decoding unambiguous even where an escaped character follows
(``"_x0041" + "\x01"``).

Examples
--------
>>> escape("line\r\nbreak")
'line_x000D_\nbreak'
>>> unescape(escape("_x0041_ \x01"))
'_x0041_ \x01'
"""

from __future__ import annotations

import re

__all__ = ["ESCAPE_PATTERN", "escape", "needs_escape", "unescape"]

#: What :func:`escape` rewrites: a character XML cannot carry, or an underscore starting _xHHHH.
ESCAPE_PATTERN = r"[\x00-\x08\x0b-\x0d\x0e-\x1f\ud800-\udfff\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4})"
_ESCAPE = re.compile(ESCAPE_PATTERN)
_UNESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _one(match: re.Match[str]) -> str:
    return f"_x{ord(match.group(0)):04X}_"


def _back(match: re.Match[str]) -> str:
    return chr(int(match.group(1), 16))


def needs_escape(text: str) -> bool:
    """Whether :func:`escape` would change ``text``."""
    return _ESCAPE.search(text) is not None


def escape(text: str) -> str:
    """``text`` with every character XML cannot carry written as ``_xHHHH_``."""
    return _ESCAPE.sub(_one, text)


def unescape(text: str) -> str:
    """The inverse of :func:`escape`: every ``_xHHHH_`` back to its character."""
    if "_x" not in text:
        return text
    return _UNESCAPE.sub(_back, text)
