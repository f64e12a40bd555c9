"""QAP correlation and MRQAP regression between node-by-node matrices, with permutation tests.

A permutation relabels the nodes of one matrix, rows and columns together, so it keeps the
matrix's structure (its row and column dependence) and breaks only its alignment with the
other. Permutations here are index arrays applied to the flattened matrix, many at a time: no
graph or matrix is rebuilt per permutation.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any, Literal

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange._random import SeedLike
from selfhelp_exchange._repr import headline_repr
from selfhelp_exchange.structure._adjacency import (
    Adjacency,
    StructureError,
    adjacency,
)
from selfhelp_exchange.structure._parallel import Chunk, run_chunks, spawn_chunks
from selfhelp_exchange.structure.partition import align

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MRQAPResult", "QAPResult", "mrqap", "permutation_cells", "qap_correlation"]

#: Values per block of permuted cells held in memory at once (about 16 MB of float64).
_BLOCK = 2**21


def _frame_matrix(obj: Any, name: str) -> tuple[tuple[Hashable, ...], Any]:
    """A square pandas DataFrame's node labels and its values, columns put in row order."""
    rows = list(obj.index)
    cols = list(obj.columns)
    if len(set(rows)) != len(rows) or set(rows) != set(cols) or len(cols) != len(rows):
        msg = (
            f"{name} must be a square adjacency DataFrame whose columns are its index labels "
            f"(got {len(rows)} rows and {len(cols)} columns)"
        )
        raise StructureError(msg)
    return tuple(rows), obj.loc[rows, rows].to_numpy()


def _as_adjacency(obj: Any, name: str, *, weighted: bool, directed: bool | None) -> Adjacency:
    nodes: tuple[Hashable, ...] | None = None
    if hasattr(obj, "columns") and hasattr(obj, "index") and hasattr(obj, "to_numpy"):
        # a pandas DataFrame (pandas is imported lazily, so test by shape of the API)
        nodes, obj = _frame_matrix(obj, name)
    if isinstance(obj, np.ndarray) or (
        isinstance(obj, Sequence)
        and not isinstance(obj, str)
        and obj
        and isinstance(obj[0], Sequence)
    ):
        try:
            m = np.array(obj, dtype=np.float64)
        except (TypeError, ValueError):
            msg = f"{name} must hold numbers only"
            raise StructureError(msg) from None
        if m.ndim != 2 or m.shape[0] != m.shape[1]:
            msg = f"{name} must be a square node-by-node matrix (got shape {m.shape})"
            raise StructureError(msg)
        if not np.all(np.isfinite(m[~np.eye(m.shape[0], dtype=bool)])):
            msg = f"{name} has a missing or infinite value off the diagonal"
            raise StructureError(msg)
        np.fill_diagonal(m, 0.0)
        if directed is False and not np.allclose(m, m.T):
            msg = f"directed=False needs symmetric matrices, and {name} is not symmetric"
            raise StructureError(msg)
        return Adjacency(
            nodes=nodes if nodes is not None else tuple(range(m.shape[0])),
            matrix=m,
            directed=not np.allclose(m, m.T),
            weighted=True,
        )
    return adjacency(obj, weighted=weighted, directed=False if directed is False else None)


def _prepare(
    named: Mapping[str, Any], *, directed: bool | None, weighted: bool
) -> tuple[tuple[Hashable, ...], dict[str, npt.NDArray[np.float64]], bool]:
    adjs = {k: _as_adjacency(v, k, weighted=weighted, directed=directed) for k, v in named.items()}
    sizes = {k: a.n for k, a in adjs.items()}
    if len(set(sizes.values())) > 1:
        msg = f"the matrices have different numbers of nodes: {sizes}"
        raise StructureError(msg)
    adjs = align(adjs)
    first = next(iter(adjs.values()))
    if first.n < 3:
        msg = f"QAP needs at least 3 nodes (got {first.n})"
        raise StructureError(msg)
    is_directed = any(a.directed for a in adjs.values()) if directed is None else directed
    return first.nodes, {k: a.matrix for k, a in adjs.items()}, is_directed


