"""What both table formats share in the adversarial suite: counting the records a file holds."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange.io._schema import TABLES
from tests.adversarial.inputs import date_texts, json_texts, numbers, text_values


def records_read(net: shx.ExchangeNetwork) -> dict[str, int]:
    """How many rows of each table the network holds."""
    return {
        "agencies": len(net.agencies),
        "groups": len(net.groups),
        "group_locations": sum(len(g.locations) for g in net.groups),
        "meetings": sum(len(g.meetings) for g in net.groups),
        "actors": len(net.actors),
        "exchanges": net.n_exchanges,
        "initiatives": len(net.initiatives),
        "initiative_sponsors": sum(len(i.sponsors) for i in net.initiatives),
        "initiative_audiences": sum(len(i.audiences) for i in net.initiatives),
        "observations": len(net.observations),
    }


#: Tables whose rows the network does not hold: the evaluator's self-assessment answers, read
#: by read_self_assessment (tests/test_selfassessment.py checks that reader).
NOT_NETWORK = frozenset({"self_assessment"})


def is_blank(cell: str) -> bool:
    """A cell the reader treats as empty: nothing, or white space only."""
    return cell == "" or cell.isspace()


def data_rows(rows: Sequence[Sequence[str]]) -> int:
    """Rows after the header with any cell filled (blank rows are skipped by the reader)."""
    return sum(1 for row in rows[1:] if not all(is_blank(c) for c in row))


def check_accounts_for(
    net: shx.ExchangeNetwork, tables: Mapping[str, Sequence[Sequence[str]]]
) -> None:
    """No record lost: every non-blank row of every table became a record."""
    check_counts(net, {table: data_rows(rows) for table, rows in tables.items()})


def check_counts(net: shx.ExchangeNetwork, counts: Mapping[str, int]) -> None:
    """Each table's records are all in the network (an absent table has none)."""
    got = records_read(net)
    for table in TABLES:
        if table in NOT_NETWORK:
            continue
        assert got[table] == counts.get(table, 0), (table, got[table], counts.get(table, 0))


table_names = st.sampled_from(list(TABLES))


@st.composite
def headers(draw: st.DrawFn, table: str) -> list[str]:
    """A header row: real columns (some left out, repeated, re-cased or padded) and junk."""
    names = [c.name for c in TABLES[table]]
    chosen = draw(st.lists(st.sampled_from(names), max_size=len(names) + 2))
    required = [c.name for c in TABLES[table] if c.required]
    if draw(st.booleans()):  # most headers carry the required columns
        chosen = required + [c for c in chosen if c not in required]
    out = []
    for name in chosen:
        style = draw(st.sampled_from(["plain", "plain", "plain", "upper", "padded"]))
        out.append(
            {"plain": name, "upper": name.upper(), "padded": f" {name} "}[style]
            if style != "plain"
            else name
        )
    if draw(st.integers(0, 4)) == 0:
        out.insert(draw(st.integers(0, len(out))), draw(text_values | st.just("")))
    return out


#: A cell as a spreadsheet user might type it, or worse.
cells = st.one_of(
    text_values,
    numbers.map(str),
    date_texts,
    json_texts,
    st.sampled_from(["", " ", "A1", "G1", "referral", "mutual_help", "other", "monday", "19:30"]),
)


@st.composite
def tables(draw: st.DrawFn) -> dict[str, list[list[str]]]:
    """A few tables of arbitrary cells, under plausible or broken headers."""
    out = {}
    for table in draw(st.lists(table_names, min_size=1, max_size=3, unique=True)):
        header = draw(headers(table))
        width = len(header)
        rows = draw(st.lists(st.lists(cells, min_size=width, max_size=width), max_size=5))
        out[table] = [header, *rows]
    return out


@st.composite
def damaged_cells(
    draw: st.DrawFn, rows: dict[str, list[list[str]]], filled: list[str]
) -> dict[str, list[list[str]]]:
    """Tables with one to three data cells (in the tables that have rows) replaced."""
    out = {name: [list(r) for r in table] for name, table in rows.items()}
    for _ in range(draw(st.integers(1, 3))):
        table = out[draw(st.sampled_from(filled))]
        row = table[draw(st.integers(1, len(table) - 1))]
        if row:
            row[draw(st.integers(0, len(row) - 1))] = draw(cells)
    return out
