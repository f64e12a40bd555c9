"""Meeting Guide places: street addresses, city-level addresses and coordinates.

The format lets a feed give a place as ``formatted_address`` (one line) or as ``address``,
``city``, ``state``, ``postal_code``, ``country``, plus ``latitude`` / ``longitude`` and
``location`` (the building's name). Online meetings "may have an approximate address (for
example ``Chicago, IL, USA``)" [1]_, so not every address names a street.

:func:`read_place` reads those fields into a :class:`~selfhelp_exchange.Location` and says how
precise the place is:

- ``"street"``: a street line is given (it holds a digit, e.g. a house number, or a street word
  such as ``St``, ``Avenue``, ``Road``). It is the first line, or a later one after a
  building's name (``"Grand Edinger building, 1420 E Edinger Ave, Santa Ana, CA 92705, USA"``;
  the name becomes the building's name when ``location`` gives none);
- ``"point"``: no street line and no city, state or postal code, but coordinates (a building
  located by its pin);
- ``"city"``: only a neighbourhood, city, county, state or country. The first line of
  ``"Orange County, CA, USA"`` is not a street, so the address is read as city
  ``"Orange County"``, state ``"CA"``, country ``"USA"``, not as street ``"Orange County"`` in
  city ``"CA"``. Coordinates given with it are kept (they are the area's pin) but are not a
  meeting place.

Which lines count as a street (a digit or one of :data:`STREET_WORDS`) is this library's
convention. A whole address written into ``address`` (``"8318 104 St, Edmonton, Alberta, T6E
4E8, Canada"``) with no ``city`` is split at its commas like ``formatted_address``, with a note.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from selfhelp_exchange.io.meeting_guide_fields import text_value as _text
from selfhelp_exchange.meetings import Precision
from selfhelp_exchange.records import Location

__all__ = ["STREET_WORDS", "Precision", "looks_like_street", "read_place"]


#: Words that mark a line as a street line even without a house number (this library's
#: convention; English, Spanish and French street types common in North American feeds).
STREET_WORDS: frozenset[str] = frozenset(
    {
        "st", "street", "ave", "av", "avenue", "rd", "road", "blvd", "boulevard", "dr", "drive",
        "way", "ln", "lane", "hwy", "highway", "pkwy", "parkway", "ct", "court", "pl", "place",
        "ter", "terrace", "cir", "circle", "sq", "square", "trl", "trail", "row", "crescent",
        "cres", "calle", "avenida", "camino", "rue", "chemin", "route", "rte", "plaza",
    }
)  # fmt: skip

_WORD = re.compile(r"[^\W\d_]+")
_STATE_POSTAL = re.compile(r"^(?P<state>[^\d]+?)\s+(?P<postal>[\dA-Z][\dA-Z -]{2,9})$")


def looks_like_street(line: str | None) -> bool:
    """Whether an address line names a street: it holds a digit or a street word.

    Examples
    --------
    >>> looks_like_street("16 Marmora St"), looks_like_street("Main Street")
    (True, True)
    >>> looks_like_street("Orange County"), looks_like_street("ZOOM")
    (False, False)
    """
    if not line:
        return False
    if any(ch.isdigit() for ch in line):
        return True
    return any(w.casefold() in STREET_WORDS for w in _WORD.findall(line))


def _coordinates(item: Mapping[str, Any], issues: list[str]) -> tuple[float | None, float | None]:
    lat_raw, lon_raw = item.get("latitude"), item.get("longitude")
    if lat_raw in (None, "") and lon_raw in (None, ""):
        return None, None

    def number(v: Any) -> float | None:
        if isinstance(v, bool):
            return None
        try:
            if isinstance(v, int | float | str):
                return float(v)
        except (ValueError, OverflowError):  # not a number, or a whole number past float
            return None
        return None

    lat, lon = number(lat_raw), number(lon_raw)
    given = f"(got latitude={lat_raw!r}, longitude={lon_raw!r})"
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
        issues.append(f"coordinates must be two numbers {given}; left out")
        return None, None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        issues.append(
            f"coordinates out of range {given} (valid: latitude -90 to 90, longitude -180 to "
            "180); left out"
        )
        return None, None
    if lat == 0.0 and lon == 0.0:
        issues.append("coordinates (0, 0) read as missing (a placeholder, not a place)")
        return None, None
    if isinstance(lat_raw, str) or isinstance(lon_raw, str):
        issues.append(f"coordinates given as text {given}; read as numbers")
    return lat, lon


def _area(parts: list[str]) -> dict[str, str | None]:
    """City, state, postal code and country from the lines of an address with no street.

    From the end: the country, then the state (with a postal code after it, if any), then the
    city; lines before the city (a neighbourhood) stay only in the verbatim one-line address.
    With two lines the first is read as the city, though it may name a state.
    """
    out: dict[str, str | None] = {"city": None, "state": None, "postal_code": None}
    rest = list(parts)
    country = rest.pop() if len(rest) >= 2 else None
    if len(rest) >= 2:
        state = rest.pop()
        m = _STATE_POSTAL.match(state)
        out["state"], out["postal_code"] = (m["state"], m["postal"]) if m else (state, None)
    if rest:
        out["city"] = rest[-1]  # the most specific line before the state
    out["country"] = country
    return out


def read_place(
    item: Mapping[str, Any], issues: list[str], notes: list[str]
) -> tuple[Location | None, str | None, Precision | None]:
    """The meeting's place, its one-line address verbatim, and how precise the place is.

    Parameters
    ----------
    item : Mapping
        One meeting of the feed.
    issues : list of str
        Appended to: what could not be read.
    notes : list of str
        Appended to: common variants read anyway.

    Returns
    -------
    (Location or None, str or None, precision or None)
        Precision ``"street"``, ``"point"`` or ``"city"`` (see the module's documentation);
        None when there is no place.

    Examples
    --------
    >>> issues, notes = [], []
    >>> loc, line, precision = read_place({"formatted_address": "Orange County, CA, USA"},
    ...                                   issues, notes)
    >>> loc.address, loc.city, loc.state, loc.country, precision
    (None, 'Orange County', 'CA', 'USA', 'city')
    >>> loc, _, precision = read_place(
    ...     {"formatted_address": "4953 W Addison St, Chicago, IL 60641, USA"}, issues, notes)
    >>> loc.address, loc.city, precision
    ('4953 W Addison St', 'Chicago', 'street')
    """
    fields = {
        k: _text(item.get(k), k, issues)
        for k in ("address", "city", "state", "postal_code", "country", "location")
    }
    formatted = _text(item.get("formatted_address"), "formatted_address", issues)
    line, source = fields["address"], "address"
    if line is None:
        line, source = formatted, "formatted_address"
    elif formatted is not None and not looks_like_street(line.split(",")[0]):
        # 'address' names no street ("Zoom", "Orange County"): the one-line address says more
        notes.append(f"'address' {line!r} names no street; 'formatted_address' read instead")
        fields["address"] = None
        line, source = formatted, "formatted_address"
    precision: Precision | None = None
    if line is not None and (source == "formatted_address" or "," in line):
        parts = [p.strip() for p in line.split(",") if p.strip()]
        # the street line is the first; or, after a building's name, one of the lines before
        # the last three (city, state and postal code, country)
        k = next(
            (i for i, p in enumerate(parts[: max(1, len(parts) - 3)]) if looks_like_street(p)),
            None,
        )
        if k is not None:
            if k > 0:
                named = ", ".join(parts[:k])
                notes.append(
                    f"{source!r} {line!r} starts with a name; read as street {parts[k]!r}"
                )
                if fields["location"] is None:
                    fields["location"] = named
                parts = parts[k:]
            if source == "address" and fields["city"] is None and len(parts) >= 2:
                notes.append(
                    f"the whole address {line!r} is in 'address'; read as street "
                    f"{parts[0]!r}, city {parts[1]!r}"
                )
                fields["address"] = parts[0]
            elif source == "formatted_address" or k > 0:
                fields["address"] = parts[0]
            if fields["city"] is None and (len(parts) >= 3 or source == "address"):
                fields["city"] = parts[1] if len(parts) >= 2 else None
            precision = "street"
        elif parts:
            area = _area(parts)
            fields["address"] = None
            for key, value in area.items():
                if fields[key] is None:
                    fields[key] = value
            notes.append(
                f"city-level address {line!r} read as a place, not a street: no meeting space "
                "or in-person reach is inferred from it"
            )
            precision = "city"
    elif line is not None:
        if looks_like_street(line):
            precision = "street"
        else:
            fields["address"] = None
            if fields["city"] is None:
                fields["city"] = line
            notes.append(
                f"city-level address {line!r} read as a place, not a street: no meeting space "
                "or in-person reach is inferred from it"
            )
            precision = "city"
    lat, lon = _coordinates(item, issues)
    building = fields.pop("location")
    if all(v is None for v in fields.values()) and lat is None and building is None:
        return None, formatted, None
    if precision is None:
        # coordinates with no area named are a point; with a city or state named, the area's pin
        area_named = any(fields[k] is not None for k in ("city", "state", "postal_code"))
        precision = "point" if lat is not None and not area_named else "city"
    return Location(**fields, latitude=lat, longitude=lon, name=building), formatted, precision