def permutation_cells(
    n: int, *, directed: bool
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Row and column of every cell a QAP statistic reads: off-diagonal, or upper triangle."""
    if directed:
        r, c = np.nonzero(~np.eye(n, dtype=bool))
        return r.astype(np.intp), c.astype(np.intp)
    r, c = np.triu_indices(n, 1)
    return r.astype(np.intp), c.astype(np.intp)


def _permutations(size: int, n: int, gen: np.random.Generator) -> npt.NDArray[np.intp]:
    base = np.broadcast_to(np.arange(n, dtype=np.intp), (size, n))
    out: npt.NDArray[np.intp] = gen.permuted(base, axis=1)
    return out


def _permuted_cells(
    flat: npt.NDArray[np.float64],
    perms: npt.NDArray[np.intp],
    rows: npt.NDArray[np.intp],
    cols: npt.NDArray[np.intp],
    n: int,
) -> npt.NDArray[np.float64]:
    """Cell values of the matrix relabelled by each permutation: ``M[p[r], p[c]]`` per row."""
    idx = perms[:, rows] * n + perms[:, cols]
    out: npt.NDArray[np.float64] = flat[idx]
    return out


def _blocks(size: int, m: int) -> list[slice]:
    step = max(1, _BLOCK // max(m, 1))
    return [slice(i, min(i + step, size)) for i in range(0, size, step)]


def _inverse(perms: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    inv = np.empty_like(perms)
    np.put_along_axis(inv, perms, np.arange(perms.shape[1], dtype=np.intp)[None, :], axis=1)
    return inv


def _nonzero_cells(
    m: npt.NDArray[np.float64],
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[np.float64]]:
    """Rows, columns and values of a matrix's nonzero off-diagonal cells."""
    r, c = np.nonzero(m)
    keep = r != c
    return r[keep].astype(np.intp), c[keep].astype(np.intp), m[r[keep], c[keep]]


def _compact(m: npt.NDArray[np.float64]) -> npt.NDArray[Any]:
    """The matrix in the smallest exact dtype: random gathers from a 0/1 layer stay in cache."""
    if np.all((m == 0) | (m == 1)):
        return m.astype(np.uint8)
    as32 = m.astype(np.float32)
    return as32 if np.array_equal(as32, m) else m


def _cross_products(
    fixed: npt.NDArray[Any],
    perms: npt.NDArray[np.intp],
    sparse: tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[np.float64]],
) -> npt.NDArray[np.float64]:
    """``sum_ij F[..., i, j] * Y[p_i, p_j]`` over off-diagonal cells, for each permutation p.

    Substituting ``k = p_i`` turns it into a sum over ``Y``'s nonzero cells ``(k, l)`` of
    ``F[q_k, q_l] * Y[k, l]`` with ``q`` the inverse permutation: one gather per nonzero cell
    of ``Y`` instead of one per cell. ``fixed`` is (n, n) or a stack (k, n, n); the result is
    (b,) or (b, k).
    """
    rk, ck, vk = sparse
    n = perms.shape[1]
    inv = _inverse(perms)
    idx = inv[:, rk] * n + inv[:, ck]
    if fixed.ndim == 2:
        out: npt.NDArray[np.float64] = fixed.ravel()[idx] @ vk
        return out.astype(np.float64)
    flat = fixed.reshape(fixed.shape[0], -1)
    return np.stack([f[idx] @ vk for f in flat], axis=1)


def _corr_worker(payload: tuple[Any, ...], chunks: Sequence[Chunk]) -> npt.NDArray[np.float64]:
    x_full, sparse_y, n, offset, scale = payload
    out = []
    for size, gen in chunks:
        perms = _permutations(size, n, gen)
        for s in _blocks(size, max(len(sparse_y[0]), 1)):
            out.append((_cross_products(x_full, perms[s], sparse_y) - offset) / scale)
    return np.concatenate(out) if out else np.zeros(0)


