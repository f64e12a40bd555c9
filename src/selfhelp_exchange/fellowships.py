"""Mutual-aid fellowships this library knows: approach, focus and usual facilitation.

A meeting list names a fellowship (``"AA"``, ``"Al-Anon"``, ``"SMART Recovery"``); what the
library needs to know is whether it follows the twelve steps (:class:`~selfhelp_exchange.Approach`),
what it is about (:class:`~selfhelp_exchange.Focus`) and who leads its meetings
(:class:`~selfhelp_exchange.Facilitation`). :data:`FELLOWSHIPS` is that table.

Notes
-----
The table is this library's convention, written from each fellowship's own description of
itself: the twelve-step fellowships adapt the steps of Alcoholics Anonymous; Al-Anon, Alateen,
Nar-Anon and Adult Children of Alcoholics are for families and friends, so their focus is
``family``; SMART Recovery, LifeRing, Women for Sobriety, SOS, Recovery Dharma and Refuge
Recovery are non-twelve-step; DBSA and Recovery International are mental-health peer groups.
Twelve-step meetings are led by members in rotation (SAMHSA's "mutual self-help groups": rotating
leadership); SMART Recovery meetings by trained volunteer facilitators. Where a fellowship's
focus falls outside the library's vocabulary (gambling, eating, co-dependence) or its
facilitation is not settled, the value is None and stays unknown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from selfhelp_exchange.vocabulary import Approach, Facilitation, Focus

__all__ = ["FELLOWSHIPS", "Fellowship", "fellowship_in_text", "lookup_fellowship"]


@attrs.frozen
class Fellowship:
    """One fellowship: its short name, full name, other spellings and where it stands.

    Examples
    --------
    >>> f = lookup_fellowship("Alcoholics Anonymous")
    >>> f.name, f.approach.value, f.focus.value, f.facilitation.value
    ('AA', 'twelve_step', 'substance_use', 'rotating_peers')
    """

    name: str
    full_name: str
    approach: Approach
    focus: Focus | None
    facilitation: Facilitation | None
    aliases: tuple[str, ...] = ()


_T, _N = Approach.TWELVE_STEP, Approach.NON_TWELVE_STEP
_SU, _MH, _CO, _FAM = Focus.SUBSTANCE_USE, Focus.MENTAL_HEALTH, Focus.CO_OCCURRING, Focus.FAMILY
_ROT, _TRAINED = Facilitation.ROTATING_PEERS, Facilitation.TRAINED_PEERS

_ROWS = (
    Fellowship("AA", "Alcoholics Anonymous", _T, _SU, _ROT, ("A.A.",)),
    Fellowship("NA", "Narcotics Anonymous", _T, _SU, _ROT, ("N.A.",)),
    Fellowship("CA", "Cocaine Anonymous", _T, _SU, _ROT, ("C.A.",)),
    Fellowship("CMA", "Crystal Meth Anonymous", _T, _SU, _ROT),
    Fellowship("MA", "Marijuana Anonymous", _T, _SU, _ROT),
    Fellowship("HA", "Heroin Anonymous", _T, _SU, _ROT),
    Fellowship("GA", "Gamblers Anonymous", _T, None, _ROT),
    Fellowship("OA", "Overeaters Anonymous", _T, None, _ROT),
    Fellowship("CoDA", "Co-Dependents Anonymous", _T, None, _ROT),
    Fellowship("EA", "Emotions Anonymous", _T, _MH, _ROT),
    Fellowship("DRA", "Dual Recovery Anonymous", _T, _CO, _ROT),
    Fellowship("DTR", "Double Trouble in Recovery", _T, _CO, _ROT),
    Fellowship("Al-Anon", "Al-Anon Family Groups", _T, _FAM, _ROT, ("Al Anon", "Alanon")),
    Fellowship("Alateen", "Alateen", _T, _FAM, None),
    Fellowship("Nar-Anon", "Nar-Anon Family Groups", _T, _FAM, _ROT, ("Nar Anon", "Naranon")),
    Fellowship("ACA", "Adult Children of Alcoholics", _T, _FAM, _ROT, ("ACoA",)),
    Fellowship("SMART Recovery", "SMART Recovery", _N, _SU, _TRAINED, ("SMART",)),
    Fellowship(
        "SMART Recovery Family & Friends", "SMART Recovery Family & Friends", _N, _FAM, _TRAINED
    ),
    Fellowship("LifeRing", "LifeRing Secular Recovery", _N, _SU, None),
    Fellowship("WFS", "Women for Sobriety", _N, _SU, None),
    Fellowship("SOS", "Secular Organizations for Sobriety", _N, _SU, None),
    Fellowship("Recovery Dharma", "Recovery Dharma", _N, _SU, None),
    Fellowship("Refuge Recovery", "Refuge Recovery", _N, _SU, None),
    Fellowship("DBSA", "Depression and Bipolar Support Alliance", _N, _MH, None),
    Fellowship("Recovery International", "Recovery International", _N, _MH, None),
)

#: The fellowships the library knows, by short name.
FELLOWSHIPS: Mapping[str, Fellowship] = MappingProxyType({f.name: f for f in _ROWS})


def _key(text: str) -> str:
    return " ".join(re.sub(r"[.\-_]", " ", text).casefold().split())


_LOOKUP: dict[str, Fellowship] = {}
for _f in _ROWS:
    for _spelling in (_f.name, _f.full_name, *_f.aliases):
        _LOOKUP.setdefault(_key(_spelling), _f)


def lookup_fellowship(name: str | None) -> Fellowship | None:
    """The fellowship a name or spelling stands for, or None if the table does not hold it.

    Case, dots, hyphens and spacing are ignored: ``"aa"``, ``"A.A."`` and
    ``"Alcoholics Anonymous"`` all give AA.

    Examples
    --------
    >>> lookup_fellowship("a.a.").name, lookup_fellowship("al anon").focus.value
    ('AA', 'family')
    >>> lookup_fellowship("Knitting Circle") is None
    True
    """
    if name is None:
        return None
    return _LOOKUP.get(_key(name))


def _patterns() -> list[tuple[re.Pattern[str], Fellowship]]:
    out = []
    for f in _ROWS:
        # full names anywhere (any case); short names only as whole upper-case words, so "NA"
        # in "Napanee" or "ca" in "Canada" do not count
        out.append((re.compile(rf"(?i)\b{re.escape(f.full_name)}\b"), f))
        for short in (f.name, *f.aliases):
            if short.isupper() or "." in short:
                out.append((re.compile(rf"(?<![\w.]){re.escape(short)}(?![\w])"), f))
            else:
                out.append((re.compile(rf"(?i)\b{re.escape(short)}\b"), f))
    return out


_PATTERNS = _patterns()


def fellowship_in_text(text: str | None) -> Fellowship | None:
    """The one fellowship a text (a service body's name) names, or None if none or several.

    Examples
    --------
    >>> fellowship_in_text("Quinte District Intergroup of Alcoholics Anonymous").name
    'AA'
    >>> fellowship_in_text("District 123 AA").name
    'AA'
    >>> fellowship_in_text("District 123") is None
    True
    >>> fellowship_in_text("Napanee Area Committee") is None
    True
    >>> fellowship_in_text("SMART Recovery Family & Friends of Ohio").focus.value
    'family'
    """
    if not text:
        return None
    found = {f.name: f for pattern, f in _PATTERNS if pattern.search(text)}
    # "SMART Recovery Family & Friends" also contains "SMART Recovery": keep the longer name
    found = {
        name: f
        for name, f in found.items()
        if not any(
            g is not f and f.full_name.casefold() in g.full_name.casefold() for g in found.values()
        )
    }
    if len(found) == 1:
        return next(iter(found.values()))
    return None
