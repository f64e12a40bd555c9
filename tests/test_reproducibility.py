"""Reproducibility: a seed gives the same bits every time, serially or through an executor, and
the same network gives the same bytes in every file format.

Every public function that draws random numbers takes ``seed=`` (found by introspection below,
so a new one cannot slip in untested); each is run twice with the same seed, and once through a
:class:`concurrent.futures.ThreadPoolExecutor` where it accepts ``executor=``, and the results
are compared bit for bit: arrays by their bytes (so ``-0.0`` differs from ``0.0`` and NaN payloads
count), frames by their values and dtypes, networks by every field and their JSON bytes.
"""

from __future__ import annotations

import datetime as dt
import inspect
import io
import math
import struct
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pandas as pd
import pytest

import selfhelp_exchange as shx


def same(a: Any, b: Any, where: str = "result") -> None:
    """Assert ``a`` and ``b`` are equal bit for bit, naming where they differ."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} vs {type(b).__name__}"
    if isinstance(a, np.ndarray):
        assert a.dtype == b.dtype, where
        assert a.shape == b.shape, where
        if a.dtype == object:
            assert len(a) == len(b), where
            for i, (x, y) in enumerate(zip(a.ravel().tolist(), b.ravel().tolist(), strict=True)):
                same(x, y, f"{where}[{i}]")
        elif a.tobytes() != b.tobytes():  # not 'assert ==': pytest would diff megabytes
            raise AssertionError(where)
    elif isinstance(a, pd.DataFrame | pd.Series):
        assert a.equals(b), where
        same(a.index.to_numpy(), b.index.to_numpy(), f"{where}.index")
        frame_a = a.to_frame() if isinstance(a, pd.Series) else a
        frame_b = b.to_frame() if isinstance(b, pd.Series) else b
        assert list(frame_a.columns) == list(frame_b.columns), where
        assert list(frame_a.dtypes) == list(frame_b.dtypes), where
        for col in frame_a.columns:
            same(frame_a[col].to_numpy(), frame_b[col].to_numpy(), f"{where}[{col!r}]")
    elif isinstance(a, shx.ExchangeNetwork):
        assert a == b, where
        same(_json_bytes(a), _json_bytes(b), f"{where} as JSON")
    elif attrs.has(type(a)):
        for field in attrs.fields(type(a)):
            same(getattr(a, field.name), getattr(b, field.name), f"{where}.{field.name}")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for k in a:
            same(a[k], b[k], f"{where}[{k!r}]")
    elif isinstance(a, list | tuple):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{i}]")
    elif isinstance(a, float):
        assert struct.pack("<d", a) == struct.pack("<d", b), f"{where}: {a!r} vs {b!r}"
    else:
        assert a == b, f"{where}: {a!r} vs {b!r}"


def _json_bytes(net: shx.ExchangeNetwork) -> bytes:
    buf = io.StringIO()
    shx.write_json(net, buf)
    return buf.getvalue().encode("utf-8")


def test_same_sees_the_smallest_difference() -> None:
    same(np.array([0.0, np.nan]), np.array([0.0, np.nan]))
    with pytest.raises(AssertionError):
        same(np.array([0.0]), np.array([-0.0]))
    with pytest.raises(AssertionError):
        same(1.0, math.nextafter(1.0, 2.0))
    with pytest.raises(AssertionError):
        same(pd.DataFrame({"a": [1, 2]}), pd.DataFrame({"a": [1.0, 2.0]}))


# --------------------------------------------------------------------------- the seeded functions
def _net() -> shx.ExchangeNetwork:
    return shx.load_example("riverside")


def _matrices() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(2024)  # fixed inputs; the functions' own seeds vary the draws
    x1 = rng.integers(0, 2, (12, 12)).astype(float)
    x2 = rng.random((12, 12))
    y = x1 + 0.5 * x2 + rng.random((12, 12))
    for m in (x1, x2, y):
        np.fill_diagonal(m, 0)
    return x1, x2, y


def _calls() -> Iterator[tuple[str, Callable[..., Any], bool]]:
    """(name, call with seed= and optional executor=, takes an executor)."""
    net = _net()
    x1, x2, y = _matrices()
    small = {"clients_per_agency": 30, "n_runs": 6}
    yield "generate.community", lambda **kw: shx.generate.community(30, 40, **kw), False
    riverside = shx.load_example("riverside")
    yield (
        "institutional_outcomes",
        lambda **kw: shx.institutional_outcomes(
            riverside, "attitude_score", n_permutations=199, n_boot=199, **kw
        ),
        False,
    )
    yield (
        "linkage_sensitivity",
        lambda **kw: shx.linkage_sensitivity(net, n_draws=200, **kw),
        False,
    )
    yield (
        "simulate.facilitated_access",
        lambda **kw: shx.simulate.facilitated_access(net, **small, **kw),
        True,
    )
    yield (
        "simulate.compare_scenarios",
        lambda **kw: shx.simulate.compare_scenarios(
            {"passive": (net, "passive"), "facilitated": (net, "facilitated")}, **small, **kw
        ),
        True,
    )
    yield (
        "simulate.sensitivity",
        lambda **kw: shx.simulate.sensitivity(
            net, "facilitated_engaged", [0.2, 0.6], **small, **kw
        ),
        True,
    )
    yield (
        "simulate.tornado",
        lambda **kw: shx.simulate.tornado(
            net, {"facilitated_engaged": (0.2, 0.6)}, clients_per_agency=30, n_runs=4, **kw
        ),
        True,
    )
    yield (
        "simulate.access_interval",
        lambda **kw: shx.simulate.access_interval(net, clients_per_agency=30, n_runs=6, **kw),
        True,
    )
    yield (
        "simulate.replicate_trial",
        lambda **kw: shx.simulate.replicate_trial(
            "manning2012", n_runs=6, parameter_uncertainty=True, **kw
        ),
        True,
    )
    yield (
        "structure.qap_correlation",
        lambda **kw: shx.structure.qap_correlation(x1, y, n_permutations=200, **kw),
        True,
    )
    yield (
        "structure.mrqap",
        lambda **kw: shx.structure.mrqap(y, {"x1": x1, "x2": x2}, n_permutations=200, **kw),
        True,
    )
    yield (
        "structure.bootstrap_ci",
        lambda **kw: shx.structure.bootstrap_ci(y.sum(axis=1), n_boot=300, **kw),
        True,
    )
    measures = shx.social_integration(shx.load_personal_networks_example())
    yield (
        "social_integration_change",
        lambda **kw: shx.social_integration_change(
            measures, "baseline", "12 months", by="rlc_participant", n_boot=300, **kw
        ),
        False,
    )


CALLS = {name: (call, takes_executor) for name, call, takes_executor in _calls()}


def _seeded_public_functions() -> set[str]:
    found = set()
    for module in (shx, shx.generate, shx.simulate, shx.structure, shx.plot):
        for name in module.__all__:
            obj = getattr(module, name)
            if not callable(obj) or inspect.isclass(obj):
                continue
            try:
                params = inspect.signature(obj).parameters
            except (TypeError, ValueError):
                continue
            if "seed" in params:
                prefix = "" if module is shx else f"{module.__name__.rsplit('.', 1)[-1]}."
                found.add(f"{prefix}{name}")
    return found


def test_every_public_function_with_a_seed_is_checked_here() -> None:
    assert _seeded_public_functions() == set(CALLS)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_the_same_seed_gives_the_same_bits(name: str) -> None:
    call, _ = CALLS[name]
    same(call(seed=20240601), call(seed=20240601), name)
    # two Generators seeded alike draw alike (what a Generator becomes is each function's rule)
    same(
        call(seed=np.random.default_rng(20240601)),
        call(seed=np.random.default_rng(20240601)),
        f"{name} (Generator)",
    )


@pytest.mark.parametrize("name", sorted(n for n, (_, ex) in CALLS.items() if ex))
def test_an_executor_gives_the_same_bits(name: str) -> None:
    call, _ = CALLS[name]
    serial = call(seed=7)
    with ThreadPoolExecutor(max_workers=3) as pool:
        pooled = call(seed=7, executor=pool)
    same(serial, pooled, f"{name} through an executor")


@pytest.mark.parametrize("name", sorted(CALLS))
def test_another_seed_gives_other_draws(name: str) -> None:
    """Guards the test above: were the seed ignored, 'the same bits' would prove nothing."""
    call, _ = CALLS[name]
    with pytest.raises(AssertionError):
        same(call(seed=1), call(seed=2), name)


# --------------------------------------------------------------------------- byte-stable files
def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize(
    ("fmt", "write"),
    [
        ("json", lambda net, d: shx.write_json(net, d / "n.json")),
        ("json indented", lambda net, d: shx.write_json(net, d / "n.json", indent=2)),
        ("csv tables", lambda net, d: shx.write_tables(net, d / "tables")),
        ("workbook", lambda net, d: shx.write_tables(net, d / "n.xlsx")),
        ("graphml", lambda net, d: shx.write_graphml(net, d / "n.graphml")),
    ],
)
def test_the_same_network_gives_the_same_bytes(
    tmp_path: Path, fmt: str, write: Callable[[shx.ExchangeNetwork, Path], None]
) -> None:
    net = _net()
    rebuilt = shx.read_json(io.StringIO(_json_bytes(net).decode()))  # equal, built anew
    for name, n in (("a", net), ("b", rebuilt)):
        (tmp_path / name).mkdir()
        write(n, tmp_path / name)
    first = _files(tmp_path / "a")
    assert first, fmt
    assert first == _files(tmp_path / "b"), fmt


def test_a_workbook_written_days_later_has_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time
    import zipfile

    net = _net()
    shx.write_tables(net, tmp_path / "now.xlsx")
    later = time.time() + 3 * 24 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    with zipfile.ZipFile(tmp_path / "control.zip", "w") as zf:  # the clock did move for zipfile
        zf.writestr("x", "x")
    assert (
        zipfile.ZipFile(tmp_path / "control.zip").infolist()[0].date_time[:3]
        == (time.localtime(later)[:3])
    )
    shx.write_tables(net, tmp_path / "later.xlsx")
    assert (tmp_path / "now.xlsx").read_bytes() == (tmp_path / "later.xlsx").read_bytes()


def test_a_generated_community_writes_the_same_bytes(tmp_path: Path) -> None:
    nets = [shx.generate.community(20, 30, seed=5) for _ in range(2)]
    for k, net in enumerate(nets):
        shx.write_json(net, tmp_path / f"{k}.json")
        shx.write_graphml(net, tmp_path / f"{k}.graphml")
    assert (tmp_path / "0.json").read_bytes() == (tmp_path / "1.json").read_bytes()
    assert (tmp_path / "0.graphml").read_bytes() == (tmp_path / "1.graphml").read_bytes()


def test_the_report_is_byte_stable_for_the_same_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    net = shx.load_example("riverside")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    a = shx.build_report(net, tmp_path / "a.html")
    b = shx.build_report(net, tmp_path / "b.html")
    assert Path(a).read_bytes() == Path(b).read_bytes()
    assert b"Built 2026-01-01 00:00 UTC" in Path(a).read_bytes()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    when = dt.datetime(2025, 6, 30, 12, 0, tzinfo=dt.UTC)
    c = shx.build_report(net, tmp_path / "c.html", generated_at=when)
    assert b"Built 2025-06-30 12:00 UTC" in Path(c).read_bytes()
