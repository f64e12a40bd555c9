"""The one seed type of the library, and the two ways a seed becomes random numbers.

Every function that draws random numbers takes ``seed: SeedLike``: an int >= 0, a
:class:`numpy.random.Generator`, a :class:`numpy.random.SeedSequence` or None (fresh entropy).
:func:`as_generator` turns it into a Generator (the generator module and ``structure``);
:func:`seed_sequence` into the root SeedSequence of an ensemble (``simulate``).
"""

from __future__ import annotations

from typing import TypeAlias

import numpy as np

from selfhelp_exchange.exceptions import ArgumentError, ArgumentTypeError

__all__ = ["SeedLike", "as_generator", "check_seed", "seed_sequence"]

#: What every ``seed=`` argument of the library accepts.
SeedLike: TypeAlias = int | np.random.Generator | np.random.SeedSequence | None

_ALLOWED = "an int >= 0, a numpy Generator, a SeedSequence or None"


def check_seed(seed: object, *, error: type[ArgumentError] | None = None) -> SeedLike:
    """``seed`` itself if it is a :data:`SeedLike`, else an error naming what is allowed.

    A wrong type raises :class:`~selfhelp_exchange.ArgumentTypeError` and a negative int
    :class:`~selfhelp_exchange.ArgumentError`, unless ``error`` names the class to raise (an
    area's own error, such as ``SimulationError``).

    Examples
    --------
    >>> check_seed(7), check_seed(None)
    (7, None)
    >>> check_seed(-1)
    Traceback (most recent call last):
    ...
    selfhelp_exchange.exceptions.ArgumentError: seed must be an int >= 0, a numpy Generator, a SeedSequence or None (got -1)
    """
    if seed is None or isinstance(seed, np.random.Generator | np.random.SeedSequence):
        return seed
    msg = f"seed must be {_ALLOWED} (got {seed!r})"
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        raise (error or ArgumentTypeError)(msg)
    if seed < 0:
        raise (error or ArgumentError)(msg)
    return int(seed)


def as_generator(seed: SeedLike) -> np.random.Generator:
    """A Generator from a seed: ``numpy.random.default_rng`` after :func:`check_seed`.

    A Generator is returned as it is (drawing from it advances the caller's generator).

    Examples
    --------
    >>> g = as_generator(3)
    >>> bool(g.integers(10**9) == as_generator(3).integers(10**9))
    True
    >>> as_generator(g) is g
    True
    """
    return np.random.default_rng(check_seed(seed))


def seed_sequence(
    seed: SeedLike, *, error: type[ArgumentError] | None = None
) -> np.random.SeedSequence:
    """The root :class:`numpy.random.SeedSequence` of an ensemble of runs.

    An int (or None, for fresh entropy) seeds it directly; a SeedSequence is used as it is; a
    :class:`numpy.random.Generator` is consumed: its next four 64-bit draws become the entropy,
    so passing the same generator twice gives two different ensembles (SPEC 7).

    Examples
    --------
    >>> seed_sequence(7).entropy
    7
    >>> g = np.random.default_rng(1)
    >>> seed_sequence(g).entropy != seed_sequence(g).entropy
    True
    """
    seed = check_seed(seed, error=error)
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if isinstance(seed, np.random.Generator):
        draws = seed.integers(0, 2**63, size=4, dtype=np.int64)
        return np.random.SeedSequence([int(d) for d in draws])
    return np.random.SeedSequence(seed)