def _p_values(observed: float, permuted: npt.NDArray[np.float64]) -> tuple[float, float, float]:
    tol = 1e-9 * max(1.0, abs(observed))
    b = len(permuted)
    two = (1 + np.count_nonzero(np.abs(permuted) >= abs(observed) - tol)) / (b + 1)
    greater = (1 + np.count_nonzero(permuted >= observed - tol)) / (b + 1)
    less = (1 + np.count_nonzero(permuted <= observed + tol)) / (b + 1)
    return float(two), float(greater), float(less)


@attrs.frozen(eq=False, repr=False)
class QAPResult:
    r"""A QAP correlation and its permutation test.

    Attributes
    ----------
    statistic : float
        Pearson correlation of the two matrices' cells.
    p_value : float
        Two-sided: share of permutations with :math:`|r_p| \ge |r|`, counting the observed
        labelling, :math:`(1 + \#) / (1 + B)`.
    p_greater, p_less : float
        One-sided: :math:`r_p \ge r` and :math:`r_p \le r`, counted the same way (UCINET
        prints the plain shares as "Prop >=" and "Prop <=").
    permuted : ndarray of float64
        The correlation under each permutation, in draw order.
    nodes : tuple
    directed : bool
        Whether the cells were all off-diagonal cells (True) or the upper triangle.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.load_example("riverside")
    >>> r = shx.structure.qap_correlation(net.layer(["referral"]), net.layer(["attendance"]),
    ...                                   n_permutations=199, seed=1)
    >>> round(r.statistic, 3), r.p_value, r.n_permutations, r.directed
    (0.651, 0.005, 199, True)
    """

    statistic: float
    p_value: float
    p_greater: float
    p_less: float
    permuted: npt.NDArray[np.float64] = attrs.field(repr=False)
    nodes: tuple[Hashable, ...]
    directed: bool

    def __repr__(self) -> str:
        return headline_repr(
            "QAPResult",
            {
                "statistic": self.statistic,
                "p_value": self.p_value,
                "n_permutations": self.n_permutations,
                "n_nodes": len(self.nodes),
                "directed": self.directed,
            },
        )

    @property
    def n_permutations(self) -> int:
        """Number of permutations drawn."""
        return len(self.permuted)

    def to_frame(self) -> pd.DataFrame:
        """One row: statistic, p_value, p_greater, p_less, n_permutations, n_nodes, directed."""
        import pandas as pd

        return pd.DataFrame(
            {
                "statistic": [self.statistic],
                "p_value": [self.p_value],
                "p_greater": [self.p_greater],
                "p_less": [self.p_less],
                "n_permutations": [self.n_permutations],
                "n_nodes": [len(self.nodes)],
                "directed": [self.directed],
            }
        )


