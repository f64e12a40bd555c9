r"""The local mutual-aid self-assessment: items, ratings, section summaries and an action plan.

Public Health England published, with its guidance *Facilitating access to mutual aid* (2013),
a mutual aid self-assessment tool for local authority partnerships: to understand what mutual
aid is available locally, to find the gaps, to bring out the barriers to overcome, and to build
from it a local action plan so that every client has the opportunity and encouragement to join a
mutual-aid programme of their choice; commissioners are to lead it, with treatment providers,
service-user representatives and, where possible, local mutual-aid groups [1]_.

**Where the items come from.** This library could not read the items of PHE's tool itself (only
its stated purpose, above, and the guidance's account of the active approach: keyworkers
holding explicit, structured conversations, services promoting and hosting local meetings,
care-planned goals about attending and engaging [1]_). The sections and items below are this
library's, built on those stated aims; each item's ``source`` says which aim it serves, or
that it is this library's own. They are not PHE's wording and must not be reported as PHE's
items.

Items the data can answer are **computed** from the network (exchanges, groups, initiatives,
observations) and from :func:`~selfhelp_exchange.availability`, and say so and from what; the
rest are **answered** by the evaluator (``yes``, ``partly``, ``no``, ``unknown``, with evidence)
in the ``self_assessment`` sheet of the evaluator workbook. The computed items read the network
directly, not the scorecard's text, so they keep their meaning whatever the scorecard shows.

**Rating rules** (this library's convention). A computed item looks at the units it is about
(the substance-use providers, every agency, the joint initiatives): *met* when every unit
meets it, *partly met* when some do, *not met* when none does, *unknown* when there is no such
unit in the data. An answered item is *met* for ``yes``, *partly met* for ``partly``, *not met*
for ``no`` and *unknown* for ``unknown`` or no answer. A section's score is
:math:`(n_{met} + \tfrac12 n_{partly}) / (n_{met} + n_{partly} + n_{not})`, over its rated
items (unknown ones left out and counted); the section is *met* when every rated item is met,
*not met* when none is met or partly met, *partly met* otherwise.

**The action plan** lists every item not met, partly met or unknown (in that order): what would
meet it, who in the network is placed to act (named agencies for a computed item; the
commissioner and the providers for an answered one), and blank owner and due-date columns for
the partnership to fill in.

References
----------
.. [1] Public Health England (2013). *Facilitating access to mutual aid: three essential stages
   for helping clients access appropriate mutual aid support*, and its supplement *Mutual aid
   self-assessment tool: a brief user guide* (PHE publications gateway 2013366). London: PHE.
.. [2] Powell, T. J., & Perron, B. E. (2010). Self-help groups and mental health/substance use
   agencies: the benefits of organizational exchange. *Substance Use & Misuse*, 45(3), 315-329.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange._deprecate import renamed_argument
from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.availability import DEFAULT_RADIUS_M, availability
from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.exceptions import DataFileError, Problem
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.selfassessment_items import (
    ACTIVE_ROUTES,
    ITEMS,
    SECTIONS,
    Answer,
    AssessmentItem,
    ItemAnswer,
    Rating,
)
from selfhelp_exchange.vocabulary import Approach, Focus, GroupType, Sector, Theory

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ACTIVE_ROUTES",
    "ITEMS",
    "SECTIONS",
    "Answer",
    "AssessmentItem",
    "ItemAnswer",
    "Rating",
    "SelfAssessment",
    "self_assessment",
]


_BY_ID = {item.id: item for item in ITEMS}
_SECTION_TITLE = dict(SECTIONS)
_PROVIDER_SECTORS = (Sector.SUBSTANCE_USE, Sector.CO_OCCURRING)


# ---------------------------------------------------------------------- computed findings
@attrs.frozen
class _Finding:
    rating: Rating
    finding: str
    placed: str


class _View:
    """What the computed items read, built once with numpy from the network's arrays."""

    def __init__(self, net: ExchangeNetwork, radius_m: float) -> None:
        self.net = net
        self.radius_m = radius_m
        na, ng = net.n_agencies, net.n_groups
        self.na, self.ng = na, ng
        x = net.arrays
        src, tgt = x.source.astype(np.intp), x.target.astype(np.intp)
        src_is_a, tgt_is_a = src < na, tgt < na
        src_is_g = (src >= na) & (src < na + ng)
        tgt_is_g = (tgt >= na) & (tgt < na + ng)
        a_to_g = src_is_a & tgt_is_g
        g_to_a = src_is_g & tgt_is_a
        pair = a_to_g | g_to_a
        self.agency = np.where(src_is_a, src, tgt)[pair]
        self.group = np.where(src_is_g, src, tgt)[pair] - na
        self.kind = x.kind[pair].astype(np.intp)
        self.a_to_g = a_to_g[pair]
        self.providers = [i for i, a in enumerate(net.agencies) if a.sector in _PROVIDER_SECTORS]
        self.group_approach = np.array(
            [g.approach.value if g.approach else "" for g in net.groups], dtype=object
        )

    def kinds_mask(self, kinds: tuple[ExchangeKind, ...]) -> npt.NDArray[np.bool_]:
        return np.isin(self.kind, [k.code for k in kinds])

    def agency_has(self, mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
        out = np.zeros(self.na, dtype=bool)
        out[self.agency[mask]] = True
        return out

    def name(self, i: int) -> str:
        a = self.net.agencies[i]
        return f"{a.name} ({a.id})"


def _share_rating(ok: list[bool]) -> Rating:
    if not ok:
        return Rating.UNKNOWN
    if all(ok):
        return Rating.MET
    return Rating.PARTLY_MET if any(ok) else Rating.NOT_MET


def _over(
    v: _View, units: list[int], ok: npt.NDArray[np.bool_], what: str, unit_word: str
) -> _Finding:
    """The finding for a per-agency test: how many of ``units`` pass, and who is placed."""
    if not units:
        return _Finding(Rating.UNKNOWN, f"no {unit_word} in the data", "")
    passing = [bool(ok[i]) for i in units]
    lacking = [v.name(i) for i, p in zip(units, passing, strict=True) if not p]
    plural = "agencies" if unit_word == "agency" else f"{unit_word}s"
    finding = f"{sum(passing)} of {len(units)} {plural} {what}"
    return _Finding(_share_rating(passing), finding, "; ".join(lacking))


def _av1(v: _View) -> _Finding:
    su = {Focus.SUBSTANCE_USE, Focus.CO_OCCURRING}
    have = {
        g.approach
        for g in v.net.groups
        if g.focus in su and g.approach in (Approach.TWELVE_STEP, Approach.NON_TWELVE_STEP)
    }
    missing = [
        a.value.replace("_", "-")
        for a in (Approach.TWELVE_STEP, Approach.NON_TWELVE_STEP)
        if a not in have
    ]
    rating = _share_rating([a not in missing for a in ("twelve-step", "non-twelve-step")])
    finding = (
        "both approaches are recorded"
        if not missing
        else f"no {' or '.join(missing)} group for substance use is recorded"
    )
    placed = "" if not missing else "the commissioner, with the providers"
    return _Finding(rating, finding, placed)


def _av2(v: _View) -> _Finding:
    active = v.kinds_mask(ACTIVE_ROUTES)
    twelve = active & (v.group_approach[v.group] == Approach.TWELVE_STEP.value)
    other = active & (v.group_approach[v.group] == Approach.NON_TWELVE_STEP.value)
    has_t, has_o = v.agency_has(twelve), v.agency_has(other)
    units = v.providers
    if not units:
        return _Finding(Rating.UNKNOWN, "no substance-use provider in the data", "")
    passing = [bool(has_t[i] and has_o[i]) for i in units]
    lacking = []
    for i, p in zip(units, passing, strict=True):
        if not p:
            gaps = [
                w for w, h in (("twelve-step", has_t[i]), ("non-twelve-step", has_o[i])) if not h
            ]
            lacking.append(f"{v.name(i)}: no active route to a {' or '.join(gaps)} group")
    finding = f"{sum(passing)} of {len(units)} substance-use providers have active routes to both"
    return _Finding(_share_rating(passing), finding, "; ".join(lacking))


def _av3(v: _View) -> _Finding:
    units = v.providers
    if not units:
        return _Finding(Rating.UNKNOWN, "no substance-use provider in the data", "")
    table = availability(v.net, radius_m=v.radius_m)
    passing: list[bool] = []
    lacking: list[str] = []
    unknown: list[str] = []
    for i in units:
        row = table.loc[v.net.agencies[i].id]
        if not bool(row["has_coordinates"]):
            unknown.append(v.name(i))
            continue
        ok = not bool(row["no_evening_meeting"]) and not bool(row["no_weekend_meeting"])
        passing.append(ok)
        if not ok:
            gaps = [
                w
                for w, c in (("evening", "no_evening_meeting"), ("weekend", "no_weekend_meeting"))
                if bool(row[c])
            ]
            lacking.append(
                f"{v.name(i)}: no {' or '.join(gaps)} meeting within {v.radius_m / 1000:g} km"
            )
    finding = f"{sum(passing)} of {len(passing)} located substance-use providers have both within {v.radius_m / 1000:g} km"
    if unknown:
        finding += f"; {len(unknown)} without a location: {', '.join(unknown)}"
    return _Finding(_share_rating(passing), finding, "; ".join(lacking))


def _per_provider(
    kinds: tuple[ExchangeKind, ...],
    what: str,
    *,
    to_group: bool | None = None,
    mutual_help: bool = False,
) -> Callable[[_View], _Finding]:
    def compute(v: _View) -> _Finding:
        mask = v.kinds_mask(kinds)
        if to_group is not None:
            mask &= v.a_to_g == to_group
        if mutual_help:
            mh = np.array(
                [g.group_type is GroupType.MUTUAL_HELP for g in v.net.groups], dtype=bool
            )
            mask &= mh[v.group] if len(v.group) else mask
        return _over(v, v.providers, v.agency_has(mask), what, "substance-use provider")

    return compute


def _fa1(v: _View) -> _Finding:
    family = [j for j, g in enumerate(v.net.groups) if g.focus is Focus.FAMILY]
    if not family:
        return _Finding(
            Rating.NOT_MET, "no family group is recorded", "the commissioner, with the providers"
        )
    linked = set(v.group.tolist())
    ok = [j in linked for j in family]
    names = [v.net.groups[j].name for j, k in zip(family, ok, strict=True) if not k]
    finding = f"{sum(ok)} of {len(family)} family groups have an exchange with an agency"
    rating = Rating.MET if any(ok) else Rating.PARTLY_MET
    placed = "" if any(ok) else "the providers, with " + ", ".join(names)
    return _Finding(rating, finding, placed)


def _pa1(v: _View) -> _Finding:
    ok = np.zeros(v.na, dtype=bool)
    if len(v.agency):
        key = v.agency * max(v.ng, 1) + v.group
        out_pairs = set(key[v.a_to_g].tolist())
        in_pairs = set(key[~v.a_to_g].tolist())
        for k in out_pairs & in_pairs:
            ok[k // max(v.ng, 1)] = True
    return _over(v, list(range(v.na)), ok, "have a two-way relationship with a group", "agency")


def _pa2(v: _View) -> _Finding:
    ok = v.agency_has(v.kinds_mask((ExchangeKind.BOARD_SEAT,)))
    return _over(v, list(range(v.na)), ok, "have a group member on the board", "agency")


def _pa4(v: _View) -> _Finding:
    a_idx, _, _ = v.net.joint_initiative_pairs()
    ok = np.zeros(v.na, dtype=bool)
    ok[np.asarray(a_idx, dtype=np.intp)] = True
    return _over(v, list(range(v.na)), ok, "co-sponsor a joint initiative with a group", "agency")


def _ba1(v: _View) -> _Finding:
    adaptational = np.array([k.theory is Theory.ADAPTATIONAL for k in ExchangeKind], dtype=bool)
    ok = v.agency_has(adaptational[v.kind] if len(v.kind) else np.zeros(0, bool))
    return _over(v, list(range(v.na)), ok, "have an adaptational exchange with a group", "agency")


def _mo2(v: _View) -> _Finding:
    n = v.net.n_exchanges
    if n == 0:
        return _Finding(Rating.UNKNOWN, "no exchanges in the data", "")
    dated = int((~np.isnat(v.net.arrays.start)).sum())
    rating = _share_rating([True] * dated + [False] * (n - dated))
    return _Finding(
        rating,
        f"{dated} of {n} exchanges have a start date",
        "" if dated == n else "whoever keeps the data",
    )


def _mo3(v: _View) -> _Finding:
    from selfhelp_exchange.outcomes import DEFAULT_OUTCOME_WINDOW_DAYS, joint_initiatives

    joint = joint_initiatives(v.net)
    if not joint:
        return _Finding(Rating.UNKNOWN, "no dated joint initiative in the data", "")
    w = dt.timedelta(days=DEFAULT_OUTCOME_WINDOW_DAYS)
    ok = []
    for k in joint:
        ini = v.net.initiatives[k]
        reached = {*ini.sponsors, *ini.audiences}
        t = ini.date
        assert t is not None  # joint_initiatives keeps dated ones only
        before = {
            o.subject for o in v.net.observations if o.subject in reached and t - w <= o.date < t
        }
        after = {
            o.subject for o in v.net.observations if o.subject in reached and t < o.date <= t + w
        }
        ok.append(bool(before & after))
    missing = [v.net.initiatives[k].id for k, good in zip(joint, ok, strict=True) if not good]
    finding = f"{sum(ok)} of {len(ok)} dated joint initiatives have a reached subject observed before and after"
    placed = "" if not missing else "the sponsors of " + ", ".join(missing)
    return _Finding(_share_rating(ok), finding, placed)


_COMPUTE: dict[str, Callable[[_View], _Finding]] = {
    "AV1": _av1,
    "AV2": _av2,
    "AV3": _av3,
    "KP1": _per_provider((ExchangeKind.FACILITATED_INTRODUCTION,), "make facilitated introductions"),
    "KP4": _per_provider((ExchangeKind.STAFF_EDUCATION,), "have staff education from members"),
    "HP1": _per_provider((ExchangeKind.MEETING_SPACE,), "host a mutual-help meeting", to_group=True, mutual_help=True),
    "HP2": _per_provider((ExchangeKind.IN_REACH,), "receive members' in-reach"),
    "FA1": _fa1,
    "PA1": _pa1,
    "PA2": _pa2,
    "PA3": _per_provider((ExchangeKind.PEER_BRIDGING,), "have members bridging clients to meetings"),
    "PA4": _pa4,
    "BA1": _ba1,
    "MO2": _mo2,
    "MO3": _mo3,
}  # fmt: skip

_ANSWER_RATING = {
    Answer.YES: Rating.MET,
    Answer.PARTLY: Rating.PARTLY_MET,
    Answer.NO: Rating.NOT_MET,
    Answer.UNKNOWN: Rating.UNKNOWN,
}
_PLAN_ORDER = {Rating.NOT_MET: 1, Rating.PARTLY_MET: 2, Rating.UNKNOWN: 3}


# ---------------------------------------------------------------------- result
@attrs.frozen(repr=False)
class SelfAssessment:
    """The result of :func:`self_assessment`.

    Attributes
    ----------
    items : pandas.DataFrame
        One row per item: ``item``, ``section``, ``question``, ``how`` (``computed`` or
        ``answered``), ``computed_from``, ``answer``, ``rating``, ``finding``, ``evidence``,
        ``placed_to_act``, ``source``.
    sections : pandas.DataFrame
        One row per section: ``section``, ``title``, ``n_items``, ``met``, ``partly_met``,
        ``not_met``, ``unknown``, ``score``, ``rating``.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> sa = shx.self_assessment(shx.load_example("riverside"))
    >>> sa.sections["section"].tolist()[:2]
    ['availability', 'active_approach']
    >>> sa.action_plan()[["owner", "due"]].eq("").all().all()
    np.True_
    """

    items: pd.DataFrame = attrs.field(eq=False)
    sections: pd.DataFrame = attrs.field(eq=False)

    def __repr__(self) -> str:
        counts = self.items["rating"].value_counts()
        parts = ", ".join(f"{int(counts.get(r.value, 0))} {r.value}" for r in Rating)
        n_plan = int(self.items["rating"].isin([r.value for r in _PLAN_ORDER]).sum())
        return (
            f"SelfAssessment({len(self.items)} items in {len(self.sections)} sections: {parts}; "
            f"{n_plan} actions)"
        )

    def to_frame(self) -> pd.DataFrame:
        """Every item with its rating (a copy of :attr:`items`)."""
        return self.items.copy()

    def action_plan(self) -> pd.DataFrame:
        """What is unmet, what would meet it, who is placed to act; owner and due left blank.

        Columns: ``priority`` (1 not met, 2 partly met, 3 unknown: find out), ``section``,
        ``item``, ``question``, ``rating``, ``finding``, ``what_would_meet_it``,
        ``placed_to_act``, ``owner``, ``due``.
        """
        import pandas as pd

        rows = self.items[self.items["rating"].isin([r.value for r in _PLAN_ORDER])]
        meets = {i.id: i.meets for i in ITEMS}
        plan = pd.DataFrame(
            {
                "priority": [_PLAN_ORDER[Rating(r)] for r in rows["rating"]],
                "section": rows["section"].map(_SECTION_TITLE).to_numpy(),
                "item": rows["item"].to_numpy(),
                "question": rows["question"].to_numpy(),
                "rating": rows["rating"].to_numpy(),
                "finding": rows["finding"].to_numpy(),
                "what_would_meet_it": [
                    meets[i] if r != Rating.UNKNOWN.value else f"Find out and answer: {meets[i]}"
                    for i, r in zip(rows["item"], rows["rating"], strict=True)
                ],
                "placed_to_act": rows["placed_to_act"].to_numpy(),
                "owner": "",
                "due": "",
            }
        )
        return plan.sort_values("priority", kind="stable").reset_index(drop=True)


def _coerce_answers(answers: Mapping[str, Any] | None) -> dict[str, ItemAnswer]:
    problems: list[Problem] = []
    out: dict[str, ItemAnswer] = {}
    valid = ", ".join(i.id for i in ITEMS if not i.computed)
    for key, raw in (answers or {}).items():
        item = _BY_ID.get(key)
        if item is None:
            problems.append(
                Problem(
                    f"{key!r} is not a self-assessment item (answered items: {valid})",
                    column="item_id",
                    value=key,
                )
            )
            continue
        value: Any = raw
        if isinstance(raw, ItemAnswer):
            ans = raw
        else:
            evidence = None
            if isinstance(raw, tuple):
                value, evidence = raw if len(raw) == 2 else (raw, None)
            try:
                ans = ItemAnswer(value, evidence)
            except ValueError:
                problems.append(
                    Problem(
                        f"item {key}: {value!r} is not an answer (valid: yes, partly, no, unknown)",
                        column="answer",
                        value=value,
                    )
                )
                continue
        if item.computed and ans.answer is not None:
            problems.append(
                Problem(
                    f"item {key} is computed from the data ({item.computed_from}); leave its "
                    "answer empty (evidence is kept as a note)",
                    column="answer",
                    value=ans.answer.value,
                )
            )
            continue
        out[key] = ans
    if problems:
        raise DataFileError(problems, header="the self-assessment answers cannot be used")
    return out


@renamed_argument("radius_km", "radius_m", factor=1000.0)
@needs_network
def self_assessment(
    net: ExchangeNetwork,
    answers: Mapping[str, Any] | None = None,
    *,
    radius_m: float = DEFAULT_RADIUS_M,
) -> SelfAssessment:
    """The local mutual-aid self-assessment: every item rated, sections summarised.

    Parameters
    ----------
    net : ExchangeNetwork
        The local system: computed items are read from it.
    answers : mapping, optional
        Item id to an answer for the answered items: ``"yes"``, ``"partly"``, ``"no"``,
        ``"unknown"``, a pair ``(answer, evidence)``, or an :class:`ItemAnswer` (as
        :func:`~selfhelp_exchange.read_self_assessment` returns them). Items not given are
        unknown. An :class:`ItemAnswer` with no answer may carry evidence for a computed item.
    radius_m : float
        Reach in metres for the availability item AV3 (default
        :data:`~selfhelp_exchange.availability.DEFAULT_RADIUS_M`, 10,000 m). ``radius_km=``
        still works in this release (with a ``FutureWarning``; the value is taken in km).

    Returns
    -------
    SelfAssessment
        ``.to_frame()`` the items, ``.sections`` the summaries, ``.action_plan()`` the plan.

    Raises
    ------
    DataFileError
        Listing every answer naming an unknown item, holding an invalid answer, or answering
        a computed item.

    Notes
    -----
    See the module documentation for where the items come from, the rating rules and the
    section score :math:`(n_{met} + n_{partly}/2) / n_{rated}`.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.load_example("riverside")
    >>> sa = shx.self_assessment(net, {"KP2": ("partly", "audit of 20 case files")})
    >>> sa.to_frame().set_index("item").loc["KP2", "rating"]
    'partly met'
    >>> sa.to_frame().set_index("item").loc["AV2", "how"]
    'computed'
    """
    import pandas as pd

    given = _coerce_answers(answers)
    view = _View(net, radius_m)
    rows = []
    for item in ITEMS:
        ans = given.get(item.id, ItemAnswer())
        if item.computed:
            f = _COMPUTE[item.id](view)
            rating, finding, placed, answer = f.rating, f.finding, f.placed, ""
        else:
            answer = ans.answer.value if ans.answer is not None else ""
            rating = _ANSWER_RATING[ans.answer] if ans.answer is not None else Rating.UNKNOWN
            finding = (
                f"the evaluator answered {ans.answer.value!r}"
                if ans.answer is not None
                else "not answered"
            )
            placed = (
                ""
                if rating is Rating.MET
                else "the commissioner, with the providers"
                + (f" ({', '.join(a.name for a in net.agencies)})" if net.agencies else "")
            )
        rows.append(
            {
                "item": item.id,
                "section": item.section,
                "question": item.text,
                "how": "computed" if item.computed else "answered",
                "computed_from": item.computed_from or "",
                "answer": answer,
                "rating": rating.value,
                "finding": finding,
                "evidence": ans.evidence or "",
                "placed_to_act": placed,
                "source": item.source,
            }
        )
    items = pd.DataFrame(rows)
    summaries = []
    for key, title in SECTIONS:
        r = items.loc[items["section"] == key, "rating"]
        met = int((r == Rating.MET.value).sum())
        partly = int((r == Rating.PARTLY_MET.value).sum())
        not_met = int((r == Rating.NOT_MET.value).sum())
        rated = met + partly + not_met
        score = (met + 0.5 * partly) / rated if rated else float("nan")
        if not rated:
            rating = Rating.UNKNOWN
        elif met == rated:
            rating = Rating.MET
        elif met + partly == 0:
            rating = Rating.NOT_MET
        else:
            rating = Rating.PARTLY_MET
        summaries.append(
            {
                "section": key,
                "title": title,
                "n_items": len(r),
                "met": met,
                "partly_met": partly,
                "not_met": not_met,
                "unknown": len(r) - rated,
                "score": score,
                "rating": rating.value,
            }
        )
    return SelfAssessment(items=items, sections=pd.DataFrame(summaries))
