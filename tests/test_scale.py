"""shx.scale: linkage from a partitioned Parquet dataset equals the in-memory network's."""

from __future__ import annotations

import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import selfhelp_exchange as shx
from tests.strategies import linkage_networks

WINDOWS = [(None, None), ("2024-07-01", "2025-06-30"), ("2025-01-01", None)]


@pytest.fixture(scope="module")
def community() -> shx.ExchangeNetwork:
    return shx.generate.community(40, 200, n_exchanges=20_000, seed=7)


def test_equal_to_in_memory_on_a_dask_cluster(
    community: shx.ExchangeNetwork, tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    files = shx.scale.write_dataset(community, tmp_path, rows_per_file=3_000)
    assert len(files) > 3
    with (
        distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False) as cluster,
        distributed.Client(cluster) as client,
    ):
        for start, end in WINDOWS:
            got = shx.scale.adaptational_linkage(tmp_path, start=start, end=end, executor=client)
            expected = shx.adaptational_linkage(community, start=start, end=end)
            assert got.equals(expected), (start, end)
            # the per-agency measures from the same statistics, computed once on the cluster
            stats = shx.scale.dyad_statistics(tmp_path, start=start, end=end, executor=client)
            summary = shx.scale.adaptational_summary(stats)
            want = shx.adaptational_summary(community, start=start, end=end)
            assert summary.equals(want), (start, end)
            assert shx.scale.adaptational_linkage(stats).equals(expected)
    assert len(expected) > 100
    assert (want["groups_linked"] > 0).sum() > 20


def test_any_executor_and_weights(community: shx.ExchangeNetwork, tmp_path: Path) -> None:
    shx.scale.write_dataset(community, tmp_path, rows_per_file=5_000)
    weights = {"coverage": 0.4, "multiplexity": 0.2, "reciprocity": 0.2, "intensity": 0.2}
    with ThreadPoolExecutor(2) as ex:
        got = shx.scale.adaptational_linkage(tmp_path, weights=weights, executor=ex, max_pending=1)
    assert got.equals(shx.adaptational_linkage(community, weights=weights))


@settings(max_examples=40, deadline=None)
@given(linkage_networks(), st.integers(1, 7))
def test_partitions_merge_exactly_whatever_their_size(
    net: shx.ExchangeNetwork, rows_per_file: int
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        try:
            shx.scale.write_dataset(net, tmp, rows_per_file=rows_per_file)
        except shx.DataFileError:  # a lone surrogate in an id cannot be UTF-8
            return
        got = shx.scale.adaptational_linkage(tmp)
        summary = shx.scale.adaptational_summary(tmp)
    assert got.equals(shx.adaptational_linkage(net))
    assert summary.equals(shx.adaptational_summary(net))


def test_refusals_name_the_file(community: shx.ExchangeNetwork, tmp_path: Path) -> None:
    with pytest.raises(shx.DataFileError, match=r"no nodes\.parquet here"):
        shx.scale.adaptational_linkage(tmp_path)
    files = shx.scale.write_dataset(community, tmp_path, rows_per_file=10_000)
    files[0].write_bytes(files[0].read_bytes()[:100])
    with pytest.raises(shx.DataFileError, match="not a Parquet file") as err:
        shx.scale.adaptational_linkage(tmp_path)
    assert str(files[0]) in str(err.value)
    # a partition naming a node the dataset does not have
    other = shx.generate.community(3, 5, n_exchanges=50, seed=1)
    shx.write_parquet(other, files[0])
    with pytest.raises(shx.DataFileError, match="not an agency, group or community actor"):
        shx.scale.adaptational_linkage(tmp_path)
    with pytest.raises(shx.ArgumentError, match="max_pending must be"):
        shx.scale.adaptational_linkage(tmp_path, max_pending=0)
    with pytest.raises(shx.ArgumentError, match="rows_per_file must be"):
        shx.scale.write_dataset(community, tmp_path, rows_per_file=0)
    assert np.all([p.suffix == ".parquet" for p in files])


def test_summary_with_options_and_the_statistics_frames(
    community: shx.ExchangeNetwork, tmp_path: Path
) -> None:
    shx.scale.write_dataset(community, tmp_path, rows_per_file=4_000)
    options = {
        "agency_weights": {
            "depth": 0.4,
            "groups": 0.2,
            "choice": 0.2,
            "subunits": 0.1,
            "active": 0.1,
        },
        "choices": ["twelve_step", "family"],
    }
    got = shx.scale.adaptational_summary(tmp_path, start="2024-07-01", end="2025-06-30", **options)
    want = shx.adaptational_summary(community, start="2024-07-01", end="2025-06-30", **options)
    assert got.equals(want)
    stats = shx.scale.dyad_statistics(tmp_path, start="2024-07-01", end="2025-06-30")
    assert "n_dyads=" in repr(stats)
    assert len(repr(stats)) < 300
    dyads = stats.to_frame()
    linkage = shx.adaptational_linkage(community, start="2024-07-01", end="2025-06-30")
    assert dyads["agency_id"].tolist() == linkage["agency_id"].tolist()
    assert dyads["n_exchanges"].tolist() == linkage["n_exchanges"].tolist()
    np.testing.assert_allclose(dyads["intensity"], linkage["intensity"])
    agencies = stats.agency_frame()
    assert agencies["agency_id"].tolist() == want["agency_id"].tolist()
    assert agencies["groups_linked"].tolist() == want["groups_linked"].tolist()
    np.testing.assert_allclose(agencies["intensity_total"], want["intensity_total"])
    assert agencies["n_exchanges"].sum() == linkage["n_exchanges"].sum()
    # statistics of one window are not silently reused for another
    with pytest.raises(shx.ArgumentError, match="statistics are of the window"):
        shx.scale.adaptational_summary(stats, start="2024-01-01")


def test_worker_processes_give_the_same_frames(tmp_path: Path) -> None:
    # tasks and their results cross process boundaries (pickled), as on a real cluster
    distributed = pytest.importorskip("distributed")
    net = shx.generate.community(12, 60, n_exchanges=3_000, seed=11)
    shx.scale.write_dataset(net, tmp_path, rows_per_file=700)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        stats = shx.scale.dyad_statistics(tmp_path, executor=client, max_pending=2)
    assert stats.n_partitions >= 4
    assert shx.scale.adaptational_linkage(stats).equals(shx.adaptational_linkage(net))
    assert shx.scale.adaptational_summary(stats).equals(shx.adaptational_summary(net))


def test_the_tasks_are_planned_from_the_node_ids_alone(
    community: shx.ExchangeNetwork, tmp_path: Path
) -> None:
    shx.scale.write_dataset(community, tmp_path, rows_per_file=6_000)
    ids = tmp_path / "node_ids.parquet"
    assert ids.is_file()
    with_ids = shx.scale.dyad_statistics(tmp_path)
    assert not with_ids._records  # the records were not built to plan the tasks
    want = shx.adaptational_summary(community)
    assert shx.scale.adaptational_summary(with_ids).equals(want)
    # a dataset written before node_ids.parquet existed reads the same
    ids.unlink()
    assert shx.scale.adaptational_linkage(tmp_path).equals(shx.adaptational_linkage(community))
    ids.write_bytes(b"not parquet")
    with pytest.raises(shx.DataFileError, match="node ids") as err:
        shx.scale.dyad_statistics(tmp_path)
    assert "node_ids.parquet" in str(err.value)