def qap_correlation(
    x: Any,
    y: Any,
    *,
    n_permutations: int = 1000,
    seed: SeedLike = None,
    executor: Executor | None = None,
    directed: bool | None = None,
    weighted: bool = False,
) -> QAPResult:
    r"""QAP correlation between two layers or any two node-by-node matrices.

    Parameters
    ----------
    x, y : ExchangeNetwork, networkx graph, Adjacency, square pandas DataFrame or square array
        Two relations on the same nodes (graphs and DataFrames, whose index and columns are
        the node labels, are aligned by label; arrays by position).
        For an ExchangeNetwork pass the layer, e.g. ``net.layer(["referral"])``; its
        organization-level graph is used (see :func:`~selfhelp_exchange.structure.adjacency`
        to choose otherwise and pass the Adjacency).
    n_permutations : int
        Permutations of ``y``'s node labels (default 1000).
    seed : int, numpy Generator, SeedSequence or None
        Seed for the permutations. The same seed gives the same result however the work is
        run.
    executor : concurrent.futures.Executor, optional
        Runs chunks of permutations (a process pool, or Dask's ``Client.get_executor()``).
    directed : bool, optional
        Use all off-diagonal cells (directed) or the upper triangle (undirected). Default:
        directed if either input is.
    weighted : bool
        For graphs: tie values instead of 0/1 (arrays are always used as given).

    Returns
    -------
    QAPResult

    Raises
    ------
    StructureError
        If the two inputs differ in nodes, have fewer than 3 nodes, or one is constant (the
        correlation is then undefined).

    Notes
    -----
    The statistic is Pearson's :math:`r` over the cells :math:`(i, j), i \ne j`. Its null
    distribution is drawn by relabelling ``y``'s nodes by a random permutation :math:`\pi`,
    :math:`y'_{ij} = y_{\pi(i) \pi(j)}` (Krackhardt 1987; Hubert 1987). Relabelling keeps the
    multiset of cell values, so only the cross-product changes:
    :math:`r_\pi = \sum (x - \bar x) y' / (\lVert x - \bar x \rVert \lVert y - \bar y \rVert)`,
    computed for a block of permutations as one matrix-vector product.

    Permutations are drawn in fixed chunks of 64, each from its own generator spawned from
    ``seed`` before dispatch, so results do not depend on ``executor``.

    References
    ----------
    .. [1] Krackhardt, D. (1987). QAP partialling as a test of spuriousness. *Social Networks*,
       9(2), 171-186.
    .. [2] Hubert, L. J. (1987). *Assignment Methods in Combinatorial Data Analysis*. Dekker.
    .. [3] Phipson, B., & Smyth, G. K. (2010). Permutation p-values should never be zero.
       *Statistical Applications in Genetics and Molecular Biology*, 9(1), article 39.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(1)
    >>> x = rng.random((8, 8))
    >>> r = qap_correlation(x, x + 0.01 * rng.random((8, 8)), n_permutations=99, seed=2)
    >>> round(r.statistic, 3), r.p_greater
    (1.0, 0.01)
    """
    if n_permutations < 1:
        msg = f"n_permutations must be at least 1 (got {n_permutations})"
        raise StructureError(msg)
    nodes, mats, is_directed = _prepare({"x": x, "y": y}, directed=directed, weighted=weighted)
    n = len(nodes)
    rows, cols = permutation_cells(n, directed=is_directed)
    xv = mats["x"][rows, cols]
    yv = mats["y"][rows, cols]
    xc = xv - xv.mean()
    yc = yv - yv.mean()
    scale = float(np.sqrt(xc @ xc) * np.sqrt(yc @ yc))
    if scale == 0:
        msg = "one of the two matrices is constant off the diagonal; the correlation is undefined"
        raise StructureError(msg)
    observed = float(xc @ yc / scale)
    # a permutation keeps y's multiset of cell values, so only sum(x * y') changes; for
    # symmetric matrices, y's upper-triangle cells against the full x give the triangle's sum
    y_cells = mats["y"] if is_directed else np.triu(mats["y"], 1)
    offset = float(xv.mean() * yv.sum())
    payload = (_compact(mats["x"]), _nonzero_cells(y_cells), n, offset, scale)
    permuted = run_chunks(_corr_worker, payload, spawn_chunks(seed, n_permutations), executor)
    two, greater, less = _p_values(observed, permuted)
    return QAPResult(
        statistic=observed,
        p_value=two,
        p_greater=greater,
        p_less=less,
        permuted=permuted,
        nodes=nodes,
        directed=is_directed,
    )


