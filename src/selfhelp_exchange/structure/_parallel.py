"""Seeded, chunked work that gives the same numbers serially or on any Executor.

Random draws are split into fixed-size chunks, each with its own child generator spawned from
the caller's seed before anything is dispatched. A chunk's draws depend only on the seed and
the chunk's position, never on how chunks are grouped into tasks or which worker runs them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from itertools import pairwise
from typing import Any

import numpy as np
import numpy.typing as npt

from selfhelp_exchange._random import SeedLike, as_generator

__all__ = ["CHUNK", "Chunk", "run_chunks", "spawn_chunks"]

#: Draws per chunk. Fixed (not derived from the machine or the executor) so that results for a
#: seed never change with the way they are computed.
CHUNK = 64

Chunk = tuple[int, np.random.Generator]
Worker = Callable[[Any, Sequence[Chunk]], npt.NDArray[Any]]


def spawn_chunks(seed: SeedLike, n_draws: int) -> list[Chunk]:
    """``(size, generator)`` for each chunk of ``n_draws`` draws, spawned from ``seed``."""
    rng = as_generator(seed)
    n_chunks = -(-n_draws // CHUNK)
    gens = rng.spawn(n_chunks)
    sizes = [min(CHUNK, n_draws - k * CHUNK) for k in range(n_chunks)]
    return list(zip(sizes, gens, strict=True))


def run_chunks(
    worker: Worker,
    payload: Any,
    chunks: Sequence[Chunk],
    executor: Executor | None,
    *,
    n_tasks: int = 16,
) -> npt.NDArray[Any]:
    """Run ``worker(payload, chunks)`` over all chunks and concatenate results in chunk order.

    With an executor, contiguous runs of chunks go out as at most ``n_tasks`` tasks (each
    carries the payload once); without one, everything runs here in one call.
    """
    if not chunks:
        return np.zeros(0)
    if executor is None:
        return worker(payload, chunks)
    n = min(n_tasks, len(chunks))
    bounds = np.linspace(0, len(chunks), n + 1).astype(int)
    futures = [
        executor.submit(worker, payload, list(chunks[lo:hi]))
        for lo, hi in pairwise(bounds.tolist())
        if hi > lo
    ]
    return np.concatenate([f.result() for f in futures], axis=0)
