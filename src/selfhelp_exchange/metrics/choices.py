"""Which self-help options an agency's clients should be able to choose from, by sector.

An agency linked only to twelve-step groups leaves a client who wants a secular programme, or a
family member, without a route. Which options matter depends on whom the agency serves, so the
expected options are set per :class:`~selfhelp_exchange.Sector` and can be overridden.

The default sets are this library's convention, with these reasons:

- ``substance_use``: twelve-step, non-twelve-step and family. Public Health England (2013)
  describes mutual aid for people seeking recovery from alcohol or drug dependence *and* for
  those affected by it (partners, friends, family members), and asks that clients can reach a
  mutual aid programme of their choice; a choice needs more than one approach.
- ``mental_health``: mental-health and family groups: the groups a mental-health centre's
  clients and their families are expected to use (this library's convention; none of the
  sources sets it).
- ``co_occurring`` and ``other``: all four, since the agency serves both fields (SAMHSA's
  co-occurring-disorders guidance describes both mutual self-help groups, usually twelve-step,
  and peer support services) or its field is not known.

References
----------
.. [1] Public Health England (2013). *Facilitating access to mutual aid: three essential stages
   for helping clients access appropriate mutual aid support*. London: PHE.
.. [2] SAMHSA. *Promoting recovery: involving consumers* (co-occurring disorders guidance).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeAlias

import numpy as np
import numpy.typing as npt

from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.exceptions import RecordError
from selfhelp_exchange.vocabulary import Sector

if TYPE_CHECKING:
    from selfhelp_exchange.network import ExchangeNetwork

__all__ = ["CHOICE_OPTIONS", "SECTOR_CHOICES", "Choices", "expected_choices"]

#: The options, in column order: approach twelve-step, approach non-twelve-step, a group with
#: focus mental health or co-occurring, a group with focus family.
CHOICE_OPTIONS: tuple[str, ...] = ("twelve_step", "non_twelve_step", "mental_health", "family")

#: Default expected options per sector (this library's convention; see the module docs).
SECTOR_CHOICES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "mental_health": ("mental_health", "family"),
        "substance_use": ("twelve_step", "non_twelve_step", "family"),
        "co_occurring": CHOICE_OPTIONS,
        "other": CHOICE_OPTIONS,
    }
)

#: What ``choices=`` accepts: None (the defaults), options for every agency, or options per sector.
Choices: TypeAlias = Mapping[str, Iterable[str]] | Iterable[str] | None


def _options(value: Iterable[str], where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    out = []
    for v in value:
        key = str(getattr(v, "value", v))
        if key not in CHOICE_OPTIONS:
            msg = f"{where} names {v!r}, not a choice option (valid: {', '.join(CHOICE_OPTIONS)})"
            raise RecordError(msg)
        out.append(key)
    if not out:
        msg = f"{where} is empty; name at least one of {', '.join(CHOICE_OPTIONS)}"
        raise RecordError(msg)
    return tuple(o for o in CHOICE_OPTIONS if o in out)


def sector_choices(choices: Choices) -> dict[str, tuple[str, ...]]:
    """The expected options per sector value: the defaults updated with ``choices``.

    Raises
    ------
    RecordError
        If ``choices`` names an unknown sector or option, or gives a sector no option.
    """
    table = dict(SECTOR_CHOICES)
    if choices is None:
        return table
    if isinstance(choices, Mapping):
        for sector, opts in choices.items():
            key = str(getattr(sector, "value", sector))
            if key not in table:
                valid = ", ".join(s.value for s in Sector)
                msg = f"choices names sector {sector!r}, not a sector (valid: {valid})"
                raise RecordError(msg)
            table[key] = _options(opts, f"choices[{key!r}]")
        return table
    opts = _options(choices, "choices")
    return dict.fromkeys(table, opts)


@needs_network
def expected_choices(net: ExchangeNetwork, choices: Choices = None) -> npt.NDArray[np.bool_]:
    """An (n_agencies, 4) boolean table: which options each agency is expected to offer.

    Columns follow :data:`CHOICE_OPTIONS`; rows the network's agencies. See the module docs
    for the defaults and ``choices`` for the forms an override takes.

    Raises
    ------
    RecordError
        As :func:`sector_choices`.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> from selfhelp_exchange.metrics.choices import expected_choices
    >>> net = shx.ExchangeNetwork(agencies=[shx.Agency("A", "A", sector="mental_health")])
    >>> expected_choices(net).tolist()
    [[False, False, True, True]]
    >>> expected_choices(net, {"mental_health": ["mental_health"]}).tolist()
    [[False, False, True, False]]
    """
    table = sector_choices(choices)
    rows = {s: [o in opts for o in CHOICE_OPTIONS] for s, opts in table.items()}
    out = np.array([rows[a.sector.value] for a in net.agencies], dtype=bool)
    return out.reshape(len(net.agencies), len(CHOICE_OPTIONS))
