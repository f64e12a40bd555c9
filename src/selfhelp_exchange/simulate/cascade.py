"""The client-level cascade at each agency, vectorized over clients.

:func:`agency_links` reads, from the network's adaptational exchanges, what each agency can offer
its clients; :func:`run_cascade` moves every client of every agency through the five steps for
one run, with numpy over clients (the only Python loop is over agencies, to give each its own
random stream).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange._needs import needs_network
from selfhelp_exchange._repr import headline_repr
from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.network import NODE_TYPE_CODES, ExchangeNetwork
from selfhelp_exchange.network_arrays import KIND_ADAPTATIONAL, ROLE_CODES
from selfhelp_exchange.simulate.parameters import STAGES, CascadeParameters, SimulationError
from selfhelp_exchange.vocabulary import Approach, NodeType, Role

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FACILITATED",
    "PASSIVE",
    "AgencyLinks",
    "StrategyMask",
    "agency_links",
    "agency_seed",
    "normalize_strategy",
    "run_cascade",
]

PASSIVE = "passive"
FACILITATED = "facilitated"
_N_UNIFORMS = 7  # one per step, the group choice, the approach preference
_INFORMED, _INTRODUCED, _FIRST, _ENGAGED, _FOLLOW = range(5)
_PRACTITIONERS = ROLE_CODES[Role.PRACTITIONERS]
_PEER_KINDS = (ExchangeKind.PEER_BRIDGING.code, ExchangeKind.IN_REACH.code)
_FITS_NON_TWELVE_STEP = (Approach.NON_TWELVE_STEP, Approach.OTHER)
_STYLES = ("peer", "directive", "motivational", "hosted")

#: For each stage, whether the keyworker facilitates it (True) or refers passively (False).
StrategyMask = tuple[bool, bool, bool, bool, bool]


def normalize_strategy(strategy: str | Mapping[str, str]) -> tuple[str, StrategyMask]:
    """A strategy's label and its per-stage mask.

    Parameters
    ----------
    strategy : {"passive", "facilitated"} or mapping
        A whole strategy, or a mapping from stage name to ``"passive"`` / ``"facilitated"``
        (stages left out are passive): PHE's stages can be adopted one at a time.

    Returns
    -------
    label : str
        ``"passive"``, ``"facilitated"``, or ``"facilitated:<stages>"`` for a custom one.
    mask : tuple of 5 bool

    Raises
    ------
    SimulationError
        For an unknown strategy or stage name.

    Examples
    --------
    >>> normalize_strategy({"informed": "facilitated", "follow_up": "facilitated"})
    ('facilitated:informed+follow_up', (True, False, False, False, True))
    """
    return _normalize(strategy)


def _normalize(strategy: object) -> tuple[str, StrategyMask]:
    valid = (PASSIVE, FACILITATED)
    if isinstance(strategy, str):
        if strategy not in valid:
            msg = f"strategy must be 'passive', 'facilitated' or a mapping of stage to one of them (got {strategy!r})"
            raise SimulationError(msg)
        flag = strategy == FACILITATED
        return strategy, (flag, flag, flag, flag, flag)
    if not isinstance(strategy, Mapping):
        msg = f"strategy must be a string or a mapping of stage to strategy (got {type(strategy).__name__})"
        raise SimulationError(msg)
    unknown = sorted(set(strategy) - set(STAGES))
    if unknown:
        msg = f"unknown stage(s) {unknown} in strategy (valid: {', '.join(STAGES)})"
        raise SimulationError(msg)
    bad = {k: v for k, v in strategy.items() if v not in valid}
    if bad:
        msg = f"each stage's strategy must be 'passive' or 'facilitated' (got {bad})"
        raise SimulationError(msg)
    m = tuple(strategy.get(s, PASSIVE) == FACILITATED for s in STAGES)
    mask: StrategyMask = (m[0], m[1], m[2], m[3], m[4])
    if all(mask):
        return FACILITATED, mask
    if not any(mask):
        return PASSIVE, mask
    return FACILITATED + ":" + "+".join(s for s, f in zip(STAGES, mask, strict=True) if f), mask


@attrs.frozen(eq=False)
class AgencyLinks:
    """What each agency of a network can offer its clients, read from adaptational exchanges.

    Linked pairs (agency, group) are in CSR form: the groups of agency ``a`` are the pairs
    ``pair_ptr[a]:pair_ptr[a+1]``. The candidate lists give, for agency ``a`` and choice rule
    ``r`` (bit 0: the client wants a non-twelve-step group; bit 1: the keyworker steers to groups
    with a facilitation channel), the pairs a client may choose: ``cand_pair[cand_ptr[4a+r]:
    cand_ptr[4a+r+1]]``.

    Attributes
    ----------
    agency_ids : tuple of str
    group_ids : tuple of str
    pair_ptr : ndarray of int64, shape (n_agencies + 1,)
    pair_group : ndarray of int32
        Group ordinal (position in ``group_ids``) of each linked pair.
    practitioner_channel, peer_channel, on_site, fits_non_twelve_step : ndarray of bool
        Per pair: a ``facilitated_introduction`` exchange; a ``peer_bridging`` or ``in_reach``
        exchange; a ``meeting_space`` exchange; the group's approach is ``non_twelve_step`` or
        ``other``.
    practitioner_link : ndarray of bool, shape (n_agencies,)
        The agency's practitioners have at least one adaptational exchange with some group.
    cand_ptr, cand_pair : ndarray of int64

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.ExchangeNetwork(
    ...     agencies=[shx.Agency("A1", "Clinic"), shx.Agency("A2", "Hospital")],
    ...     groups=[shx.SelfHelpGroup("G1", "AA", "mutual_help")],
    ...     exchanges=[shx.Exchange("A1", "G1", "meeting_space")])
    >>> links = shx.simulate.agency_links(net)
    >>> links.n_agencies, links.linked.tolist(), links.pair_ptr.tolist()
    (2, [True, False], [0, 1, 1])
    >>> links.on_site.tolist(), links.practitioner_link.tolist()
    ([True], [False, False])
    """

    agency_ids: tuple[str, ...]
    group_ids: tuple[str, ...]
    pair_ptr: npt.NDArray[np.int64]
    pair_group: npt.NDArray[np.int32]
    practitioner_channel: npt.NDArray[np.bool_]
    peer_channel: npt.NDArray[np.bool_]
    on_site: npt.NDArray[np.bool_]
    fits_non_twelve_step: npt.NDArray[np.bool_]
    practitioner_link: npt.NDArray[np.bool_]
    cand_ptr: npt.NDArray[np.int64]
    cand_pair: npt.NDArray[np.int64]

    def __repr__(self) -> str:
        return headline_repr(
            type(self).__name__,
            {
                "n_agencies": self.n_agencies,
                "n_groups": len(self.group_ids),
                "n_pairs": len(self.pair_group),
                "linked_agencies": int(self.linked.sum()),
                "practitioner_channels": int(self.practitioner_channel.sum()),
                "peer_channels": int(self.peer_channel.sum()),
                "on_site": int(self.on_site.sum()),
            },
        )

    @property
    def n_agencies(self) -> int:
        """Number of agencies."""
        return len(self.agency_ids)

    def to_frame(self) -> pd.DataFrame:
        """One row per linked (agency, group) pair and what the pair offers.

        Columns ``agency_id``, ``group_id``, ``practitioner_channel``, ``peer_channel``,
        ``on_site`` and ``fits_non_twelve_step``.

        Examples
        --------
        >>> import selfhelp_exchange as shx
        >>> links = shx.simulate.agency_links(shx.load_example("riverside"))
        >>> links.to_frame().columns.tolist()[:3]
        ['agency_id', 'group_id', 'practitioner_channel']
        """
        import pandas as pd

        counts = np.diff(self.pair_ptr)
        return pd.DataFrame(
            {
                "agency_id": np.repeat(np.array(self.agency_ids, dtype=object), counts),
                "group_id": np.array(self.group_ids, dtype=object)[self.pair_group],
                "practitioner_channel": self.practitioner_channel,
                "peer_channel": self.peer_channel,
                "on_site": self.on_site,
                "fits_non_twelve_step": self.fits_non_twelve_step,
            }
        )

    @property
    def linked(self) -> npt.NDArray[np.bool_]:
        """Whether each agency is linked to at least one group."""
        return np.diff(self.pair_ptr) > 0


@needs_network
def agency_links(net: ExchangeNetwork) -> AgencyLinks:
    """Read each agency's links to groups from the network's adaptational exchanges.

    Parameters
    ----------
    net : ExchangeNetwork

    Returns
    -------
    AgencyLinks

    Notes
    -----
    An agency and a group are *linked* when any adaptational exchange joins them, in either
    direction, touching any subunit. Channels are read in either direction too: a
    ``facilitated_introduction`` gives the practitioner channel, ``peer_bridging`` or
    ``in_reach`` the peer channel, ``meeting_space`` an on-site meeting. Exchange dates are
    ignored; restrict the network first with :meth:`ExchangeNetwork.window`.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.ExchangeNetwork(
    ...     agencies=[shx.Agency("A1", "Agency")],
    ...     groups=[shx.SelfHelpGroup("G1", "AA", "mutual_help", approach="twelve_step"),
    ...             shx.SelfHelpGroup("G2", "SMART", "mutual_help", approach="non_twelve_step")],
    ...     exchanges=[shx.Exchange(("A1", "practitioners"), "G1", "facilitated_introduction"),
    ...                shx.Exchange("G2", ("A1", "clients"), "peer_bridging")])
    >>> links = agency_links(net)
    >>> links.pair_group.tolist(), links.practitioner_channel.tolist(), links.peer_channel.tolist()
    ([0, 1], [True, False], [False, True])
    """
    x = net.arrays
    n_a, n_g = net.n_agencies, net.n_groups
    nt = net.node_type
    agency_code, group_code = NODE_TYPE_CODES[NodeType.AGENCY], NODE_TYPE_CODES[NodeType.GROUP]
    s_type, t_type = nt[x.source], nt[x.target]
    forward = (s_type == agency_code) & (t_type == group_code)
    backward = (s_type == group_code) & (t_type == agency_code)
    keep = (forward | backward) & KIND_ADAPTATIONAL[x.kind]
    src_role, tgt_role = x.effective_roles()
    fwd = forward[keep]
    agency = np.where(fwd, x.source[keep], x.target[keep]).astype(np.int64)
    group = np.where(fwd, x.target[keep], x.source[keep]).astype(np.int64) - n_a
    role = np.where(fwd, src_role[keep], tgt_role[keep])
    kind = x.kind[keep]

    practitioner_link = np.zeros(n_a, dtype=bool)
    practitioner_link[agency[role == _PRACTITIONERS]] = True

    pairs, inverse = np.unique(agency * max(n_g, 1) + group, return_inverse=True)
    inverse = inverse.reshape(-1)
    pair_agency = pairs // max(n_g, 1)
    pair_group = (pairs % max(n_g, 1)).astype(np.int32)
    n_pairs = len(pairs)

    def flag(mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
        out = np.zeros(n_pairs, dtype=bool)
        out[inverse[mask]] = True
        return out

    practitioner_channel = flag(kind == ExchangeKind.FACILITATED_INTRODUCTION.code)
    peer_channel = flag(np.isin(kind, _PEER_KINDS))
    on_site = flag(kind == ExchangeKind.MEETING_SPACE.code)
    group_fits = np.array([g.approach in _FITS_NON_TWELVE_STEP for g in net.groups], dtype=bool)
    fits = group_fits[pair_group] if n_pairs else np.zeros(0, dtype=bool)
    pair_ptr = np.zeros(n_a + 1, dtype=np.int64)
    np.cumsum(np.bincount(pair_agency, minlength=n_a), out=pair_ptr[1:])

    channel = practitioner_channel | peer_channel
    cand_keys, cand_pairs = [], []
    for rule in range(4):
        wants_other, steered = bool(rule & 1), bool(rule & 2)
        # Preference first: a client chooses among the groups that fit, if the agency has any.
        member = fits if wants_other else np.ones(n_pairs, dtype=bool)
        member = member | ~_any_by_agency(member, pair_agency, n_a)[pair_agency]
        if steered:
            # The keyworker steers to the fitting groups it can introduce the client to.
            steer = member & channel
            member = steer | (member & ~_any_by_agency(steer, pair_agency, n_a)[pair_agency])
        chosen = np.flatnonzero(member)
        cand_keys.append(pair_agency[chosen] * 4 + rule)
        cand_pairs.append(chosen)
    keys = np.concatenate(cand_keys)
    cand = np.concatenate(cand_pairs).astype(np.int64)
    order = np.argsort(keys, kind="stable")
    cand_ptr = np.zeros(4 * n_a + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys, minlength=4 * n_a), out=cand_ptr[1:])
    return AgencyLinks(
        agency_ids=tuple(a.id for a in net.agencies),
        group_ids=tuple(g.id for g in net.groups),
        pair_ptr=pair_ptr,
        pair_group=pair_group,
        practitioner_channel=practitioner_channel,
        peer_channel=peer_channel,
        on_site=on_site,
        fits_non_twelve_step=fits,
        practitioner_link=practitioner_link,
        cand_ptr=cand_ptr,
        cand_pair=cand[order],
    )


def _any_by_agency(
    mask: npt.NDArray[np.bool_], pair_agency: npt.NDArray[np.int64], n_a: int
) -> npt.NDArray[np.bool_]:
    return np.bincount(pair_agency[mask], minlength=n_a) > 0


def agency_seed(
    entropy: int | Sequence[int], run_key: tuple[int, ...], agency_id: str
) -> np.random.SeedSequence:
    """The seed of one agency's clients in one run.

    Keyed by the agency's id, not its position, so an agency draws the same random numbers in
    every strategy and every scenario network of the same run (common random numbers).
    """
    digest = hashlib.blake2b(agency_id.encode("utf-8"), digest_size=8).digest()
    return np.random.SeedSequence(entropy, spawn_key=(*run_key, int.from_bytes(digest, "big")))


def s_rates(
    facilitated: npt.NDArray[np.bool_], peer: npt.NDArray[np.bool_], stage: int
) -> npt.NDArray[np.int8]:
    """Rate-set index per client at a facilitated stage: 0 passive, 1 facilitated, 2 peer.

    The peer set never applies to ``informed`` (a peer channel is used once the client is told).
    """
    rate_set = facilitated.astype(np.int8)
    if stage != _INFORMED:
        rate_set += facilitated & peer
    return rate_set


def run_cascade(
    links: AgencyLinks,
    parameters: CascadeParameters,
    mask: StrategyMask,
    clients: npt.NDArray[np.int64],
    entropy: int | Sequence[int],
    run_key: tuple[int, ...],
    style: str = "peer",
) -> npt.NDArray[np.int64]:
    """One run of the cascade at every agency.

    Parameters
    ----------
    links : AgencyLinks
    parameters : CascadeParameters
    mask : tuple of 5 bool
        Per stage, whether the keyworker facilitates it (see :func:`normalize_strategy`).
    clients : ndarray of int64, shape (n_agencies,)
        Clients per agency.
    entropy, run_key
        The run's seed: :func:`agency_seed` derives each agency's stream from them.
    style : {"peer", "directive", "motivational", "hosted"}
        How the keyworker facilitates the facilitated stages (see below).

    Returns
    -------
    ndarray of int64, shape (n_agencies, 5)
        Clients of each agency reaching each stage.

    Notes
    -----
    For client *i* of agency *a* with uniform draws :math:`u_0..u_6`:

    * facilitation applies at stage *s* when the strategy facilitates *s* and the agency's
      practitioners have some link to a group (``practitioner_link``); else passive rates;
    * the client wants a non-twelve-step group when :math:`u_6 <` ``non_twelve_step_preference``;
      they choose uniformly (:math:`u_5`) among the agency's linked groups that fit that wish
      (all linked groups if none fits); where ``introduced`` is facilitated and the chosen
      group has neither a practitioner or peer channel nor a meeting on site, the keyworker
      steers the client (same :math:`u_5`) to one of the fitting groups with a channel (if
      any), so steering never lowers a client's chance;
    * a step succeeds when :math:`u_s < p_s`. At a facilitated stage :math:`p_s = p^0_s + f
      (p^1_s - p^0_s)`: :math:`p^0` the passive rate, :math:`p^1` the peer rate if the chosen
      group has a peer channel and the style is ``peer``, else the facilitated rate, and
      :math:`f` the style's factor: 1 for ``peer`` and ``directive``, ``motivational_effect``
      for ``motivational``, and for ``hosted`` ``hosted_effect`` when the chosen group meets at
      the agency (0 otherwise). The facilitated ``introduced`` step needs a channel to the
      chosen group (practitioner introduction; or a peer channel for ``peer``; or an on-site
      meeting for ``hosted``), else the passive rate applies; ``introduced`` is at least
      ``on_site_introduced`` when the chosen group meets at the agency, and 0 when the agency
      is linked to no group; ``engaged`` is multiplied by ``mismatch_engagement_factor`` when
      the client's wish could not be met;
    * the first four steps are nested; ``follow_up`` (:math:`u_4`) succeeds with the
      ``follow_up`` rate after a first meeting and with ``later_attendance`` for an informed
      client without one.

    Because the draws depend only on the run, the agency and the client's position, two
    strategies of the same run differ only through the probabilities.

    Examples
    --------
    >>> import numpy as np
    >>> import selfhelp_exchange as shx
    >>> from selfhelp_exchange.simulate import CascadeParameters, agency_links, run_cascade
    >>> net = shx.ExchangeNetwork(
    ...     agencies=[shx.Agency("A1", "Agency")],
    ...     groups=[shx.SelfHelpGroup("G1", "AA", "mutual_help")],
    ...     exchanges=[shx.Exchange(("A1", "practitioners"), "G1", "facilitated_introduction")])
    >>> facilitate_all = (True, True, True, True, True)
    >>> counts = run_cascade(agency_links(net), CascadeParameters(), facilitate_all,
    ...                      np.array([1000]), entropy=1, run_key=(0,))
    >>> counts.shape, int(counts[0, 0])  # everyone is told
    ((1, 5), 1000)
    >>> bool(np.all(np.diff(counts[0, :4]) <= 0))  # nested up to 'engaged'
    True
    >>> bool(counts[0, 4] <= counts[0, 0])  # attending later: anyone informed
    True
    """
    n_a = links.n_agencies
    clients = np.asarray(clients, dtype=np.int64)
    total = int(clients.sum())
    u = np.empty((_N_UNIFORMS, total))
    offsets = np.concatenate(([0], np.cumsum(clients)))
    for a in np.flatnonzero(clients):
        rng = np.random.Generator(
            np.random.PCG64(agency_seed(entropy, run_key, links.agency_ids[a]))
        )
        for row in u:  # fill in place: no temporary block per agency
            rng.random(out=row[offsets[a] : offsets[a + 1]])
    agency = np.repeat(np.arange(n_a), clients)

    can_facilitate = links.practitioner_link[agency]
    wants_other = u[6] < parameters.non_twelve_step_preference
    key = agency * 4 + wants_other
    lo = links.cand_ptr[key]
    size = links.cand_ptr[key + 1] - lo
    has_choice = size > 0
    # One code per linked pair (bit 0 peer channel, 1 practitioner channel, 2 on site, 3 fits a
    # non-twelve-step wish), and a last entry 0 for a client with no group to choose.
    n_pairs = len(links.pair_group)
    pair_code = np.zeros(n_pairs + 1, dtype=np.int8)
    pair_code[:n_pairs] = (
        links.peer_channel
        | links.practitioner_channel << 1
        | links.on_site << 2
        | links.fits_non_twelve_step << 3
    )
    cand = np.append(links.cand_pair, n_pairs)

    def choose(lo: npt.NDArray[np.int64], size: npt.NDArray[np.int64]) -> npt.NDArray[np.int8]:
        pick = lo + np.minimum((u[5] * size).astype(np.int64), np.maximum(size - 1, 0))
        return pair_code[np.where(size > 0, cand[pick], n_pairs)]

    code = choose(lo, size)
    if mask[_INTRODUCED]:
        # The keyworker steers a client away from a group it has no way in to (no channel, no
        # meeting on site) towards one it can introduce them to; a client who chose a group
        # with a channel or an on-site meeting keeps it, so steering never lowers a chance.
        steer = can_facilitate & ((code & 7) == 0)
        key2 = key + 2
        lo2 = links.cand_ptr[key2]
        code = np.where(steer, choose(lo2, links.cand_ptr[key2 + 1] - lo2), code)
    peer = (code & 1).astype(bool)
    practitioner = (code & 2) > 0
    on_site = (code & 4) > 0
    unmet = wants_other & ((code & 8) == 0)
    if style not in _STYLES:
        msg = f"unknown style {style!r} (valid: {', '.join(_STYLES)})"
        raise SimulationError(msg)
    if style == "peer":
        channel = practitioner | peer
    elif style == "hosted":
        channel = on_site
    else:
        channel = practitioner
    if style == "motivational":
        factor: npt.NDArray[np.float64] | float = parameters.motivational_effect
    elif style == "hosted":
        factor = on_site.astype(np.float64) * parameters.hosted_effect
    else:
        factor = 1.0

    # Rate set per client and stage: 0 passive, 1 facilitated, 2 peer (see the Notes).
    r = parameters.rates()
    facilitated_peer = can_facilitate & peer & (style == "peer")
    prob = np.empty((5, total))
    for s in range(5):
        if not mask[s]:
            prob[s] = r[0, s]
            continue
        rate_set = can_facilitate & channel if s == _INTRODUCED else can_facilitate
        target = r[s_rates(rate_set, facilitated_peer, s), s]
        prob[s] = r[0, s] + factor * (target - r[0, s])
    np.maximum(prob[_INTRODUCED], on_site * parameters.on_site_introduced, out=prob[_INTRODUCED])
    prob[_INTRODUCED] *= has_choice
    prob[_ENGAGED] *= 1.0 - unmet * (1.0 - parameters.mismatch_engagement_factor)

    # How far each client gets along the four nested steps: one depth per client says it all.
    alive = np.ones(total, dtype=bool)
    depth = np.zeros(total, dtype=np.int64)
    first = np.zeros(total, dtype=bool)
    for s in range(_FOLLOW):
        alive &= u[s] < prob[s]
        depth += alive
        if s == _FIRST:
            first = alive.copy()
    informed = depth > 0
    # Attending after the episode: after a first meeting at the follow-up rate, or later
    # without one (Manning et al. 2012: 20% of those who did not go during the stay).
    follow = np.where(first, u[_FOLLOW] < prob[_FOLLOW], u[_FOLLOW] < parameters.later_attendance)
    follow &= informed
    at_depth = np.bincount(agency * 5 + depth, minlength=n_a * 5).reshape(n_a, 5)
    counts = np.empty((n_a, 5), dtype=np.int64)
    # clients reaching nested stage s = those whose depth is s + 1 or more
    counts[:, :_FOLLOW] = np.cumsum(at_depth[:, ::-1], axis=1)[:, ::-1][:, 1:]
    counts[:, _FOLLOW] = np.bincount(agency[follow], minlength=n_a)
    return counts
