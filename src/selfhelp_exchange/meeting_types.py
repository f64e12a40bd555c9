"""The Meeting Guide meeting type codes: what each code means, and what kind of thing it says.

The code list and its names come from the Meeting Guide specification (code4recovery/spec,
``data/types.json``, MIT licence), bundled with this package as
``io/data/meeting_guide_types.json`` so nothing is fetched or read from outside the package.

The grouping of codes into categories (attendance, audience, accessibility, language, status,
format) is this library's, made so availability can be counted by audience and language.

References
----------
.. [1] code4recovery/spec: the Meeting Guide API specification and its type list,
   https://github.com/code4recovery/spec (MIT licence).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType

__all__ = [
    "ACCESSIBILITY_CODES",
    "ATTENDANCE_CODES",
    "AUDIENCE_CODES",
    "LANGUAGE_CODES",
    "STATUS_CODES",
    "VARIANT_CODES",
    "meeting_type_names",
    "read_type_codes",
    "type_category",
    "type_flag",
    "type_name",
]

#: Who may attend: O open to anyone, C closed (for those who have, or think they have, the
#: fellowship's problem).
ATTENDANCE_CODES: frozenset[str] = frozenset({"O", "C"})
#: Codes naming who a meeting is for.
AUDIENCE_CODES: frozenset[str] = frozenset(
    {"W", "M", "Y", "SEN", "LGBTQ", "G", "L", "BI", "T", "NB", "POC", "N", "NDG", "P", "BE"}
)
#: Codes about physical access and practical needs.
ACCESSIBILITY_CODES: frozenset[str] = frozenset({"X", "XB", "FF", "BA", "CF"})
#: Codes naming the language a meeting is held in (ASL, American Sign Language, included).
LANGUAGE_CODES: frozenset[str] = frozenset(
    {
        "AF", "AM", "AR", "ASL", "BG", "DA", "DE", "EL", "EN", "FA", "FI", "FR", "HE", "HI",
        "HR", "HU", "IS", "ITA", "JA", "KA", "KOR", "LT", "ML", "MT", "NE", "NL", "NO", "POL",
        "POR", "PUN", "RUS", "S", "SK", "SL", "SV", "TH", "TL", "TUR", "UK",
    }
)  # fmt: skip
#: TC: the location is temporarily closed (the meeting may continue online).
STATUS_CODES: frozenset[str] = frozenset({"TC"})

#: Codes real feeds use that the Meeting Guide type list lacks, with their English names.
#: ``ONL`` (Online) is emitted by the 12 Step Meeting List plugin for every meeting with a
#: conference URL or phone (code4recovery/12-step-meeting-list, ``includes/variables.php``,
#: GPL-2.0). Read as known codes, with a note; whether a meeting is online still follows its
#: URL or phone, as the format says.
VARIANT_CODES: Mapping[str, str] = MappingProxyType({"ONL": "Online"})

_NON_WORD = re.compile(r"[^0-9a-z]+")


@functools.cache
def _table() -> Mapping[str, Mapping[str, str]]:
    path = resources.files("selfhelp_exchange").joinpath("io/data/meeting_guide_types.json")
    with path.open("r", encoding="utf-8") as fh:
        raw = json.load(fh)
    return MappingProxyType({code: MappingProxyType(dict(names)) for code, names in raw.items()})


def meeting_type_names(language: str = "en") -> Mapping[str, str]:
    """Every Meeting Guide type code and its name in one language.

    Parameters
    ----------
    language : str
        A language of the bundled list: ``"en"`` (default), ``"es"``, ``"fr"``, ``"ja"``,
        ``"nl"``, ``"pt"``, ``"sk"``, ``"sv"``, ``"th"``. A code without a name in that
        language falls back to English.

    Returns
    -------
    Mapping[str, str]
        Code to name, for all 87 codes.

    Examples
    --------
    >>> names = meeting_type_names()
    >>> len(names), names["X"], names["O"], names["TC"]
    (87, 'Wheelchair Access', 'Open', 'Location Temporarily Closed')
    >>> meeting_type_names("fr")["W"]
    'Femmes'
    """
    table = _table()
    return MappingProxyType({c: n.get(language, n["en"]) for c, n in table.items()})


def type_name(code: str, language: str = "en") -> str | None:
    """The name of one type code, or None for a code the Meeting Guide list does not hold.

    Examples
    --------
    >>> type_name("Y"), type_name("ZZ"), type_name("ONL")
    ('Young People', None, 'Online')
    """
    names = _table().get(code)
    if names is None:
        return VARIANT_CODES.get(code)
    return names.get(language, names["en"])


def type_flag(code: str) -> str | None:
    """The attribute name a known code becomes on a group: its English name in snake case.

    Examples
    --------
    >>> type_flag("X"), type_flag("Y"), type_flag("12x12"), type_flag("ZZ")
    ('wheelchair_access', 'young_people', '12_steps_12_traditions', None)
    """
    name = type_name(code)
    if name is None:
        return None
    return _NON_WORD.sub("_", name.casefold()).strip("_")


def type_category(code: str) -> str | None:
    """What a known code says: attendance, audience, accessibility, language, status or format.

    Codes in none of the named sets (Big Book, Discussion, Speaker, ...) are ``"format"``; an
    unknown code gives None.

    Examples
    --------
    >>> [type_category(c) for c in ("O", "W", "X", "FR", "TC", "B", "ZZ")]
    ['attendance', 'audience', 'accessibility', 'language', 'status', 'format', None]
    """
    if code in VARIANT_CODES:
        return "status"
    if code not in _table():
        return None
    for category, codes in (
        ("attendance", ATTENDANCE_CODES),
        ("audience", AUDIENCE_CODES),
        ("accessibility", ACCESSIBILITY_CODES),
        ("language", LANGUAGE_CODES),
        ("status", STATUS_CODES),
    ):
        if code in codes:
            return category
    return "format"


@functools.cache
def _folded_codes() -> Mapping[str, str]:
    codes = [*_table(), *VARIANT_CODES]
    return MappingProxyType({c.casefold(): c for c in codes})


def _code_for(token: str) -> str | None:
    """A known code for a token: the code itself, or the code whose English name it is."""
    if token in _table() or token in VARIANT_CODES:
        return token
    folded = token.casefold()
    for code, names in _table().items():
        if names["en"].casefold() == folded:
            return code
    for code, name in VARIANT_CODES.items():
        if name.casefold() == folded:
            return code
    return None


def read_type_codes(value: object) -> tuple[tuple[str, ...], list[str], list[str]]:
    """The type codes of a feed's ``types`` value, with issues and notes.

    A list of codes is the format. Real feeds also give one string: ``"[open]"`` or
    ``"[closed]"`` (names in brackets) or ``"O, C"``; it is unwrapped, split at commas, and
    each part read as a code, or as the code whose English name it is (``open`` -> ``O``),
    with a note. ``ONL`` and other :data:`VARIANT_CODES` are kept with a note; a known code
    written in other case (``onl``, ``lgbtq``) is read as that code, with a note.

    Returns
    -------
    (codes, issues, notes)
        Codes in feed order, each once; issues (what could not be read); notes (variants read).

    Examples
    --------
    >>> read_type_codes("[closed]")
    (('C',), [], ["'types' given as the text '[closed]'; read as C"])
    >>> read_type_codes(["O", "ONL"])[0], read_type_codes(["O", "ONL"])[2]
    (('O', 'ONL'), ["type code 'ONL' (Online) is not in the Meeting Guide type list; read as a variant"])
    """
    issues: list[str] = []
    notes: list[str] = []
    if value is None:
        return (), issues, notes
    if isinstance(value, str):
        text = value.strip()
        inner = text[1:-1] if text.startswith("[") and text.endswith("]") else text
        tokens = [t.strip().strip("\"'").strip() for t in inner.split(",")]
        codes = [_code_for(t) or t for t in tokens if t]
        notes.append(f"'types' given as the text {value!r}; read as {', '.join(codes) or 'none'}")
        value = codes
    if not isinstance(value, list):
        issues.append(f"'types' must be a list of codes (got {type(value).__name__}); left out")
        return (), issues, notes
    out: dict[str, None] = {}  # an ordered set: a feed may list thousands of codes
    for code in value:
        if isinstance(code, bool) or not isinstance(code, str | int):
            issues.append(f"type code {code!r} is not text; left out")
            continue
        text = str(code).strip()
        if not text:
            continue
        if not isinstance(code, str):
            issues.append(f"type code {code!r} given as a number; read as {text!r}")
        elif type_name(text) is None and (known := _folded_codes().get(text.casefold())):
            notes.append(f"type code {text!r} read as {known!r} (the same code in other case)")
            text = known
        out.setdefault(text)
    notes.extend(
        f"type code {c!r} ({VARIANT_CODES[c]}) is not in the Meeting Guide type list; read as "
        "a variant"
        for c in out
        if c in VARIANT_CODES
    )
    return tuple(out), issues, notes
