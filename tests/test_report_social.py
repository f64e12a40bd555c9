"""The report's social-integration section: activities shown, people never named, small cells."""

from __future__ import annotations

import re

import pandas as pd

import selfhelp_exchange as shx


def _section(html: str) -> str:
    m = re.search(r'<section id="social">.*?</section>', html, re.DOTALL)
    assert m is not None
    return m.group(0)


def test_activities_are_listed() -> None:
    s = _section(shx.build_report(shx.load_example("riverside")))
    assert "Riverside Valley Recovery Learning Community" in s
    assert "support meetings, education, social events, advocacy, wellness" in s
    assert "Personal networks" not in s  # none given


def test_personal_networks_never_name_people() -> None:
    pn = shx.load_personal_networks_example()
    html = shx.build_report(
        shx.load_example("riverside"),
        personal_networks=pn,
        personal_networks_by="rlc_participant",
    )
    s = _section(html)
    assert "Personal networks of 48 people" in s
    ids = set(pn.alters["ego_id"]) | set(pn.alters["alter_id"])
    for person in ids:
        assert not re.search(rf"\b{re.escape(person)}\b", html), person
    # counts of people per wave and per group only as bands
    assert "11 or more" in s
    assert re.search(r"<td[^>]*>24</td>", s) is None


def _small(n_egos: int, n_small_group: int) -> shx.PersonalNetworks:
    rows = []
    for k in range(n_egos):
        for wave, rel in (("t0", "family"), ("t1", "peer")):
            rows.append({"ego_id": f"e{k}", "wave": wave, "alter_id": "a", "relation": rel})
    egos = pd.DataFrame(
        {
            "ego_id": [f"e{k}" for k in range(n_egos)],
            "rlc": [k < n_small_group for k in range(n_egos)],
        }
    )
    return shx.personal_networks(pd.DataFrame(rows), egos=egos)


def test_fewer_people_than_the_threshold_shows_nothing() -> None:
    s = _section(shx.build_report(shx.load_example("riverside"), personal_networks=_small(10, 0)))
    assert "fewer than 11 people: nothing about them is shown" in s
    assert "mean" not in s


def test_small_groups_are_left_out() -> None:
    s = _section(
        shx.build_report(
            shx.load_example("riverside"),
            personal_networks=_small(30, 4),
            personal_networks_by="rlc",
        )
    )
    assert "Groups of fewer than 11 people are left out" in s
    rows = re.findall(r"<tr><td[^>]*>(True|False)</td>", s)
    assert set(rows) == {"False"}
