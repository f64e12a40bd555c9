"""``start``/``end`` are keyword-only everywhere; a positional window still works for one
release and says what to write (issue #19: one vocabulary)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.exceptions import ArgumentTypeError
from selfhelp_exchange.metrics.timeline import linkage_by_period
from selfhelp_exchange.people import client_count_table, client_counts
from selfhelp_exchange.plot.scorecard import profile_values
from selfhelp_exchange.privacy import SuppressedTable, published_network
from selfhelp_exchange.report.export import score_tables
from tests.hand_network import hand_network

START, END = "2024-01-01", "2024-06-30"

WINDOWED: list[tuple[str, Callable[..., Any], tuple[Any, ...]]] = [
    ("adaptational_linkage", shx.adaptational_linkage, ()),
    ("adaptational_summary", shx.adaptational_summary, ()),
    ("agency_scorecard", shx.agency_scorecard, ()),
    ("institutional_linkage", shx.institutional_linkage, ()),
    ("linkage_by_period", linkage_by_period, ("quarter",)),
    ("client_counts", client_counts, ()),
    ("client_count_table", client_count_table, ()),
    ("profile_values", profile_values, ()),
    ("published_network", published_network, ()),
    ("score_tables", score_tables, ()),
]


def _same(a: Any, b: Any) -> None:
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b)
    elif isinstance(a, dict):
        assert a.keys() == b.keys()
        for k in a:
            _same(a[k], b[k])
    elif isinstance(a, SuppressedTable):
        for field in ("counts", "hidden", "primary"):
            pd.testing.assert_frame_equal(getattr(a, field), getattr(b, field))
        assert (a.threshold, a.marker) == (b.threshold, b.marker)
    else:
        assert a == b


@pytest.mark.parametrize(("name", "func", "lead"), WINDOWED, ids=[w[0] for w in WINDOWED])
def test_start_end_keyword_only(
    name: str, func: Callable[..., Any], lead: tuple[Any, ...]
) -> None:
    params = inspect.signature(func).parameters
    assert params["start"].kind is inspect.Parameter.KEYWORD_ONLY
    assert params["end"].kind is inspect.Parameter.KEYWORD_ONLY
    net = hand_network()
    want = func(net, *lead, start=START, end=END)
    with pytest.warns(FutureWarning, match=r"start, end to .* by position is deprecated"):
        got = func(net, *lead, START, END)
    _same(want, got)
    # the window matters for the hand network: otherwise this test could not fail
    if name in ("adaptational_linkage", "agency_scorecard"):
        with pytest.raises(AssertionError):
            _same(want, func(net, *lead))


def test_window_method_keyword_only() -> None:
    net = hand_network()
    want = net.window(start=START, end=END)
    with pytest.warns(FutureWarning, match="by position is deprecated"):
        assert net.window(START, END) == want
    assert want != net


def test_in_window_keyword_only_and_checked() -> None:
    x = hand_network().arrays
    want = x.in_window(start=START, end=END)
    with pytest.warns(FutureWarning, match="by position is deprecated"):
        np.testing.assert_array_equal(x.in_window(START, END), want)
    assert not want.all()  # the window does leave exchanges out
    with pytest.raises(shx.ArgumentError, match="before 'start'"):
        x.in_window(start=END, end=START)
    with pytest.raises(shx.ArgumentError, match="'start' must be a date"):
        x.in_window(start="last year")


def test_too_many_positional_arguments() -> None:
    with pytest.raises(ArgumentTypeError, match="positional arguments"):
        shx.adaptational_linkage(hand_network(), START, END, None)


def test_same_argument_twice() -> None:
    with pytest.raises(ArgumentTypeError, match="multiple values for argument 'start'"):
        shx.adaptational_linkage(hand_network(), START, start=START)