# ----------------------------------------------------------------------------------- MRQAP
@attrs.frozen(eq=False, repr=False)
class MRQAPResult:
    r"""A multiple regression on node-by-node matrices and its permutation tests.

    Attributes
    ----------
    names : tuple of str
        ``"intercept"`` (when fitted) and the predictors.
    coef, se, t : ndarray of float64
        OLS coefficients, their ordinary standard errors and t statistics.
    p_value : ndarray of float64
        Two-sided permutation p-value of each predictor's t statistic,
        :math:`(1 + \#\{|t_p| \ge |t|\}) / (1 + B)`; NaN for the intercept, which is not
        tested.
    p_greater, p_less : ndarray of float64
        One-sided, :math:`t_p \ge t` and :math:`t_p \le t`.
    permuted_t : ndarray of float64, shape (B, k)
        The t statistic of each predictor under each permutation.
    r_squared, adj_r_squared : float
    n_obs : int
        Cells used.
    method : str
        ``"dsp"`` or ``"y"``.
    nodes : tuple

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.load_example("riverside")
    >>> r = shx.structure.mrqap(
    ...     net.layer(["attendance"]),
    ...     {"referral": net.layer(["referral"]), "meeting_space": net.layer(["meeting_space"])},
    ...     n_permutations=199, seed=1)
    >>> r.names, r.method, r.n_obs  # 18 organizations: 18 x 17 ordered pairs
    (('intercept', 'referral', 'meeting_space'), 'dsp', 306)
    >>> r.to_frame()[["coef", "p_value"]].round(3)  # doctest: +NORMALIZE_WHITESPACE
                    coef  p_value
    term
    intercept     -0.001      NaN
    referral       0.311    0.005
    meeting_space  0.409    0.005
    """

    names: tuple[str, ...]
    coef: npt.NDArray[np.float64]
    se: npt.NDArray[np.float64]
    t: npt.NDArray[np.float64]
    p_value: npt.NDArray[np.float64]
    p_greater: npt.NDArray[np.float64]
    p_less: npt.NDArray[np.float64]
    permuted_t: npt.NDArray[np.float64] = attrs.field(repr=False)
    r_squared: float
    adj_r_squared: float
    n_obs: int
    method: str
    nodes: tuple[Hashable, ...]

    def __repr__(self) -> str:
        return headline_repr(
            "MRQAPResult",
            {
                "coef": dict(zip(self.names, self.coef.tolist(), strict=True)),
                "p_value": dict(zip(self.names, self.p_value.tolist(), strict=True)),
                "r_squared": self.r_squared,
                "n_obs": self.n_obs,
                "method": self.method,
                "n_permutations": self.n_permutations,
            },
        )

    @property
    def n_permutations(self) -> int:
        """Number of permutations drawn."""
        return int(self.permuted_t.shape[0])

    def to_frame(self) -> pd.DataFrame:
        """One row per term: coef, se, t, p_value, p_greater, p_less."""
        import pandas as pd

        return pd.DataFrame(
            {
                "coef": self.coef,
                "se": self.se,
                "t": self.t,
                "p_value": self.p_value,
                "p_greater": self.p_greater,
                "p_less": self.p_less,
            },
            index=pd.Index(self.names, name="term"),
        )


def _ypermutation_worker(
    payload: tuple[Any, ...], chunks: Sequence[Chunk]
) -> npt.NDArray[np.float64]:
    flat, rows, cols, n, design, xtx_inv, yy, dof, tested = payload
    out = []
    diag = np.diag(xtx_inv)[tested]
    for size, gen in chunks:
        perms = _permutations(size, n, gen)
        for s in _blocks(size, len(rows)):
            yv = _permuted_cells(flat, perms[s], rows, cols, n)
            xty = yv @ design
            beta = xty @ xtx_inv
            rss = np.maximum(yy - np.sum(xty * beta, axis=1), 0.0)
            out.append(beta[:, tested] / np.sqrt(rss[:, None] / dof * diag[None, :]))
    return np.concatenate(out) if out else np.zeros((0, len(tested)))


