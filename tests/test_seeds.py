"""One seed type for the whole library, and one family of argument errors."""

from __future__ import annotations

import numpy as np
import pytest

import selfhelp_exchange as shx
from selfhelp_exchange import structure as st
from selfhelp_exchange._random import as_generator, check_seed, seed_sequence


def test_one_seed_alias_everywhere() -> None:
    from selfhelp_exchange import generate
    from selfhelp_exchange.simulate import ensemble

    assert ensemble.SeedLike is shx.SeedLike
    assert generate.Seed is shx.SeedLike


@pytest.mark.parametrize("bad", ["7", 1.5, True, [1, 2]])
def test_wrong_seed_type_is_an_argument_type_error(bad: object) -> None:
    with pytest.raises(shx.ArgumentTypeError, match=r"seed must be an int >= 0") as info:
        check_seed(bad)
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, ValueError)  # as the errors it replaces were


def test_negative_seed_is_an_argument_error() -> None:
    with pytest.raises(shx.ArgumentError, match=r"got -3") as info:
        check_seed(-3)
    assert not isinstance(info.value, TypeError)


def test_every_random_function_checks_its_seed_the_same_way() -> None:
    net = shx.load_example("riverside")
    ref, att = net.layer(["referral"]), net.layer(["attendance"])
    calls = [
        lambda: shx.generate.community(3, 3, seed="x"),
        lambda: st.qap_correlation(ref, att, n_permutations=9, seed="x"),
        lambda: st.mrqap(att, {"r": ref}, n_permutations=9, seed="x"),
        lambda: st.bootstrap_ci([1.0, 2.0, 3.0], n_boot=9, seed="x"),
    ]
    for call in calls:
        with pytest.raises(shx.ArgumentTypeError, match="seed must be"):
            call()
    # simulate keeps its own error class (a SimulationError is an ArgumentError)
    with pytest.raises(shx.simulate.SimulationError, match="seed must be"):
        shx.simulate.facilitated_access(net, n_runs=1, seed="x")  # type: ignore[arg-type]


def test_as_generator_and_seed_sequence_keep_numpy_semantics() -> None:
    assert as_generator(5).random() == np.random.default_rng(5).random()
    g = np.random.default_rng(0)
    assert as_generator(g) is g
    ss = np.random.SeedSequence(11)
    assert seed_sequence(ss) is ss
    assert seed_sequence(11).entropy == 11
    # a Generator is consumed: two calls give two roots
    assert seed_sequence(g).entropy != seed_sequence(g).entropy


def test_area_errors_are_argument_errors_and_import_from_where_they_were() -> None:
    from selfhelp_exchange.exceptions import GenerateError, SimulationError
    from selfhelp_exchange.generate import GenerateError as OldGenerateError
    from selfhelp_exchange.simulate.parameters import SimulationError as OldSimulationError

    assert OldGenerateError is GenerateError is shx.generate.GenerateError
    assert OldSimulationError is SimulationError is shx.simulate.SimulationError
    for cls in (GenerateError, SimulationError, shx.ArgumentTypeError):
        assert issubclass(cls, shx.ArgumentError)
        assert issubclass(cls, ValueError)
        assert issubclass(cls, shx.SelfHelpExchangeError)
