"""One date rule: a record and the array constructors accept exactly the same date texts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import selfhelp_exchange as shx

NET = shx.load_example("riverside")
A, G = NET.agencies[0].id, NET.groups[0].id


def _record_accepts(text: str) -> bool:
    try:
        shx.Exchange(A, G, "referral", start=text)
    except shx.RecordError:
        return False
    return True


def _arrays_accept(text: str) -> bool:
    try:
        shx.ExchangeNetwork.from_arrays(
            agencies=NET.agencies,
            groups=NET.groups,
            source=[A],
            target=[G],
            kind=["referral"],
            start=[text],
        )
    except shx.SelfHelpExchangeError:
        return False
    return True


@pytest.mark.parametrize(
    ("text", "accepted"),
    [
        ("2024-03-01", True),
        (" 2024-03-01 ", True),
        ("2024", False),  # numpy would make it 2024-01-01
        ("2024-03", False),
        ("20240301", False),  # date.fromisoformat would take it
        ("2024-W10-1", False),
        ("2024-02-30", False),
        ("", False),
    ],
)
def test_the_same_texts_pass_both_ways(text: str, accepted: bool) -> None:
    assert _record_accepts(text) is accepted
    assert _arrays_accept(text) is accepted


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.text(alphabet="0123456789-W T:", max_size=12),
        st.dates().map(lambda d: d.isoformat()),
    )
)
def test_a_record_and_the_arrays_agree_on_any_text(text: str) -> None:
    assert _record_accepts(text) == _arrays_accept(text)