def _dsp_worker(payload: tuple[Any, ...], chunks: Sequence[Chunk]) -> npt.NDArray[np.float64]:
    rows, cols, n, dof, parts = payload
    out = []
    for size, gen in chunks:
        perms = _permutations(size, n, gen)
        for s in _blocks(size, len(rows)):
            cols_t = []
            for flat_e, others, g_inv, y_res, yy_res, ee in parts:
                ev = _permuted_cells(flat_e, perms[s], rows, cols, n)
                ez = ev @ others
                # e's squared norm after removing the other predictors (Frisch-Waugh-Lovell)
                ee_res = ee - np.sum((ez @ g_inv) * ez, axis=1)
                ey = ev @ y_res
                beta = ey / ee_res
                rss = np.maximum(yy_res - beta * ey, 0.0)
                cols_t.append(beta / np.sqrt(rss / dof / ee_res))
            out.append(np.column_stack(cols_t))
    return np.concatenate(out) if out else np.zeros((0, len(payload[4])))


def mrqap(
    y: Any,
    x: Mapping[str, Any] | Sequence[Any],
    *,
    method: Literal["dsp", "y"] = "dsp",
    n_permutations: int = 1000,
    seed: SeedLike = None,
    executor: Executor | None = None,
    intercept: bool = True,
    directed: bool | None = None,
    weighted: bool = False,
) -> MRQAPResult:
    r"""MRQAP: OLS regression of one node-by-node matrix on others, with QAP permutation tests.

    Parameters
    ----------
    y : ExchangeNetwork, networkx graph, Adjacency, square pandas DataFrame or square array
        The dependent relation.
    x : mapping of name -> matrix-like, or sequence of them
        The predictors, each like ``y`` (a sequence gets names ``x1``, ``x2``, ...).
    method : {"dsp", "y"}
        ``"dsp"`` (default): Dekker, Krackhardt & Snijders' (2007) double semi-partialling:
        for each predictor, its residuals on the other predictors are permuted and the t
        statistic of the permuted residual is the null draw; robust to collinear predictors
        and skewed data. ``"y"``: Krackhardt's (1988) permutation of the dependent matrix,
        refitting the whole model each time.
    n_permutations : int
    seed : int, numpy Generator, SeedSequence or None
    executor : concurrent.futures.Executor, optional
        As for :func:`qap_correlation`: same seed, same result, serially or on any executor.
    intercept : bool
        Fit an intercept (default).
    directed : bool, optional
        All off-diagonal cells (directed) or the upper triangle; default directed if any input
        is.
    weighted : bool
        For graphs: tie values instead of 0/1.

    Returns
    -------
    MRQAPResult

    Raises
    ------
    StructureError
        If the inputs differ in nodes, there is no predictor, or the predictors are collinear.

    Notes
    -----
    The model is :math:`y_{ij} = \beta_0 + \sum_k \beta_k x^{(k)}_{ij} + e_{ij}` over the
    cells :math:`i \ne j`, fitted by OLS; p-values compare each :math:`t_k` with its
    permutation distribution. In DSP the permuted residual's t is computed by the
    Frisch-Waugh-Lovell theorem without refitting: with :math:`Z` the other predictors,
    :math:`\tilde y` :math:`y`'s residual on :math:`Z` and :math:`e'` a permuted residual,
    :math:`\hat\beta = e' \cdot \tilde y / \lVert e' \rVert_Z^2`. The same permutations serve
    every predictor.

    References
    ----------
    .. [1] Dekker, D., Krackhardt, D., & Snijders, T. A. B. (2007). Sensitivity of MRQAP tests
       to collinearity and autocorrelation conditions. *Psychometrika*, 72(4), 563-581.
    .. [2] Krackhardt, D. (1988). Predicting with networks: nonparametric multiple regression
       analysis of dyadic data. *Social Networks*, 10(4), 359-381.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> x1, x2 = rng.random((10, 10)), rng.random((10, 10))
    >>> y = 2 * x1 + 0.1 * rng.random((10, 10))
    >>> r = mrqap(y, {"x1": x1, "x2": x2}, n_permutations=99, seed=1)
    >>> r.names, round(float(r.coef[1]), 1), float(r.p_value[1])
    (('intercept', 'x1', 'x2'), 2.0, 0.01)
    """
    if method not in ("dsp", "y"):
        msg = f"method must be 'dsp' or 'y' (got {method!r})"
        raise StructureError(msg)
    if n_permutations < 1:
        msg = f"n_permutations must be at least 1 (got {n_permutations})"
        raise StructureError(msg)
    named = dict(x) if isinstance(x, Mapping) else {f"x{i + 1}": v for i, v in enumerate(x)}
    if not named:
        msg = "mrqap needs at least one predictor"
        raise StructureError(msg)
    if "y" in named or (intercept and "intercept" in named):
        msg = "predictor names 'y' and 'intercept' are reserved"
        raise StructureError(msg)
    nodes, mats, is_directed = _prepare({"y": y, **named}, directed=directed, weighted=weighted)
    n = len(nodes)
    rows, cols = permutation_cells(n, directed=is_directed)
    yv = mats["y"][rows, cols]
    pred = list(named)
    cols_x = [mats[k][rows, cols] for k in pred]
    names = (("intercept",) if intercept else ()) + tuple(pred)
    design = np.column_stack(([np.ones(len(yv))] if intercept else []) + cols_x)
    m, p = design.shape
    dof = m - p
    if dof < 1 or np.linalg.matrix_rank(design) < p:
        msg = "the predictors are collinear (or constant) or too few cells for the model"
        raise StructureError(msg)
    xtx_inv = np.linalg.inv(design.T @ design)
    beta = xtx_inv @ (design.T @ yv)
    resid = yv - design @ beta
    rss = float(resid @ resid)
    se = np.sqrt(rss / dof * np.diag(xtx_inv))
    t = beta / se
    tss = float(np.sum((yv - yv.mean()) ** 2)) if intercept else float(yv @ yv)
    r2 = 1.0 - rss / tss if tss > 0 else float("nan")
    adj_r2 = 1.0 - (1.0 - r2) * (m - (1 if intercept else 0)) / dof
    tested = np.arange(1 if intercept else 0, p)
    chunks = spawn_chunks(seed, n_permutations)

    if method == "y":
        payload: tuple[Any, ...] = (
            np.ascontiguousarray(mats["y"]).ravel(),
            rows,
            cols,
            n,
            design,
            xtx_inv,
            float(yv @ yv),
            dof,
            tested,
        )
        permuted = run_chunks(_ypermutation_worker, payload, chunks, executor)
    else:
        parts = []
        for k in tested:
            others = np.delete(design, k, axis=1)
            g_inv = np.linalg.inv(others.T @ others) if others.shape[1] else np.zeros((0, 0))
            coef_o = g_inv @ (others.T @ design[:, k]) if others.shape[1] else np.zeros(0)
            e_cells = design[:, k] - others @ coef_o
            e_full = np.zeros((n, n))
            e_full[rows, cols] = e_cells
            if not is_directed:
                e_full[cols, rows] = e_cells
            y_res = yv - others @ (g_inv @ (others.T @ yv)) if others.shape[1] else yv.copy()
            parts.append(
                (
                    e_full.ravel(),
                    others,
                    g_inv,
                    y_res,
                    float(y_res @ y_res),
                    float(e_cells @ e_cells),
                )
            )
        permuted = run_chunks(_dsp_worker, (rows, cols, n, dof, parts), chunks, executor)

    p_two = np.full(p, np.nan)
    p_gt = np.full(p, np.nan)
    p_lt = np.full(p, np.nan)
    for j, k in enumerate(tested):
        p_two[k], p_gt[k], p_lt[k] = _p_values(float(t[k]), permuted[:, j])
    return MRQAPResult(
        names=names,
        coef=beta,
        se=se,
        t=t,
        p_value=p_two,
        p_greater=p_gt,
        p_less=p_lt,
        permuted_t=permuted,
        r_squared=r2,
        adj_r_squared=adj_r2,
        n_obs=m,
        method=method,
        nodes=nodes,
    )
