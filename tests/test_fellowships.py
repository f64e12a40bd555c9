from __future__ import annotations

import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.fellowships import FELLOWSHIPS, fellowship_in_text, lookup_fellowship


@pytest.mark.parametrize(
    ("name", "short", "approach", "focus"),
    [
        ("AA", "AA", "twelve_step", "substance_use"),
        ("a.a.", "AA", "twelve_step", "substance_use"),
        ("Alcoholics  Anonymous", "AA", "twelve_step", "substance_use"),
        ("narcotics anonymous", "NA", "twelve_step", "substance_use"),
        ("Al-Anon", "Al-Anon", "twelve_step", "family"),
        ("alanon", "Al-Anon", "twelve_step", "family"),
        ("Alateen", "Alateen", "twelve_step", "family"),
        ("Nar-Anon Family Groups", "Nar-Anon", "twelve_step", "family"),
        ("SMART Recovery", "SMART Recovery", "non_twelve_step", "substance_use"),
        ("smart", "SMART Recovery", "non_twelve_step", "substance_use"),
        ("LifeRing Secular Recovery", "LifeRing", "non_twelve_step", "substance_use"),
        ("Dual Recovery Anonymous", "DRA", "twelve_step", "co_occurring"),
        ("DBSA", "DBSA", "non_twelve_step", "mental_health"),
        ("Gamblers Anonymous", "GA", "twelve_step", None),
    ],
)
def test_lookup(name: str, short: str, approach: str, focus: str | None) -> None:
    f = lookup_fellowship(name)
    assert f is not None
    assert f.name == short
    assert f.approach == approach
    assert f.focus == focus


def test_lookup_unknown() -> None:
    assert lookup_fellowship("Book Club") is None
    assert lookup_fellowship(None) is None


def test_table_is_consistent() -> None:
    assert all(name == f.name for name, f in FELLOWSHIPS.items())
    assert all(isinstance(f.approach, shx.Approach) for f in FELLOWSHIPS.values())
    # every spelling leads back to its own row
    for f in FELLOWSHIPS.values():
        for spelling in (f.name, f.full_name, *f.aliases):
            assert lookup_fellowship(spelling) is f
    # family fellowships are the ones for relatives and friends
    family = {n for n, f in FELLOWSHIPS.items() if f.focus is shx.Focus.FAMILY}
    assert family == {"Al-Anon", "Alateen", "Nar-Anon", "ACA", "SMART Recovery Family & Friends"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quinte District Intergroup of Alcoholics Anonymous", "AA"),
        ("Central Ohio AA Intergroup", "AA"),
        ("Greater Napanee Area Service Committee", None),  # "Na" inside words is not NA
        ("Canada Service Office", None),  # nor "Ca"
        ("Area 5 NA", "NA"),
        ("Al-Anon Family Groups of Ontario", "Al-Anon"),
        ("Al-Anon and Alateen Information Service", None),  # two fellowships: ambiguous
        ("AA and NA meetings", None),
        ("", None),
        (None, None),
    ],
)
def test_fellowship_in_text(text: str | None, expected: str | None) -> None:
    found = fellowship_in_text(text)
    assert (None if found is None else found.name) == expected
