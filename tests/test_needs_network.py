"""Given the wrong kind of input, every public function says what it needs (never AttributeError)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import matplotlib as mpl
import networkx as nx
import pandas as pd
import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.exceptions import ArgumentTypeError

mpl.use("Agg")


def _takes_a_network_first(func: Callable[..., Any]) -> bool:
    params = list(inspect.signature(func).parameters.values())
    if not params:
        return False
    annotation = str(params[0].annotation)
    return annotation == "ExchangeNetwork"


def _public_functions() -> dict[str, Callable[..., Any]]:
    found: dict[str, Callable[..., Any]] = {}
    for module in (shx, shx.plot, shx.simulate, shx.structure, shx.scale, shx.report):
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isfunction(obj) and _takes_a_network_first(obj):
                found[f"{module.__name__}.{name}"] = obj
    return found


FUNCTIONS = _public_functions()


def test_the_functions_are_found() -> None:
    # the list below is built from the annotations: make sure it did find the families
    for name in (
        "selfhelp_exchange.adaptational_linkage",
        "selfhelp_exchange.agency_scorecard",
        "selfhelp_exchange.build_report",
        "selfhelp_exchange.write_json",
        "selfhelp_exchange.plot.linkage_heatmap",
        "selfhelp_exchange.plot.scorecard_profile",
        "selfhelp_exchange.simulate.tornado",
        "selfhelp_exchange.scale.write_dataset",
        "selfhelp_exchange.report.assess",
    ):
        assert name in FUNCTIONS
    assert len(FUNCTIONS) >= 35


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
@pytest.mark.parametrize(
    "given", [nx.path_graph(3), nx.MultiDiGraph(), pd.DataFrame({"a": [1]}), "riverside"]
)
def test_a_network_function_names_what_it_needs(name: str, given: object) -> None:
    func = FUNCTIONS[name]
    # the remaining required arguments filled with placeholders the check comes before
    params = list(inspect.signature(func).parameters.values())[1:]
    extra = [
        object()
        for p in params
        if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    with pytest.raises(ArgumentTypeError, match=r"needs an ExchangeNetwork") as info:
        func(given, *extra)
    text = str(info.value)
    assert func.__name__ in text
    if isinstance(given, nx.Graph):
        assert "networkx" in text
        assert "shx.structure" in text  # where a networkx graph does work


@pytest.mark.parametrize(
    ("call", "named"),
    [
        (shx.simulate.plot_sensitivity, "DataFrame from sensitivity"),
        (shx.simulate.plot_tornado, "DataFrame from tornado"),
        (shx.plot.composition_bars, "DataFrame from social_integration"),
        (shx.plot.integration_change, "IntegrationChange"),
        (lambda g: shx.plot.ego_network(g, "E1"), "PersonalNetworks"),
        (shx.write_meeting_guide, "MeetingGuideFeed"),
    ],
)
def test_other_figures_and_writers_name_what_they_need(
    call: Callable[[Any], Any], named: str
) -> None:
    with pytest.raises(ArgumentTypeError, match=named):
        call(nx.path_graph(3))


def test_a_frame_without_the_columns_is_named() -> None:
    with pytest.raises(ArgumentTypeError, match=r"missing: .*high"):
        shx.simulate.plot_sensitivity(pd.DataFrame({"parameter": ["x"], "value": [1.0]}))


def test_the_check_passes_a_network_through() -> None:
    net = shx.load_example("riverside")
    assert len(shx.adaptational_linkage(net=net)) > 0  # given by keyword too
    with pytest.raises(TypeError, match="missing"):
        shx.adaptational_linkage()  # type: ignore[call-arg]
