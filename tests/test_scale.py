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
    assert len(expected) > 100


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
    assert got.equals(shx.adaptational_linkage(net))


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
    with pytest.raises(shx.DataFileError, match="max_pending must be"):
        shx.scale.adaptational_linkage(tmp_path, max_pending=0)
    with pytest.raises(shx.DataFileError, match="rows_per_file must be"):
        shx.scale.write_dataset(community, tmp_path, rows_per_file=0)
    assert np.all([p.suffix == ".parquet" for p in files])
