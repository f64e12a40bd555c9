"""A readable plain-text summary of an exchange network: what is in it, at a glance.

The summary counts; it does not score. Linkage metrics (Powell & Perron 2010) live in
:mod:`selfhelp_exchange.metrics`; this is what ``selfhelp-exchange summary`` prints so a reader
can check that a data file holds what they think it holds.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.network import NO_ROLE, NODE_TYPE_CODES, ExchangeNetwork
from selfhelp_exchange.network_arrays import KIND_ROLE
from selfhelp_exchange.vocabulary import (
    ROLE_ORDER,
    ActorKind,
    Approach,
    Focus,
    GroupType,
    InitiativeKind,
    NodeType,
    Sector,
    Theory,
)

__all__ = ["summarize"]

_AGENCY = NODE_TYPE_CODES[NodeType.AGENCY]
_GROUP = NODE_TYPE_CODES[NodeType.GROUP]
_KINDS: tuple[ExchangeKind, ...] = tuple(ExchangeKind)
#: Groups named per agency in the linked-groups section; the count is always complete.
_LISTED = 12


@needs_network
def summarize(net: ExchangeNetwork, *, title: str | None = None) -> str:
    """A plain-text summary of a network: counts of what it holds, and who is linked to whom.

    Parameters
    ----------
    net : ExchangeNetwork
        The network to describe.
    title : str, optional
        A first line, underlined (e.g. the data set's name).

    Returns
    -------
    str
        Several short sections, each a small aligned table:

        - agencies by sector; groups by type, approach and focus; actors by kind (every category
          of the vocabulary is listed, zeros included, so a gap shows; ``unknown`` counts fields
          left empty);
        - exchanges by kind, with each kind's theory and the subunit it touches, the number of
          exchanges and their summed weight; the ``joint_initiative`` line counts the
          agency-group sponsor pairs derived from initiatives;
        - exchanges by theory and by subunit touched (an exchange with an agency end touches its
          kind's subunit; one between two non-agencies touches none);
        - the date range of exchanges and initiatives, with the undated and open-ended ones;
        - initiatives: how many are joint (at least one agency and one group among the sponsors,
          the institutional exchange of Powell & Perron 2010), how many by agencies or groups
          alone, and by kind;
        - for each agency, the groups it has any exchange with (either direction); the first 12
          are named, the count is always complete.

    Notes
    -----
    Counting runs on :attr:`ExchangeNetwork.arrays` with :func:`numpy.bincount` and
    :func:`numpy.unique`; no Python loop over exchanges.

    References
    ----------
    .. [1] Powell, T. J., & Perron, B. E. (2010). Self-help groups and mental health/substance
       use agencies: the benefits of organizational exchange. *Substance Use & Misuse*, 45(3),
       315-329.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.ExchangeNetwork(
    ...     agencies=[shx.Agency("A1", "Riverside Counselling", sector="mental_health")],
    ...     groups=[shx.SelfHelpGroup("G1", "Tuesday AA", "mutual_help", fellowship="AA",
    ...                               approach="twelve_step")],
    ...     exchanges=[shx.Exchange(("A1", shx.Role.PRACTITIONERS), "G1", "referral", weight=4,
    ...                             start="2024-01-01", end="2024-03-31")],
    ... )
    >>> text = summarize(net, title="Example")
    >>> print(text.splitlines()[2])
    1 agencies, 1 self-help groups, 0 community actors, 1 exchanges, 0 initiatives
    >>> next(line for line in text.splitlines() if line.lstrip().startswith("referral")).split()
    ['referral', 'adaptational', 'practitioners', '1', '4']
    >>> print(text.splitlines()[-1])
      A1  Riverside Counselling (mental_health): 1 group: G1
    """
    lines: list[str] = []
    if title:
        lines += [title, "=" * len(title)]
    lines.append(
        f"{net.n_agencies} agencies, {net.n_groups} self-help groups, "
        f"{len(net.actors)} community actors, {net.n_exchanges} exchanges, "
        f"{len(net.initiatives)} initiatives"
    )
    lines += _section("Agencies by sector", _enum_counts(Sector, [a.sector for a in net.agencies]))
    lines += _section(
        "Self-help groups by type", _enum_counts(GroupType, [g.group_type for g in net.groups])
    )
    lines += _section(
        "Self-help groups by approach", _enum_counts(Approach, [g.approach for g in net.groups])
    )
    lines += _section(
        "Self-help groups by focus", _enum_counts(Focus, [g.focus for g in net.groups])
    )
    lines += _section(
        "Community actors by kind", _enum_counts(ActorKind, [a.kind for a in net.actors])
    )
    lines += _exchange_sections(net)
    lines += _date_section(net)
    lines += _initiative_section(net)
    lines += _linked_groups_section(net)
    return "\n".join(lines)


# ---------------------------------------------------------------------------- helpers
def _fmt_number(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def _table(rows: Sequence[Sequence[str]], header: Sequence[str] | None = None) -> list[str]:
    """Rows as aligned text: the first columns left-aligned, number-like last ones right."""
    all_rows = [list(header)] if header else []
    all_rows += [list(r) for r in rows]
    if not all_rows:
        return []
    ncol = max(len(r) for r in all_rows)
    for r in all_rows:
        r.extend([""] * (ncol - len(r)))
    widths = [max(len(r[c]) for r in all_rows) for c in range(ncol)]
    numeric = [
        c > 0 and all(_is_number(r[c]) for r in rows if r[c] != "") and any(r[c] for r in rows)
        for c in range(ncol)
    ]
    out = []
    for r in all_rows:
        cells = [
            r[c].rjust(widths[c]) if numeric[c] else r[c].ljust(widths[c]) for c in range(ncol)
        ]
        out.append(("  " + "  ".join(cells)).rstrip())
    return out


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def _section(heading: str, rows: Sequence[Sequence[str]]) -> list[str]:
    return ["", heading, *(_table(rows) or ["  (none)"])]


def _enum_counts(cls: type[enum.Enum], values: Sequence[enum.Enum | None]) -> list[list[str]]:
    """Counts of each member of ``cls`` among ``values`` (None counted as unknown)."""
    members = list(cls)
    position = {m: i for i, m in enumerate(members)}
    codes = np.array([len(members) if v is None else position[v] for v in values], dtype=np.int64)
    counts = np.bincount(codes, minlength=len(members) + 1)
    rows = [[str(m.value), str(int(c))] for m, c in zip(members, counts, strict=False)]
    if counts[len(members)]:
        rows.append(["unknown", str(int(counts[len(members)]))])
    return rows


def _exchange_sections(net: ExchangeNetwork) -> list[str]:
    x = net.arrays
    nk = len(_KINDS)
    n_by_kind = np.bincount(x.kind.astype(np.int64), minlength=nk)
    w_by_kind = np.bincount(x.kind.astype(np.int64), weights=x.weight, minlength=nk)
    a_idx, _, _ = net.joint_initiative_pairs()
    joint = ExchangeKind.JOINT_INITIATIVE.code
    n_by_kind[joint] = len(a_idx)  # recorded exchanges never hold this kind: it is derived
    w_by_kind[joint] = float(len(a_idx))
    rows = []
    for k in _KINDS:
        label = f"{k.value} (derived)" if k is ExchangeKind.JOINT_INITIATIVE else k.value
        rows.append(
            [
                label,
                k.theory.value,
                k.role.value if k.role else "agency",
                str(int(n_by_kind[k.code])),
                _fmt_number(float(w_by_kind[k.code])),
            ]
        )
    out = ["", "Exchanges by kind"]
    out += _table(rows, header=["kind", "theory", "subunit", "exchanges", "weight"])

    theory_rows = []
    for th in Theory:
        is_th = np.array([k.theory is th for k in _KINDS])
        recorded = int(n_by_kind[is_th].sum()) - (len(a_idx) if is_th[joint] else 0)
        derived = len(a_idx) if is_th[joint] else 0
        theory_rows.append([th.value, str(recorded), str(derived)])
    out += ["", "Exchanges by theory"]
    out += _table(theory_rows, header=["theory", "recorded", "derived from initiatives"])

    # an exchange with an agency end touches its kind's subunit (a named subunit must equal it)
    ntype = net.node_type
    has_agency = (ntype[x.source] == _AGENCY) | (ntype[x.target] == _AGENCY)
    touched = np.where(has_agency, KIND_ROLE[x.kind], NO_ROLE).astype(np.int64)
    by_role = np.bincount(touched + 1, minlength=len(ROLE_ORDER) + 1)
    role_rows = [[r.value, str(int(by_role[i + 1]))] for i, r in enumerate(ROLE_ORDER)]
    if by_role[0]:
        role_rows.append(["none (no agency end)", str(int(by_role[0]))])
    out += ["", "Exchanges by agency subunit touched"]
    out += _table(role_rows)
    return out


def _date_range(*arrays: npt.NDArray[np.datetime64]) -> str | None:
    values = np.concatenate([a[~np.isnat(a)] for a in arrays]) if arrays else np.array([])
    if values.size == 0:
        return None
    return f"{values.min()} to {values.max()}"


def _date_section(net: ExchangeNetwork) -> list[str]:
    x = net.arrays
    undated = np.isnat(x.start) & np.isnat(x.end)
    open_ended = ~np.isnat(x.start) & np.isnat(x.end)
    span = _date_range(x.start, x.end)
    rows = [
        ["exchanges", span or "no dates"],
        ["  dated", str(int((~undated).sum()))],
        ["  undated", str(int(undated.sum()))],
        ["  open-ended (a start, no end)", str(int(open_ended.sum()))],
    ]
    idate = net.initiative_arrays.date
    rows += [
        ["initiatives", _date_range(idate) or "no dates"],
        ["  undated", str(int(np.isnat(idate).sum()))],
    ]
    return ["", "Dates", *_table(rows)]


def _initiative_section(net: ExchangeNetwork) -> list[str]:
    ia = net.initiative_arrays
    n = len(ia.date)
    if n == 0:
        return ["", "Initiatives", "  (none)"]
    sponsor_type = net.node_type[ia.sponsor_node]
    ini = ia.sponsor_initiative
    has_agency = np.bincount(ini[sponsor_type == _AGENCY], minlength=n) > 0
    has_group = np.bincount(ini[sponsor_type == _GROUP], minlength=n) > 0
    joint = has_agency & has_group
    rows = [
        ["initiatives", str(n)],
        ["joint (agency and group sponsors)", str(int(joint.sum()))],
        ["agencies alone", str(int((has_agency & ~has_group).sum()))],
        ["groups alone", str(int((has_group & ~has_agency).sum()))],
    ]
    kinds = _enum_counts(InitiativeKind, [i.kind for i in net.initiatives])
    joint_kinds = _enum_counts(
        InitiativeKind, [i.kind for i, j in zip(net.initiatives, joint, strict=True) if j]
    )
    kind_rows = [
        [k[0], k[1], j[1]] for k, j in zip(kinds, joint_kinds, strict=True) if k[1] != "0"
    ]
    return [
        "",
        "Initiatives",
        *_table(rows),
        "",
        "Initiatives by kind",
        *_table(kind_rows, header=["kind", "all", "joint"]),
    ]


def _linked_groups_section(net: ExchangeNetwork) -> list[str]:
    out = ["", "Groups linked to each agency (any exchange, either direction)"]
    if net.n_agencies == 0:
        return [*out, "  (no agencies)"]
    x = net.arrays
    ntype = net.node_type
    src_ag, tgt_ag = ntype[x.source] == _AGENCY, ntype[x.target] == _AGENCY
    src_gr, tgt_gr = ntype[x.source] == _GROUP, ntype[x.target] == _GROUP
    ag_gr, gr_ag = src_ag & tgt_gr, src_gr & tgt_ag
    agency = np.concatenate([x.source[ag_gr], x.target[gr_ag]]).astype(np.int64)
    group = np.concatenate([x.target[ag_gr], x.source[gr_ag]]).astype(np.int64)
    n_nodes = len(net.node_ids)
    pairs = np.unique(agency * n_nodes + group)  # sorted by agency, then group (node order)
    p_agency, p_group = pairs // n_nodes, pairs % n_nodes
    counts = np.bincount(p_agency, minlength=net.n_agencies)
    bounds = np.concatenate([[0], np.cumsum(counts)])
    rows = []
    for i, a in enumerate(net.agencies):
        linked = net.node_ids[p_group[bounds[i] : bounds[i + 1]]].tolist()
        n = len(linked)
        listing = ", ".join(linked[:_LISTED]) if linked else "none"
        if n > _LISTED:
            listing += f", ... and {n - _LISTED} more"
        rows.append(
            [a.id, f"{a.name} ({a.sector.value}): {n} group{'s' if n != 1 else ''}: {listing}"]
        )
    return [*out, *_table(rows)]
