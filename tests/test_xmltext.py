"""The reversible ``_xHHHH_`` escape used in XLSX and GraphML text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from selfhelp_exchange.io._xmltext import escape, needs_escape, unescape

# any code point, lone surrogates included, with the escape's own syntax well represented
texts = st.text(
    alphabet=st.one_of(
        st.characters(codec=None, exclude_categories=()),
        st.sampled_from(["_", "x", "0", "0", "5", "F", "A", "d", "\r", "\x01", "\uffff"]),
    )
)
_XML_CHAR = re.compile("[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")


@given(texts)
def test_unescape_inverts_escape(text: str) -> None:
    assert unescape(escape(text)) == text


@given(texts)
def test_escaped_text_is_legal_xml_and_survives_a_parser(text: str) -> None:
    escaped = escape(text)
    assert _XML_CHAR.fullmatch(escaped)
    assert "\r" not in escaped  # a parser would turn it into a newline
    el = ET.fromstring(f"<t>{escaped.replace('&', '&amp;').replace('<', '&lt;')}</t>")
    assert unescape(el.text or "") == text


@given(texts)
def test_needs_escape_tells_whether_escape_changes_text(text: str) -> None:
    assert needs_escape(text) == (escape(text) != text)


def test_known_escapes() -> None:
    # worked out by hand from ECMA-376 ST_Xstring: code point in four hex digits
    assert escape("a\rb") == "a_x000D_b"
    assert escape("\x01\x1f") == "_x0001__x001F_"
    assert escape("_x0041_") == "_x005F_x0041_"
    assert escape("_x004") == "_x004"  # not followed by four hex digits: left alone
    assert escape("_x0041" + "\x01") == "_x005F_x0041_x0001_"
    assert escape("plain text, tab\t and newline\n") == "plain text, tab\t and newline\n"
    assert unescape("_x000d_") == "\r"  # lower-case hex, as some writers use
